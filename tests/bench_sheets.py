"""Time and peak memory of the xlsx libraries on a loan book (run on demand, not a test).

    .venv/bin/python tests/bench_sheets.py [--rows 10000 100000]

Each measurement runs in its own process, so that the peak resident memory (``ru_maxrss`` of
the child) is that library's alone. The writers' times include making the rows (``generate``).
python-calamine is measured when it is installed (it is not a dependency of the project).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COLUMNS = [
    "loan_no",
    "branch",
    "loan_amount",
    "actual_rate",
    "loan_date",
    "repaid_date",
    "prior_subsidy",
    "lpr_1y",
    "interest_paid",
    "note",
]


def _rows(count: int) -> list[list[object]]:
    import random
    from datetime import datetime, timedelta

    rng = random.Random(14)
    rows = []
    for i in range(count):
        start = datetime(2023, 1, 1) + timedelta(days=rng.randrange(900))
        rows.append(
            [
                f"KTD-{i:06d}",
                rng.choice(["三元支行", "沙县支行", "永安支行"]),
                rng.randrange(1, 300) * 10_000,
                rng.choice([2.9, 3.1, 3.45, 4.2]),
                start,
                start + timedelta(days=rng.randrange(30, 1000)),
                rng.choice([0, 50_000, 140_000]),
                None,
                rng.randrange(1000, 90000) / 100,
                "按期还款",
            ]
        )
    return rows


def write_xlsxwriter(path: str, count: int) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = book.add_worksheet("data")
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, COLUMNS)
    for r, row in enumerate(_rows(count), start=1):
        for c, value in enumerate(row):
            if hasattr(value, "year"):
                sheet.write_datetime(r, c, value, dates)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()


def write_openpyxl(path: str, count: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append(COLUMNS)
    for row in _rows(count):
        sheet.append(row)
    book.save(path)


def read_openpyxl(path: str, count: int) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    assert n == count + 1, n


def read_calamine(path: str, count: int) -> None:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(path)
    n = len(book.get_sheet_by_index(0).to_python())
    assert n == count + 1, n


def read_calc(path: str, count: int) -> None:
    """What the batch does: calc.sheets (openpyxl's parser, cells as Decimal and dates)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from calc import sheets

    table = sheets.read_table(Path(path).read_bytes(), path)
    assert len(table.rows) == count, len(table.rows)


def generate(path: str, count: int) -> None:
    """Only the rows the writers write (subtract from their times)."""
    _rows(count)


def child(name: str, path: str, count: int) -> None:
    """Run one measurement and print seconds and peak memory as JSON."""
    func = globals()[name]
    started = time.perf_counter()
    func(path, count)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak}))


def measure(name: str, path: str, count: int) -> dict[str, float] | None:
    proc = subprocess.run([sys.executable, __file__, "--child", name, path, str(count)], capture_output=True, text=True)
    if proc.returncode:
        return None if "No module named" in proc.stderr else {"error": proc.stderr[-300:]}  # type: ignore[dict-item]
    return json.loads(proc.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--child", nargs=3)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.rows:
            path = str(Path(tmp) / f"{count}.xlsx")
            results = {"generate": measure("generate", path, count)}
            for name in ("write_openpyxl", "write_xlsxwriter"):
                results[name] = measure(name, path, count)
                results[name]["size_kb"] = Path(path).stat().st_size / 1024  # type: ignore[index]
            for name in ("read_openpyxl", "read_calamine", "read_calc"):
                results[name] = measure(name, path, count)
            for name, figures in results.items():
                print(f"{count:>7,} rows  {name:<18} {json.dumps(figures)}")


if __name__ == "__main__":
    main()
