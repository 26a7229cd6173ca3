"""Policy pages: clause anchors, the metadata header and links to the calculators.

The Markdown in ``docs/policies/<id>.md`` holds the document's text with its numbering
(``一、``, ``（二）``, ``1.``, ``(1)``). This module derives each clause's anchor from that
numbering with :func:`calc.clauses.anchor` — the one definition of the scheme — so that
citations in traces and parameters resolve to the same places on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from calc import clauses, estimators, policies

from . import plain_language
from .templates import form, render

CN = clauses.CN_NUMERAL
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_HAS_ID = re.compile(r"\{:?\s*#[\w-]+\s*\}\s*$")
_ATTR_LINE = re.compile(r"^\{:\s*#[\w-]+\s*\}$")
_ANY_ID = re.compile(r'\{:?\s*#([\w-]+)\s*\}|\bid="([\w-]+)"')
# The numberings of Chinese policy documents, as the page walk and the text import recognise them.
TOP = re.compile(rf"^({CN})、")
SUB = re.compile(rf"^[（(]({CN})[）)]")
ITEM = re.compile(r"^(\d+)\\?[.．]")
SUBITEM = re.compile(r"^[（(](\d+)[）)]")
CHAPTER = re.compile(rf"^第({CN})章(?=\s|$)")
SECTION = re.compile(rf"^第({CN})节(?=\s|$)")
ARTICLE = re.compile(rf"^第({CN})条(?=[\s：:]|$)")
ANNEX = re.compile(r"^附件\s*(\d+)(?=\s|$)")
_ANNEX_ID = re.compile(r"\{:?\s*#annex(\d+)\s*\}\s*$")


@dataclass
class _Numbering:
    """Where the text is in the document's numbering while reading it top to bottom.

    Two families of numbering: sections ``一、`` with sub-clauses ``（一）`` and items ``1.``/``(1)``,
    and chapters ``第一章`` (sections ``第一节``) holding articles ``第一条`` numbered across the
    document, whose items ``（一）``/``1.`` are cited under the article. Inside a numbered
    attachment (``附件2``) every clause is cited with that prefix (``附件2第三条``).
    """

    continuous: bool
    top: str = ""
    sub: str = ""
    item: str = ""
    chapter: str = ""
    article: str = ""
    annex: str = ""
    seen: set[str] = field(default_factory=set)

    def clause_of(self, text: str, *, heading: bool) -> str | None:
        """The clause a heading or paragraph starts, as it would be cited, or None."""
        clause = self._clause_of(text, heading=heading)
        return self.annex + clause if clause and self.annex and not clause.startswith("附件") else clause

    def _clause_of(self, text: str, *, heading: bool) -> str | None:
        if heading and (m := ANNEX.match(text)):
            self.reset()
            self.annex = f"附件{m.group(1)}"
            return self.annex
        if heading and (m := CHAPTER.match(text)):
            self.reset()
            self.chapter = m.group(1)
            return f"第{self.chapter}章"
        if heading and (m := SECTION.match(text)):
            self.top = self.sub = self.item = self.article = ""
            return f"第{self.chapter}章第{m.group(1)}节" if self.chapter else f"第{m.group(1)}节"
        if m := ARTICLE.match(text):
            self.top = self.sub = self.item = ""
            self.article = f"第{m.group(1)}条"
            return self.article
        if heading and (m := TOP.match(text)):
            self.top, self.sub, self.item, self.article = m.group(1), "", "", ""
            return self.top
        if m := SUB.match(text):
            self.sub, self.item = f"（{m.group(1)}）", ""
            return self._prefix()
        if heading:
            return None
        prefix = self._prefix()
        if m := ITEM.match(text):
            self.item = m.group(1)
            return prefix + self.item
        if m := SUBITEM.match(text):
            return f"{prefix}{self.item}({m.group(1)})"
        return None

    def _prefix(self) -> str:
        """The clause the current sub-clause belongs to: ``第三条（一）``, ``四（二）`` or ``（十二）``."""
        if self.article:
            return self.article + self.sub
        return self.sub if self.continuous else self.top + self.sub

    def reset(self) -> None:
        """A heading with its own id (an attachment, a form) starts a new part."""
        self.top = self.sub = self.item = self.chapter = self.article = self.annex = ""


def add_anchors(markdown: str, *, continuous: bool) -> tuple[str, dict[str, str]]:
    """Give every numbered heading and paragraph its clause anchor; return the text and the map.

    The map goes from anchor to clause (``"s4-2": "四（二）"``). Raises ``ValueError`` on a
    duplicate anchor, which would make a citation ambiguous.
    """
    state = _Numbering(continuous)
    out: list[str] = []
    found: dict[str, str] = {}
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        heading = _HEADING.match(line)
        text = heading.group(2) if heading else line.strip()
        has_own_id = index + 1 < len(lines) and _ATTR_LINE.match(lines[index + 1].strip())
        if _HAS_ID.search(line) or has_own_id:
            if heading:
                state.reset()
                if annex := _ANNEX_ID.search(line):  # a numbered attachment: its clauses take its prefix
                    state.annex = f"附件{annex.group(1)}"
            out.append(line)
            continue
        if not text or text.startswith(("<", "---")) or (heading and len(heading.group(1)) == 1):
            out.append(line)
            continue
        clause = state.clause_of(text.lstrip("\\"), heading=bool(heading))
        if clause is None:
            out.append(line)
            continue
        anchor = clauses.anchor(clause)
        if anchor in found:
            raise ValueError(f"duplicate clause anchor {anchor} ({clause})")
        found[anchor] = clause
        # attr_list: a heading takes its id at the end, a paragraph on a line of its own below it.
        out.append(f"{line} {{#{anchor}}}" if heading else f"{line}\n{{: #{anchor} }}")
    return "\n".join(out), found


def calculators_by_anchor(policy_id: str) -> dict[str, list[tuple[str, str]]]:
    """For each clause anchor of a policy, the calculators (id, title) that implement it."""
    links: dict[str, list[tuple[str, str]]] = {}
    for est in estimators():
        if est.policy == policy_id:
            for clause in est.clauses:
                links.setdefault(clauses.anchor(clause), []).append((est.id, est.title))
    return links


def add_calculator_links(markdown: str, policy_id: str) -> str:
    """After each clause an estimator implements, a "计算" link to that estimator's page."""
    links = calculators_by_anchor(policy_id)
    lines = markdown.split("\n")
    out: list[str] = []
    for line in lines:
        out.append(line)
        match = re.search(r"\{:?\s*#([\w-]+)\s*\}\s*$", line)
        if match and match.group(1) in links:
            out.append("")
            out.append(render("calculator_links.html.j2", links=links[match.group(1)]))
            out.append("")
    return "\n".join(out)


def header(policy_id: str, today: date) -> str:
    """The metadata block shown under the title: issuers, numbers, validity, status."""
    policy = policies.get(policy_id)
    windows = [(w, clauses.anchor(w.clause)) for w in policy.windows]
    calculators = [e for e in estimators() if e.policy == policy_id]
    return render(
        "policy_header.html.j2",
        policy=policy,
        windows=windows,
        today=today,
        status=policy.status(today),
        status_text=policy.status_text(today),
        calculators=calculators,
    )


def add_forms(markdown: str, policy_id: str) -> str:
    """Replace each ``<!-- form: form2 -->`` marker with the form's table.

    One source for both the policy page and the calculators' printable forms.
    """
    return re.sub(r"^<!-- form: (form\d+) -->$", lambda m: form(policy_id, m.group(1)), markdown, flags=re.M)


def transform(markdown: str, policy_id: str, *, continuous: bool, today: date) -> str:
    """The full page: anchors, calculator links, the forms; after the H1 the header and the 政策要点 box."""
    body, _ = add_anchors(add_forms(markdown, policy_id), continuous=continuous)
    body = add_calculator_links(body, policy_id)
    top = header(policy_id, today) + "\n\n" + plain_language.box(policy_id, today) + "\n"
    return re.sub(r"^(# .+)$", lambda m: m.group(1) + "\n\n" + top, body, count=1, flags=re.M)


def source(policy_id: str) -> tuple[str, bool]:
    """A policy page's Markdown and whether its sub-clauses are numbered across sections."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "policies" / f"{policy_id}.md").read_text("utf-8")
    return text, "clause_numbering: continuous" in text.split("---", 2)[1]


def page_anchors(policy_id: str) -> set[str]:
    """Every id a policy page's text gives: clause anchors, named parts (``notice``), forms.

    What a clause address (:func:`calc.clauses.site_address`) must land on; the theme's own
    ids (headings' permalinks aside) are not counted.
    """
    markdown, continuous = source(policy_id)
    body, _ = add_anchors(add_forms(markdown, policy_id), continuous=continuous)
    return {a or b for a, b in _ANY_ID.findall(body)}


def clause_texts(policy_id: str) -> dict[str, str]:
    """The text of every anchored part of a policy, its sub-clauses included, by anchor."""
    return texts_by_anchor(*source(policy_id))


def texts_by_anchor(markdown: str, continuous: bool) -> dict[str, str]:
    """The text of every anchored part of a policy page's Markdown, its sub-clauses included."""
    lines = add_anchors(markdown, continuous=continuous)[0].split("\n")
    own: dict[str, list[str]] = {}
    current = ""
    for index, line in enumerate(lines):
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        # an id on the line itself (heading, HTML), or on the next line (a paragraph's attr_list)
        found = _ANY_ID.search(following if _ATTR_LINE.match(following) else line)
        if found:
            current = found.group(1) or found.group(2)
        own.setdefault(current, []).append(_HAS_ID.sub("", line))
    return {
        anchor: "\n".join(
            text for part, texts in own.items() if part == anchor or part.startswith(anchor + "-") for text in texts
        )
        for anchor in own
    }
