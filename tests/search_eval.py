"""Issue #11's query set run the way a visitor searches: measure the hit rate of the site's search.

``tests/search_queries.toml`` lists what firms, bank staff and the public type, each with the
clause anchors that answer it. :func:`run` types every query into the header search box of one
Chromium page, waits for the results, and reads the result links as the reader sees them: in
display order, pages and their sections, leaving out the sections folded under "more on this
page". A query is a hit when one of its anchors is among the first :data:`TOP` links.

``python -m tests.search_eval [site_dir]`` prints the hit rate and the misses for a built site.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

QUERIES = Path(__file__).resolve().parent / "search_queries.toml"
TOP = 5

#: Counts every update of the result list's heading (Material sets it on every result).
WATCH = """() => {
  window.__searchUpdates = 0;
  const meta = document.querySelector(".md-search-result__meta");
  new MutationObserver(() => { window.__searchUpdates += 1; })
    .observe(meta, {childList: true, characterData: true, subtree: true});
}"""
#: The result links a reader sees, in order: not those inside a closed "more on this page".
VISIBLE_LINKS = """() => [...document.querySelectorAll(".md-search-result__item a.md-search-result__link")]
  .filter(a => !a.closest("details:not([open])"))
  .map(a => a.getAttribute("href"))"""


@dataclass(frozen=True)
class Query:
    q: str
    expect: tuple[str, ...]


def queries() -> list[Query]:
    data = tomllib.loads(QUERIES.read_text("utf-8"))
    return [Query(item["q"], tuple(item["expect"])) for item in data["query"]]


def relative(href: str, base_url: str) -> str:
    """``policies/x/#s1`` from an absolute or page-relative result address (query string dropped)."""
    path, _, fragment = href.partition("#")
    path = path.split("?")[0].removeprefix(base_url)
    while path.startswith(("./", "../")):
        path = path.split("/", 1)[1]
    return path + ("#" + fragment if fragment else "")


def open_search(page: Any, base_url: str) -> None:
    """The home page with the header search box focused and the watcher installed."""
    page.goto(base_url)
    page.evaluate(WATCH)
    page.locator("input.md-search__input").click()


def search(page: Any, base_url: str, query: str, timeout: float = 15_000) -> list[str]:
    """Type ``query`` into the header search box; the result links as the reader sees them."""
    box = page.locator("input.md-search__input")
    before = page.evaluate("() => window.__searchUpdates")
    box.fill(query)
    box.press("End")  # fill() fires no keyup, which the search box listens to
    page.wait_for_function(f"() => window.__searchUpdates > {before}", timeout=timeout)
    return [relative(h, base_url) for h in page.evaluate(VISIBLE_LINKS)]


@dataclass
class Outcome:
    query: Query
    links: list[str]

    @property
    def rank(self) -> int | None:
        """1-based position of the first expected anchor among the links, or None."""
        found = [i for i, link in enumerate(self.links) if link in self.query.expect]
        return found[0] + 1 if found else None

    @property
    def hit(self) -> bool:
        return self.rank is not None and self.rank <= TOP


def run(page: Any, base_url: str, items: list[Query] | None = None) -> list[Outcome]:
    open_search(page, base_url)
    return [Outcome(q, search(page, base_url, q.q)) for q in (items or queries())]


def report(outcomes: list[Outcome]) -> str:
    hits = sum(o.hit for o in outcomes)
    rate = hits / len(outcomes)
    lines = [f"hit rate {hits}/{len(outcomes)} = {rate:.3f} (expected clause among the first {TOP} links)"]
    ranks = [o.rank for o in outcomes if o.rank]
    lines.append("ranks of the expected clause: " + ", ".join(f"{r}: {ranks.count(r)}" for r in sorted(set(ranks))))
    for o in outcomes:
        if not o.hit:
            lines.append(f"  miss {o.query.q!r}: rank {o.rank}; first links {o.links[:TOP]}")
    return "\n".join(lines)


def main() -> None:
    from playwright.sync_api import sync_playwright

    from build_scripts.serve import serve_in_background
    from tests.chromium import launch_args

    site = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "site"
    server, base = serve_in_background(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(**launch_args())
            page = browser.new_page()
            outcomes = run(page, base)
            browser.close()
        print(report(outcomes))
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
