"""Clause citations and their stable anchors on the policy pages.

This module is the one place where the anchor scheme is defined. A clause is cited as it is
numbered in the document (``四（二）``, ``三（三）4``, ``（十二）``, ``第三条（一）``); its anchor
on the page ``policies/<policy-id>/`` is plain ASCII:

==================  ================  =============================================
numbering           example           anchor part
==================  ================  =============================================
``一、``            ``四``            ``s4``   (a top-level section)
``（二）``          ``四（二）``      ``-2``   appended to the section
``1.``              ``三（三）4``     ``-4``   appended again (an item)
``(1)``             ``…1(1)``         ``-1``   appended again (a sub-item)
``（十二）`` alone  ``（十二）``      ``p12``  sub-clauses numbered across sections
``第一章``          ``第一章``        ``c1``   (a chapter)
``第二节``          ``第一章第二节``  ``c1-2`` (a section of a chapter; ``sec2`` alone)
``第十二条``        ``第十二条``      ``a12``  (an article: numbered across the whole
                                               document, so without its chapter)
``（一）``, ``1.``  ``第三条（一）2`` ``a3-1-2`` items of an article, appended as above
``附件1``           ``附件1``         ``annex1`` (one of several numbered attachments)
``附件1…``          ``附件2第三条``   ``annex2-a3`` a clause inside a numbered attachment
``附表2``           ``附表2``         ``form2``
==================  ================  =============================================

So ``四（二）`` → ``s4-2``, ``三（三）4`` → ``s3-3-4``, ``三（一）1(1)`` → ``s3-1-1-1``,
``（十二）`` → ``p12``, ``第一百零一条`` → ``a101``, ``第三条（一）`` → ``a3-1``
(``第三条第（一）项`` is the same item), ``第二章`` → ``c2`` and ``附表1`` → ``form1``.
Chinese numerals go up to 九百九十九. A few unnumbered parts have named anchors:
``通知`` → ``notice`` (the notice that carries a plan), ``附件`` → ``plan`` (a single,
unnumbered attachment: clauses inside it are cited without a prefix), ``结尾`` → ``closing``
(a closing paragraph after the last section) and ``落款`` → ``signoff`` (the date line that
ends a document).
"""

from __future__ import annotations

import re
from functools import lru_cache

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL = "[一二三四五六七八九十百零〇]+"
NAMED = {"通知": "notice", "附件": "plan", "结尾": "closing", "落款": "signoff"}

_TOKEN = re.compile(
    rf"(?P<top>^{CN_NUMERAL})、?"
    rf"|[（(](?P<sub>{CN_NUMERAL})[）)]"
    r"|[（(](?P<subitem>\d+)[）)]"
    r"|(?P<item>\d+)[.．、]?"
)
_CHAPTER = re.compile(rf"第(?P<chapter>{CN_NUMERAL})章(?:第(?P<section>{CN_NUMERAL})节)?")
_SECTION = re.compile(rf"第(?P<section>{CN_NUMERAL})节")
_ARTICLE = re.compile(rf"第(?P<article>{CN_NUMERAL})条")
_ANNEX = re.compile(r"附件\s*(?P<annex>\d+)")
# ``第三条第（一）项`` cites the same item as ``第三条（一）``.
_ITEM_WORDS = re.compile(r"第([（(][^）)]+[）)]|\d+)项")


def _digit(char: str) -> int:
    """Value of one Chinese digit; ``ValueError`` for anything else."""
    if char not in _DIGITS:
        raise ValueError(f"not a Chinese numeral: {char!r}")
    return _DIGITS[char]


def cn_int(numeral: str) -> int:
    """Value of a Chinese numeral from 一 to 九百九十九 (``十二`` → 12, ``一百零一`` → 101)."""
    value = 0
    rest = numeral
    if "百" in numeral:
        hundreds, _, rest = numeral.partition("百")
        if len(hundreds) != 1:
            raise ValueError(f"not a Chinese numeral: {numeral!r}")
        value = _digit(hundreds) * 100
        if rest[:1] in ("零", "〇"):  # 一百零一: the 零 marks the missing tens
            rest = rest[1:]
            if len(rest) != 1:
                raise ValueError(f"not a Chinese numeral: {numeral!r}")
    if "十" in rest:
        tens, _, units = rest.partition("十")
        if len(tens) > 1 or len(units) > 1:
            raise ValueError(f"not a Chinese numeral: {numeral!r}")
        return value + (_digit(tens) if tens else 1) * 10 + (_digit(units) if units else 0)
    if len(rest) > 1 or (not rest and not value):
        raise ValueError(f"not a Chinese numeral: {numeral!r}")
    return value + (_digit(rest) if rest else 0)


def _numbers(clause: str, *, top: bool) -> list[tuple[str, int]]:
    """The numbering tokens of ``clause`` in order, as (kind, value); ``ValueError`` if any is left over."""
    parts: list[tuple[str, int]] = []
    pos = 0
    for match in _TOKEN.finditer(clause):
        if match.start() != pos:
            break
        kind = match.lastgroup or ""
        if kind == "top" and not top:
            break
        pos = match.end()
        value = match.group(kind)
        parts.append((kind, cn_int(value) if kind in ("top", "sub") else int(value)))
    if pos != len(clause):
        raise ValueError(f"not a clause number: {clause!r}")
    return parts


def anchor(clause: str) -> str:
    """The page anchor (without ``#``) of a clause as numbered in its document."""
    clause = clause.strip()
    if clause in NAMED:
        return NAMED[clause]
    form = re.fullmatch(r"附表\s*(\d+)", clause)
    if form:
        return f"form{form.group(1)}"
    try:
        if annex := _ANNEX.match(clause):
            rest = clause[annex.end() :].strip()
            return f"annex{int(annex.group('annex'))}" + (f"-{anchor(rest)}" if rest else "")
        if chapter := _CHAPTER.fullmatch(clause):
            section = chapter.group("section")
            return f"c{cn_int(chapter.group('chapter'))}" + (f"-{cn_int(section)}" if section else "")
        if section := _SECTION.fullmatch(clause):
            return f"sec{cn_int(section.group('section'))}"
        if article := _ARTICLE.match(clause):
            rest = _ITEM_WORDS.sub(r"\1", clause[article.end() :])
            items = [str(value) for _, value in _numbers(rest, top=False)]
            return "-".join([f"a{cn_int(article.group('article'))}", *items])
        parts = _numbers(clause, top=True)
    except (ValueError, KeyError) as error:
        raise ValueError(f"not a clause number: {clause!r}") from error
    if not parts:
        raise ValueError(f"not a clause number: {clause!r}")
    kind, first = parts[0]
    head = f"p{first}" if kind == "sub" else f"s{first}"
    return "-".join([head, *(str(value) for _, value in parts[1:])])


# A clause of another policy than the estimator's, qualified by its policy id: the matcher (policy
# "all", which has no page) asks for the national plan's categories, 二（一） of national-guarantee.
_QUALIFIED = re.compile(r"(?P<policy>[a-z][a-z0-9]*(?:-[a-z0-9]+)*) (?P<clause>\S.*)")


def resolve(policy_id: str, clause: str) -> tuple[str, str]:
    """The policy and the clause a field or a step cites.

    ``("all", "national-guarantee 二（一）")`` → ``("national-guarantee", "二（一）")``; a plain
    clause stays with ``policy_id``.
    """
    qualified = _QUALIFIED.fullmatch(clause.strip()) if clause else None
    return (qualified["policy"], qualified["clause"]) if qualified else (policy_id, clause)


@lru_cache(maxsize=1024)  # a pure function of two strings, called on every step of every row
def cite(policy_id: str, clause: str) -> str:
    """A citation as the trace shows it: ``sanming-ktd 四（二）`` (a qualified clause keeps its own policy)."""
    return "{} {}".format(*resolve(policy_id, clause))


def split_cite(citation: str) -> tuple[str, str]:
    """``"sanming-ktd 四（二）"`` → ``("sanming-ktd", "四（二）")``."""
    policy_id, _, clause = citation.partition(" ")
    return policy_id, clause


def site_address(policy_id: str, clause: str | None = None, *, base: str = "") -> str:
    """A policy page, or a clause on it, as an address of the built site.

    ``policies/sanming-ktd/`` or ``policies/sanming-ktd/#s4-2``, after ``base`` (``"../../"``
    from a calculator page at ``calculators/<id>/``). A clause qualified by its policy
    (``national-guarantee 二（一）``, :func:`resolve`) goes to that policy's page. For links in
    raw HTML and in the browser; Markdown links between pages use :func:`source_address`. With
    :func:`source_address`, the only place that writes where a clause lives on the site.
    """
    policy_id, clause = resolve(policy_id, clause) if clause else (policy_id, clause)
    page = f"{base}policies/{policy_id}/"
    return f"{page}#{anchor(clause)}" if clause else page


def source_address(policy_id: str, clause: str | None = None) -> str:
    """The same, as a Markdown link from the docs root: ``policies/sanming-ktd.md#s4-2``.

    MkDocs checks such links at build time (a missing page or anchor fails the strict build) and
    rewrites them to the site's addresses.
    """
    policy_id, clause = resolve(policy_id, clause) if clause else (policy_id, clause)
    page = f"policies/{policy_id}.md"
    return f"{page}#{anchor(clause)}" if clause else page


def href(citation: str) -> str:
    """Site-relative address of a cited clause: ``policies/sanming-ktd/#s4-2``."""
    return site_address(*split_cite(citation))
