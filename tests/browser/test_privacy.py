"""A whole visit makes no request to any origin but the site's own."""

from urllib.parse import urlencode

from playwright.sync_api import Page, Request

from calc import policies


def test_whole_visit_stays_on_the_local_server(page: Page, base_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.context.on("request", lambda request: requests.append(request.url))  # workers too

    page.goto(base_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("贴息")
    box.press("End")
    page.wait_for_selector(".md-search-result__item a")
    for policy in policies.ids():
        page.goto(f"{base_url}policies/{policy}/")
    query = urlencode({"loan_amount": "2000000", "actual_rate": "3", "interest_paid": "60000"})
    page.goto(f"{base_url}calculators/sanming-ktd-subsidy/?{query}")
    page.wait_for_selector(".calc-output [data-field][data-value]", timeout=90_000)

    assert requests
    outside = [url for url in requests if not (url.startswith(base_url) or url.startswith(("data:", "blob:")))]
    assert outside == []
    assert any(url.endswith((".wasm", ".wasm.zst")) for url in requests)  # the runtime came from the site itself


def test_policy_pages_load_no_runtime(page: Page, base_url: str) -> None:
    seen: list[Request] = []
    page.on("request", lambda request: seen.append(request))
    page.goto(f"{base_url}policies/sanming-ktd/")
    page.wait_for_load_state("networkidle")
    heavy = [r.url for r in seen if r.url.endswith((".wasm", ".whl", ".zip", "pyodide.mjs"))]
    assert heavy == []
