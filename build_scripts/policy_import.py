"""Turn a plain-text extraction of a policy document into the site's Markdown, and read its metadata.

Pure functions, no file I/O: :func:`to_markdown` and :func:`read_metadata` take the text of a
file like ``/work/shared/policies/*.txt`` (see ``build_scripts/new_policy.py`` for the command
that writes the files). The page keeps every character of the source (wording, numbers,
punctuation, typos); only the layout is repaired:

* **Letterhead** (document index, issuer lines printed with spaced characters, ``文件``, the
  文号 ``X〔YYYY〕N号``): a ``doc-letterhead`` block under the H1, spacing between characters removed.
* **Title**: the short lines at the top (no sentence punctuation) joined into the H1. A text
  without such lines gets ``# 待填写`` (the H1 is not guessed; pass ``title=`` to set it).
* **Page-break splits**: a paragraph that does not end in sentence punctuation (``。；：！？”）``…)
  is joined with the next one, unless that one starts a numbered item, a heading, a table, a
  date or a remark in brackets ``（此件公开发布）``; an attachment list ``附件：…`` is never joined.
* **Headings**: ``第X章`` and ``一、`` are ``##`` (``###`` inside an attachment), ``第X节`` one level
  below its chapter. A ``（一）`` line is a heading one level below its section when it is a title
  (at most 30 characters, no sentence punctuation). A ``（一）`` paragraph that *starts* with a title
  sentence (at most 20 characters up to the first ``。``, no ``，；：`` in it, more text after it)
  is split into that heading and a paragraph, but only when at least half of the ``（N）`` of its
  section start that way, so that sections of plain numbered paragraphs stay paragraphs.
  Under an article (``第X条``) nothing is a heading: articles and their items are paragraphs.
* **Attachments**: a line ``附件`` or ``附件N`` with the title lines after it becomes a ``##``
  heading with the id ``plan`` / ``annexN``; title lines right after a sign-off (an attachment
  printed without the word 附件) become the ``plan`` heading too. ``附表N`` with its title lines
  becomes a ``##`` heading with the id ``formN``.
* **Tables**: tab-separated rows (blank lines between runs of rows do not end the table) become a
  Markdown table (first row as the header), or an HTML table when a cell holds HTML.
* **Named clauses** (see :mod:`calc.clauses`): in a document with an attachment, the first
  paragraph of the notice after its salutation gets ``notice``; the first sign-off date
  ``signoff``; a last unnumbered paragraph of a part that follows numbered clauses and states
  when the text takes effect (施行/实施/执行/有效期) gets ``closing``.
* ``clause_numbering: continuous`` is set when a section's first ``（N）`` continues the previous
  section's numbering instead of starting again at ``（一）``.

Numbered clauses get their anchors on the site from ``policy_pages.add_anchors``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from calc import clauses

from .policy_pages import ARTICLE, CHAPTER, SECTION, SUB, TOP, add_anchors

CN = clauses.CN_NUMERAL
MISSING = "待填写"

_TERMINAL = tuple("。；;：:！!？?”’）)」』】》…")
_INNER_PUNCT = re.compile(r"[。；;：:，,！!？?]")
_CJK_SPACED = re.compile(r"^(?:[\u3400-\u9fff] )+[\u3400-\u9fff]$")
_INDEX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{5,}$")
_DOC_NUMBER = re.compile(r"[\u3400-\u9fffA-Za-z]{1,12}〔\d{4}〕\d+号")
_DATE_LINE = re.compile(r"^[0-9０-９]{4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日$")
_WORD = re.compile(r"^(.{0,30}?)文件$")
_ATTACHMENT = re.compile(r"^附件\s*(\d*)(?:\s+(.*))?$")
_FORM = re.compile(r"^附表\s*(\d+)(?:\s+(.*))?$")
_NUMBERED = re.compile(rf"^(?:{CN}、|[（(](?:{CN}|\d+)[）)]|\d+\s*[.．、)）]|第{CN}[章节条]|附件|附表|——)")
_REMARK = re.compile(r"^[（(][^（）()]*[）)]$")
_EFFECT = re.compile(r"施行|实施|执行|有效期")


def _clean(line: str) -> str:
    """A line without surrounding whitespace and the Markdown an extraction may have left (``##``, ``**``)."""
    line = line.strip().replace("**", "")
    return re.sub(r"^#{1,6}\s+", "", line).strip()


def _title_like(text: str, limit: int = 40) -> bool:
    """A short line with no sentence punctuation: part of a title, an issuer, a form's name."""
    return (
        0 < len(text) <= limit
        and not _INNER_PUNCT.search(text)
        and not _NUMBERED.match(text)
        and not _DATE_LINE.match(text)
        and not _DOC_NUMBER.fullmatch(text)
        and not _REMARK.match(text)
    )


def _title_goes_on(text: str, limit: int = 40) -> bool:
    """A line that continues a title: title-like, or a bracketed remark such as ``(试行)``."""
    return _title_like(text, limit) or bool(_REMARK.match(text) and len(text) <= 12)


def _continues(previous: str, text: str) -> bool:
    """True when ``text`` is the rest of the paragraph ``previous``, cut by a page break."""
    return not (
        previous.endswith(_TERMINAL)
        or re.match(r"^附件[：:]", previous)
        or _NUMBERED.match(text)
        or _DATE_LINE.match(text)
        or _REMARK.match(text)
    )


@dataclass
class _Block:
    """One block of the page: a heading, a paragraph, a table, the letterhead or a sign-off line."""

    kind: str  # heading | para | table | letterhead | signoff
    text: str = ""
    level: int = 0
    id: str = ""
    rows: list[list[str]] = field(default_factory=list)
    role: str = ""  # para: sub | item | article | plain; heading: top | sub | chapter | …
    section: int = 0  # which top-level section a sub-clause paragraph is in
    attachment: bool = False


@dataclass
class _Document:
    """What the parser found: title, letterhead parts, sign-off, the blocks of the body."""

    title: str = ""
    index: str = ""
    issuers_head: list[str] = field(default_factory=list)
    word: str = ""
    numbers: list[str] = field(default_factory=list)
    signoff_issuers: list[str] = field(default_factory=list)
    signoff_date: str = ""
    continuous: bool = False
    blocks: list[_Block] = field(default_factory=list)


def _pieces(text: str) -> list[str | list[list[str]]]:
    """Non-blank lines (cleaned) and tables (runs of tab-separated rows, blank lines allowed)."""
    pieces: list[str | list[list[str]]] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if "\t" in raw:
            row = [cell.strip() for cell in raw.split("\t")]
            if pieces and isinstance(pieces[-1], list):
                pieces[-1].append(row)
            else:
                pieces.append([row])
            continue
        line = _clean(raw)
        if line:
            pieces.append(line)
    return pieces


def _parse(text: str) -> _Document:
    """Read the document top to bottom into blocks."""
    doc = _Document()
    pieces = _pieces(text)
    i = 0

    def peek(k: int) -> str | None:
        return pieces[k] if k < len(pieces) and isinstance(pieces[k], str) else None  # type: ignore[return-value]

    # --- the head: letterhead parts and the title
    letterhead: list[tuple[str, str]] = []
    while (line := peek(i)) is not None:
        if not letterhead and not doc.title and _INDEX.match(line):
            doc.index = line
            letterhead.append(("doc-index", line))
        elif _CJK_SPACED.match(line):
            doc.issuers_head.append(line.replace(" ", ""))
            letterhead.append(("issuer", line.replace(" ", "")))
        elif (word := _WORD.match(line)) and not doc.title:
            doc.word = line
            if word.group(1):
                doc.issuers_head.append(word.group(1).strip())
            letterhead.append(("doc-word", line))
        elif _DOC_NUMBER.fullmatch(line):
            doc.numbers.append(line)
            letterhead.append(("doc-number", line))
        elif not doc.title and _title_like(line, 60) and not _ATTACHMENT.match(line):
            title = [line]
            while (following := peek(i + 1)) is not None and _title_goes_on(following, 60):
                if _CJK_SPACED.match(following) or _WORD.match(following):
                    break
                title.append(following)
                i += 1
            if (following := peek(i + 1)) is not None and _WORD.match(following):
                # issuer names printed without spacing above 文件: the letterhead, not the title
                doc.issuers_head += title
                letterhead += [("issuer", name) for name in title]
            else:
                doc.title = "".join(title)
        else:
            break
        i += 1
    if letterhead:
        doc.blocks.append(_Block("letterhead", rows=[list(part) for part in letterhead]))

    # --- the body
    attachment = False
    after_signoff = False
    in_article = False
    top_level = 0  # level of the current 一、 heading, 0 when none
    chapter_level = 0
    section = 0
    last_sub = 0
    new_section = False
    signoffs = 0

    def base() -> int:
        return 3 if attachment else 2

    while i < len(pieces):
        piece = pieces[i]
        if isinstance(piece, list):
            doc.blocks.append(_Block("table", rows=piece, attachment=attachment))
            i += 1
            continue
        line = piece
        # a sign-off: issuer lines right before a date line, and the date line
        j = i
        while (candidate := peek(j)) is not None and _title_like(candidate, 30) and not _ATTACHMENT.match(candidate):
            j += 1
        if (date_line := peek(j)) is not None and _DATE_LINE.match(date_line) and j - i <= 6:
            issuers = [str(pieces[k]) for k in range(i, j)]
            for issuer in issuers:
                doc.blocks.append(_Block("signoff", issuer))
            signoffs += 1
            doc.blocks.append(_Block("signoff", date_line, id="signoff" if signoffs == 1 else ""))
            if signoffs == 1:
                doc.signoff_issuers = [part for issuer in issuers for part in re.split(r"\s{2,}|　+", issuer) if part]
                doc.signoff_date = date_line
            after_signoff = True
            i = j + 1
            continue
        # attachments and forms: the label line and the title lines after it
        label = _ATTACHMENT.match(line)
        form = _FORM.match(line)
        unlabelled = after_signoff and not attachment and _title_like(line) and peek(i + 1) is not None
        if label or form or unlabelled:
            title = [line]
            while (following := peek(i + 1)) is not None and _title_goes_on(following) and not _FORM.match(following):
                title.append(following)
                i += 1
            i += 1
            after = peek(i) or ""
            starts_parts = CHAPTER.match(after) or ARTICLE.match(after)  # 办法 printed after its notice
            if unlabelled and len(title) == 1 and (peek(i) is None or _NUMBERED.match(after)) and not starts_parts:
                doc.blocks.append(_Block("para", line, role="plain", attachment=attachment))
                continue
            if form:
                anchor = f"form{int(form.group(1))}"
            else:
                number = label.group(1) if label else ""
                anchor = f"annex{int(number)}" if number else "plan"
                attachment = True
            name = " ".join([title[0], "".join(title[1:])]) if label or form else "".join(title)
            doc.blocks.append(_Block("heading", name.strip(), level=2, id=anchor, role="part"))
            top_level = chapter_level = 0
            in_article = False
            after_signoff = False
            continue
        # chapters, sections, articles
        if CHAPTER.match(line) and len(line) <= 40:
            chapter_level = base()
            doc.blocks.append(_Block("heading", line, level=chapter_level, role="chapter"))
            in_article = False
            i += 1
            continue
        if SECTION.match(line) and len(line) <= 40:
            doc.blocks.append(_Block("heading", line, level=(chapter_level or base() - 1) + 1, role="section"))
            in_article = False
            i += 1
            continue
        if ARTICLE.match(line):
            in_article = True
            role = "article"
        elif not in_article and (top := TOP.match(line)):
            top_level = max(chapter_level + 1, base()) if chapter_level else base()
            section += 1
            new_section = True
            body = line[top.end() :]
            head, rest = ("", body) if _title_like(body, 30) else _split_title(body)
            if not head:  # a title line (or a long numbered paragraph: still the section's heading)
                doc.blocks.append(_Block("heading", line, level=top_level, role="top", attachment=attachment))
                i += 1
                continue
            doc.blocks.append(_Block("heading", line[: top.end()] + head, level=top_level, role="top"))
            line, role = rest, "plain"
        elif (sub := SUB.match(line)) and not in_article:
            value = clauses.cn_int(sub.group(1))
            if new_section and value != 1 and value == last_sub + 1:
                doc.continuous = True
            new_section = False
            last_sub = value
            if _title_like(line[sub.end() :].strip(), 30):
                level = (top_level or chapter_level or base() - 1) + 1
                doc.blocks.append(_Block("heading", line, level=level, role="sub", attachment=attachment))
                i += 1
                continue
            role = "sub"
        elif re.match(r"^\d+\s*[.．)]", line) or re.match(r"^[（(]\d+[）)]", line):
            role = "item"
        else:
            role = "plain"
        # a paragraph, with the rest of it after page breaks
        while (following := peek(i + 1)) is not None and _continues(line, following):
            line += following
            i += 1
        doc.blocks.append(_Block("para", line, role=role, section=section, attachment=attachment))
        i += 1
    _split_sub_titles(doc, top_level)
    _name_parts(doc)
    return doc


def _split_title(text: str) -> tuple[str, str]:
    """A paragraph's leading title sentence and the rest: ``("精准聚焦支持对象。", "中小企业…")``."""
    head, stop, rest = text.partition("。")
    if stop and 0 < len(head) < 20 and not re.search(r"[，,；;：:]", head) and rest:
        return head + stop, rest
    return "", text


def _split_sub_titles(doc: _Document, top_level: int) -> None:
    """``（一）Title。Text…`` → a heading and a paragraph, section by section (see the module doc)."""
    by_section: dict[int, list[int]] = {}
    for index, block in enumerate(doc.blocks):
        if block.kind == "para" and block.role == "sub":
            by_section.setdefault(block.section, []).append(index)
    splits: dict[int, tuple[str, str]] = {}
    for indices in by_section.values():
        found = {}
        for index in indices:
            text = doc.blocks[index].text
            number = SUB.match(text)
            head, rest = _split_title(text[number.end() :]) if number else ("", text)
            if head:
                found[index] = (text[: len(text) - len(rest)], rest)
        if len(found) * 2 >= len(indices):
            splits.update(found)
    for index in sorted(splits, reverse=True):
        block = doc.blocks[index]
        head, rest = splits[index]
        level = _level_above(doc.blocks, index) + 1
        doc.blocks[index : index + 1] = [
            _Block("heading", head, level=level, role="sub", attachment=block.attachment),
            _Block("para", rest, role="sub-body", section=block.section, attachment=block.attachment),
        ]


def _level_above(blocks: list[_Block], index: int) -> int:
    """The level of the nearest section, chapter or part heading above a block."""
    for block in reversed(blocks[:index]):
        if block.kind == "heading" and block.role in ("top", "chapter", "section", "part"):
            return block.level
    return 1


def _name_parts(doc: _Document) -> None:
    """Give the notice and the closing paragraph their named anchors (see the module doc)."""
    blocks = doc.blocks
    has_attachment = any(b.kind == "heading" and (b.id == "plan" or b.id.startswith("annex")) for b in blocks)
    if has_attachment:
        salutation = False
        for block in blocks:
            if block.kind == "heading" or (block.kind == "para" and block.role != "plain"):
                break
            if block.kind == "para" and block.text.endswith(("：", ":")) and not salutation:
                salutation = True
                continue
            if block.kind == "para" and salutation:
                block.id = "notice"
                break
    # the closing paragraph: the last one of a part, unnumbered, after numbered paragraphs
    ends = [k for k, b in enumerate(blocks) if b.kind == "signoff" or (b.kind == "heading" and b.role == "part")]
    for end in [*ends, len(blocks)]:
        k = end - 1
        while k >= 0 and blocks[k].kind == "para" and _REMARK.match(blocks[k].text):
            k -= 1
        if k < 1:
            continue
        last, before = blocks[k], blocks[k - 1]
        if (
            last.kind == "para"
            and last.role == "plain"
            and before.kind == "para"
            and before.role in ("sub", "sub-body", "item")
            and _EFFECT.search(last.text)
            and not last.id
        ):
            last.id = "closing"
            return


def _escape(text: str) -> str:
    """A paragraph that Markdown must not read as a list, a quote or a heading."""
    if m := re.match(r"^(\d+)\s*([.．)])", text):
        return f"{m.group(1)}\\{m.group(2)}{text[m.end() :]}" if m.group(2) in ".)" else text
    if text[:1] in "-+*>#":
        return "\\" + text
    return text


def _table(rows: list[list[str]]) -> str:
    """Rows as a Markdown table, or an HTML table when a cell holds HTML."""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    if any(re.search(r"<[a-zA-Z/][^>]*>", cell) for row in rows for cell in row):
        lines = ['<table class="doc-table">']
        for row in rows:
            cells = "".join(
                f"<td>{cell if re.search(r'<[a-zA-Z/][^>]*>', cell) else html.escape(cell, quote=False)}</td>"
                for cell in row
            )
            lines.append(f"<tr>{cells}</tr>")
        lines.append("</table>")
        return "\n".join(lines)

    def line(row: list[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") or " " for cell in row) + " |"

    return "\n".join([line(rows[0]), "|" + " --- |" * width, *(line(row) for row in rows[1:])])


def _letterhead(parts: list[list[str]]) -> str:
    """The letterhead block, as the published pages write it."""
    lines = ['<div class="doc-letterhead" markdown>']
    issuers = [text for kind, text in parts if kind == "issuer"]
    for kind, text in parts:
        if kind == "issuer":
            if text == issuers[0]:
                lines.append(f'<p class="doc-issuers">{"<br>".join(html.escape(t) for t in issuers)}</p>')
            continue
        lines.append(f'<p class="{kind}">{html.escape(text)}</p>')
    lines.append("</div>")
    return "\n".join(lines)


def to_markdown(policy_id: str, text: str, *, title: str | None = None) -> str:
    """The site's Markdown page for a plain-text extraction (see the module docstring for the rules)."""
    doc = _parse(text)
    front = [f"policy: {policy_id}"] + (["clause_numbering: continuous"] if doc.continuous else [])
    out = ["---\n" + "\n".join(front) + "\n---", f"# {title or doc.title or MISSING}"]
    for block in doc.blocks:
        if block.kind == "letterhead":
            out.append(_letterhead(block.rows))  # type: ignore[arg-type]
        elif block.kind == "heading":
            out.append("#" * block.level + " " + block.text + (f" {{#{block.id}}}" if block.id else ""))
        elif block.kind == "table":
            out.append(_table(block.rows))
        elif block.kind == "signoff":
            ident = f' id="{block.id}"' if block.id else ""
            out.append(f'<p class="doc-signoff"{ident}>{html.escape(block.text)}</p>')
        else:
            out.append(_escape(block.text) + (f"\n{{: #{block.id} }}" if block.id else ""))
    return "\n\n".join(out) + "\n"


# ---------- metadata ----------

_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_D = r"(\d{4})年(\d{1,2})月(\d{1,2})日"
_TERM = "(?:有效期|执行期|实施期|试行期|施行期)"
_YEARS = rf"(?:有效期|试行期?|执行期|实施期)(?:限)?为?(\d+|{CN})年"
_VALIDITY = [
    ("range", re.compile(rf"{_TERM}(?:限)?(?:为|是|：|:)?\s*自?{_D}\s*(?:起)?(?:至|到|—|－|-|~)\s*{_D}(?:止)?")),
    ("range", re.compile(rf"自{_D}起?(?:施行|实施|执行|生效)[，,、]\s*(?:有效期|执行期|实施期)(?:至|到){_D}(?:止)?")),
    ("range", re.compile(rf"自{_D}起?至{_D}止?")),
    ("years", re.compile(rf"自{_D}起?(?:施行|实施|执行|生效)[，,]?\s*{_YEARS}")),
    ("issue", re.compile(rf"自(?:印发|发布|公布)之日起(?:施行|实施|执行|生效)(?:[，,]?\s*{_YEARS})?")),
    ("from", re.compile(rf"自{_D}起(?:施行|实施|执行|生效)")),
]
_NAMED_CLAUSE = {value: key for key, value in clauses.NAMED.items()}


def _date(year: str, month: str, day: str) -> date | None:
    """A date from its parts, None when it does not exist."""
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _add_years(start: date, years: int) -> date:
    """The last day of a term of ``years`` years starting on ``start``."""
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = date(start.year + years, 3, 1)
    return end - timedelta(days=1)


def _number(text: str) -> int:
    """``3`` or ``三`` as an int."""
    return int(text) if text.isdigit() else clauses.cn_int(text)


def _paragraph_clauses(markdown: str, continuous: bool) -> list[tuple[str, str, bool]]:
    """Each paragraph of a page with the clause it belongs to ("" if none) and whether it is in an attachment."""
    try:
        anchored, found = add_anchors(markdown, continuous=continuous)
    except ValueError:  # duplicate numbering: no clause can be trusted
        return [(line, "", False) for line in markdown.split("\n")]
    lines = anchored.split("\n")
    result: list[tuple[str, str, bool]] = []
    current = ""
    attachment = False
    for index, line in enumerate(lines):
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        own = re.search(r"\{:\s*#([\w-]+)\s*\}$", following) or re.search(r"\{:?\s*#([\w-]+)\s*\}\s*$", line)
        if own:
            anchor = own.group(1)
            if line.startswith("#") and (anchor == "plan" or anchor.startswith(("annex", "form"))):
                attachment = True
            current = found.get(anchor) or _NAMED_CLAUSE.get(anchor) or _cited_part(anchor)
        elif line.startswith("#"):
            continue
        if line.strip() and not line.startswith(("#", "{:")):
            result.append((line, current, attachment))
    return result


def _cited_part(anchor: str) -> str:
    """``form2`` → ``附表2``, ``annex1`` → ``附件1``; else ""."""
    if m := re.fullmatch(r"(form|annex)(\d+)", anchor):
        return ("附表" if m.group(1) == "form" else "附件") + m.group(2)
    return ""


def _windows(markdown: str, continuous: bool, issued: date | None) -> list[dict[str, Any]]:
    """Validity windows stated in the page's paragraphs, each with its clause and quoted words."""
    windows: list[dict[str, Any]] = []
    for paragraph, clause, in_attachment in _paragraph_clauses(markdown, continuous):
        plain = paragraph.translate(_FULL_WIDTH)
        taken: list[tuple[int, int]] = []
        for kind, pattern in _VALIDITY:
            for m in pattern.finditer(plain):
                if any(m.start() < end and start < m.end() for start, end in taken):
                    continue
                groups = m.groups()
                start = end = None
                if kind == "range":
                    start, end = _date(*groups[0:3]), _date(*groups[3:6])
                    if start is None or end is None:
                        continue
                elif kind in ("years", "from"):
                    start = _date(*groups[0:3])
                    if start is None:
                        continue
                    if kind == "years":
                        end = _add_years(start, _number(groups[3]))
                elif kind == "issue":
                    # 自印发之日起: only with the document's own issue date, and not in an attachment,
                    # which was issued on its own date that the text may not print
                    if issued is None or in_attachment:
                        continue
                    start = issued
                    if groups[0]:
                        end = _add_years(start, _number(groups[0]))
                taken.append(m.span())
                window: dict[str, Any] = {"from": start}
                if end is not None:
                    window["to"] = end
                window["clause"] = clause or MISSING
                window["text"] = paragraph[m.start() : m.end()]
                windows.append(window)
    return sorted(windows, key=lambda w: w["from"])


def _region(issuers: list[str]) -> str | None:
    """The place every issuer that starts with a place name names, when they agree; else None."""
    places = set()
    for issuer in issuers:
        m = re.match(r"^((?:[\u4e00-\u9fff]{2,6}?(?:省|自治区|市|自治州|地区|盟|县|区|旗))+)", issuer)
        if m:
            places.add(m.group(1))
    return places.pop() if len(places) == 1 else None


def short_title(title: str) -> str:
    """The document named in a ``…关于印发《X》的通知`` title, else the title itself."""
    m = re.fullmatch(r".*?《(.+)》的(?:通知|决定|批复|函)", title)
    return m.group(1) if m else title


def read_metadata(text: str) -> dict[str, Any]:
    """What the text states about itself. A key is absent when the text does not state it.

    Keys: ``title``, ``short_title``, ``issuers`` (sign-off lines before the date, else the
    letterhead), ``doc_numbers`` (always present: the 文号 lines, ``[]`` when none), ``issued``
    (the sign-off date), ``region`` (the place the issuers name, only when they agree and one
    does), ``validity`` (a list of ``{"from", "to"?, "clause", "text"}``; ``to`` absent when no end
    is stated). Nothing is guessed: a date 自印发之日起 needs the printed issue date, a window's
    clause is ``待填写`` when the sentence is in no numbered or named part.
    """
    doc = _parse(text)
    meta: dict[str, Any] = {"doc_numbers": list(dict.fromkeys(doc.numbers))}
    if doc.title:
        meta["title"] = doc.title
        meta["short_title"] = short_title(doc.title)
    issuers = doc.signoff_issuers or doc.issuers_head
    if issuers:
        meta["issuers"] = issuers
        if region := _region(issuers):
            meta["region"] = region
    issued = None
    if doc.signoff_date:
        m = re.match(_D, doc.signoff_date.translate(_FULL_WIDTH))
        issued = _date(*m.groups()) if m else None
        if issued:
            meta["issued"] = issued
    windows = _windows(to_markdown("policy", text), doc.continuous, issued)
    if windows:
        meta["validity"] = windows
    return meta
