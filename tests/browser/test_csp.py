"""The Content-Security-Policy holds: every page type works with it enforced and none is violated.

The server sends the policy as a header too (as the README asks hosts to), so that it also
binds the engine's Web Worker and the service worker, which a page's <meta> tag does not.
Violations are caught in the pages (``securitypolicyviolation`` events) and in the workers
(Chromium reports theirs on the console). No cookie is set and no figure is stored.
"""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

import calc
from build_scripts import csp
from build_scripts.serve import Handler, serve_in_background
from tests.browser.test_every_calculator import as_page_values, shown, wait_result
from tests.browser.test_offline import accept_offline_copy
from tests.page_run import page_run
from tests.screenshots import as_query

RECORD = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""
PAGES = [
    "",
    "policies/sanming-ktd/",
    "policies/liaocheng-2024/",
    "calculators/",
    "overview/",
    "glossary/",
    "lpr/",
    "batch/",
]


@pytest.fixture(scope="module")
def enforced(browser: Browser, site_dir: Path) -> Iterator[tuple[BrowserContext, str, list[str]]]:
    """A context on a server that sends the site's policy header; console reports collected."""
    policy = csp.header(site_dir)
    handler = type("WithPolicy", (Handler,), {"end_headers": with_policy(policy)})
    server, base = serve_in_background(site_dir, handler)
    context = browser.new_context()
    context.add_init_script(RECORD)
    reports: list[str] = []
    context.on("console", lambda m: reports.append(m.text) if "Content Security Policy" in m.text else None)
    yield context, base, reports
    context.close()
    server.shutdown()
    server.server_close()


def with_policy(policy: str) -> Callable[[Handler], None]:
    """An ``end_headers`` that also sends the policy."""

    def end_headers(self: Handler) -> None:
        self.send_header("Content-Security-Policy", policy)
        Handler.end_headers(self)

    return end_headers


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def test_every_page_has_its_policy(site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        assert 'http-equiv="Content-Security-Policy"' in page.read_text("utf-8"), page


@pytest.mark.parametrize("path", PAGES)
def test_pages_work_under_the_policy(enforced: tuple[BrowserContext, str, list[str]], path: str) -> None:
    context, base, reports = enforced
    page = context.new_page()
    page.goto(base + path)
    expect(page.locator("article h1")).to_have_count(1)
    if path == "":
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("贴息")
        box.press("End")
        page.wait_for_selector(".md-search-result__item a", timeout=30_000)
    assert violations(page) == []
    assert reports == []
    page.close()


def test_every_calculator_works_under_the_policy(enforced: tuple[BrowserContext, str, list[str]]) -> None:
    context, base, reports = enforced
    page = context.new_page()
    for estimator in calc.estimators():
        page.goto(f"{base}calculators/{estimator.id}/?{as_query(estimator.example)}")
        wait_result(page)
        assert shown(page) == as_page_values(page_run(estimator.id, estimator.example)["result"])
        assert violations(page) == [], estimator.id
    accept_offline_copy(page)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)  # installed under it
    assert reports == []
    page.close()


def test_a_batch_runs_under_the_policy(enforced: tuple[BrowserContext, str, list[str]]) -> None:
    from tests.browser.test_batch_page import download, upload
    from tests.unit.test_batch_tables import BOOK, book_xlsx

    context, base, reports = enforced
    page = context.new_page()
    page.goto(f"{base}batch/")
    assert upload(page, "sanming-ktd-subsidy", book_xlsx(BOOK), "loans.xlsx") == "done"
    assert download(page, "a[data-batch-download='xlsx']").startswith(b"PK")
    assert download(page, "a[data-batch-template]").startswith(b"PK")
    assert violations(page) == []
    assert reports == []
    page.close()


def test_no_cookie_and_no_figure_is_stored(enforced: tuple[BrowserContext, str, list[str]]) -> None:
    context, base, _ = enforced
    page = context.new_page()
    figures = {"loan_amount": "7654321", "actual_rate": "3.21", "interest_paid": "123457"}
    page.goto(f"{base}calculators/sanming-ktd-subsidy/?{as_query(figures)}")
    wait_result(page)
    page.wait_for_timeout(4000)  # past the service worker's start
    stored = page.evaluate(
        """async () => {
          const keys = [];
          for (const name of await caches.keys()) {
            for (const request of await (await caches.open(name)).keys()) keys.push(request.url);
          }
          return { local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }), keys };
        }"""
    )
    assert context.cookies() == []
    for value in figures.values():
        assert value not in stored["local"] and value not in stored["session"]
        assert not [url for url in stored["keys"] if value in url]
    page.close()
