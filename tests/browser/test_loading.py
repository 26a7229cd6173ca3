"""The engine's first load says what it downloads, and how far it got; a thin link is not cut off.

- The worker's progress messages carry the bytes received and the total of the download (the
  total written into engine.json at build time); the status line shows them in MB, and after the
  download says that the engine is starting.
- A download that keeps bringing bytes, however slowly, is never given up; one that brings no
  byte says so after a while (网络较慢), then gives up with 重试. These run with the page's limits
  shortened (engine.js is rewritten on its way to the page), so that a download longer than the
  idle limit proves the limit counts idle time, not time since the start.
- The offline copy is offered only after a result, with its size, and declining it is kept.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, ClassVar

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

import calc
from build_scripts import runtime
from build_scripts.serve import Handler, serve_in_background
from tests.browser.test_every_calculator import wait_result
from tests.screenshots import as_query

SUBSIDY = calc.engine.get("sanming-ktd-subsidy")
RESULT_URL = f"calculators/{SUBSIDY.id}/?{as_query(SUBSIDY.example)}"
EMPTY_URL = f"calculators/{SUBSIDY.id}/"
SNAPSHOT = re.compile(r"/engine/snapshot-[0-9a-f]+\.bin\.zst$")
FIGURES = re.compile(r"(\d+\.\d) / 约 (\d+\.\d) MB")

# Every message the engine's worker sends, recorded in the page (the worker is created by the
# inline boot script or by engine.js; both go through window.Worker).
RECORD_MESSAGES = """
(() => {
  const Native = window.Worker;
  window.__engineMessages = [];
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => window.__engineMessages.push({ ...event.data, at: Date.now() }));
    }
  };
})();
"""


class Throttled(Handler):
    """Sends the engine's snapshot ``rate`` bytes per second in small pieces, or stops after ``stall_after`` bytes."""

    rate: ClassVar[int] = 0  # bytes per second; 0: as fast as it can
    stall_after: ClassVar[int | None] = None
    release: ClassVar[threading.Event] = threading.Event()
    CHUNK: ClassVar[int] = 32 * 1024

    def copyfile(self, source: BinaryIO, outputfile: BinaryIO) -> None:  # type: ignore[override]
        if not SNAPSHOT.search(self.path.split("?")[0]) or not (self.rate or self.stall_after is not None):
            super().copyfile(source, outputfile)
            return
        sent = 0
        while chunk := source.read(self.CHUNK):
            if self.stall_after is not None and sent >= self.stall_after:
                self.release.wait(120)  # the page gives up long before; the test releases it at its end
                return
            outputfile.write(chunk)
            outputfile.flush()
            sent += len(chunk)
            if self.rate:
                time.sleep(len(chunk) / self.rate)


@pytest.fixture
def throttled(site_dir: Path) -> Iterator[str]:
    Throttled.rate, Throttled.stall_after = 0, None
    Throttled.release.clear()
    server, base = serve_in_background(site_dir, Throttled)
    yield base
    Throttled.release.set()
    Throttled.rate, Throttled.stall_after = 0, None
    server.shutdown()
    server.server_close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A phone-sized tab without the service worker (every file comes from the server)."""
    context = browser.new_context(service_workers="block", viewport={"width": 390, "height": 844})
    context.add_init_script(RECORD_MESSAGES)
    yield context
    context.close()


def engine_download(site_dir: Path) -> dict:
    return json.loads((site_dir / runtime.site_path() / "engine.json").read_text("utf-8"))["download"]


def shorten_limits(page: Page, slow_ms: int, idle_ms: int) -> None:
    """Serve engine.js with its slow-network notice and its idle limit shortened."""

    def rewrite(route: Route) -> None:
        response = route.fetch()
        body = response.text()
        for name, value in (("SLOW_NOTICE_MS", slow_ms), ("DOWNLOAD_IDLE_LIMIT_MS", idle_ms)):
            body = re.sub(rf"const {name} = [\d_]+;", f"const {name} = {value};", body)
        changed = body
        assert changed.count(f"= {slow_ms};") == 1 and changed.count(f"= {idle_ms};") == 1, "engine.js limits renamed?"
        route.fulfill(response=response, body=changed)

    page.route(re.compile(r"/assets/calc/engine\.js(\?.*)?$"), rewrite)


def messages(page: Page) -> list[dict]:
    return page.evaluate("() => window.__engineMessages")


def test_progress_counts_bytes_and_shows_megabytes(context: BrowserContext, throttled: str, site_dir: Path) -> None:
    Throttled.rate = 1_200_000  # the 5.4 MB snapshot over about four and a half seconds
    total = sum(sent for _, _, sent in engine_download(site_dir)["snapshot"])
    page = context.new_page()
    page.goto(throttled + RESULT_URL)
    status = page.locator(".engine-status")
    expect(status.locator(".engine-figures")).to_have_text(FIGURES, timeout=30_000)
    shown = FIGURES.search(status.locator(".engine-figures").inner_text())
    assert shown and float(shown.group(2)) == round(total / 1e6, 1)
    expect(status.locator(".engine-message")).to_have_text("正在下载计算引擎（Python 运行环境与计算程序）：")
    percent = page.locator(".engine-progress").evaluate("bar => bar.position >= 0 ? bar.value : null")
    assert percent is not None and 0 <= percent <= 100
    wait_result(page)

    progress = [m for m in messages(page) if m["type"] == "progress"]
    downloading = [m for m in progress if m.get("phase") == "download" and m.get("total")]
    assert len(downloading) >= 5, progress
    assert all(m["total"] == total for m in downloading)
    loaded = [m["loaded"] for m in downloading]
    assert loaded == sorted(loaded) and loaded[-1] > 0.5 * total
    assert all(m["percent"] == int(m["loaded"] * 100 / m["total"]) for m in downloading)
    assert all(FIGURES.search(m["message"]) for m in downloading)
    # While bytes arrive (the snapshot streams for four seconds from the start), the page hears
    # of them at least once a second. Later pauses are the processor's work between downloads.
    first = next(m["at"] for m in downloading if m["loaded"] > 0)
    times = [m["at"] for m in downloading if first <= m["at"] <= first + 3000]
    assert len(times) >= 4 and max(b - a for a, b in itertools.pairwise(times)) < 1000
    starting = [m for m in progress if m.get("phase") == "start"]
    assert starting and starting[0]["message"] == "正在启动计算引擎…"
    assert progress.index(starting[0]) > progress.index(downloading[-1])


def test_a_slow_download_that_moves_is_not_cut(context: BrowserContext, throttled: str) -> None:
    Throttled.rate = 400_000  # the snapshot alone takes over thirteen seconds
    page = context.new_page()
    shorten_limits(page, slow_ms=2500, idle_ms=4000)
    started = time.monotonic()
    page.goto(throttled + RESULT_URL)
    wait_result(page)
    assert time.monotonic() - started > 3 * 4, "the download was not slower than the idle limit: nothing was tested"
    assert not [m for m in messages(page) if m["type"] == "error"]
    expect(page.locator(".calculator")).to_have_attribute("data-engine", "ready")


def test_a_stalled_download_says_so_then_gives_up(context: BrowserContext, throttled: str) -> None:
    Throttled.stall_after = 1_000_000
    page = context.new_page()
    shorten_limits(page, slow_ms=2500, idle_ms=8000)
    page.goto(throttled + RESULT_URL)
    message = page.locator(".engine-message")
    expect(message).to_have_text("网络较慢，仍在下载计算引擎…", timeout=30_000)
    expect(page.locator(".engine-figures")).to_have_text(FIGURES)  # the figures stay
    expect(page.locator(".calculator")).to_have_attribute("data-engine", "error", timeout=30_000)
    expect(message).to_contain_text("长时间未收到数据")
    expect(page.locator(".engine-retry")).to_be_visible()
    Throttled.stall_after = None
    page.click(".engine-retry")
    expect(page.locator(".calculator")).to_have_attribute("data-engine", "ready", timeout=120_000)
    page.fill("#in-loan_amount", "1000000")  # a retry does not compute again by itself (app.js)
    wait_result(page)


# ---- the offline copy's offer -----------------------------------------------------------------

REGISTERED = "async () => Boolean(await navigator.serviceWorker.getRegistration())"


@pytest.fixture
def visitor(browser: Browser) -> Iterator[BrowserContext]:
    """A phone-sized tab where the service worker is allowed (a new profile: nothing decided yet)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    yield context
    context.close()


def offline_mb(site_dir: Path) -> int:
    return max(1, round(engine_download(site_dir)["offline"] / 1e6))


def test_no_offer_before_a_result(visitor: BrowserContext, base_url: str) -> None:
    page = visitor.new_page()
    page.goto(base_url + EMPTY_URL)  # no figures: nothing is computed
    expect(page.locator(".calculator")).to_have_attribute("data-engine", "ready", timeout=120_000)
    page.wait_for_timeout(4000)  # the old page registered the service worker 3 s after the engine was ready
    expect(page.locator(".engine-offline")).to_be_hidden()
    assert not page.evaluate(REGISTERED)
    page.fill("#in-loan_amount", "2000000")
    page.fill("#in-actual_rate", "3")
    page.fill("#in-interest_paid", "60000")
    wait_result(page)
    expect(page.locator(".engine-offline")).to_contain_text("保存离线副本")


def test_declining_is_remembered(visitor: BrowserContext, base_url: str, site_dir: Path) -> None:
    page = visitor.new_page()
    page.goto(base_url + RESULT_URL)
    wait_result(page)
    offer = page.locator(".engine-offline")
    expect(offer).to_contain_text(f"保存离线副本（约 {offline_mb(site_dir)} MB）后，下次打开更快，断网也能计算。")
    expect(offer.get_by_role("button", name=re.compile("^保存离线副本（约"))).to_have_text("保存")
    decline = offer.get_by_role("button", name="不用了：不保存离线副本，不再询问")
    decline.focus()
    page.keyboard.press("Enter")  # by keyboard
    again = offer.get_by_role("button", name=re.compile("^保存离线副本（约"))
    expect(again).to_have_text("保存离线副本")
    expect(again).to_be_focused()
    expect(offer).not_to_contain_text("不用了")
    page.wait_for_timeout(4000)
    assert not page.evaluate(REGISTERED)
    stored = page.evaluate("() => ({ ...localStorage })")
    assert stored["calc-offline-copy"] == "no"  # the answer, and no figure
    assert not [key for key in stored if key not in ("calc-offline-copy", "/.__palette")]

    page.reload()
    wait_result(page)
    page.wait_for_timeout(1500)
    expect(offer.get_by_role("button")).to_have_count(1)
    expect(offer.get_by_role("button")).to_have_text("保存离线副本")
    expect(offer).not_to_contain_text("下次打开更快，断网也能计算。")
    assert not page.evaluate(REGISTERED)
