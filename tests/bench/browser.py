"""Chromium: fresh profiles, pages, waiting for results, the offline copy, recomputes; problems seen."""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import BrowserContext, Page, Playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.bench.errors import BenchError
from tests.bench.probes import OFFLINE_STATE_JS, PAGE_PROBE_JS, PRECACHE_JS, RECOMPUTE_PROBE_JS, RESULT_DONE_JS
from tests.bench.server import Hit
from tests.bench.settings import PRECACHE_TIMEOUT_S, RECOMPUTE_FIELD, RECOMPUTE_VALUES, SETTLE_MS, TIMEOUT_MS
from tests.chromium import launch_args


@dataclass
class Problems:
    """Console errors, page errors and failed requests seen while measuring, with counts."""

    seen: Counter = field(default_factory=Counter)

    def add(self, kind: str, where: str, text: str) -> None:
        self.seen[(kind, where, " ".join(text.split())[:300])] += 1

    def watch(self, context: BrowserContext, where: str) -> None:
        """Record console errors and the site's own warnings (page and workers) and failed requests."""

        def on_console(msg: Any) -> None:
            if msg.type == "error":
                self.add("console error", where, msg.text)
            elif msg.type == "warning" and msg.text.startswith("calc"):  # e.g. "starting without the snapshot"
                self.add("console warning", where, msg.text)

        context.on("console", on_console)
        context.on("requestfailed", lambda req: self.add("request failed", where, f"{req.url} {req.failure}"))

    def watch_page(self, page: Page, where: str) -> None:
        """Record uncaught exceptions of ``page``."""
        page.on("pageerror", lambda err: self.add("page error", where, str(err)))

    def add_statuses(self, hits: list[Hit], where: str) -> None:
        """Record responses with an error status."""
        for hit in hits:
            if hit.status >= 400:
                self.add(f"HTTP {hit.status}", where, hit.path)


@contextlib.contextmanager
def fresh_profile(pw: Playwright, problems: Problems, where: str) -> Iterator[BrowserContext]:
    """Chromium with a new temporary user-data-dir, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="calc-bench-profile-", ignore_cleanup_errors=True) as profile:
        context = pw.chromium.launch_persistent_context(profile, **launch_args())
        try:
            context.set_default_timeout(TIMEOUT_MS)
            context.add_init_script(PAGE_PROBE_JS)
            problems.watch(context, where)
            yield context
        finally:
            context.close()


def open_page(context: BrowserContext, problems: Problems, where: str) -> Page:
    """A new tab whose page errors are recorded."""
    page = context.new_page()
    problems.watch_page(page, where)
    return page


def wait_result(page: Page, label: str) -> dict[str, Any]:
    """Wait (across page loads) until the page probe has a result; return ``window.__bench``."""
    try:
        page.wait_for_function(RESULT_DONE_JS, timeout=TIMEOUT_MS, polling=100)
    except PlaywrightTimeout:
        state = page.evaluate("() => document.documentElement.dataset.engine || '(none)'")
        raise BenchError(f"{label}: no result after {TIMEOUT_MS // 1000} s (data-engine={state})") from None
    bench = page.evaluate("() => window.__bench")
    if bench["error"]:
        raise BenchError(f"{label}: {bench['error']}")
    return bench


def first_result(page: Page, url: str, label: str) -> tuple[float, str]:
    """Open ``url`` and return (ms from navigation start to the first result, its value)."""
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    bench = wait_result(page, label)
    return float(bench["result"]), str(bench["value"])


def accept_offline_copy(page: Page, problems: Problems, label: str) -> None:
    """Click 保存 in the offline copy's notice (shown after the first result), as a visitor who agrees.

    The page registers the service worker only then; a page whose worker is already registered
    shows no notice, and nothing is clicked.
    """
    state = page.evaluate(OFFLINE_STATE_JS)
    deadline = time.monotonic() + 10
    while state in ("", "none") and time.monotonic() < deadline:
        page.wait_for_timeout(100)
        state = page.evaluate(OFFLINE_STATE_JS)
    if state in ("offer", "declined"):
        page.locator(".engine-offline button").first.click()
    elif state not in ("kept", "saving", "saved"):
        problems.add("service worker", label, f"no offer to keep an offline copy (state {state!r})")


def wait_precached(page: Page, expected: int, problems: Problems, label: str) -> int:
    """Accept the offline copy; wait until the service worker is active and has cached every file of sw.js."""
    accept_offline_copy(page, problems, label)
    deadline = time.monotonic() + PRECACHE_TIMEOUT_S
    state: dict[str, Any] = {}
    while time.monotonic() < deadline:
        state = page.evaluate(PRECACHE_JS)
        if state["active"] and state["caches"] == 1 and state["cached"] == expected:
            return expected
        page.wait_for_timeout(200)
    problems.add(
        "service worker",
        label,
        f"after {PRECACHE_TIMEOUT_S:.0f} s: active={state.get('active')}, {state.get('caches')} calc-site caches, "
        f"{state.get('cached')} of {expected} files cached",
    )
    return max(int(state.get("cached", 0)), 0)


def recompute_once(page: Page, value: str, attempts: int = 3) -> float:
    """Change the field to ``value``, press Enter; ms from submit to the new data-value."""
    done = "() => { const p = window.__benchRecompute; return p.end !== null || p.early; }"
    for _ in range(attempts):
        page.evaluate("() => window.__benchRecompute.reset()")
        page.fill(RECOMPUTE_FIELD, value)
        page.press(RECOMPUTE_FIELD, "Enter")
        try:
            page.wait_for_function(done, timeout=TIMEOUT_MS, polling=50)
        except PlaywrightTimeout:
            raise BenchError(f"recompute to {value}: the result did not change within {TIMEOUT_MS // 1000} s") from None
        probe = page.evaluate("() => window.__benchRecompute")
        page.wait_for_timeout(SETTLE_MS)
        if probe["early"]:
            continue  # the debounce fired before Enter (a very slow machine): measure again
        if probe["failure"]:
            raise BenchError(f"recompute to {value}: the calculator showed a failure: {probe['failure']}")
        return float(probe["end"]) - float(probe["start"])
    raise BenchError(f"recompute to {value}: the debounced run always beat the submit")


def measure_recompute(page: Page, changes: int) -> list[float]:
    """``changes`` recomputes on a page that already shows a result, alternating the value."""
    page.evaluate(RECOMPUTE_PROBE_JS)
    return [recompute_once(page, RECOMPUTE_VALUES[i % len(RECOMPUTE_VALUES)]) for i in range(changes)]


def browser_version(pw: Playwright) -> str:
    """The Chromium version, from a short throw-away launch."""
    browser = pw.chromium.launch(**launch_args())
    try:
        return browser.version
    finally:
        browser.close()
