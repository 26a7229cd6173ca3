"""Benchmark the calculator site against bare Pyodide in Debian's Chromium (run on demand: ``make bench``).

Not a pytest test. Run it from the repository root::

    .venv/bin/python tests/benchmark.py [--runs 5] [--changes 20] [--site site] [--json out.json]

Each run interleaves our pages with a bare Pyodide page (this machine is noisy, so ratios taken
within one run mean more than absolute times); every figure is reported as median [min–max]
over the runs. Bytes are counted on the server (status line, headers and body of every
response, so requests made by Web Workers and the service worker are included). Times are
``performance.now()`` in the page, so navigation start is 0 and Playwright's latency is excluded.

1. pages without a calculator (the policy page and the overview), fresh profile, until the
   network is quiet: total bytes, the search index, the total without it, and any wasm, Python
   or engine file they fetched (they must fetch none);
2. our calculator, cold (fresh profile): first contentful paint, when ``form.calc-form`` and its
   inputs are in the DOM, DOMContentLoaded, and the first result (``[data-field="subsidy"]
   [data-value]``); bytes to the first result, and after it (the visitor accepts the offline copy
   the page then offers) until the service worker has cached every file of ``sw.js`` and the
   network is quiet; the precache as a whole (every response from
   ``/sw.js`` on), and how much of it the server sent again in full although the visit had it;
3. the repeat visit: same profile, new tab, once the service worker has cached everything:
   whether the service worker controlled the page, the same times, the bytes from the server and
   those it sent again in full although unchanged;
4. time to the first result, cold and warm, ours and bare (bare: its worker answers ``1+1``),
   with paired ratios ours/bare;
5. recompute: after a result is shown, change an input, press Enter (form submit, so the 250 ms
   debounce is not measured) and time in the page from ``submit`` to the new ``data-value``;
6. clicking a link to another calculator (Material's instant navigation): from the warm tab to
   ``sanming-ktd-compensation`` with its example inputs, and from a freshly loaded policy page to
   our calculator: ms from the click to the first result, whether the page stayed the same
   document, and whether the engine started again (engine workers created, engine files the
   server was asked for);
7. once (run 1): cold visits, ours and bare, against a second server without the precompressed
   ``.gz`` copies, to compare the bytes sent;
8. the command-line batch throughput (``python -m calc batch``, CSV and .xlsx, before the browser runs),
   and the batch page's (``batch/``: rows/s on 10,000 and 100,000 rows of .xlsx, and memory);
9. a thin link (issue 13): the same server behind one shared link of 10 and of 2 Mbit/s with
   100 ms added to each response (``tests/thin_link.py``), ``.gz`` copies served as
   ``gzip_static`` does; cold visits, ours and bare, each in a fresh profile, alternating who goes
   first: time and bytes to the first result (bytes in parts: page, runtime, stdlib, snapshot,
   …), and what came after it until the network was quiet. Once, at the first rate, the repeat
   visit after the visitor saved the offline copy, against bare's repeat visit.

Then the targets of issues 5 and 13 (the ratios use the bare runtime measured in the same run).
The bare page and its worker live in ``tests/bench_assets/`` and are served at ``/__bench__/``; the worker
imports the site's own runtime files (same URLs), so caching behaves the same.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import BrowserContext, Page, Playwright, Worker, sync_playwright  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

import calc  # noqa: E402
from build_scripts import runtime  # noqa: E402
from build_scripts.serve import Handler  # noqa: E402
from tests.browser.test_batch_page import WATCH_RUN  # noqa: E402
from tests.chromium import EXECUTABLE, launch_args  # noqa: E402
from tests.screenshots import as_query  # noqa: E402
from tests.thin_link import Link, ThinLink  # noqa: E402

ASSETS = Path(__file__).resolve().parent / "bench_assets"
BENCH_PREFIX = "/__bench__/"
BENCH_FILES = ("bare.html", "bare-worker.js")

POLICY_PATH = "policies/sanming-ktd/"
OVERVIEW_PATH = "overview/"
LIGHT_PAGES = (POLICY_PATH, OVERVIEW_PATH)  # pages without a calculator
SEARCH_INDEX = "/search/search_index.json"
CALC_ID = "sanming-ktd-subsidy"
CALC_QUERY = "loan_amount=2000000&actual_rate=3&interest_paid=60000"
CALC_PATH = f"calculators/{CALC_ID}/?{CALC_QUERY}"
EXPECTED_SUBSIDY = "30000.00"
# The policy page's link to our calculator, and the sidebar link from it to the next calculator;
# neither carries inputs, so the benchmark clicks a copy with the inputs added (see INJECT_LINK_JS).
POLICY_LINK = f'.calc-link a[href$="calculators/{CALC_ID}/"]'
NEXT_ID = "sanming-ktd-compensation"
NEXT_LINK = f'a.md-nav__link[href$="calculators/{NEXT_ID}/"]'
RECOMPUTE_FIELD = "#in-interest_paid"
RECOMPUTE_VALUES = ("61000", "60000")  # alternate, so every change changes the result
#: Requested when an engine starts (names begin so: the runtime's wasm may come as pyodide.asm.wasm.zst).
ENGINE_START_FILES = ("pyodide.asm.wasm", "engine.json", "engine-worker.js")

TIMEOUT_MS = 120_000
QUIET_S = 1.0  # the network counts as settled after this long without a request
SETTLE_MS = 400  # after each recompute: longer than the page's 250 ms debounce
PRECACHE_TIMEOUT_S = 180.0  # for the service worker to cache every file of sw.js
TARGET_COLD_RATIO = 1.0
TARGET_WARM_RATIO = 0.5
TARGET_RECOMPUTE_P95_MS = 50.0
TARGET_LIGHT_BYTES = 500_000  # per page without a calculator, search index excluded
THIN_DELAY_MS = 100.0  # added to every response on the thin link
TARGET_THIN_RATIO = {10.0: 1.0, 2.0: 1.2}  # first result, ours/bare, per link in Mbit/s
TARGET_THIN_BYTES = 1.3  # bytes to the first result, ours/bare

# Added to every page of our site before its scripts run. Records (performance.now(), navigation
# start = 0) when form.calc-form and its inputs are in the DOM and when the first result appears,
# or why it never will. window.__benchRearm() forgets the result shown, before a click to another
# calculator, and stores the click time (epoch ms) in sessionStorage, which survives a full page
# load in this tab. The bare page records its own result.
PAGE_PROBE_JS = """
(() => {
  if (location.pathname.startsWith("/__bench__/")) return;
  const bench = (window.__bench = {
    origin: performance.timeOrigin, form: null, result: null, field: null, value: null, error: null,
  });
  let stale = new Set();
  const check = () => {
    const fresh = [...document.querySelectorAll(".calc-output [data-field][data-value]")].filter((n) => !stale.has(n));
    if (fresh.length) {
      const node = fresh.find((n) => n.dataset.field === "subsidy") || fresh[0];
      Object.assign(bench, { result: performance.now(), field: node.dataset.field, value: node.dataset.value });
      return;
    }
    const root = document.querySelector(".calculator[data-engine]");
    if (root && root.dataset.engine === "error") {
      const message = root.querySelector(".engine-message");
      bench.error = `data-engine="error": ${message ? message.textContent : "(no message)"}`;
    }
    const failure = document.querySelector(".calc-output .admonition.failure");
    if (failure && !stale.has(failure)) {
      const text = Array.from(failure.children, (node) => node.textContent.trim()).join(" — ");
      bench.error = `the calculator showed a failure: ${text}`;
    }
  };
  const observer = new MutationObserver(() => {
    if (bench.form === null && document.querySelector("form.calc-form input")) bench.form = performance.now();
    if (bench.result === null && bench.error === null) check();
    if (bench.form !== null && (bench.result !== null || bench.error !== null)) observer.disconnect();
  });
  const watch = () => observer.observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["data-value", "data-engine"],
  });
  watch();
  window.__benchRearm = () => {
    stale = new Set(document.querySelectorAll(".calc-output [data-field][data-value], .calc-output .admonition"));
    Object.assign(bench, { result: null, field: null, value: null, error: null });
    sessionStorage.removeItem("__benchClick");
    const note = () => sessionStorage.setItem("__benchClick", String(performance.timeOrigin + performance.now()));
    document.addEventListener("click", note, { capture: true, once: true });
    watch();
    return performance.timeOrigin;
  };
})();
"""

# Read once the first result is shown.
PAGE_TIMES_JS = """
() => {
  const paint = performance.getEntriesByType("paint").find((entry) => entry.name === "first-contentful-paint");
  const navigation = performance.getEntriesByType("navigation")[0];
  return {
    fcp: paint ? paint.startTime : null,
    dcl: navigation ? navigation.domContentLoadedEventStart : null,
    form: (window.__bench && window.__bench.form) ?? null,
    controlled: "serviceWorker" in navigator && navigator.serviceWorker.controller !== null,
  };
}
"""

# How far the service worker got (as tests/browser/test_offline.py, without waiting for it).
PRECACHE_JS = """
async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  const names = (await caches.keys()).filter((name) => name.startsWith("calc-site-"));
  const cached = names.length === 1 ? (await (await caches.open(names[0])).keys()).length : -1;
  return { active: Boolean(registration && registration.active), caches: names.length, cached };
}
"""

# The offline copy's notice in the engine's status line (docs/assets/calc/app.js): its state.
OFFLINE_STATE_JS = """
() => { const box = document.querySelector(".engine-offline"); return box ? box.dataset.state || "" : ""; }
"""

# A copy of an existing link with example inputs added, fixed in the top left corner so it can
# be clicked like any link (instant navigation intercepts same-origin link clicks).
INJECT_LINK_JS = """
([selector, query]) => {
  const source = document.querySelector(selector);
  if (!source) return null;
  const link = document.createElement("a");
  link.id = "bench-next";
  link.href = `${source.getAttribute("href")}?${query}`;
  link.textContent = "benchmark: next calculator";
  link.style.cssText = "position: fixed; top: 0; left: 0; z-index: 10000; padding: 4px; background: #fff;";
  document.body.append(link);
  const box = link.getBoundingClientRect();
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  const visible = x >= 0 && y >= 0 && x < innerWidth && y < innerHeight && document.elementFromPoint(x, y) === link;
  return { href: link.href, visible };
}
"""

RESULT_DONE_JS = "() => window.__bench && (window.__bench.result !== null || window.__bench.error !== null)"

# Installed once a result is shown: a capture-phase submit listener starts the clock, a
# MutationObserver on the output stops it when the subsidy's data-value changes.
RECOMPUTE_PROBE_JS = """
() => {
  const form = document.querySelector("form.calc-form");
  const output = document.querySelector(".calc-output");
  const current = () => {
    const node = output.querySelector('[data-field="subsidy"][data-value]');
    return node ? node.dataset.value : null;
  };
  const probe = {
    armed: false, start: null, end: null, before: null, value: null, early: false, failure: null, changes: 0,
    reset() {
      Object.assign(this, { armed: true, start: null, end: null, value: null, early: false, failure: null });
      this.before = current();
    },
  };
  form.addEventListener("submit", () => { if (probe.armed && probe.start === null) probe.start = performance.now(); },
    { capture: true });
  form.addEventListener("change", () => { probe.changes += 1; });
  new MutationObserver(() => {
    if (!probe.armed || probe.end !== null) return;
    const failure = output.querySelector(".admonition.failure");
    const value = current();
    if (!failure && value === probe.before) return;
    if (probe.start === null) {
      probe.early = true;  // the debounced run beat the submit: this sample is void
      return;
    }
    probe.end = performance.now();
    probe.value = value;
    probe.failure = failure ? Array.from(failure.children, (node) => node.textContent.trim()).join(" — ") : null;
    probe.armed = false;
  }).observe(output, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-value"] });
  window.__benchRecompute = probe;
}
"""


class BenchError(RuntimeError):
    """A measurement could not be taken (engine error, timeout, unbuilt site)."""


# ---------------------------------------------------------------- server with a request log


@dataclass
class Hit:
    """One response the server sent."""

    path: str
    status: int
    bytes: int


class RequestLog:
    """Thread-safe list of responses, with a way to wait until the network is quiet."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hits: list[Hit] = []
        self._in_flight = 0
        self._last_activity = time.monotonic()

    def started(self) -> None:
        """A request line has been read."""
        with self._lock:
            self._in_flight += 1
            self._last_activity = time.monotonic()

    def finished(self, hit: Hit) -> None:
        """A response has been written (fully or not)."""
        with self._lock:
            self._in_flight -= 1
            self._last_activity = time.monotonic()
            self._hits.append(hit)

    def mark(self) -> int:
        """A position to pass to ``since``."""
        with self._lock:
            return len(self._hits)

    def since(self, mark: int) -> list[Hit]:
        """Responses finished after ``mark``."""
        with self._lock:
            return list(self._hits[mark:])

    def wait_quiet(self, quiet: float = QUIET_S, timeout: float = 30.0) -> None:
        """Return once nothing is in flight and nothing happened for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                idle = self._in_flight == 0 and time.monotonic() - self._last_activity >= quiet
            if idle:
                return
            time.sleep(0.05)


class CountingWriter:
    """Wraps a handler's ``wfile`` and counts the bytes written to the socket."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.count = 0

    def write(self, data: bytes) -> int:
        written = self.raw.write(data)
        self.count += len(data) if written is None else written
        return written

    def flush(self) -> None:
        self.raw.flush()

    def close(self) -> None:
        self.raw.close()

    @property
    def closed(self) -> bool:
        return self.raw.closed


class BenchHandler(Handler):
    """The site's handler, plus the benchmark files under ``/__bench__/`` and a request log."""

    def __init__(self, *args: Any, log: RequestLog, **kwargs: Any) -> None:
        self.log = log
        self.status = 0
        self.counted = False
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        super().setup()
        self.wfile = CountingWriter(self.wfile)

    def parse_request(self) -> bool:
        ok = super().parse_request()
        if ok:
            self.counted = True
            self.log.started()
        return ok

    def handle_one_request(self) -> None:
        self.counted, self.status = False, 0
        before = self.wfile.count
        try:
            super().handle_one_request()
        finally:
            if self.counted:
                path = urllib.parse.urlsplit(self.path).path
                self.log.finished(Hit(path, self.status, self.wfile.count - before))

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.status = int(code) if isinstance(code, int) else 0

    def translate_path(self, path: str) -> str:
        route = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        if route.startswith(BENCH_PREFIX) and route.removeprefix(BENCH_PREFIX) in BENCH_FILES:
            return str(ASSETS / route.removeprefix(BENCH_PREFIX))
        return super().translate_path(path)


class PlainHandler(BenchHandler):
    """Ignores the build's ``.gz`` copies, like a server without gzip_static."""

    precompressed = False


class QuietServer(http.server.ThreadingHTTPServer):
    """Does not print tracebacks when the browser drops a connection (e.g. a closed page)."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@dataclass
class Server:
    """A running benchmark server: its base URL and what it sent."""

    base: str
    log: RequestLog


@contextlib.contextmanager
def serve(site: Path, handler: type[BenchHandler] = BenchHandler) -> Iterator[Server]:
    """Serve ``site`` on 127.0.0.1 (free port) in a daemon thread."""
    log = RequestLog()
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site), log=log))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{server.server_address[1]}/", log)
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------- browser


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


# ---------------------------------------------------------------- one run


@dataclass
class Visit:
    """One visit to a page with an engine: when things happened and what the server sent."""

    ms: float  # first result, from navigation start
    value: str
    hits: list[Hit]  # to the first result
    later_hits: list[Hit]  # after it, until the network is quiet (and the service worker has cached the site)
    fcp_ms: float | None = None  # first contentful paint
    form_ms: float | None = None  # form.calc-form and its inputs in the DOM
    dcl_ms: float | None = None  # DOMContentLoaded
    controlled: bool = False  # by the service worker, at the first result
    cached: int | None = None  # files in the service worker's cache afterwards (ours)


@dataclass
class Click:
    """A click on a link to a calculator with inputs, in a tab showing another page."""

    ms: float  # from the click to the calculator's first result
    result_field: str  # data-field and data-value of the result shown
    value: str
    same_document: bool  # the page was swapped in place (instant navigation), not reloaded
    engine_workers: int  # engine workers the tab created after the click
    engine_requests: list[str]  # "<status> <path>" of ENGINE_START_FILES the server was asked for
    hits: list[Hit]  # click to first result


@dataclass
class EngineRun:
    """Cold and warm visits of one page (ours or bare); ours' recompute times and click onwards."""

    cold: Visit
    warm: Visit
    recompute_ms: list[float] = field(default_factory=list)
    onward: Click | None = None


@dataclass
class Plain:
    """Cold visits against the server without the precompressed copies."""

    ours: Visit
    bare: Visit


@dataclass
class Run:
    """Everything one run measured."""

    order: list[str]
    light: dict[str, list[Hit]]  # page without a calculator → what it loaded
    from_policy: Click
    ours: EngineRun
    bare: EngineRun
    plain: Plain | None = None


@dataclass
class Env:
    """What every measurement needs."""

    pw: Playwright
    server: Server
    plain: Server
    problems: Problems
    changes: int
    precache: int  # files listed in sw.js


def bare_url(server: Server) -> str:
    """The bare Pyodide page on ``server``."""
    return f"{server.base}__bench__/bare.html?runtime={runtime.site_path()}"


def visit_result(env: Env, server: Server, page: Page, url: str, label: str, precache: bool = False) -> Visit:
    """Load ``url`` until its first result; then let the network settle (``precache``: the service worker
    caches the site first) and note what came after."""
    mark = server.log.mark()
    ms, value = first_result(page, url, label)
    hits = server.log.since(mark)
    times = page.evaluate(PAGE_TIMES_JS)
    cached = wait_precached(page, env.precache, env.problems, label) if precache else None
    server.log.wait_quiet()
    later = server.log.since(mark)[len(hits) :]
    env.problems.add_statuses(hits + later, label)
    return Visit(ms, value, hits, later, times["fcp"], times["form"], times["dcl"], times["controlled"], cached)


def load_until_quiet(env: Env, page: Page, path: str) -> list[Hit]:
    """Load a page until ``load`` and the network is quiet; what the server sent."""
    mark = env.server.log.mark()
    page.goto(env.server.base + path, wait_until="load", timeout=TIMEOUT_MS)
    env.server.log.wait_quiet()
    hits = env.server.log.since(mark)
    env.problems.add_statuses(hits, path)
    return hits


def click_to_calculator(env: Env, page: Page, selector: str, query: str, label: str) -> Click:
    """Click a copy of the link ``selector`` with ``query`` added; ms from the click to the first result."""
    workers: list[str] = []

    def on_worker(worker: Worker) -> None:
        workers.append(worker.url)

    page.on("worker", on_worker)
    link = page.evaluate(INJECT_LINK_JS, [selector, query])
    if link is None:
        raise BenchError(f"{label}: no link matches {selector} on {page.url}")
    origin = page.evaluate("() => window.__benchRearm()")
    mark = env.server.log.mark()
    if link["visible"]:
        page.click("#bench-next")
    else:
        page.evaluate("() => document.getElementById('bench-next').click()")
    bench = wait_result(page, label)
    clicked = page.evaluate("() => Number(sessionStorage.getItem('__benchClick'))")
    hits = env.server.log.since(mark)
    page.remove_listener("worker", on_worker)
    if not clicked:
        raise BenchError(f"{label}: the click was not recorded")
    env.server.log.wait_quiet()
    env.problems.add_statuses(env.server.log.since(mark), label)
    if bench["origin"] != origin and bench["origin"] < clicked:
        env.problems.add("clock", label, f"the new page started {clicked - bench['origin']:.1f} ms before the click")
    return Click(
        ms=bench["origin"] + bench["result"] - clicked,
        result_field=str(bench["field"]),
        value=str(bench["value"]),
        same_document=bench["origin"] == origin,
        engine_workers=sum(url.endswith("/engine-worker.js") for url in workers),
        engine_requests=[
            f"{h.status} {h.path}" for h in hits if h.path.rsplit("/", 1)[-1].startswith(ENGINE_START_FILES)
        ],
        hits=hits,
    )


def measure_light_pages(env: Env) -> tuple[dict[str, list[Hit]], Click]:
    """Each page without a calculator in its own fresh profile; from the policy page, a click into ours."""
    light: dict[str, list[Hit]] = {}
    with fresh_profile(env.pw, env.problems, OVERVIEW_PATH) as context:
        light[OVERVIEW_PATH] = load_until_quiet(env, open_page(context, env.problems, OVERVIEW_PATH), OVERVIEW_PATH)
    with fresh_profile(env.pw, env.problems, POLICY_PATH) as context:
        page = open_page(context, env.problems, POLICY_PATH)
        light[POLICY_PATH] = load_until_quiet(env, page, POLICY_PATH)
        label = "policy page → calculator"
        click = click_to_calculator(env, page, POLICY_LINK, CALC_QUERY, label)
        wait_precached(page, env.precache, env.problems, label)  # closing the profile earlier would cut requests
        env.server.log.wait_quiet()
    return light, click


def measure_ours(env: Env) -> EngineRun:
    """Cold visit until the site is precached; warm visit in a new tab; recomputes; a click onwards."""
    url = env.server.base + CALC_PATH
    with fresh_profile(env.pw, env.problems, "ours") as context:
        page = open_page(context, env.problems, "ours cold")
        cold = visit_result(env, env.server, page, url, "ours cold", precache=True)
        page.close()
        page = open_page(context, env.problems, "ours warm")
        warm = visit_result(env, env.server, page, url, "ours warm")
        recompute = measure_recompute(page, env.changes) if env.changes else []
        query = as_query(calc.engine.get(NEXT_ID).example)
        onward = click_to_calculator(env, page, NEXT_LINK, query, "ours warm → next calculator")
        page.close()
    return EngineRun(cold, warm, recompute, onward)


def measure_bare(env: Env) -> EngineRun:
    """Cold visit in a fresh profile, then a warm visit in a new tab."""
    with fresh_profile(env.pw, env.problems, "bare") as context:
        page = open_page(context, env.problems, "bare cold")
        cold = visit_result(env, env.server, page, bare_url(env.server), "bare cold")
        page.close()
        page = open_page(context, env.problems, "bare warm")
        warm = visit_result(env, env.server, page, bare_url(env.server), "bare warm")
        page.close()
    return EngineRun(cold, warm)


def measure_plain(env: Env) -> Plain:
    """Cold visits, ours (until precached) and bare, against the server without the ``.gz`` copies."""
    visits = []
    for kind, url in (("ours", env.plain.base + CALC_PATH), ("bare", bare_url(env.plain))):
        label = f"{kind} cold, no .gz"
        with fresh_profile(env.pw, env.problems, label) as context:
            page = open_page(context, env.problems, label)
            visits.append(visit_result(env, env.plain, page, url, label, precache=kind == "ours"))
    return Plain(*visits)


MEASURE: dict[str, Callable[[Env], EngineRun]] = {"ours": measure_ours, "bare": measure_bare}


def run_once(env: Env, index: int) -> Run:
    """One run; ours and bare alternate who goes first; run 1 also compares against plain files."""
    order = ["ours", "bare"] if index % 2 == 0 else ["bare", "ours"]
    light, from_policy = measure_light_pages(env)
    engines = {kind: MEASURE[kind](env) for kind in order}
    plain = measure_plain(env) if index == 0 else None
    return Run(order, light, from_policy, engines["ours"], engines["bare"], plain)


# ---------------------------------------------------------------- thin link (issue 13)


@dataclass
class ThinRun:
    """Cold visits over one thin link, ours and bare, fresh profiles (and, once, their repeat visits)."""

    mbit: float
    order: list[str]
    ours: Visit
    bare: Visit
    ours_warm: Visit | None = None
    bare_warm: Visit | None = None


def thin_handler(mbit: float) -> type[BenchHandler]:
    """The benchmark's handler behind a link of its own: ``mbit`` Mbit/s, THIN_DELAY_MS per response."""
    return type(f"Thin{mbit:g}", (ThinLink, BenchHandler), {"link": Link(mbit, THIN_DELAY_MS)})


def thin_visits(env: Env, server: Server, kind: str, label: str, repeat: bool) -> tuple[Visit, Visit | None]:
    """A cold visit in a fresh profile; with ``repeat``, the offline copy saved (ours) and a repeat visit."""
    url = server.base + CALC_PATH if kind == "ours" else bare_url(server)
    with fresh_profile(env.pw, env.problems, label) as context:
        page = open_page(context, env.problems, label)
        cold = visit_result(env, server, page, url, label, precache=repeat and kind == "ours")
        if not repeat:
            return cold, None
        page.close()
        page = open_page(context, env.problems, f"{label}, repeat")
        return cold, visit_result(env, server, page, url, f"{label}, repeat")


def measure_thin(env: Env, site: Path, mbit: float, runs: int, repeat: bool) -> list[ThinRun]:
    """``runs`` pairs of cold visits over a link of ``mbit`` Mbit/s; run 1 also the repeat visits if ``repeat``."""
    found = []
    with serve(site, thin_handler(mbit)) as server:
        for i in range(runs):
            order = ["ours", "bare"] if i % 2 == 0 else ["bare", "ours"]
            visits = {
                kind: thin_visits(env, server, kind, f"{kind} cold, {mbit:g} Mbit/s", repeat and i == 0)
                for kind in order
            }
            run = ThinRun(mbit, order, visits["ours"][0], visits["bare"][0], visits["ours"][1], visits["bare"][1])
            found.append(run)
            print(
                f"  thin link {mbit:g} Mbit/s, run {i + 1}/{runs}: ours {run.ours.ms / 1000:.1f} s "
                f"({total(run.ours.hits) / 1e6:.1f} MB), bare {run.bare.ms / 1000:.1f} s "
                f"({total(run.bare.hits) / 1e6:.1f} MB)",
                flush=True,
            )
    return found


THIN_PARTS = (
    ("runtime", lambda name, path: name.startswith("pyodide")),
    ("stdlib", lambda name, path: name == "python_stdlib.zip"),
    ("snapshot", lambda name, path: name.startswith("snapshot-")),
    ("site-packages", lambda name, path: name.startswith("site-packages-")),
    ("extension modules", lambda name, path: "/engine/" in path and name.endswith((".wasm", ".wasm.zst"))),
    ("other engine files", lambda name, path: is_engine_file(path)),
    ("page", lambda name, path: True),
)


def thin_part(path: str) -> str:
    """Which part of a visit's download ``path`` belongs to."""
    name = path.rsplit("/", 1)[-1]
    return next(part for part, matches in THIN_PARTS if matches(name, path))


def parts(hits: list[Hit]) -> dict[str, int]:
    """Bytes of ``hits`` by part, in THIN_PARTS order, parts with no bytes left out."""
    found = Counter()
    for hit in hits:
        found[thin_part(hit.path)] += hit.bytes
    return {part: found[part] for part, _ in THIN_PARTS if found[part]}


def thin_summary(runs: list[ThinRun]) -> dict[str, Any]:
    """Per link: time and bytes to the first result, paired ours/bare; bytes after it; run 1's parts."""
    out: dict[str, Any] = {}
    for mbit in dict.fromkeys(run.mbit for run in runs):
        mine = [run for run in runs if run.mbit == mbit]
        first = mine[0]
        entry = {
            "ms": ratio_spread([r.ours.ms for r in mine], [r.bare.ms for r in mine]),
            "bytes": ratio_spread([total(r.ours.hits) for r in mine], [total(r.bare.hits) for r in mine]),
            "after": {kind: spread([total(getattr(r, kind).later_hits) for r in mine]) for kind in ("ours", "bare")},
            "parts": {kind: parts(getattr(first, kind).hits) for kind in ("ours", "bare")},
            "parts_after": {kind: parts(getattr(first, kind).later_hits) for kind in ("ours", "bare")},
        }
        if first.ours_warm and first.bare_warm:
            entry["repeat"] = {
                kind: {"ms": visit.ms, "bytes": total(visit.hits), "controlled": visit.controlled}
                for kind, visit in (("ours", first.ours_warm), ("bare", first.bare_warm))
            }
        out[f"{mbit:g}"] = entry
    return out


def fmt_parts(found: dict[str, int]) -> str:
    """``part 1.23 MiB, …``."""
    return ", ".join(f"{part} {fmt_bytes(size)}" for part, size in found.items()) or "nothing"


def print_thin(summary: dict[str, Any], runs: int) -> None:
    """Section 9: the thin link."""
    thin = summary.get("thin")
    if not thin:
        return
    print(
        f"\n9. Thin link: one shared link, {THIN_DELAY_MS:.0f} ms added to each response, .gz served as gzip_static;"
        f" cold visits in fresh profiles, {runs} runs per link; median [min–max]"
    )
    print(f"  {'':10}{'first result, s: ours':>26}{'bare':>22}{'ours/bare':>22}   bytes to it: ours / bare (ratio)")
    for mbit, t in thin.items():
        ms, size = t["ms"], t["bytes"]
        seconds = {kind: {key: value / 1000 for key, value in ms[kind].items()} for kind in ("ours", "bare")}
        print(
            f"  {mbit + ' Mbit/s':10}{fmt_spread(seconds['ours'], 1):>26}{fmt_spread(seconds['bare'], 1):>22}"
            f"{fmt_spread(ms['ratio'], 2, 'x'):>22}   {size['ours']['median'] / 1e6:.2f} / "
            f"{size['bare']['median'] / 1e6:.2f} MB ({fmt_spread(size['ratio'], 2, 'x')})"
        )
    for mbit, t in thin.items():
        print(f"  {mbit} Mbit/s, run 1, bytes to the first result by part:")
        for kind in ("ours", "bare"):
            print(f"      {kind}: {fmt_parts(t['parts'][kind])}")
        print(
            f"      after the first result until quiet: ours {fmt_bytes_spread(t['after']['ours'])} "
            f"(run 1: {fmt_parts(t['parts_after']['ours'])}), bare {fmt_bytes_spread(t['after']['bare'])}"
        )
        if "repeat" in t:
            r = t["repeat"]
            print(
                f"      repeat visit (ours after saving the offline copy; same profile, new tab): ours "
                f"{r['ours']['ms'] / 1000:.2f} s, {fmt_bytes(r['ours']['bytes'])} from the server"
                f" (service worker in control: {r['ours']['controlled']}); bare {r['bare']['ms'] / 1000:.2f} s,"
                f" {fmt_bytes(r['bare']['bytes'])}"
            )


def thin_targets(thin: dict[str, Any]) -> list[dict[str, Any]]:
    """Issue 13's rows of the targets table."""
    rows = []
    for mbit, t in thin.items():
        limit = TARGET_THIN_RATIO.get(float(mbit))
        ratio = t["ms"]["ratio"]["median"]
        if limit is not None:
            rows.append(
                target(
                    f"thin link {mbit} Mbit/s, {THIN_DELAY_MS:.0f} ms: first result <= {limit}x bare "
                    "(median of paired ratios)",
                    f"{ratio:.2f}x",
                    ratio <= limit,
                )
            )
        size = t["bytes"]["ratio"]["median"]
        rows.append(
            target(
                f"thin link {mbit} Mbit/s: bytes to the first result <= {TARGET_THIN_BYTES}x bare's",
                f"{size:.2f}x",
                size <= TARGET_THIN_BYTES,
            )
        )
    return rows


# ---------------------------------------------------------------- statistics


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100), linear between closest ranks."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def spread(values: list[float | None]) -> dict[str, float] | None:
    """Median, min and max of the values that are not None; None if there are none."""
    known = [v for v in values if v is not None]
    if not known:
        return None
    return {"median": statistics.median(known), "min": min(known), "max": max(known), "n": len(known)}


def ratio_spread(ours: list[float], bare: list[float]) -> dict[str, Any]:
    """Paired ratios ours/bare (one per run), and the ratio of the medians."""
    return {
        "ours": spread(ours),
        "bare": spread(bare),
        "ratio": spread([o / b for o, b in zip(ours, bare, strict=True)]),
        "ratio_of_medians": statistics.median(ours) / statistics.median(bare),
    }


def total(hits: list[Hit]) -> int:
    """Bytes of all ``hits``."""
    return sum(hit.bytes for hit in hits)


def is_engine_file(path: str) -> bool:
    """Wasm, Python or engine files: what a page without a calculator must not fetch."""
    name = path.rsplit("/", 1)[-1]
    return (
        name.endswith((".wasm", ".whl", ".mjs"))
        or name in ("python_stdlib.zip", "engine.json", "engine-worker.js", "pyodide-lock.json")
        or "/engine/" in path
    )


def engine_files(hits: list[Hit]) -> list[str]:
    """Paths of the engine files among ``hits``."""
    return sorted({hit.path for hit in hits if is_engine_file(hit.path)})


def bytes_summary(hits: list[Hit]) -> dict[str, Any]:
    """Total, requests by status and the five largest responses of one visit."""
    top = sorted(hits, key=lambda hit: hit.bytes, reverse=True)[:5]
    return {
        "bytes": total(hits),
        "requests": len(hits),
        "statuses": dict(Counter(str(hit.status) for hit in hits)),
        "top5": [asdict(hit) for hit in top],
    }


def light_summary(runs: list[Run]) -> dict[str, Any]:
    """Per page without a calculator: total, search index, total without it, engine files (all runs)."""
    out = {}
    for path in LIGHT_PAGES:
        visits = [run.light[path] for run in runs]
        index = [sum(hit.bytes for hit in hits if hit.path == SEARCH_INDEX) for hits in visits]
        totals = [total(hits) for hits in visits]
        out[path] = {
            "total": spread(totals),
            "search_index": spread(index),
            "without_index": spread([t - i for t, i in zip(totals, index, strict=True)]),
            "engine_files": sorted({name for hits in visits for name in engine_files(hits)}),
            "run1": bytes_summary(visits[0]),
        }
    return out


def visit_times(visits: list[Visit]) -> dict[str, Any]:
    """First paint, form in the DOM, DOMContentLoaded and first result over runs."""
    return {
        "fcp_ms": spread([v.fcp_ms for v in visits]),
        "form_ms": spread([v.form_ms for v in visits]),
        "dcl_ms": spread([v.dcl_ms for v in visits]),
        "result_ms": spread([v.ms for v in visits]),
        "form_at_first_paint": sum(
            v.form_ms is not None and v.fcp_ms is not None and v.form_ms <= v.fcp_ms for v in visits
        ),
        "controlled": sum(v.controlled for v in visits),
    }


def everything(visit: Visit) -> list[Hit]:
    """A visit's responses, to the first result and after it."""
    return visit.hits + visit.later_hits


def precache_start(visit: Visit) -> int:
    """Index in ``everything(visit)`` of the service worker's script: its precache follows (responses are
    logged as they finish, so a page request finishing after it would count as precache)."""
    hits = everything(visit)
    return next((i for i, hit in enumerate(hits) if hit.path == "/sw.js"), len(hits))


def resent(before: list[Hit], after: list[Hit]) -> list[Hit]:
    """Responses in ``after`` sent in full (200) for a file already received in full in ``before``."""
    received = {hit.path for hit in before if hit.status == 200}
    return [hit for hit in after if hit.status == 200 and hit.path in received]


def resent_summary(pairs: list[tuple[list[Hit], list[Hit]]]) -> dict[str, Any]:
    """``resent`` over runs: bytes, responses, and run 1's three largest."""
    found = [resent(before, after) for before, after in pairs]
    largest = sorted(found[0], key=lambda hit: hit.bytes, reverse=True)[:3]
    return {
        "bytes": spread([total(hits) for hits in found]),
        "responses": spread([len(hits) for hits in found]),
        "run1_largest": [hit.path.rsplit("/", 1)[-1] or hit.path for hit in largest],
    }


def calculator_summary(runs: list[Run], precache_files: int) -> dict[str, Any]:
    """Bytes and page times of our calculator's visits, and bare's bytes, over runs."""
    colds = [run.ours.cold for run in runs]
    starts = [precache_start(visit) for visit in colds]
    return {
        "cold_bytes": ratio_spread(
            [total(run.ours.cold.hits) for run in runs], [total(run.bare.cold.hits) for run in runs]
        ),
        "after_result_bytes": spread([total(visit.later_hits) for visit in colds]),
        "after_result_requests": spread([len(visit.later_hits) for visit in colds]),
        "cached": spread([visit.cached for visit in colds]),
        "precache_files": precache_files,
        "precache_bytes": spread([total(everything(v)[i:]) for v, i in zip(colds, starts, strict=True)]),
        "precache_requests": spread([len(everything(v)[i:]) for v, i in zip(colds, starts, strict=True)]),
        "precache_before_result": spread([total(v.hits[i:]) for v, i in zip(colds, starts, strict=True)]),
        "precache_resent": resent_summary(
            [(everything(v)[:i], everything(v)[i:]) for v, i in zip(colds, starts, strict=True)]
        ),
        "warm_bytes": {
            "ours": spread([total(run.ours.warm.hits) for run in runs]),
            "bare": spread([total(run.bare.warm.hits) for run in runs]),
        },
        "warm_later_bytes": spread([total(run.ours.warm.later_hits) for run in runs]),
        "warm_resent": {
            kind: resent_summary([(everything(e.cold), everything(e.warm)) for e in engines])
            for kind, engines in (("ours", [run.ours for run in runs]), ("bare", [run.bare for run in runs]))
        },
        "cold_times": visit_times(colds),
        "warm_times": visit_times([run.ours.warm for run in runs]),
        "run1": {
            "calculator": bytes_summary(runs[0].ours.cold.hits),
            "after_result": bytes_summary(runs[0].ours.cold.later_hits),
            "bare": bytes_summary(runs[0].bare.cold.hits),
            "calculator_warm": bytes_summary(runs[0].ours.warm.hits),
            "bare_warm": bytes_summary(runs[0].bare.warm.hits),
        },
    }


def click_summary(clicks: list[Click], compare: list[float]) -> dict[str, Any]:
    """Click to result over runs, against the visit it may save (paired differences)."""
    return {
        "ms": spread([c.ms for c in clicks]),
        "compare_ms": spread(compare),
        "saved_ms": spread([v - c.ms for c, v in zip(clicks, compare, strict=True)]),
        "same_document": sum(c.same_document for c in clicks),
        "engine_workers": spread([c.engine_workers for c in clicks]),
        "engine_started": sum(c.engine_workers > 0 or bool(c.engine_requests) for c in clicks),
        "bytes": spread([total(c.hits) for c in clicks]),
        "requests": spread([len(c.hits) for c in clicks]),
        "run1_requests": ", ".join(clicks[0].engine_requests),
        "values": sorted({f"{c.result_field}={c.value}" for c in clicks}),
    }


def plain_summary(plain: Plain, run: Run) -> dict[str, Any]:
    """Bytes with and without the precompressed copies (run 1)."""
    return {
        "calculator": (total(run.ours.cold.hits), total(plain.ours.hits)),
        "calculator_with_precache": (
            total(run.ours.cold.hits + run.ours.cold.later_hits),
            total(plain.ours.hits + plain.ours.later_hits),
        ),
        "bare": (total(run.bare.cold.hits), total(plain.bare.hits)),
        "plain_cached": plain.ours.cached,
    }


def summarize(runs: list[Run], precache_files: int) -> dict[str, Any]:
    """Medians, spreads, paired ratios and targets over all runs."""
    summary: dict[str, Any] = {
        phase: ratio_spread(
            [getattr(run.ours, phase).ms for run in runs], [getattr(run.bare, phase).ms for run in runs]
        )
        for phase in ("cold", "warm")
    }
    recompute = [ms for run in runs for ms in run.ours.recompute_ms]
    if recompute:
        summary["recompute_ms"] = {**spread(recompute), "p95": percentile(recompute, 95), "count": len(recompute)}
    summary["light"] = light_summary(runs)
    summary["calculator"] = calculator_summary(runs, precache_files)
    onward = [run.ours.onward for run in runs if run.ours.onward]
    summary["clicks"] = {
        "onward": click_summary(onward, [run.ours.warm.ms for run in runs]),
        "from_policy": click_summary([run.from_policy for run in runs], [run.ours.cold.ms for run in runs]),
    }
    if runs[0].plain:
        summary["precompressed"] = plain_summary(runs[0].plain, runs[0])
    summary["targets"] = targets(summary, len(runs))
    return summary


def target(name: str, value: str, met: bool) -> dict[str, Any]:
    """One row of the targets table."""
    return {"target": name, "value": value, "met": met}


def targets(summary: dict[str, Any], runs: int) -> list[dict[str, Any]]:
    """The issue's targets, each with the figure it is judged on and whether it is met."""
    cold, warm = summary["cold"]["ratio"]["median"], summary["warm"]["ratio"]["median"]
    rows = [
        target(
            f"first result, cold load <= {TARGET_COLD_RATIO}x bare cold start (median of paired ratios)",
            f"{cold:.2f}x",
            cold <= TARGET_COLD_RATIO,
        ),
        target(
            f"first result, repeat visit <= {TARGET_WARM_RATIO}x bare repeat start (median of paired ratios)",
            f"{warm:.2f}x",
            warm <= TARGET_WARM_RATIO,
        ),
    ]
    if "recompute_ms" in summary:
        p95 = summary["recompute_ms"]["p95"]
        rows.append(
            target(
                f"recompute <= {TARGET_RECOMPUTE_P95_MS:.0f} ms at p95", f"{p95:.1f} ms", p95 <= TARGET_RECOMPUTE_P95_MS
            )
        )
    for path, page in summary["light"].items():
        worst = page["without_index"]["max"]
        files = page["engine_files"]
        rows.append(
            target(
                f"{path}: no wasm/Python/engine file, < {TARGET_LIGHT_BYTES // 1000} kB without the search index "
                f"(worst of {runs} runs)",
                f"{worst / 1000:.1f} kB; engine files: {', '.join(files) or 'none'}",
                worst < TARGET_LIGHT_BYTES and not files,
            )
        )
    return rows


# ---------------------------------------------------------------- report


def fmt_bytes(n: float) -> str:
    """Bytes with a readable unit."""
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.2f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n:.0f} B"


def fmt_spread(s: dict[str, float] | None, digits: int = 0, unit: str = "") -> str:
    """``median [min–max]``."""
    if s is None:
        return "n/a"
    return f"{s['median']:.{digits}f}{unit} [{s['min']:.{digits}f}–{s['max']:.{digits}f}]"


def fmt_bytes_spread(s: dict[str, float] | None) -> str:
    """``median [min–max]`` in readable byte units."""
    if s is None:
        return "n/a"
    return f"{fmt_bytes(s['median'])} [{fmt_bytes(s['min'])}–{fmt_bytes(s['max'])}]"


def print_top(s: dict[str, Any], hits: list[Hit] | None = None) -> None:
    """Run 1's requests of one visit: status counts, the five largest, every hit if ``hits``."""
    statuses = ", ".join(f"{code}×{n}" for code, n in sorted(s["statuses"].items()))
    print(f"      run 1: {s['bytes']:,} B in {s['requests']} requests [{statuses}]; largest:")
    for hit in s["top5"]:
        print(f"      {hit['bytes']:>12,} B  {hit['path']}")
    for hit in hits or []:
        print(f"        · {hit.status} {hit.bytes:>12,} B  {hit.path}")


def print_light(summary: dict[str, Any], runs: list[Run], verbose: bool) -> None:
    """Section 1: pages without a calculator."""
    print("\n1. Pages without a calculator (fresh profile, until the network is quiet): bytes, median [min–max]")
    for path, page in summary["light"].items():
        print(
            f"  {path}: total {fmt_bytes_spread(page['total'])}; search index {fmt_bytes_spread(page['search_index'])};"
            f" without the index {fmt_bytes_spread(page['without_index'])}"
        )
        print(f"      wasm/Python/engine files fetched (any run): {', '.join(page['engine_files']) or 'none'}")
        print_top(page["run1"], runs[0].light[path] if verbose else None)


MILESTONES = (
    f"  {'':6}{'first paint':>20}{'form + inputs':>20}{'DOMContentLoaded':>20}{'first result':>22}   form at FCP"
)


def print_times_row(label: str, t: dict[str, Any], runs: int) -> None:
    """One row of page milestones, ms from navigation start."""
    print(
        f"  {label:6}{fmt_spread(t['fcp_ms']):>20}{fmt_spread(t['form_ms']):>20}{fmt_spread(t['dcl_ms']):>20}"
        f"{fmt_spread(t['result_ms']):>22}   {t['form_at_first_paint']}/{runs} runs"
    )


def fmt_resent(r: dict[str, Any]) -> str:
    """Bytes sent again in full, with run 1's largest."""
    names = f" (run 1: {', '.join(r['run1_largest'])}, …)" if r["run1_largest"] else ""
    return f"{fmt_bytes_spread(r['bytes'])} in {fmt_spread(r['responses'])} responses{names}"


def print_calculator(summary: dict[str, Any], runs: list[Run], verbose: bool) -> None:
    """Sections 2 and 3: our calculator's cold and repeat visits."""
    c = summary["calculator"]
    first = runs[0]
    n = len(runs)
    print(f"\n2. Calculator page {CALC_PATH}, cold (fresh profile)")
    print("  ms from navigation start, median [min–max]; form at FCP: form.calc-form and its inputs in the DOM by then")
    print(MILESTONES)
    print_times_row("cold", c["cold_times"], n)
    cold = c["cold_bytes"]
    print(
        f"  bytes to the first result: ours {fmt_bytes_spread(cold['ours'])}, bare (to 1+1) "
        f"{fmt_bytes_spread(cold['bare'])}, ours/bare {fmt_spread(cold['ratio'], 2, 'x')} (paired)"
    )
    print_top(c["run1"]["calculator"], first.ours.cold.hits if verbose else None)
    print(
        f"  after the first result, until the service worker had cached every file ({fmt_spread(c['cached'])} of "
        f"{c['precache_files']}) and the network was quiet: {fmt_bytes_spread(c['after_result_bytes'])} in "
        f"{fmt_spread(c['after_result_requests'])} requests"
    )
    print_top(c["run1"]["after_result"], first.ours.cold.later_hits if verbose else None)
    print(
        f"  the precache as a whole (every response from /sw.js on): {fmt_bytes_spread(c['precache_bytes'])} in "
        f"{fmt_spread(c['precache_requests'])} requests, of which before the first result "
        f"{fmt_bytes_spread(c['precache_before_result'])}"
    )
    print(f"      sent again in full (200) although this visit had received them: {fmt_resent(c['precache_resent'])}")
    print("  bare Pyodide page, cold:")
    print_top(c["run1"]["bare"], first.bare.cold.hits if verbose else None)

    print("\n3. Repeat visit (same profile, new tab; ours once the service worker had cached every file)")
    print(f"  controlled by the service worker: ours {c['warm_times']['controlled']}/{n} runs")
    print(MILESTONES)
    print_times_row("warm", c["warm_times"], n)
    warm = c["warm_bytes"]
    print(
        f"  bytes from the server to the first result: ours {fmt_bytes_spread(warm['ours'])}, "
        f"bare {fmt_bytes_spread(warm['bare'])}; ours after the first result until quiet "
        f"{fmt_bytes_spread(c['warm_later_bytes'])}"
    )
    print_top(c["run1"]["calculator_warm"], first.ours.warm.hits if verbose else None)
    print("  bare Pyodide page, warm:")
    print_top(c["run1"]["bare_warm"], first.bare.warm.hits if verbose else None)
    print("  sent again in full (200) although unchanged and received on the cold visit:")
    for kind in ("ours", "bare"):
        print(f"      {kind}: {fmt_resent(c['warm_resent'][kind])}")


def print_times(summary: dict[str, Any], runs: list[Run]) -> None:
    """Section 4: time to the first result, ours and bare, paired."""
    print("\n4. Time from navigation start to the first result, ms: median [min–max]")
    print(f"  {'':6}{'ours (calculator)':>26}{'bare Pyodide':>26}{'ours/bare, paired':>24}{'ratio of medians':>18}")
    for phase in ("cold", "warm"):
        s = summary[phase]
        print(
            f"  {phase:6}{fmt_spread(s['ours']):>26}{fmt_spread(s['bare']):>26}"
            f"{fmt_spread(s['ratio'], 2, 'x'):>24}{s['ratio_of_medians']:>17.2f}x"
        )
    print("  per run (order; ours cold/warm; bare cold/warm):")
    for i, run in enumerate(runs, 1):
        print(
            f"    run {i} ({' then '.join(run.order)}): ours {run.ours.cold.ms:.0f} / {run.ours.warm.ms:.0f}; "
            f"bare {run.bare.cold.ms:.0f} / {run.bare.warm.ms:.0f}"
        )
    if "recompute_ms" in summary:
        r = summary["recompute_ms"]
        print(f"\n5. Recompute (submit → new data-value, in the page), {r['count']} changes over {len(runs)} runs:")
        print(f"  median {r['median']:.1f} ms, p95 {r['p95']:.1f} ms, min–max {r['min']:.1f}–{r['max']:.1f} ms")


def print_click(title: str, s: dict[str, Any], compare: str, runs: int) -> None:
    """One kind of click to a calculator."""
    print(f"  {title}")
    print(
        f"      click → first result {fmt_spread(s['ms'])} ms ({', '.join(s['values'])}); "
        f"{compare} {fmt_spread(s['compare_ms'])} ms; saved {fmt_spread(s['saved_ms'])} ms (paired)"
    )
    print(
        f"      same document (scripts and engine kept): {s['same_document']}/{runs} runs; engine started: "
        f"{s['engine_started']}/{runs} runs, engine workers created {fmt_spread(s['engine_workers'])}; "
        f"from the server to the result {fmt_bytes_spread(s['bytes'])} in {fmt_spread(s['requests'])} requests"
    )
    print(f"      engine start files requested from the server after the click (run 1): {s['run1_requests'] or 'none'}")


def print_clicks(summary: dict[str, Any], runs: int, sitemap: int) -> None:
    """Section 6: clicking into a calculator (instant navigation)."""
    clicks = summary["clicks"]
    print("\n6. Clicking a link to a calculator (navigation.instant): ms from the click, in the page, to the result")
    print_click(
        f"warm tab showing a result → {NEXT_ID} (example inputs):",
        clicks["onward"],
        "new-tab repeat visit",
        runs,
    )
    print_click(f"freshly loaded {POLICY_PATH} (fresh profile) → {CALC_ID}:", clicks["from_policy"], "cold visit", runs)
    if clicks["onward"]["same_document"] < runs:
        print(
            f"  note: sitemap.xml lists {sitemap} pages; Material 9's instant navigation intercepts only links to "
            "pages listed there (mkdocs writes them when site_url is set), the others load a new page"
        )


def print_plain(summary: dict[str, Any]) -> None:
    """Section 7: bytes with and without the precompressed copies."""
    p = summary.get("precompressed")
    if not p:
        return
    print("\n7. Precompressed .gz copies (run 1, fresh profiles): bytes from the server")
    print(f"  {'':44}{'with .gz':>14}{'without':>14}{'saved':>8}")
    rows = (
        ("calculator, to the first result", p["calculator"]),
        ("calculator, with the precache, until quiet", p["calculator_with_precache"]),
        ("bare Pyodide, to 1+1", p["bare"]),
    )
    for label, (gz, plain) in rows:
        print(f"  {label:44}{fmt_bytes(gz):>14}{fmt_bytes(plain):>14}{1 - gz / plain:>8.0%}")


def print_targets(summary: dict[str, Any]) -> None:
    """The targets table."""
    print("\nTargets (issues 5 and 13)")
    for row in summary["targets"]:
        print(f"  [{'MET' if row['met'] else 'NOT MET':>7}] {row['target']}: {row['value']}")


def print_report(runs: list[Run], summary: dict[str, Any], verbose: bool, sitemap: int) -> None:
    """Everything but the batch, targets and problems, human-readable."""
    print_light(summary, runs, verbose)
    print_calculator(summary, runs, verbose)
    print_times(summary, runs)
    print_clicks(summary, len(runs), sitemap)
    print_plain(summary)


def check_values(runs: list[Run], thin: list[ThinRun]) -> None:
    """Print first results that are not what the pages should show."""
    ours = {v.value for run in runs for v in (run.ours.cold, run.ours.warm)} | {run.from_policy.value for run in runs}
    ours |= {v.value for run in thin for v in (run.ours, run.ours_warm) if v}
    if ours != {EXPECTED_SUBSIDY}:
        print(f"  unexpected first result: {sorted(ours)} (expected {EXPECTED_SUBSIDY})")
    bare = {v.value for run in runs for v in (run.bare.cold, run.bare.warm)}
    bare |= {v.value for run in thin for v in (run.bare, run.bare_warm) if v}
    if bare != {"2"}:
        print(f"  unexpected bare answer: {sorted(bare)} (expected 2)")


def print_problems(problems: Problems) -> None:
    """Console errors, the site's warnings, page errors, failed requests and HTTP errors, with counts."""
    print("\nProblems noticed while measuring")
    if not problems.seen:
        print("  none (no console errors or warnings of the site, page errors, failed requests or HTTP errors)")
    for (kind, where, text), n in sorted(problems.seen.items()):
        print(f"  {kind} [{where}] ×{n}: {text}")


def browser_version(pw: Playwright) -> str:
    """The Chromium version, from a short throw-away launch."""
    browser = pw.chromium.launch(**launch_args())
    try:
        return browser.version
    finally:
        browser.close()


def machine_info() -> dict[str, Any]:
    """CPU count, platform, load."""
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "loadavg": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


# ---------------------------------------------------------------- batch


BATCH_ROWS = 10_000
BATCH_ESTIMATOR = "sanming-ktd-subsidy"


def batch_file(path: Path, rows: int) -> None:
    """A month of a bank's loans: varied amounts, rates, dates and prior subsidies (fixed seed)."""
    rng = random.Random(20261122)
    lines = ["loan_amount,actual_rate,loan_date,repaid_date,prior_subsidy"]
    for _ in range(rows):
        start = date(2023, 1, 1) + timedelta(days=rng.randrange(900))
        end = start + timedelta(days=rng.randrange(30, 1000))
        lines.append(
            f"{rng.randrange(1, 300) * 10_000},{rng.choice(['2.9', '3.1', '3.45', '4.2'])},"
            f"{start},{end},{rng.choice([0, 50_000, 140_000])}"
        )
    path.write_text("\n".join(lines) + "\n", "utf-8")


def xlsx_copy(source: Path, target: Path) -> None:
    """The same loans as an .xlsx, numbers as numbers and dates as Excel dates (written with XlsxWriter)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    sheet = book.add_worksheet()
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    lines = source.read_text("utf-8").splitlines()
    sheet.write_row(0, 0, lines[0].split(","))
    for row, line in enumerate(lines[1:], start=1):
        amount, rate, start, end, prior = line.split(",")
        sheet.write_number(row, 0, int(amount))
        sheet.write_number(row, 1, float(rate))
        sheet.write_datetime(row, 2, datetime.fromisoformat(start), day)
        sheet.write_datetime(row, 3, datetime.fromisoformat(end), day)
        sheet.write_number(row, 4, int(prior))
    book.close()


def _time_batch(source: Path, out: Path, runs: int) -> dict[str, Any]:
    """Rows per second of one ``python -m calc batch`` command, median over ``runs`` (peak memory: largest)."""
    seconds, peaks = [], []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "calc", "batch", BATCH_ESTIMATOR, str(source), "-o", str(out)],
            cwd=ROOT,
            check=True,
            stderr=subprocess.DEVNULL,
        )
        seconds.append(time.perf_counter() - started)
        peaks.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    rates = sorted(BATCH_ROWS / s for s in seconds)
    return {
        "rows": BATCH_ROWS,
        "seconds": seconds,
        "rows_per_second": statistics.median(rates),
        "min": rates[0],
        "max": rates[-1],
        "peak_mb": max(peaks),
    }


def measure_batch(runs: int) -> dict[str, Any]:
    """Rows per second of ``python -m calc batch`` on 10,000 rows, whole command: CSV → CSV and xlsx → xlsx."""
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "loans.csv", Path(tmp) / "out.csv"
        batch_file(source, BATCH_ROWS)
        figures = _time_batch(source, out, runs)
        rows_out = len(out.read_text("utf-8-sig").splitlines()) - 1
        if rows_out != BATCH_ROWS:
            raise BenchError(f"batch wrote {rows_out} rows for {BATCH_ROWS}")
        workbook = Path(tmp) / "loans.xlsx"
        xlsx_copy(source, workbook)
        figures["xlsx"] = _time_batch(workbook, Path(tmp) / "out.xlsx", runs)
    return figures


def print_batch(figures: dict[str, Any]) -> None:
    """The batch section of the report."""
    print(f"\n8. Batch (python -m calc batch {BATCH_ESTIMATOR}, {figures['rows']:,} rows, whole command):")
    for name, part in (("CSV → CSV", figures), (".xlsx → .xlsx", figures.get("xlsx"))):
        if part:
            print(
                f"  {name:<14} {part['rows_per_second']:,.0f} rows/s median "
                f"[{part['min']:,.0f}–{part['max']:,.0f}], {statistics.median(part['seconds']):.2f} s per file"
            )


# ---------------------------------------------------------------- batch page (issue 14)

PAGE_BATCH_ROWS = (10_000, 100_000)


def renderer_rss_mb() -> float:
    """Resident memory of Chromium's renderer processes (where the page and its workers run), in MB (Linux)."""
    total = 0
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and b"--type=renderer" in (proc / "cmdline").read_bytes():
                total += int((proc / "statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            continue
    return total / 1e6


def measure_page_batch(site: Path, problems: Problems) -> dict[str, Any]:
    """The batch page's rows/s (file chosen → summary shown) on 10,000 and 100,000 rows, and memory.

    Memory: the engine's wasm memory after the run (it only grows: its peak), and the largest resident
    memory of Chromium's renderer processes sampled every 0.2 s during the run (the whole tab with
    its worker; other Chromium tabs on the machine would count too).
    """
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, serve(site) as server, sync_playwright() as pw:
        for rows in PAGE_BATCH_ROWS:
            source, workbook = Path(tmp) / f"loans-{rows}.csv", Path(tmp) / f"loans-{rows}.xlsx"
            batch_file(source, rows)
            xlsx_copy(source, workbook)
            with fresh_profile(pw, problems, "batch page") as context:
                page = open_page(context, problems, "batch page")
                page.goto(f"{server.base}batch/?estimator={BATCH_ESTIMATOR}")
                page.wait_for_selector("[data-batch][data-engine='ready']", timeout=TIMEOUT_MS)
                page.evaluate(WATCH_RUN)
                before = renderer_rss_mb()
                peak = before
                started = time.perf_counter()
                page.set_input_files("[data-batch-file]", str(workbook))
                while not page.evaluate("window.__batchEnd"):
                    peak = max(peak, renderer_rss_mb())
                    if time.perf_counter() - started > TIMEOUT_MS / 1000 * 5:
                        raise BenchError(f"the batch page did not finish {rows:,} rows")
                    page.wait_for_timeout(200)
                seconds = time.perf_counter() - started
                state = page.evaluate("window.__batchEnd")
                done = page.get_attribute("[data-batch-ok]", "data-value") if state == "done" else None
                if state != "done" or int(done or 0) != rows:
                    raise BenchError(f"the batch page ended {state} with {done} rows computed of {rows:,}")
                memory = int(page.get_attribute("[data-batch]", "data-batch-memory") or 0)
                figures[str(rows)] = {
                    "rows": rows,
                    "seconds": seconds,
                    "rows_per_second": rows / seconds,
                    "engine_memory_mb": memory / 1e6,
                    "renderer_rss_before_mb": before,
                    "renderer_rss_peak_mb": peak,
                }
    return figures


def print_page_batch(figures: dict[str, Any]) -> None:
    """The batch page's section of the report."""
    print(f"\n8b. Batch page (batch/, {BATCH_ESTIMATOR}, .xlsx in; file chosen → summary, both files made):")
    for part in figures.values():
        print(
            f"  {part['rows']:>7,} rows: {part['rows_per_second']:,.0f} rows/s ({part['seconds']:.1f} s); "
            f"engine memory {part['engine_memory_mb']:.0f} MB; renderer processes "
            f"{part['renderer_rss_before_mb']:.0f} → peak {part['renderer_rss_peak_mb']:.0f} MB"
        )


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs; each figure is the median (default 5)")
    parser.add_argument("--changes", type=int, default=20, help="recomputes per run (default 20)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default <repo>/site)")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this JSON file")
    parser.add_argument("--verbose", action="store_true", help="list every request of run 1's visits")
    parser.add_argument("--batch-only", action="store_true", help="only the batch throughput (command line, page)")
    parser.add_argument("--thin-runs", type=int, default=3, help="runs per thin link (default 3; 0 skips them)")
    parser.add_argument("--thin-only", action="store_true", help="only the thin-link figures (section 9)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.changes < 0 or args.thin_runs < 0:
        parser.error("--runs must be >= 1, --changes and --thin-runs >= 0")
    if args.thin_only and not args.thin_runs:
        parser.error("--thin-only needs --thin-runs >= 1")
    return args


def check_site(site: Path) -> None:
    """Fail early, with a hint, if the site or its runtime is missing."""
    needed = [
        site / "index.html",
        site / "sw.js",
        *(site / path / "index.html" for path in LIGHT_PAGES),
        site / CALC_PATH.split("?")[0] / "index.html",
        site / runtime.site_path() / "pyodide.mjs",
    ]
    missing = [str(path) for path in needed if not path.exists()]
    if missing:
        raise BenchError(f"the site is not built (missing {', '.join(missing)}): run `make site`")


def precache_files(site: Path) -> int:
    """How many files sw.js precaches (its FILES list)."""
    found = re.search(r"^const FILES = (.*);$", (site / "sw.js").read_text("utf-8"), re.MULTILINE)
    if not found:
        raise BenchError(f"{site / 'sw.js'} has no FILES list")
    return len(json.loads(found.group(1)))


def sitemap_pages(site: Path) -> int:
    """Pages listed in sitemap.xml (Material's instant navigation intercepts links to these only)."""
    path = site / "sitemap.xml"
    return path.read_text("utf-8").count("<loc>") if path.exists() else 0


def benchmark(args: argparse.Namespace, problems: Problems) -> int:
    """Run everything, print the report, write JSON; the exit status."""
    batch_figures = None if args.thin_only else measure_batch(max(3, min(args.runs, 5)))
    site = args.site.resolve()
    check_site(site)
    if batch_figures:
        batch_figures["page"] = measure_page_batch(site, problems)
    if args.batch_only:
        print_batch(batch_figures)
        print_page_batch(batch_figures["page"])
        return 0
    info = machine_info()
    runs: list[Run] = []
    thin: list[ThinRun] = []
    with serve(site) as server, serve(site, PlainHandler) as plain, sync_playwright() as pw:
        env = Env(pw, server, plain, problems, args.changes, precache_files(site))
        version = browser_version(pw)
        print(
            f"Machine: {info['cpu_count']} CPUs, {info['platform']}, Python {info['python']}, "
            f"load average {info['loadavg']}"
        )
        print(f"Browser: Chromium {version} ({EXECUTABLE})")
        print(f"Site: {site} (runtime {runtime.site_path()}), served at {server.base} (without .gz: {plain.base})")
        print(
            f"Runs: {0 if args.thin_only else args.runs}, {args.changes} recomputes per run; {args.thin_runs} per thin "
            f"link; timeout {TIMEOUT_MS // 1000} s per wait"
        )
        for i in range(0 if args.thin_only else args.runs):
            started = time.monotonic()
            runs.append(run_once(env, i))
            run = runs[-1]
            print(
                f"  run {i + 1}/{args.runs} done in {time.monotonic() - started:.0f} s: "
                f"ours {run.ours.cold.ms:.0f}/{run.ours.warm.ms:.0f} ms, bare {run.bare.cold.ms:.0f}/"
                f"{run.bare.warm.ms:.0f} ms (cold/warm); clicks: onward {run.ours.onward.ms:.0f} ms, "
                f"from the policy page {run.from_policy.ms:.0f} ms",
                flush=True,
            )
        for i, mbit in enumerate(TARGET_THIN_RATIO if args.thin_runs else ()):
            thin += measure_thin(env, site, mbit, args.thin_runs, repeat=i == 0)
    if hasattr(os, "getloadavg"):
        print(f"Load average at the end: {list(os.getloadavg())}")
    summary = summarize(runs, env.precache) if runs else {"targets": []}
    if thin:
        summary["thin"] = thin_summary(thin)
        summary["targets"] += thin_targets(summary["thin"])
    if runs:
        print_report(runs, summary, args.verbose, sitemap_pages(site))
    if batch_figures:
        print_batch(batch_figures)
        print_page_batch(batch_figures["page"])
    print_thin(summary, args.thin_runs)
    print_targets(summary)
    print_problems(problems)
    check_values(runs, thin)
    if args.json:
        raw = {
            "machine": info,
            "browser": {"executable": EXECUTABLE, "version": version},
            "site": str(site),
            "runtime": runtime.site_path(),
            "calculator_url": CALC_PATH,
            "runs": [asdict(run) for run in runs],
            "thin_runs": [asdict(run) for run in thin],
            "summary": summary,
            "batch": batch_figures,
            "problems": [{"kind": k, "where": w, "text": t, "count": n} for (k, w, t), n in problems.seen.items()],
        }
        args.json.write_text(json.dumps(raw, indent=2, ensure_ascii=False), "utf-8")
        print(f"\nRaw figures written to {args.json}")
    return 0


def main() -> int:
    """Entry point: a clear message instead of a traceback when a measurement fails."""
    args = parse_args()
    problems = Problems()
    try:
        return benchmark(args, problems)
    except (BenchError, PlaywrightError) as err:
        print_problems(problems)
        print(f"\nbenchmark failed: {err}", file=sys.stderr, flush=True)
        return 1


if __name__ == "__main__":
    sys.exit(main())
