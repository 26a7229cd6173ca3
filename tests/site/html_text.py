"""Reading the built pages: the article's text without site additions, and the element ids."""

from __future__ import annotations

from html.parser import HTMLParser

# Elements the site adds around the document's own text.
SITE_ADDITIONS = {"policy-meta", "policy-plain", "calc-link", "headerlink"}
VOID = {"br", "img", "input", "hr", "meta", "link", "source", "wbr"}


class ArticleText(HTMLParser):
    """Text of ``<article>`` minus the site's additions; also its H1 and every element id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>
        self.skip = 0  # inside an element to leave out
        self.in_h1 = False
        self.parts: list[str] = []
        self.h1: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"] or "")
        if tag == "article":
            self.depth += 1
        if not self.depth or tag in VOID:
            return
        classes = set((attributes.get("class") or "").split())
        if self.skip or classes & SITE_ADDITIONS:
            self.skip += 1
        if tag == "h1":
            self.in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if not self.depth or tag in VOID:
            return
        if self.skip:
            self.skip -= 1
        if tag == "h1":
            self.in_h1 = False

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.parts.append(data)
            if self.in_h1:
                self.h1.append(data)


def read(html: str) -> ArticleText:
    """Parse a built page."""
    parser = ArticleText()
    parser.feed(html)
    return parser
