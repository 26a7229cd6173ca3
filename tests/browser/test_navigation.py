"""Instant navigation (mkdocs-material) keeps the page's scripts, so the engine starts once per tab.

Links are followed as a user does (a click); a marker set on ``window`` survives only if the page
was swapped in place rather than loaded anew, and every Web Worker the tab starts is counted.
"""

from playwright.sync_api import Page

import calc
from calc.registry import Estimator
from tests.browser.test_every_calculator import RESULT, as_page_values, shown
from tests.page_run import page_run
from tests.screenshots import as_query

MARKER = "window.__sameDocument"


def follow(page: Page, href: str) -> None:
    """Click a link to ``href`` (relative to the current page), as instant navigation sees it."""
    page.evaluate(
        """(href) => {
          const link = Object.assign(document.createElement("a"), { href, textContent: "next" });
          document.querySelector("article").prepend(link);
          link.click();
        }""",
        href,
    )


def engine_workers(page: Page) -> list[str]:
    found: list[str] = []
    page.on("worker", lambda worker: found.append(worker.url) if "engine-worker" in worker.url else None)
    return found


def assert_shows(page: Page, estimator: Estimator, inputs: dict) -> None:
    page.wait_for_url(f"**/calculators/{estimator.id}/**")
    # The new page's own result, not the previous page's: the address changes before the swap,
    # and the swapped-in page shows its result only once the engine has answered.
    page.wait_for_selector(f'.calculator[data-estimator="{estimator.id}"] {RESULT}', timeout=120_000)
    assert shown(page) == as_page_values(page_run(estimator.id, inputs)["result"])


def test_moving_between_calculators_keeps_the_engine(page: Page, base_url: str) -> None:
    workers = engine_workers(page)
    first, second = calc.engine.get("sanming-ktd-subsidy"), calc.engine.get("national-guarantee")
    page.goto(f"{base_url}calculators/{first.id}/?{as_query(first.example)}")
    assert_shows(page, first, first.example)
    page.evaluate(f"{MARKER} = true")

    follow(page, f"../{second.id}/?{as_query(second.example)}")
    assert_shows(page, second, second.example)
    changed = {**first.example, "loan_amount": "1000000"}
    follow(page, f"../{first.id}/?{as_query(changed)}")
    assert_shows(page, first, changed)

    assert page.evaluate(MARKER) is True  # swapped in place: scripts and engine kept
    assert len(workers) == 1


def test_a_policy_page_leads_to_a_calculator_without_reloading(page: Page, base_url: str) -> None:
    workers = engine_workers(page)
    estimator = calc.engine.get("sanming-ktd-subsidy")
    page.goto(f"{base_url}policies/sanming-ktd/")
    # Material takes over clicks once it has read the sitemap, shortly after the page loads;
    # a click before that is an ordinary page load (no harm, just no instant navigation).
    page.wait_for_load_state("networkidle")
    page.evaluate(f"{MARKER} = true")
    assert workers == []  # a policy page starts no engine
    follow(page, f"../../calculators/{estimator.id}/?{as_query(estimator.example)}")
    assert_shows(page, estimator, estimator.example)
    assert page.evaluate(MARKER) is True
    assert len(workers) == 1
