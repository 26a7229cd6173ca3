"""Faithfulness check: a published policy must say exactly what the source text says.

Layout may be repaired (line breaks, headings, tables), the wording, numbers and punctuation
may not. Both sides are reduced to their characters without whitespace and markup, and the
page's title (its H1) is taken out of both, because the page shows it first while some
originals print a letterhead before it.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]+>")
_ATTR_LIST = re.compile(r"\{[:#.][^{}\n]*\}")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$", re.M)  # | --- | --- |
_MARKUP = re.compile(r"[#*\\|☐]")
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Characters of a text without whitespace, markdown/HTML markup (tables' rules too) and checkbox glyphs."""
    text = _FRONT_MATTER.sub("", text)
    text = _TABLE_RULE.sub("", text)
    text = _ATTR_LIST.sub("", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _MARKUP.sub("", text)
    return _SPACE.sub("", text)


def first_difference(page: str, source: str, title: str = "") -> str | None:
    """None when page and source agree (title removed from both), else a short description."""
    t = normalize(title)
    a, b = normalize(page), normalize(source)
    if t:
        a, b = a.replace(t, "", 1), b.replace(t, "", 1)
    if a == b:
        return None
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"at character {i}: page …{a[max(0, i - 30) : i + 30]}… source …{b[max(0, i - 30) : i + 30]}…"
