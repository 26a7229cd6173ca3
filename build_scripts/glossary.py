"""Glossary (术语表): the page ``glossary.md`` and definitions where a term first appears.

The terms live in ``glossary.toml`` next to this module (layout described at its top). Two
things are built from them:

- :func:`glossary_page`: the Markdown of ``glossary.md``, terms grouped by topic. Each term is a
  level-3 heading whose id is ``term-<slug>``, ``slug`` being the term's ASCII ``slug`` field
  (pinyin or the English abbreviation, lower case, words joined by ``-``): ``LPR`` →
  ``#term-lpr``, ``贴息`` → ``#term-tiexi``. Slugs are written by hand because pinyin would need
  a dependency; they are checked unique and must not change once published (links point there).
- :func:`add_definitions`: the rendered HTML of a page with the first occurrence of each term
  wrapped in ``<abbr title="definition">`` (mkdocs-material shows the title as a tooltip with
  ``content.tooltips``). Only text nodes change, and only by inserted tags.
"""

from __future__ import annotations

import html
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from calc import clauses, policies

from .templates import render

DATA = Path(__file__).with_name("glossary.toml")
POLICY_DIR = Path(__file__).resolve().parents[1] / "docs" / "policies"
GLOSSARY_URL = "glossary/"
ID_PREFIX = "term-"

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SPACE = re.compile(r"\s+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_BOOK_TITLE = re.compile("[《》]")

# Where a definition is never inserted: links, existing abbreviations, headings, code, embedded
# languages and form controls (their text is not phrasing content), and the page's own title.
SKIP_TAGS = frozenset(
    {"a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "code", "pre", "kbd", "samp"}
    | {"svg", "math", "textarea", "select", "option", "button", "template", "title", "dfn"}
)
# The attached paper forms, drawn as tables; the 政策要点 box above a policy's text (each term keeps
# its one definition where the document itself introduces it).
SKIP_CLASSES = frozenset({"policy-form", "policy-plain"})
SKIP_ATTRIBUTES = frozenset({"data-field", "data-value"})  # values filled in by the calculators
# A block element ends any 《 left open in its text (a stray mark must not hide a whole page).
BLOCK_TAGS = frozenset(
    {"p", "li", "dd", "dt", "td", "th", "div", "section", "article", "blockquote", "figure", "figcaption", "table"}
    | {"ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "details", "summary", "br"}
)
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)


@dataclass(frozen=True)
class Term:
    """One entry of the glossary."""

    name: str
    slug: str
    topic: str
    definition: str
    aliases: tuple[str, ...] = ()
    source: str | None = None
    see: tuple[str, str] | None = None  # (href, link text) of another page of the site

    @property
    def anchor(self) -> str:
        """The id of the term's heading on the glossary page."""
        return ID_PREFIX + self.slug

    @property
    def other_names(self) -> tuple[str, ...]:
        """The aliases worth showing: not those that only add the name in brackets (``…（LPR）``)."""
        return tuple(a for a in self.aliases if not a.endswith(f"（{self.name}）"))

    @property
    def spellings(self) -> tuple[str, ...]:
        """The name and its aliases, as written in the texts."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Glossary:
    """The topics, in page order, and the terms."""

    topics: tuple[str, ...]
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Link:
    """A Markdown link of the glossary page."""

    text: str
    href: str


@dataclass(frozen=True)
class Entry:
    """A term as the page shows it: with its source clause and the policies that use it."""

    term: Term
    source: Link | None
    found_in: tuple[Link, ...]


# ---------- data ----------


def _term(entry: dict[str, Any]) -> Term:
    see = entry.get("see")
    return Term(
        name=entry["name"],
        slug=entry["slug"],
        topic=entry["topic"],
        definition=entry["definition"].strip(),
        aliases=tuple(entry.get("aliases", ())),
        source=entry.get("source"),
        see=(see["href"], see["text"]) if see else None,
    )


def squash(text: str) -> str:
    """A spelling without whitespace: ``一年期 LPR`` and ``一年期LPR`` are the same spelling."""
    return _SPACE.sub("", text)


def check(glossary: Glossary) -> None:
    """Raise ``ValueError`` on a bad slug, a duplicate, an unknown topic or a bad citation."""
    slugs: set[str] = set()
    spellings: set[str] = set()
    for term in glossary.terms:
        if not _SLUG.fullmatch(term.slug) or term.slug in slugs:
            raise ValueError(f"bad or duplicate slug {term.slug!r} ({term.name})")
        slugs.add(term.slug)
        for spelling in map(squash, term.spellings):
            if not spelling or spelling in spellings:
                raise ValueError(f"empty or duplicate spelling {spelling!r} ({term.name})")
            spellings.add(spelling)
        if term.topic not in glossary.topics:
            raise ValueError(f"unknown topic {term.topic!r} ({term.name})")
        if term.source:
            policy_id, clause = clauses.split_cite(term.source)
            if policy_id not in policies.ids():
                raise ValueError(f"unknown policy in {term.source!r} ({term.name})")
            clauses.anchor(clause)  # raises ValueError on a clause that is not a clause number


@cache
def load(path: Path = DATA) -> Glossary:
    """The glossary of ``glossary.toml``, checked."""
    data = tomllib.loads(path.read_text("utf-8"))
    glossary = Glossary(tuple(data["topics"]), tuple(_term(entry) for entry in data["term"]))
    check(glossary)
    return glossary


def terms() -> tuple[Term, ...]:
    """Every term, in the file's order."""
    return load().terms


# ---------- the page ----------


@cache
def policy_texts() -> dict[str, str]:
    """The Markdown of each policy page, by policy id, in the site's order."""
    return {pid: (POLICY_DIR / f"{pid}.md").read_text("utf-8") for pid in policies.ids()}


def source_link(term: Term) -> Link | None:
    """The clause a definition comes from, linked from ``glossary.md`` (MkDocs checks .md links)."""
    if not term.source:
        return None
    policy_id, clause = clauses.split_cite(term.source)
    title = policies.get(policy_id).short_title
    return Link(f"《{title}》{clause}", clauses.source_address(policy_id, clause))


def found_in(term: Term) -> tuple[Link, ...]:
    """The policies whose text uses the term or one of its aliases."""
    pattern = _spelling_pattern(term.spellings)
    return tuple(
        Link(f"《{policies.get(pid).short_title}》", clauses.source_address(pid))
        for pid, text in policy_texts().items()
        if pattern.search(text)
    )


def entries(glossary: Glossary) -> list[tuple[str, list[Entry]]]:
    """The page's sections: each topic with its terms, in the file's order."""
    return [
        (topic, [Entry(t, source_link(t), found_in(t)) for t in glossary.terms if t.topic == topic])
        for topic in glossary.topics
    ]


def glossary_page() -> str:
    """The Markdown of ``glossary.md``."""
    return render("glossary.md.j2", sections=entries(load())).rstrip() + "\n"


# ---------- definitions in pages ----------


def _spelling_regex(spelling: str) -> str:
    """A spelling as a regex: any whitespace matches any (or no) whitespace; ASCII words whole."""
    body = r"\s*".join(re.escape(part) for part in spelling.split())
    before = r"(?<![A-Za-z0-9])" if _ASCII_WORD.match(spelling[0]) else ""
    after = r"(?![A-Za-z0-9])" if _ASCII_WORD.match(spelling[-1]) else ""
    return before + body + after


def _spelling_pattern(spellings: Iterable[str]) -> re.Pattern[str]:
    """One regex for several spellings, the longest first so that it wins where they overlap."""
    ordered = sorted(spellings, key=lambda s: (-len(squash(s)), s))
    return re.compile("|".join(map(_spelling_regex, ordered)))


def is_glossary_page(page_url: str) -> bool:
    """True for the glossary page's URL, with or without directory URLs."""
    return page_url.strip("/").removesuffix("index.html").removesuffix(".html").strip("/") == "glossary"


class _Matcher:
    """Wraps the first occurrence of each term still to be explained, across a page's text."""

    def __init__(self, glossary_terms: Sequence[Term]) -> None:
        self._terms = tuple(glossary_terms)
        self._by_spelling = {squash(s): i for i, t in enumerate(self._terms) for s in t.spellings}
        self._left = set(range(len(self._terms)))
        self._pattern = self._compile()

    def _compile(self) -> re.Pattern[str] | None:
        spellings = [s for i in sorted(self._left) for s in self._terms[i].spellings]
        return _spelling_pattern(spellings) if spellings else None

    @property
    def done(self) -> bool:
        """True once every term has been explained."""
        return self._pattern is None

    def wrap(self, text: str) -> str:
        """``text`` with the terms not yet explained wrapped in ``<abbr>`` (first occurrence)."""
        out: list[str] = []
        pos = 0
        while self._pattern and (match := self._pattern.search(text, pos)):
            index = self._by_spelling[squash(match.group())]
            title = html.escape(self._terms[index].definition, quote=True)
            out += [text[pos : match.start()], f'<abbr title="{title}">', match.group(), "</abbr>"]
            pos = match.end()
            self._left.discard(index)
            self._pattern = self._compile()
        out.append(text[pos:])
        return "".join(out)


def _outside_titles(text: str, depth: int) -> tuple[list[tuple[int, int]], int]:
    """The spans of ``text`` outside book-title marks 《…》, and the nesting depth at its end.

    ``depth`` is the nesting at the start of ``text`` (a title may span several text nodes).
    Titles of documents (《高新技术企业认定管理办法》) are names, not uses of a term.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for mark in _BOOK_TITLE.finditer(text):
        if depth == 0 and mark.start() > start:
            spans.append((start, mark.start()))
        depth = depth + 1 if mark.group() == "《" else max(depth - 1, 0)
        start = mark.end()
    if depth == 0 and start < len(text):
        spans.append((start, len(text)))
    return spans, depth


def _skips(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """True when nothing inside this element may get a definition."""
    if tag in SKIP_TAGS:
        return True
    names = {name for name, _ in attrs}
    classes = {c for name, value in attrs if name == "class" for c in (value or "").split()}
    return bool(names & SKIP_ATTRIBUTES or classes & SKIP_CLASSES)


class _Annotator(HTMLParser):
    """Finds the text nodes outside skipped elements and records where the matcher changed them."""

    def __init__(self, source: str, matcher: _Matcher) -> None:
        super().__init__(convert_charrefs=False)  # text arrives raw, so positions match the source
        self._source = source
        self._matcher = matcher
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self._open: list[tuple[str, bool]] = []  # open elements: (tag, skipped)
        self._skipping = 0
        self._title_depth = 0  # inside 《…》, carried across the text nodes of one block
        self.edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in the source

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self._title_depth = 0
        if tag in VOID_TAGS:
            return
        skipped = _skips(tag, attrs)
        self._open.append((tag, skipped))
        self._skipping += skipped

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A self-closing tag (``<br/>``, an SVG ``<path/>``) opens nothing."""

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self._title_depth = 0
        if all(open_tag != tag for open_tag, _ in self._open):
            return  # a stray end tag closes nothing
        while self._open:  # also closes elements left open inside it (implied end tags)
            open_tag, skipped = self._open.pop()
            self._skipping -= skipped
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        spans, self._title_depth = _outside_titles(data, self._title_depth)
        if self._skipping or self._matcher.done:
            return
        start = self._offset()
        if self._source[start : start + len(data)] != data:
            return  # never risk changing a character the parser did not hand over as is
        for span_start, span_end in spans:
            piece = data[span_start:span_end]
            wrapped = self._matcher.wrap(piece)
            if wrapped != piece:
                self.edits.append((start + span_start, start + span_end, wrapped))


def _apply(source: str, edits: list[tuple[int, int, str]]) -> str:
    out: list[str] = []
    pos = 0
    for start, end, replacement in edits:
        out += [source[pos:start], replacement]
        pos = end
    out.append(source[pos:])
    return "".join(out)


def add_definitions(html_text: str, *, page_url: str, glossary_terms: Sequence[Term] | None = None) -> str:
    """Wrap the first occurrence of each term on a page in ``<abbr title="definition">``.

    ``html_text`` is the rendered content of the page (MkDocs' ``on_page_content``) and
    ``page_url`` its URL (``page.url``); the glossary page itself is returned unchanged. Only
    text outside :data:`SKIP_TAGS`, :data:`SKIP_CLASSES` and :data:`SKIP_ATTRIBUTES` elements
    and outside document titles 《…》 is considered; where spellings overlap the longest wins
    (``一年期 LPR`` before ``LPR``). Tags are inserted, no character of the text changes.
    ``glossary_terms`` defaults to the glossary's terms.
    """
    if is_glossary_page(page_url):
        return html_text
    annotator = _Annotator(html_text, _Matcher(terms() if glossary_terms is None else glossary_terms))
    annotator.feed(html_text)
    annotator.close()
    return _apply(html_text, annotator.edits)
