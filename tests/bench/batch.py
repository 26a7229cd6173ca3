"""Section 8: the command-line batch's throughput, and the batch page's (issue 14)."""

from __future__ import annotations

import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from tests.bench.browser import Problems, fresh_profile, open_page
from tests.bench.errors import BenchError
from tests.bench.server import serve
from tests.bench.settings import ROOT, TIMEOUT_MS
from tests.browser.test_batch_page import WATCH_RUN

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
