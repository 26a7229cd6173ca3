"""``python -m tests.bench``: the options, and everything run in order (see the package's docstring)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import asdict
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from build_scripts import runtime
from tests import bench
from tests.bench.batch import measure_batch, measure_page_batch, print_batch, print_page_batch
from tests.bench.browser import Problems, browser_version
from tests.bench.built_site import check_site, precache_files, sitemap_pages
from tests.bench.errors import BenchError
from tests.bench.report import check_values, machine_info, print_problems, print_report, print_targets
from tests.bench.server import PlainHandler, serve
from tests.bench.settings import CALC_PATH, ROOT, TARGET_THIN_RATIO, TIMEOUT_MS
from tests.bench.stats import summarize
from tests.bench.thin import ThinRun, measure_thin, print_thin, thin_summary, thin_targets
from tests.bench.visits import Env, Run, run_once
from tests.chromium import EXECUTABLE


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=bench.__doc__.splitlines()[0])
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
