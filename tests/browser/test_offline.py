"""The engine's start-up paths and the service worker, in Chromium.

- The engine starts from the build's memory snapshot; with the snapshot unavailable it starts
  the ordinary way, and both give calc.run's figures.
- After one visit to a calculator where the visitor accepted the offline copy (保存, offered with
  its size once the first result is shown), the service worker keeps the whole site: with the server
  stopped (the network cut), every calculator still computes calc.run's figures, the policy
  pages and the search still work. While it is active, a calculator's address (which carries
  the figures) is not sent to the server.
"""

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, ClassVar

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

import calc
from build_scripts import runtime
from build_scripts.serve import Handler, serve_in_background
from calc import policies
from calc.registry import Estimator
from tests.browser.test_every_calculator import as_page_values, shown, wait_result
from tests.page_run import page_run
from tests.screenshots import as_query

FALLBACK = "starting without the snapshot"
SUBSIDY = "sanming-ktd-subsidy"


def example_url(base_url: str, estimator: Estimator) -> str:
    return f"{base_url}calculators/{estimator.id}/?{as_query(estimator.example)}"


def assert_shows_calc_run(page: Page, estimator: Estimator) -> None:
    wait_result(page)
    assert shown(page) == as_page_values(page_run(estimator.id, estimator.example)["result"])


def warnings_of(context: BrowserContext) -> list[str]:
    seen: list[str] = []
    context.on("console", lambda msg: seen.append(msg.text) if msg.type in ("warning", "error") else None)
    return seen


class NoSnapshot(Handler):
    """The site with its engine.json missing, as on a host that lost the file."""

    missing: ClassVar[str] = f"/{runtime.site_path()}engine.json"

    def send_head(self) -> BinaryIO | None:
        if self.path.split("?")[0] == self.missing:
            self.send_error(404)
            return None
        return super().send_head()


def test_engine_starts_from_the_snapshot(browser: Browser, base_url: str) -> None:
    context = browser.new_context(service_workers="block")
    warnings = warnings_of(context)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    estimator = calc.engine.get(SUBSIDY)
    page.goto(example_url(base_url, estimator))
    assert_shows_calc_run(page, estimator)
    assert not [w for w in warnings if FALLBACK in w]
    assert any("/engine/snapshot-" in url for url in requests)
    assert not [url for url in requests if url.endswith(".whl")]  # the snapshot has the packages
    context.close()


def test_engine_starts_without_the_snapshot(browser: Browser, site_dir: Path) -> None:
    server, base = serve_in_background(site_dir, NoSnapshot)
    context = browser.new_context(service_workers="block")
    warnings = warnings_of(context)
    try:
        page = context.new_page()
        estimator = calc.engine.get(SUBSIDY)
        page.goto(example_url(base, estimator))
        assert_shows_calc_run(page, estimator)
        assert [w for w in warnings if FALLBACK in w]
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def kept_files(site_dir: Path) -> list[str]:
    """What sw.js lists, read from the built file."""
    found = re.search(r"^const FILES = (.*);$", (site_dir / "sw.js").read_text("utf-8"), re.MULTILINE)
    assert found, "sw.js has no file list"
    return json.loads(found.group(1))


def accept_offline_copy(page: Page) -> None:
    """Click 保存 in the offer that follows the first result; the service worker is registered only then."""
    offer = page.locator(".engine-offline")
    expect(offer).to_contain_text("保存离线副本（约")
    assert not page.evaluate("async () => Boolean(await navigator.serviceWorker.getRegistration())")
    offer.get_by_role("button", name=re.compile("^保存离线副本（约")).click()


def save_offline_copy(page: Page, site_dir: Path, timeout: int = 120_000) -> None:
    """Accept the offer; wait until the service worker has cached every file of sw.js."""
    accept_offline_copy(page)
    saved = "离线副本已保存：下次打开更快，断网也能计算。"
    expect(page.locator(".engine-offline")).to_have_text(saved, timeout=timeout)
    expected = len(kept_files(site_dir))
    for _ in range(600):
        if page.evaluate(CACHED) == expected:
            break
        page.wait_for_timeout(100)
    assert page.evaluate(CACHED) == expected


CACHED = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const names = (await caches.keys()).filter((name) => name.startsWith("calc-site-"));
  if (!registration.active || names.length !== 1) return -1;
  return (await (await caches.open(names[0])).keys()).length;
}"""


class Logged(Handler):
    """Records every address asked for (path and query)."""

    seen: ClassVar[list[str]] = []

    def send_head(self) -> BinaryIO | None:
        self.seen.append(self.path)
        return super().send_head()


@pytest.fixture(scope="module")
def offline(browser: Browser, site_dir: Path) -> Iterator[tuple[Page, str]]:
    """A tab that visited one calculator online, then another with the site kept; then the server is stopped."""
    server, base = serve_in_background(site_dir, Logged)
    context = browser.new_context()
    page = context.new_page()
    estimator = calc.engine.get(SUBSIDY)
    page.goto(example_url(base, estimator))
    assert_shows_calc_run(page, estimator)
    save_offline_copy(page, site_dir)
    Logged.seen.clear()
    other = calc.engine.get("national-guarantee")
    page.goto(example_url(base, other))
    assert_shows_calc_run(page, other)
    page.wait_for_timeout(500)
    expect(page.locator(".engine-offline button")).to_have_count(0)  # kept: not asked again
    server.shutdown()
    server.server_close()
    yield page, base
    context.close()


def test_figures_in_the_address_do_not_reach_the_server(offline: tuple[Page, str]) -> None:
    pages = [path for path in Logged.seen if path.startswith("/calculators/")]
    assert pages == ["/calculators/national-guarantee/"]


@pytest.mark.parametrize("estimator_id", sorted(e.id for e in calc.estimators()))
def test_every_calculator_works_offline(offline: tuple[Page, str], estimator_id: str) -> None:
    page, base = offline
    estimator = calc.engine.get(estimator_id)
    page.goto(example_url(base, estimator))
    assert_shows_calc_run(page, estimator)


def test_policy_pages_and_search_work_offline(offline: tuple[Page, str]) -> None:
    page, base = offline
    for policy in policies.ids():
        page.goto(f"{base}policies/{policy}/")
        assert page.locator("article h1").count() == 1
    page.goto(base)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("贴息")
    box.press("End")
    page.wait_for_selector(".md-search-result__item a", timeout=30_000)
