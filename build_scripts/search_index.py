"""The search index holds every policy clause as its own entry (issue #11).

mkdocs-material's search plugin writes ``site/search/search_index.json`` with one entry per page
and per heading. On a policy page a heading is too coarse (a paragraph clause such as
``三（五）6`` has no heading) and a clause's text runs into the next one's. After the build,
:func:`rewrite` replaces each policy page's sections by one entry per element that carries a
clause anchor (headings and paragraphs, as ``policy_pages.add_anchors`` gave them): its location
is the clause's address (``policies/<id>/#<anchor>``), its title the clause as cited (``四（二）``)
with its first words, its text the clause up to the next anchor. Each entry also gets ``alt``:
the spellings a visitor types for what the text writes with a parenthesis (首批（次） → 首批次,
受（收）益权 → 收益权), which the search worker (``overrides/search_worker.js``) matches too.

Every policy under ``docs/policies/`` is indexed this way by the same build, with no extra step.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from calc import policies

from . import policy_pages

#: An element that starts a clause: a heading or paragraph with an id.
_START = re.compile(r'<(h[1-6]|p)\b[^>]*\bid="([^"]+)"[^>]*>')
_HEADING = re.compile(r"<(h[1-6])\b[^>]*>(.*?)</\1>", re.S)
_NOISE = re.compile(
    r'<p class="calc-link">.*?</p>|<a class="headerlink"[^>]*>.*?</a>|<div class="calc-links?".*?</div>', re.S
)
_BLOCK_END = re.compile(r"</(p|li|tr|h[1-6]|div|table)>|<br\s*/?>")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t\r\n\u3000]+")
#: A parenthesis of one or two characters inside a word: 首批（次）, 受（收）益权, 抵（质）押物.
_PAREN = re.compile(r"(\w{1,3})[（(](\w{1,2})[）)](\w{0,4})")
_NUMBERING = re.compile(
    r"^(第[一二三四五六七八九十百]+[章节条]|[一二三四五六七八九十]+、|[（(][0-9一二三四五六七八九十]+[）)]|\d+[.．、])\s*"
)
_NUMERAL = re.compile(r"^[0-9一二三四五六七八九十]+$")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
TITLE_WORDS = 24


@dataclass(frozen=True)
class Clause:
    """One clause of a policy page, as the index holds it."""

    anchor: str
    title: str
    text: str  # plain text, paragraphs separated by newlines
    section: str = ""  # the heading it stands under


def plain(fragment: str) -> str:
    """The text of an HTML fragment, one line per block, without the page's links and tooltips."""
    text = _BLOCK_END.sub("\n", _NOISE.sub("", fragment))
    lines = (_SPACE.sub(" ", html.unescape(_TAG.sub("", line))).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def clause_names(policy_id: str) -> dict[str, str]:
    """Anchor → clause as cited (``s4-2`` → ``四（二）``), from the page's Markdown."""
    markdown, continuous = policy_pages.source(policy_id)
    body = markdown.split("---", 2)[2] if markdown.startswith("---") else markdown
    _, found = policy_pages.add_anchors(policy_pages.add_forms(body, policy_id), continuous=continuous)
    return found


def clauses(page_html: str, names: dict[str, str]) -> list[Clause]:
    """Every clause of a built policy page, in order (the page title, an ``h1``, is not one)."""
    start, end = page_html.find("<article"), page_html.find("</article>")
    article = page_html[start:end]
    starts = [m for m in _START.finditer(article) if m.group(1) != "h1"]
    found = []
    headings: dict[int, str] = {}  # level → title of the heading in force
    for index, match in enumerate(starts):
        stop = starts[index + 1].start() if index + 1 < len(starts) else len(article)
        fragment = article[match.start() : stop]
        anchor = match.group(2)
        heading = _HEADING.match(fragment) if match.group(1).startswith("h") else None
        text = plain(fragment[heading.end() :] if heading else fragment)
        first = plain(heading.group(2)) if heading else text.split("\n")[0]
        name = names.get(anchor, "")
        if name:  # the clause as cited in place of its own number: 四（二） 贴息方案
            first = name + " " + _NUMBERING.sub("", first)
        level = int(match.group(1)[1]) if heading else 7
        section = max(((d, t) for d, t in headings.items() if d < level), default=(0, ""))[1]
        if heading:
            headings = {depth: title for depth, title in headings.items() if depth < level}
            headings[level] = first
        found.append(Clause(anchor, first[:TITLE_WORDS] + ("…" if len(first) > TITLE_WORDS else ""), text, section))
    return found


def segmented(text: str) -> str:
    """Chinese runs cut into words by jieba with zero-width spaces, as mkdocs-material's search plugin does."""
    import jieba

    return _HAN.sub(lambda m: "\u200b" + "\u200b".join(jieba.cut(m.group(0))) + "\u200b", text).strip("\u200b")


def variants(text: str) -> list[str]:
    """How a visitor types what the text writes with a parenthesis.

    For 受（收）益权: 受收益权 (read through), 受益权 (without it) and 收益权 (in place of the
    character before). Clause numbers such as 一（三） are left alone.
    """
    found: list[str] = []
    for match in _PAREN.finditer(text):
        before, inside, after = match.groups()
        if _NUMERAL.match(inside):  # a clause number, 一（三）
            continue
        for spelling in (before + inside + after, before + after, before[:-1] + inside + after):
            if spelling not in found and len(spelling) > 1:
                found.append(spelling)
    return found


def entries(site: Path, policy_id: str, boost: float) -> list[dict]:
    """The index entries of one policy page: the page itself, then one per clause."""
    page = (site / "policies" / policy_id / "index.html").read_text("utf-8")
    location = f"policies/{policy_id}/"
    result = []
    for clause in clauses(page, clause_names(policy_id)):
        text = "".join(f"<p>{segmented(html.escape(line, quote=False))}</p>" for line in clause.text.split("\n"))
        title = segmented(html.escape(clause.title, quote=False))
        entry = {"location": f"{location}#{clause.anchor}", "title": title, "text": text, "boost": boost}
        if alt := variants(clause.title + "\n" + clause.text):
            entry["alt"] = " ".join(alt)
        if clause.section:
            entry["section"] = clause.section
        result.append(entry)
    return result


#: mkdocs-material's search worker, as the page's configuration names it.
_MATERIAL_WORKER = re.compile(r'("search":\s*"[^"]*?assets/javascripts/workers/)search\.[0-9a-f]+\.min\.js"')
WORKER = "search_clauses.js"  # build_scripts/overrides/assets/javascripts/workers/


def use_worker(page: str) -> str:
    """The page's Material configuration with the site's search worker in place of lunr's."""
    replaced, count = _MATERIAL_WORKER.subn(lambda m: f'{m.group(1)}{WORKER}"', page)
    if not count and '"search":' in page:
        raise ValueError("mkdocs-material's search worker not found in the page configuration")
    return replaced


#: Clauses first; the policy page itself next; glossary entries and the other pages after.
BOOST = {"clause": 4.0, "policy": 2.0, "glossary": 0.5}


def rewrite(site: Path) -> dict[str, int]:
    """Rewrite ``site/search/search_index.json``; return how many entries each policy now has."""
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text("utf-8"))
    ids = policies.ids()
    docs, counts = [], {}
    for doc in index["docs"]:
        location = doc["location"]
        policy = location.split("/")[1] if location.startswith("policies/") else None
        if policy in ids:
            if "#" not in location:  # the page: its header, then its clauses
                doc["boost"] = BOOST["policy"]
                docs.append(doc)
                clause_entries = entries(site, policy, BOOST["clause"])
                docs.extend(clause_entries)
                counts[policy] = len(clause_entries)
            continue
        if location.startswith("glossary/"):
            doc["boost"] = BOOST["glossary"]
        if alt := variants(_TAG.sub("", doc.get("title", "") + "\n" + doc.get("text", "")).replace("\u200b", "")):
            doc["alt"] = " ".join(alt)
        docs.append(doc)
    index["docs"] = docs
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return counts
