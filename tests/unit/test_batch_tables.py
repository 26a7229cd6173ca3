"""Batch runs on tables: .xlsx and CSV in, .xlsx and CSV out, every figure equal to calc.run's.

Worked examples (a loan book with a loan-number column and invalid rows; a GBK CSV with label
headers in another order), every estimator's template filled with its example, and a property
test: the batch path (no trace) gives exactly calc.run's result, warnings and errors.
"""

import csv
import io
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calc
from calc import batch, bridge, engine, workbooks
from calc.cli import main
from calc.schema_walk import walk
from tests.hostile_files import needs_excel
from tests.unit.test_every_estimator import IDS, random_inputs

ID = "sanming-ktd-subsidy"
ROOT = Path(__file__).resolve().parents[2]

# A branch's loan book as a person types it in Excel: labels in their own order, a loan number and
# a branch first, Excel dates, numbers and text amounts; rows 3 and 5 are invalid.
HEADER = [
    "贷款编号",
    "支行",
    "贷款实际利率",
    "本次申请贴息的贷款金额（元） (loan_amount)",
    "贷款发放日期",
    "repaid_date",
    "已享受本方案贴息累计",
]
BOOK: list[list[Any]] = [
    ["KTD-001", "三元支行", 3.45, 2000000, datetime(2025, 8, 1), datetime(2026, 7, 31), None],
    ["KTD-002", "沙县支行", 3.1, "abc", datetime(2025, 8, 1), datetime(2026, 7, 31), 0],
    ["KTD-003", "永安支行", 4.2, "120万", "2024-03-01", "2025/2/28", 140000],
    ["KTD-004", "永安支行", 3.45, "1,000,000", datetime(2025, 9, 1), datetime(2025, 8, 1), None],
    ["KTD-005", "三元支行", 0.1 + 0.2 + 2.6, 500000.5, date(2023, 1, 10), "2024年1月9日", 50000],
]
VALID = [True, False, True, False, True]


def inputs_of(cells: list[Any]) -> dict[str, Any]:
    """The row as calc.run takes it (JSON-like values), read by hand."""
    names = ["actual_rate", "loan_amount", "loan_date", "repaid_date", "prior_subsidy"]
    found = {}
    for name, value in zip(names, cells[2:], strict=True):
        if value is None:
            continue
        if isinstance(value, float):
            value = str(Decimal(f"{value:.15g}"))
        elif isinstance(value, datetime | date):
            value = value.strftime("%Y-%m-%d")
        found[name] = value
    return found


def book_xlsx(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_xlsx(data: bytes) -> tuple[list[str], list[list[Any]], Any]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    return rows[0], rows[1:], book


def by_id(header: list[str], row: list[Any]) -> dict[str, Any]:
    return {batch.header_id(h) or h: v for h, v in zip(header, row, strict=True)}


def expected_cell(value: Any, kind: str) -> Any:
    """calc.run's value as the results workbook stores it."""
    if value is None:
        return None
    if kind in ("money", "rate"):
        return float(Decimal(value))
    return value


@needs_excel
def test_xlsx_in_xlsx_out_on_the_command_line(tmp_path: Path) -> None:
    source, target = tmp_path / "贷款.xlsx", tmp_path / "结果.xlsx"
    source.write_bytes(book_xlsx(BOOK))
    out = io.StringIO()
    assert main(["batch", ID, str(source), "-o", str(target)], stdout=out) == 2  # two rows are invalid
    header, rows, book = read_xlsx(target.read_bytes())
    assert header[: len(HEADER)] == HEADER  # the input columns first, as they were
    assert header[-3:] == ["计算成功 (ok)", "输入错误 (errors)", "提示 (warnings)"]
    assert len(rows) == len(BOOK)
    kinds = {c.id: c.kind for c in batch.result_fields(ID)}
    for typed, row, valid in zip(BOOK, rows, VALID, strict=True):
        cells = by_id(header, row)
        assert row[:2] == typed[:2]  # loan number and branch kept, in place
        answer = calc.run(ID, inputs_of(typed))
        assert cells["ok"] is answer["ok"] is valid, (typed, answer)
        if valid:
            for name, value in batch.flatten(answer["result"]).items():
                assert cells[name] == expected_cell(value, kinds[name]), name
            assert cells["warnings"] == "；".join(answer["warnings"])
            assert cells["errors"] is None
        else:
            assert cells["errors"] == "；".join(e["message"] for e in answer["errors"])
    subsidy = header.index("申请贴息额度（元） (result.subsidy)")
    sheet = book.worksheets[0]
    assert sheet.cell(row=2, column=subsidy + 1).number_format == "#,##0.00"
    summary = dict(book["汇总"].iter_rows(values_only=True))
    assert summary["行数"] == 5 and summary["计算成功"] == 3 and summary["输入有误"] == 2
    total = sum(
        Decimal(calc.run(ID, inputs_of(r))["result"]["subsidy"]) for r, ok in zip(BOOK, VALID, strict=True) if ok
    )
    assert Decimal(str(summary["合计：申请贴息额度（元） (result.subsidy)"])) == total


@needs_excel
def test_xlsx_in_csv_out_has_the_same_columns(tmp_path: Path) -> None:
    source = tmp_path / "贷款.xlsx"
    source.write_bytes(book_xlsx(BOOK))
    out = io.StringIO()
    main(["batch", ID, str(source)], stdout=out)
    rows = batch.read_back(out.getvalue())
    assert [r["贷款编号"] for r in rows] == [r[0] for r in BOOK]
    for typed, row in zip(BOOK, rows, strict=True):
        answer = calc.run(ID, inputs_of(typed))
        assert row["ok"] == ("true" if answer["ok"] else "false")
        if answer["ok"]:
            assert {k: row[k] for k in batch.result_columns(ID)} == {
                k: batch.text(v) for k, v in batch.flatten(answer["result"]).items()
            }
    _, found = batch.read(ID, book_xlsx(BOOK), "x.xlsx")
    header = next(csv.reader(io.StringIO(out.getvalue())))
    assert header == [c.header for c in batch.output_columns(found)]


def test_gbk_csv_with_labels_in_another_order(tmp_path: Path) -> None:
    text = (
        "实际还贷日期,支行,本次申请贴息的贷款金额,贷款编号,贷款实际利率,贷款发放日期\n"
        "2026-07-31,三元支行,2000000,KTD-001,3.45,2025-08-01\n"
        "2026-07-31,沙县支行,-5,KTD-002,3.45,2025-08-01\n"
        ",,,,,\n"
        '2025年2月28日,永安支行,"1,200,000",KTD-003,4.2,2024/3/1\n'
    )
    source = tmp_path / "贷款.csv"
    source.write_bytes(text.encode("gbk"))
    target = tmp_path / "结果.csv"
    assert main(["batch", ID, str(source), "-o", str(target)], stdout=io.StringIO()) == 2
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    rows = batch.read_back(target.read_text("utf-8-sig"))
    assert [r["贷款编号"] for r in rows] == ["KTD-001", "KTD-002", "KTD-003"]  # the blank row is no loan
    expected = [
        {"repaid_date": "2026-07-31", "loan_amount": "2000000", "actual_rate": "3.45", "loan_date": "2025-08-01"},
        {"repaid_date": "2026-07-31", "loan_amount": "-5", "actual_rate": "3.45", "loan_date": "2025-08-01"},
        {"repaid_date": "2025年2月28日", "loan_amount": "1,200,000", "actual_rate": "4.2", "loan_date": "2024/3/1"},
    ]
    for inputs, row in zip(expected, rows, strict=True):
        answer = calc.run(ID, inputs)
        assert row["ok"] == ("true" if answer["ok"] else "false")
        if answer["ok"]:
            assert row["result.subsidy"] == answer["result"]["subsidy"]
        else:
            assert row["errors"] == "；".join(e["message"] for e in answer["errors"])
    assert rows[1]["ok"] == "false"


@needs_excel
@pytest.mark.parametrize("estimator_id", IDS)
def test_every_template_filled_with_its_example_computes_as_calc_run(estimator_id: str) -> None:
    example = engine.get(estimator_id).example
    table, found = batch.read(estimator_id, workbooks.template_xlsx(estimator_id), "template.xlsx")
    assert {c.field.name for c in found.columns if c.field} == set(calc.schema(estimator_id)["properties"])
    (outcome,) = batch.compute(table, found)
    expected = calc.run(estimator_id, example)
    assert expected["ok"], expected
    assert outcome.response == {k: v for k, v in expected.items() if k != "trace"}


@needs_excel
def test_template_has_notes_lists_and_the_template_header() -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(workbooks.template_xlsx("sanming-ktd-eligibility")))
    assert book.sheetnames == ["填写", "说明", "选项"]
    sheet = book["填写"]
    header = [c.value for c in sheet[1]]
    assert "经济实体类型 (entity_type)" in header
    sources = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    column = sheet.cell(row=1, column=header.index("经济实体类型 (entity_type)") + 1).column_letter
    assert sources[f"{column}2"].startswith("选项!")
    notes = {row[1]: row for row in book["说明"].iter_rows(min_row=2, values_only=True) if row[1]}
    assert notes["entity_type"][5].startswith("企业（enterprise）")
    assert notes["application_date"][4].startswith("日期")
    assert notes["normal_operation"][6] == "可不填；未填写，按“是”计算"


@needs_excel
def test_a_results_file_read_again_is_computed_anew(tmp_path: Path) -> None:
    source, first, second = tmp_path / "in.xlsx", tmp_path / "out.xlsx", tmp_path / "again.xlsx"
    source.write_bytes(book_xlsx(BOOK))
    main(["batch", ID, str(source), "-o", str(first)], stdout=io.StringIO())
    main(["batch", ID, str(first), "-o", str(second)], stdout=io.StringIO())
    assert read_xlsx(first.read_bytes())[:2] == read_xlsx(second.read_bytes())[:2]


@needs_excel
def test_template_on_the_command_line(tmp_path: Path) -> None:
    target = tmp_path / "模板.xlsx"
    assert main(["template", ID, "-o", str(target)], stdout=io.StringIO()) == 0
    header, rows, _ = read_xlsx(target.read_bytes())
    assert header == [batch.input_header(item) for item in batch.walk(calc.schema(ID))]
    assert len(rows) == 1  # the example
    assert main(["template", "no-such", "-o", str(target)], stdout=io.StringIO()) == 2


@pytest.mark.cpython_only
def test_a_calculator_page_never_imports_the_excel_libraries() -> None:
    code = "import sys, calc, calc.batch, calc.bridge; calc.run('sanming-ktd-subsidy', {}); "
    code += "print(sorted(m for m in sys.modules if m.split('.')[0] in ('openpyxl', 'xlsxwriter', 'defusedxml')))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ---------------------------------------------------------------- the batch path is calc.run


@settings(max_examples=60, deadline=None)
@given(estimator_id=st.sampled_from(IDS), data=st.data())
def test_the_batch_path_gives_calc_runs_answer(estimator_id: str, data: st.DataObject) -> None:
    inputs = data.draw(random_inputs(estimator_id))
    expected = calc.run(estimator_id, inputs)
    answer = engine.evaluate(engine.get(estimator_id), inputs, explain=False)
    assert answer == {k: v for k, v in expected.items() if k != "trace"}


AMOUNTS = st.one_of(
    st.integers(0, 5_000_000).map(str),
    st.decimals(0, 5_000_000, places=2).map(str),
    st.integers(1, 500).map(lambda n: f"{n}万"),
    st.integers(1000, 5_000_000).map(lambda n: f"{n:,}"),
    st.sampled_from(["", "abc", "-1", "1e3"]),
)
RATES = st.one_of(st.decimals(0, 8, places=3).map(str), st.sampled_from(["", "3.45%", "0", "x"]))
DAYS = st.dates(date(2019, 9, 1), date(2027, 12, 31)).map(str) | st.sampled_from(["", "2025/3/1", "2025-02-30"])


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {
                "loan_amount": AMOUNTS,
                "actual_rate": RATES,
                "interest_paid": AMOUNTS,
                "loan_date": DAYS,
                "repaid_date": DAYS,
                "lpr_1y": RATES,
                "prior_subsidy": AMOUNTS,
            }
        ),
        min_size=1,
        max_size=8,
    )
)
def test_a_csv_batch_gives_calc_runs_figures_row_by_row(rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["no", *rows[0]])
    writer.writeheader()
    writer.writerows({"no": str(i), **row} for i, row in enumerate(rows))
    table, found = batch.read(ID, buffer.getvalue().encode(), "x.csv")
    given_rows = [(i, r) for i, r in enumerate(rows) if any(v.strip() for v in r.values())]
    outcomes = list(batch.compute(table, found))
    assert [o.cells[0] for o in outcomes] == [str(i) for i, _ in given_rows]
    for (_, row), outcome in zip(given_rows, outcomes, strict=True):
        expected = calc.run(ID, {k: v for k, v in row.items() if v.strip()})
        assert outcome.response == {k: v for k, v in expected.items() if k != "trace"}


@needs_excel
def test_the_page_gets_xlsx_and_csv_in_one_pass() -> None:
    table, found = batch.read(ID, book_xlsx(BOOK), "贷款.xlsx")
    text = io.StringIO()
    content, summary = workbooks.results_xlsx(found, batch.compute(table, found), csv_out=text)
    only_csv = io.StringIO()
    batch.to_csv(only_csv, found, batch.compute(table, found))
    assert text.getvalue() == only_csv.getvalue()
    header, rows, _ = read_xlsx(content)
    assert header == next(csv.reader(io.StringIO(text.getvalue())))
    assert (summary.rows, summary.computed, summary.invalid) == (5, 3, 2) and len(rows) == 5


@needs_excel
def test_the_page_steps_through_the_read_then_the_rows() -> None:
    """calc.bridge.BatchJob a row per step: the read shows its rows one by one, then the rows computed;
    the files are the command line's (calc.batch.read, compute, workbooks.results_xlsx)."""
    job = bridge.batch_job(ID, book_xlsx(BOOK), "贷款.xlsx")
    seen = []
    while not job.step(1):
        seen.append((job.rows_read, job.total, job.rows_done))
    assert seen[:5] == [(n, None, 0) for n in range(1, 6)]  # read: no total yet, nothing computed
    assert [done for _, total, done in seen[5:] if total == 5] == [0, 1, 2, 3, 4, 5]
    table, found = batch.read(ID, book_xlsx(BOOK), "贷款.xlsx")
    text = io.StringIO()
    content, _ = workbooks.results_xlsx(found, batch.compute(table, found), csv_out=text)
    assert job.csv_bytes() == text.getvalue().encode("utf-8-sig")
    assert read_xlsx(job.xlsx)[:2] == read_xlsx(content)[:2] and job.error == ""


def test_a_file_found_unreadable_midway_ends_the_page_run_with_its_message() -> None:
    """Three good rows, then a cell longer than Python's CSV reader takes: the error comes from that step."""
    lines = ["loan_amount,actual_rate,interest_paid,lpr_1y", *["1000000,3,30000,3.45"] * 3, "1," + "9" * 200_000]
    job = bridge.batch_job(ID, "\n".join(lines).encode(), "贷款.csv")
    steps = 0
    while not job.step(1):
        steps += 1
    assert (steps, job.rows_read, job.total) == (3, 3, None)
    assert job.error.startswith("CSV 第 5 行格式有误") and job.summary is None


def test_a_header_made_for_another_estimator_is_said() -> None:
    """The subsidy template's header read for the eligibility check: most columns unused, and the page says why."""
    subsidy = [batch.input_header(item) for item in walk(calc.schema("sanming-ktd-subsidy"))]
    found = batch.plan("sanming-ktd-eligibility", subsidy)
    assert found.mismatch is not None
    assert "「三明“科特贷”贴息估算（附表2）」" in found.mismatch and "选错了计算器" in found.mismatch
    assert found.notes[0] == found.mismatch
    assert batch.plan("sanming-ktd-subsidy", subsidy).mismatch is None
    assert batch.plan("sanming-ktd-subsidy", [*subsidy, "贷款编号"]).mismatch is None  # an extra column is no sign
