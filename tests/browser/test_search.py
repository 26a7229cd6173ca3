"""Search finds the clause (issue #11): the header search box, in Chromium, against the built site.

The whole query set (tests/search_queries.toml, run by tests/search_eval.py in one page) must
reach the target hit rate; a few precise cases check what the issue named.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests import search_eval

TARGET = 0.95


@pytest.fixture(scope="module")
def search_page(browser: Browser, base_url: str) -> Iterator[Page]:
    """One page for every query of this module, its search box open."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    search_eval.open_search(page, base_url)
    yield page
    context.close()


def links(page: Page, base_url: str, query: str) -> list[str]:
    return search_eval.search(page, base_url, query)


def test_query_set_hit_rate(search_page: Page, base_url: str) -> None:
    outcomes = [search_eval.Outcome(q, links(search_page, base_url, q.q)) for q in search_eval.queries()]
    report = search_eval.report(outcomes)
    print(report)  # the measured figure, with -s
    assert len(outcomes) >= 60
    assert sum(o.hit for o in outcomes) / len(outcomes) >= TARGET, report
    # No query whose words all stand in one clause comes back empty.
    assert not [o.query.q for o in outcomes if not o.links], report


def clause_links(found: list[str]) -> list[str]:
    return [link for link in found if "#" in link]


def test_xinsanban_finds_the_listing_clause_first(search_page: Page, base_url: str) -> None:
    found = links(search_page, base_url, "新三板")
    assert clause_links(found)[0] == "policies/liaocheng-2024/#s2-3", found
    assert found[0] == "policies/liaocheng-2024/"  # its page heads the list, the clause under it
    # Not every 三 on the site: the Sanming notice never mentions 新三板.
    assert not [link for link in found if link.startswith("policies/sanming-ktd/")], found


@pytest.mark.parametrize("query", ["首批次", "首台套", "首版次"])
def test_typed_without_the_parenthesis(search_page: Page, base_url: str, query: str) -> None:
    """The text writes 首批（次）, 首台（套）, 首版（次）: 一（三） of the Liaocheng measures."""
    found = clause_links(links(search_page, base_url, query))
    assert "policies/liaocheng-2024/#s1-3" in found[:2], found


def test_shouyiquan_finds_shou_shou_yi_quan(search_page: Page, base_url: str) -> None:
    for query in ("收益权", "受益权"):
        assert clause_links(links(search_page, base_url, query))[0] == "policies/cbirc-2021/#p6"


def test_lpr_finds_a_clause_that_mentions_it(search_page: Page, base_url: str, site_dir: Path) -> None:
    found = links(search_page, base_url, "LPR")
    clause = next(link for link in found if link.startswith("policies/") and "#" in link)
    assert found.index(clause) < search_eval.TOP, found  # after the LPR data page, which is about it
    page, anchor = clause.split("#")
    html = (site_dir / page / "index.html").read_text("utf-8")
    start = html.index(f'id="{anchor}"')
    assert "LPR" in html[start : html.find(' id="', start + 10)], clause


def test_two_words_rank_the_clause_holding_both_first(search_page: Page, base_url: str) -> None:
    # 鲁科担 also has a glossary entry and a calculator; 保费补贴 stands in three clauses.
    found = links(search_page, base_url, "鲁科担 保费补贴")
    assert clause_links(found)[0] == "policies/liaocheng-2024/#s1-2", found
    assert found.index("policies/liaocheng-2024/#s1-2") < found.index("glossary/"), found


def test_latin_and_digits(search_page: Page, base_url: str) -> None:
    assert clause_links(links(search_page, base_url, "0.5%"))[0] in {
        "policies/national-guarantee/#s2-3",
        "policies/liaocheng-2024/#s1-2",
    }
    # The text writes 300 万元 and 10~15 倍 with spaces, 1% in full-width digits (１％).
    assert "policies/sanming-ktd/#s3-2" in clause_links(links(search_page, base_url, "单户贷款 300万元"))[:1]
    assert clause_links(links(search_page, base_url, "10~15倍"))[0] == "policies/sanming-ktd/#s1"
    assert clause_links(links(search_page, base_url, "基础层 1%"))[0] == "policies/liaocheng-2024/#s2-3"


def test_results_are_highlighted_and_reached_by_keyboard(browser: Browser, base_url: str) -> None:
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    search_eval.open_search(page, base_url)
    found = links(page, base_url, "风险警戒线")
    assert found[:2] == ["policies/sanming-ktd/", "policies/sanming-ktd/#s3-4-4"], found
    marks = page.locator(".md-search-result__item mark").all_inner_texts()
    assert "风险警戒线" in [mark.replace("\u200b", "") for mark in marks], marks
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/policies/sanming-ktd/**#s3-4-4")
    context.close()
