"""Clause citations and their stable anchors on the policy pages.

This module is the one place where the anchor scheme is defined. A clause is cited as it is
numbered in the document (``四（二）``, ``三（三）4``, ``（十二）``); its anchor on the page
``policies/<policy-id>/`` is plain ASCII:

=================  ===========  ==============================================
numbering          example      anchor part
=================  ===========  ==============================================
``一、``           ``四``       ``s4``   (a top-level section)
``（二）``         ``四（二）`` ``-2``   appended to the section
``1.``             ``三（三）4`` ``-4``  appended again (an item)
``(1)``            ``…1(1)``    ``-1``   appended again (a sub-item)
``（十二）`` alone ``（十二）`` ``p12``  sub-clauses numbered across sections
``附表2``          ``附表2``    ``form2``
=================  ===========  ==============================================

So ``四（二）`` → ``s4-2``, ``三（三）4`` → ``s3-3-4``, ``三（一）1(1)`` → ``s3-1-1-1``,
``（十二）`` → ``p12`` and ``附表1`` → ``form1``. A few unnumbered parts have named
anchors: ``通知`` → ``notice`` (the notice that carries a plan), ``附件`` → ``plan``,
``结尾`` → ``closing`` (a closing paragraph after the last section) and ``落款`` → ``signoff``
(the date line that ends a document).
"""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL = "[一二三四五六七八九十]+"
NAMED = {"通知": "notice", "附件": "plan", "结尾": "closing", "落款": "signoff"}

_TOKEN = re.compile(
    rf"(?P<top>^{CN_NUMERAL})、?"
    rf"|[（(](?P<sub>{CN_NUMERAL})[）)]"
    r"|[（(](?P<subitem>\d+)[）)]"
    r"|(?P<item>\d+)[.．、]?"
)


def cn_int(numeral: str) -> int:
    """Value of a Chinese numeral from 一 to 九十九 (``十二`` → 12, ``二十`` → 20)."""
    if "十" not in numeral:
        return _DIGITS[numeral]
    tens, _, units = numeral.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def anchor(clause: str) -> str:
    """The page anchor (without ``#``) of a clause as numbered in its document."""
    clause = clause.strip()
    if clause in NAMED:
        return NAMED[clause]
    form = re.fullmatch(r"附表\s*(\d+)", clause)
    if form:
        return f"form{form.group(1)}"
    parts: list[str] = []
    pos = 0
    for match in _TOKEN.finditer(clause):
        if match.start() != pos:
            break
        pos = match.end()
        kind = match.lastgroup
        value = match.group(kind)
        parts.append(str(cn_int(value) if kind in ("top", "sub") else int(value)))
        if kind == "sub" and len(parts) == 1:
            parts[0] = "p" + parts[0]
    if pos != len(clause) or not parts:
        raise ValueError(f"not a clause number: {clause!r}")
    head = parts[0] if parts[0].startswith("p") else "s" + parts[0]
    return "-".join([head, *parts[1:]])


def cite(policy_id: str, clause: str) -> str:
    """A citation as the trace shows it: ``sanming-ktd 四（二）``."""
    return f"{policy_id} {clause}"


def split_cite(citation: str) -> tuple[str, str]:
    """``"sanming-ktd 四（二）"`` → ``("sanming-ktd", "四（二）")``."""
    policy_id, _, clause = citation.partition(" ")
    return policy_id, clause


def site_address(policy_id: str, clause: str | None = None, *, base: str = "") -> str:
    """A policy page, or a clause on it, as an address of the built site.

    ``policies/sanming-ktd/`` or ``policies/sanming-ktd/#s4-2``, after ``base`` (``"../../"``
    from a calculator page at ``calculators/<id>/``). For links in raw HTML and in the browser;
    Markdown links between pages use :func:`source_address`. With :func:`source_address`, the
    only place that writes where a clause lives on the site.
    """
    page = f"{base}policies/{policy_id}/"
    return f"{page}#{anchor(clause)}" if clause else page


def source_address(policy_id: str, clause: str | None = None) -> str:
    """The same, as a Markdown link from the docs root: ``policies/sanming-ktd.md#s4-2``.

    MkDocs checks such links at build time (a missing page or anchor fails the strict build) and
    rewrites them to the site's addresses.
    """
    page = f"policies/{policy_id}.md"
    return f"{page}#{anchor(clause)}" if clause else page


def href(citation: str) -> str:
    """Site-relative address of a cited clause: ``policies/sanming-ktd/#s4-2``."""
    return site_address(*split_cite(citation))
