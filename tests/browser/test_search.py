"""Chinese search (mkdocs-material + jieba at build time) finds the right policy and section."""

import pytest
from playwright.sync_api import Page

QUERIES = [
    ("贴息", "policies/sanming-ktd/#s4-2"),
    ("风险补偿", "policies/sanming-ktd/#s3-5"),
    ("科技型中小企业", "policies/national-guarantee/#s2-1"),  # also all over liaocheng-2024
    ("专精特新", "policies/national-guarantee/#s2-2"),
    ("首台套", "policies/liaocheng-2024/#s1-3"),
    ("新三板", "policies/liaocheng-2024/#s2-3"),
    ("不良贷款容忍度", "policies/cbirc-2021/#p12"),
    ("再担保费率", "policies/national-guarantee/#s2-3"),
]


def result_links(page: Page, base_url: str, query: str) -> list[str]:
    page.goto(base_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # fill() fires no keyup, which the search box listens to
    page.wait_for_selector(".md-search-result__item a")
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    return [h.replace(base_url, "").split("?")[0] + ("#" + h.split("#")[1] if "#" in h else "") for h in hrefs]


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_query_finds_its_section(page: Page, base_url: str, query: str, expected: str) -> None:
    links = result_links(page, base_url, query)
    assert expected in links, links
    # Ranking: among the first three policies found. mkdocs-material segments a Chinese query
    # greedily against the index's words (新三板 becomes 新·三·板, and 三 also matches 三明), and a
    # term used across several policies (科技型中小企业) ranks the policy that uses it most first.
    policies_found = list(dict.fromkeys(link.split("#")[0] for link in links if link.startswith("policies/")))
    assert expected.split("#")[0] in policies_found[:3], policies_found
