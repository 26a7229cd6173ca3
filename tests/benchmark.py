"""Benchmark the calculator site against bare Pyodide in Debian's Chromium (run on demand: ``make bench``).

Not a pytest test. Run it from the repository root::

    .venv/bin/python tests/benchmark.py [--runs 5] [--changes 20] [--site site] [--json out.json]

What it measures, each run interleaving our pages with a bare Pyodide page (this machine is noisy,
so ratios taken within one run mean more than absolute times):

1. bytes sent by the server per page type with a fresh profile: the policy page, the calculator
   page up to its first result, and the bare page (counted on the server: status line, headers
   and body of every response, so requests made by Web Workers are included);
2. cold time to the first result, fresh profile: ours is when ``[data-field="subsidy"][data-value]``
   appears, bare is when its worker answers ``1+1``; both are ``performance.now()`` in the page,
   so navigation start is 0 and Playwright's own latency is excluded;
3. warm time on a repeat visit: same profile, first page closed, the same address in a new page;
4. recompute time: after a result is shown, change an input, press Enter (form submit, so the
   250 ms debounce is not measured) and time in the page from the ``submit`` event to the new
   ``data-value``.

The bare page and its worker live in ``tests/bench_assets/`` and are served at ``/__bench__/``;
the worker imports the site's own runtime files (same URLs), so caching behaves the same.
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
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from build_scripts import runtime  # noqa: E402
from build_scripts.serve import Handler  # noqa: E402
from tests.chromium import EXECUTABLE, launch_args  # noqa: E402

ASSETS = Path(__file__).resolve().parent / "bench_assets"
BENCH_PREFIX = "/__bench__/"
BENCH_FILES = ("bare.html", "bare-worker.js")

POLICY_PATH = "policies/sanming-ktd/"
CALC_PATH = "calculators/sanming-ktd-subsidy/?loan_amount=2000000&actual_rate=3&interest_paid=60000"
EXPECTED_SUBSIDY = "30000.00"
RECOMPUTE_FIELD = "#in-interest_paid"
RECOMPUTE_VALUES = ("61000", "60000")  # alternate, so every change changes the result
RUNTIME_SUFFIXES = (".wasm", ".whl", "python_stdlib.zip")

TIMEOUT_MS = 120_000
QUIET_S = 1.0  # the network counts as settled after this long without a request
SETTLE_MS = 400  # after each recompute: longer than the page's 250 ms debounce
TARGET_RATIO = 1.3
TARGET_RECOMPUTE_MS = 100.0

# Added to every page of our site before its scripts run: records when the first result appears
# (performance.now(), navigation start = 0) or why it never will. The bare page records its own.
FIRST_RESULT_JS = """
(() => {
  if (location.pathname.startsWith("/__bench__/")) return;
  const bench = (window.__bench = { result: null, value: null, error: null });
  const observer = new MutationObserver(() => {
    const node = document.querySelector('[data-field="subsidy"][data-value]');
    if (node) {
      bench.result = performance.now();
      bench.value = node.dataset.value;
      observer.disconnect();
      return;
    }
    const root = document.querySelector(".calculator[data-engine]");
    if (root && root.dataset.engine === "error") {
      const message = root.querySelector(".engine-message");
      bench.error = `data-engine="error": ${message ? message.textContent : "(no message)"}`;
    }
    const failure = document.querySelector(".calc-output .admonition.failure");
    if (failure) {
      const text = Array.from(failure.children, (node) => node.textContent.trim()).join(" — ");
      bench.error = `the calculator showed a failure: ${text}`;
    }
  });
  observer.observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["data-value", "data-engine"],
  });
})();
"""

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


class QuietServer(http.server.ThreadingHTTPServer):
    """Does not print tracebacks when the browser drops a connection (e.g. a closed page)."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path, log: RequestLog) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (free port) in a daemon thread; yield the base URL."""
    handler = functools.partial(BenchHandler, directory=str(site), log=log)
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
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
        """Record console errors (page and workers) and failed requests of ``context``."""

        def on_console(msg: Any) -> None:
            if msg.type == "error":
                self.add("console error", where, msg.text)

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
            context.add_init_script(FIRST_RESULT_JS)
            problems.watch(context, where)
            yield context
        finally:
            context.close()


def open_page(context: BrowserContext, problems: Problems, where: str) -> Page:
    """A new tab whose page errors are recorded."""
    page = context.new_page()
    problems.watch_page(page, where)
    return page


def first_result(page: Page, url: str, label: str) -> tuple[float, str]:
    """Open ``url`` and return (ms from navigation start to the first result, its value)."""
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    done = "() => window.__bench && (window.__bench.result !== null || window.__bench.error !== null)"
    try:
        page.wait_for_function(done, timeout=TIMEOUT_MS, polling=100)
    except PlaywrightTimeout:
        state = page.evaluate("() => document.documentElement.dataset.engine || '(none)'")
        raise BenchError(f"{label}: no result after {TIMEOUT_MS // 1000} s (data-engine={state})") from None
    bench = page.evaluate("() => window.__bench")
    if bench["error"]:
        raise BenchError(f"{label}: {bench['error']}")
    return float(bench["result"]), str(bench["value"])


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
    """One page visit: time to the first result (None for the policy page) and what it loaded."""

    ms: float | None
    value: str | None
    hits: list[Hit]
    later_hits: list[Hit] = field(default_factory=list)  # after the result, until the network is quiet


@dataclass
class EngineRun:
    """Cold and warm visits of one page (ours or bare), and ours' recompute times."""

    cold: Visit
    warm: Visit
    recompute_ms: list[float] = field(default_factory=list)


@dataclass
class Run:
    """Everything one run measured."""

    order: list[str]
    policy: Visit
    ours: EngineRun
    bare: EngineRun


@dataclass
class Env:
    """What every measurement needs."""

    pw: Playwright
    base: str
    log: RequestLog
    problems: Problems
    changes: int


def visit_result(env: Env, page: Page, url: str, label: str) -> Visit:
    """Load ``url`` until its first result; then let the network settle and note what came after."""
    mark = env.log.mark()
    ms, value = first_result(page, url, label)
    hits = env.log.since(mark)
    env.log.wait_quiet()
    later = env.log.since(mark)[len(hits) :]
    env.problems.add_statuses(hits + later, label)
    return Visit(ms, value, hits, later)


def measure_policy(env: Env) -> Visit:
    """Bytes of the policy page with a fresh profile, until the network is quiet after ``load``."""
    with fresh_profile(env.pw, env.problems, "policy page") as context:
        page = open_page(context, env.problems, "policy page")
        mark = env.log.mark()
        page.goto(env.base + POLICY_PATH, wait_until="load", timeout=TIMEOUT_MS)
        env.log.wait_quiet()
        hits = env.log.since(mark)
        env.problems.add_statuses(hits, "policy page")
        page.close()
    return Visit(None, None, hits)


def measure_engine_page(env: Env, kind: str, url: str) -> EngineRun:
    """Cold visit in a fresh profile, then a warm visit in a new tab; recompute on ours."""
    with fresh_profile(env.pw, env.problems, kind) as context:
        page = open_page(context, env.problems, f"{kind} cold")
        cold = visit_result(env, page, url, f"{kind} cold")
        page.close()
        page = open_page(context, env.problems, f"{kind} warm")
        warm = visit_result(env, page, url, f"{kind} warm")
        recompute = measure_recompute(page, env.changes) if kind == "ours" and env.changes else []
        page.close()
    return EngineRun(cold, warm, recompute)


def run_once(env: Env, index: int) -> Run:
    """One run; ours and bare alternate who goes first."""
    order = ["ours", "bare"] if index % 2 == 0 else ["bare", "ours"]
    urls = {"ours": env.base + CALC_PATH, "bare": f"{env.base}__bench__/bare.html?runtime={runtime.site_path()}"}
    policy = measure_policy(env)
    engines = {kind: measure_engine_page(env, kind, urls[kind]) for kind in order}
    return Run(order, policy, engines["ours"], engines["bare"])


# ---------------------------------------------------------------- statistics and report


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100), linear between closest ranks."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def spread(values: list[float]) -> dict[str, float]:
    """Median, min and max."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def fmt_spread(s: dict[str, float], digits: int = 0, unit: str = "") -> str:
    """``median [min–max]``."""
    return f"{s['median']:.{digits}f}{unit} [{s['min']:.{digits}f}–{s['max']:.{digits}f}]"


def fmt_bytes(n: float) -> str:
    """Bytes with a readable unit."""
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.2f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n:.0f} B"


def runtime_files(hits: list[Hit]) -> list[str]:
    """Names of the .wasm / .whl / python_stdlib.zip responses among ``hits``."""
    return sorted({hit.path.rsplit("/", 1)[-1] for hit in hits if hit.path.endswith(RUNTIME_SUFFIXES)})


def bytes_summary(hits: list[Hit]) -> dict[str, Any]:
    """Totals, runtime files and the five largest responses of one visit."""
    top = sorted(hits, key=lambda hit: hit.bytes, reverse=True)[:5]
    return {
        "bytes": sum(hit.bytes for hit in hits),
        "requests": len(hits),
        "statuses": dict(Counter(str(hit.status) for hit in hits)),
        "runtime_bytes": sum(hit.bytes for hit in hits if "/pyodide/" in hit.path),
        "runtime_files": runtime_files(hits),
        "top5": [asdict(hit) for hit in top],
    }


def summarize(runs: list[Run]) -> dict[str, Any]:
    """Medians, spreads, paired ratios and targets over all runs."""
    summary: dict[str, Any] = {}
    for phase in ("cold", "warm"):
        ours = [getattr(run.ours, phase).ms for run in runs]
        bare = [getattr(run.bare, phase).ms for run in runs]
        ratios = [o / b for o, b in zip(ours, bare, strict=True)]
        summary[phase] = {
            "ours_ms": spread(ours),
            "bare_ms": spread(bare),
            "ratio": spread(ratios),
            "ratio_of_medians": statistics.median(ours) / statistics.median(bare),
        }
    recompute = [ms for run in runs for ms in run.ours.recompute_ms]
    if recompute:
        summary["recompute_ms"] = {**spread(recompute), "p95": percentile(recompute, 95), "count": len(recompute)}
    first = runs[0]
    summary["bytes"] = {
        "policy": bytes_summary(first.policy.hits),
        "calculator": bytes_summary(first.ours.cold.hits),
        "calculator_after_result": bytes_summary(first.ours.cold.later_hits),
        "bare": bytes_summary(first.bare.cold.hits),
        "calculator_warm": bytes_summary(first.ours.warm.hits),
        "bare_warm": bytes_summary(first.bare.warm.hits),
    }
    totals = {
        "policy": [sum(h.bytes for h in run.policy.hits) for run in runs],
        "calculator": [sum(h.bytes for h in run.ours.cold.hits) for run in runs],
        "bare": [sum(h.bytes for h in run.bare.cold.hits) for run in runs],
    }
    summary["bytes_totals_per_run"] = totals
    policy_runtime = sorted({name for run in runs for name in runtime_files(run.policy.hits)})
    summary["targets"] = targets(summary, policy_runtime)
    return summary


def targets(summary: dict[str, Any], policy_runtime: list[str]) -> list[dict[str, Any]]:
    """The issue's targets, each with the figure it is judged on and whether it is met."""
    rows = []
    for phase in ("cold", "warm"):
        ratio = summary[phase]["ratio"]["median"]
        rows.append(
            {
                "target": f"first result, {phase} <= {TARGET_RATIO}x bare (median of paired ratios)",
                "value": f"{ratio:.2f}x",
                "met": ratio <= TARGET_RATIO,
            }
        )
    if "recompute_ms" in summary:
        rec = summary["recompute_ms"]
        rows.append(
            {
                "target": f"recompute <= {TARGET_RECOMPUTE_MS:.0f} ms (median)",
                "value": f"{rec['median']:.1f} ms",
                "met": rec["median"] <= TARGET_RECOMPUTE_MS,
            }
        )
        rows.append(
            {
                "target": f"recompute <= {TARGET_RECOMPUTE_MS:.0f} ms (p95, stricter reading)",
                "value": f"{rec['p95']:.1f} ms",
                "met": rec["p95"] <= TARGET_RECOMPUTE_MS,
            }
        )
    rows.append(
        {
            "target": "policy page loads no wasm/whl/python_stdlib.zip (all runs)",
            "value": ", ".join(policy_runtime) or "none",
            "met": not policy_runtime,
        }
    )
    return rows


def print_bytes(label: str, s: dict[str, Any], verbose_hits: list[Hit] | None = None) -> None:
    """One page type's bytes, requests, runtime files and top 5."""
    statuses = ", ".join(f"{code}×{n}" for code, n in sorted(s["statuses"].items()))
    print(f"  {label}: {fmt_bytes(s['bytes'])} ({s['bytes']:,} B) in {s['requests']} requests [{statuses}]")
    print(
        f"      of which /pyodide/: {fmt_bytes(s['runtime_bytes'])}; "
        f"wasm/whl/python_stdlib.zip fetched: {', '.join(s['runtime_files']) or 'none'}"
    )
    for hit in s["top5"]:
        print(f"      {hit['bytes']:>12,} B  {hit['path']}")
    for hit in verbose_hits or []:
        print(f"        · {hit.status} {hit.bytes:>12,} B  {hit.path}")


def print_report(runs: list[Run], summary: dict[str, Any], problems: Problems, verbose: bool) -> None:
    """Everything, human-readable."""
    b = summary["bytes"]
    first = runs[0]
    print(
        "\n1. Bytes sent by the server, cold (fresh profile; run 1; totals per run: "
        + "; ".join(f"{k} {', '.join(f'{v:,}' for v in vals)}" for k, vals in summary["bytes_totals_per_run"].items())
        + ")"
    )
    print_bytes(
        f"policy page      {POLICY_PATH} (until quiet after load)", b["policy"], first.policy.hits if verbose else None
    )
    print_bytes(
        f"calculator page  {CALC_PATH} (to first result)", b["calculator"], first.ours.cold.hits if verbose else None
    )
    later = b["calculator_after_result"]
    later_names = ", ".join(sorted({hit.path for hit in first.ours.cold.later_hits})) or "-"
    print(
        f"      after the first result, until quiet: {later['requests']} more requests, "
        f"{fmt_bytes(later['bytes'])} ({later_names})"
    )
    print_bytes("bare Pyodide page (to 1+1)", b["bare"], first.bare.cold.hits if verbose else None)
    for label, key in (("calculator", "calculator_warm"), ("bare", "bare_warm")):
        s = b[key]
        statuses = ", ".join(f"{code}×{n}" for code, n in sorted(s["statuses"].items()))
        print(f"  warm revisit, {label}: {fmt_bytes(s['bytes'])} in {s['requests']} requests [{statuses}]")

    print("\n2.–3. Time from navigation start to the first result, ms: median [min–max]")
    print(f"  {'':6}{'ours (calculator)':>26}{'bare Pyodide':>26}{'ours/bare, paired':>24}{'ratio of medians':>18}")
    for phase in ("cold", "warm"):
        s = summary[phase]
        print(
            f"  {phase:6}{fmt_spread(s['ours_ms']):>26}{fmt_spread(s['bare_ms']):>26}"
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
        print(f"\n4. Recompute (submit → new data-value, in the page), {r['count']} changes over {len(runs)} runs:")
        print(f"  median {r['median']:.1f} ms, p95 {r['p95']:.1f} ms, min–max {r['min']:.1f}–{r['max']:.1f} ms")

    print("\n5. Targets")
    for row in summary["targets"]:
        print(f"  [{'MET' if row['met'] else 'NOT MET':>7}] {row['target']}: {row['value']}")

    print_problems(problems)
    values = {run.ours.cold.value for run in runs} | {run.ours.warm.value for run in runs}
    if values != {EXPECTED_SUBSIDY}:
        print(f"  unexpected first result: {sorted(v or '' for v in values)} (expected {EXPECTED_SUBSIDY})")
    bare_values = {run.bare.cold.value for run in runs} | {run.bare.warm.value for run in runs}
    if bare_values != {"2"}:
        print(f"  unexpected bare answer: {sorted(v or '' for v in bare_values)} (expected 2)")


def browser_version(pw: Playwright) -> str:
    """The Chromium version, from a short throw-away launch."""
    browser = pw.chromium.launch(**launch_args())
    try:
        return browser.version
    finally:
        browser.close()


def print_problems(problems: Problems) -> None:
    """Console errors, page errors, failed requests and HTTP errors, with counts."""
    print("\nProblems noticed while measuring")
    if not problems.seen:
        print("  none (no console errors, page errors, failed requests or HTTP errors)")
    for (kind, where, text), n in sorted(problems.seen.items()):
        print(f"  {kind} [{where}] ×{n}: {text}")


def machine_info() -> dict[str, Any]:
    """CPU count, platform, load."""
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "loadavg": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


# ---------------------------------------------------------------- main


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


def measure_batch(runs: int) -> dict[str, Any]:
    """Rows per second of ``python -m calc batch`` on a 10,000-row CSV, the whole command timed."""
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "loans.csv", Path(tmp) / "out.csv"
        batch_file(source, BATCH_ROWS)
        seconds = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "calc", "batch", BATCH_ESTIMATOR, str(source), "-o", str(out)],
                cwd=ROOT,
                check=True,
                stderr=subprocess.DEVNULL,
            )
            seconds.append(time.perf_counter() - started)
        rows_out = len(out.read_text("utf-8-sig").splitlines()) - 1
    if rows_out != BATCH_ROWS:
        raise BenchError(f"batch wrote {rows_out} rows for {BATCH_ROWS}")
    rates = sorted(BATCH_ROWS / s for s in seconds)
    return {
        "rows": BATCH_ROWS,
        "seconds": seconds,
        "rows_per_second": statistics.median(rates),
        "min": rates[0],
        "max": rates[-1],
    }


def print_batch(figures: dict[str, Any]) -> None:
    """The batch section of the report."""
    print(f"\n6. Batch (python -m calc batch {BATCH_ESTIMATOR}, {figures['rows']:,} rows, whole command):")
    print(
        f"  {figures['rows_per_second']:,.0f} rows/s median [{figures['min']:,.0f}–{figures['max']:,.0f}], "
        f"{statistics.median(figures['seconds']):.1f} s per file"
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs; each figure is the median (default 5)")
    parser.add_argument("--changes", type=int, default=20, help="recomputes per run (default 20)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default <repo>/site)")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this JSON file")
    parser.add_argument("--verbose", action="store_true", help="list every request of the cold visits")
    parser.add_argument("--batch-only", action="store_true", help="only the command-line batch throughput")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.changes < 0:
        parser.error("--runs must be >= 1 and --changes >= 0")
    return args


def check_site(site: Path) -> None:
    """Fail early, with a hint, if the site or its runtime is missing."""
    needed = [
        site / "index.html",
        site / POLICY_PATH / "index.html",
        site / CALC_PATH.split("?")[0] / "index.html",
        site / runtime.site_path() / "pyodide.mjs",
    ]
    missing = [str(path) for path in needed if not path.exists()]
    if missing:
        raise BenchError(f"the site is not built (missing {', '.join(missing)}): run `make site`")


def benchmark(args: argparse.Namespace, problems: Problems) -> int:
    """Run everything, print the report, write JSON; the exit status."""
    batch_figures = measure_batch(max(3, min(args.runs, 5)))
    if args.batch_only:
        print_batch(batch_figures)
        return 0
    site = args.site.resolve()
    check_site(site)
    info = machine_info()
    log = RequestLog()
    runs: list[Run] = []
    with serve(site, log) as base, sync_playwright() as pw:
        env = Env(pw, base, log, problems, args.changes)
        version = browser_version(pw)
        print(
            f"Machine: {info['cpu_count']} CPUs, {info['platform']}, Python {info['python']}, "
            f"load average {info['loadavg']}"
        )
        print(f"Browser: Chromium {version} ({EXECUTABLE})")
        print(f"Site: {site} (runtime {runtime.site_path()}), served at {base}")
        print(f"Runs: {args.runs}, {args.changes} recomputes per run; timeout {TIMEOUT_MS // 1000} s per wait")
        for i in range(args.runs):
            started = time.monotonic()
            runs.append(run_once(env, i))
            run = runs[-1]
            print(
                f"  run {i + 1}/{args.runs} done in {time.monotonic() - started:.0f} s: "
                f"ours {run.ours.cold.ms:.0f}/{run.ours.warm.ms:.0f} ms, bare {run.bare.cold.ms:.0f}/"
                f"{run.bare.warm.ms:.0f} ms (cold/warm)",
                flush=True,
            )
    if hasattr(os, "getloadavg"):
        print(f"Load average at the end: {list(os.getloadavg())}")
    summary = summarize(runs)
    print_report(runs, summary, problems, args.verbose)
    print_batch(batch_figures)
    if args.json:
        raw = {
            "machine": info,
            "browser": {"executable": EXECUTABLE, "version": version},
            "site": str(site),
            "runtime": runtime.site_path(),
            "calculator_url": CALC_PATH,
            "runs": [asdict(run) for run in runs],
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
