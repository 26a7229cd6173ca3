"""Reading tables (calc.sheets, calc.batch.read): encodings, headers, and hostile or broken files.

Every hostile file gets a Chinese message within seconds (never a traceback), on the command
line with exit code 2 and a JSON error. The files are made in the tests, small on disk.
"""

import io
import json
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from calc import batch, sheets
from calc.cli import main
from calc.numbers import excel_number
from calc.sheets import SheetError, read_table
from tests import hostile_files
from tests.hostile_files import needs_excel

ID = "sanming-ktd-subsidy"
SECONDS = 5  # "within seconds": far more than any of these takes


def refused(make: Callable[[], tuple[bytes, str]]) -> tuple[str, float]:
    data, name = make()
    started = time.perf_counter()
    with pytest.raises(SheetError) as caught:
        batch.read(ID, data, name)
    return caught.value.message, time.perf_counter() - started


@needs_excel
@pytest.mark.parametrize("case", list(hostile_files.HOSTILE))
def test_each_hostile_file_gets_its_chinese_message_quickly(case: str) -> None:
    make, word = hostile_files.HOSTILE[case]
    message, seconds = refused(make)
    assert word in message, message
    assert seconds < SECONDS
    assert "Traceback" not in message and "Error" not in message


@needs_excel
@pytest.mark.parametrize("case", ["entity bomb", "zip bomb", "password-protected", "png named xlsx"])
def test_the_command_line_answers_a_hostile_file_with_exit_2_and_json(case: str, tmp_path: Path) -> None:
    data, name = hostile_files.HOSTILE[case][0]()
    source = tmp_path / name
    source.write_bytes(data)
    out = io.StringIO()
    assert main(["batch", ID, str(source), "-o", str(tmp_path / "out.xlsx")], stdout=out) == 2
    answer = json.loads(out.getvalue())
    assert answer["ok"] is False and hostile_files.HOSTILE[case][1] in answer["errors"][0]["message"]
    assert not (tmp_path / "out.xlsx").exists()


@needs_excel
def test_a_real_zip_bomb_is_refused_before_it_is_inflated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheets, "MAX_INFLATED", 1024 * 1024)
    padding = b" " * (8 * 1024 * 1024)  # 8 MB of spaces: about 8 kB zipped
    data = hostile_files.with_sheet(
        hostile_files.sheet(hostile_files.HEADER).replace(b"<sheetData>", b"<sheetData>" + padding)
    )
    assert len(data) < 100_000
    with pytest.raises(SheetError, match="压缩炸弹"):
        read_table(data, "bomb.xlsx")


@needs_excel
def test_entities_are_refused_not_expanded() -> None:
    """defusedxml refuses the document type: openpyxl reads through it (its DEFUSEDXML switch is on)."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True
    data, name = hostile_files.entity_bomb()
    with pytest.raises(SheetError, match="实体"):
        read_table(data, name)


@needs_excel
def test_a_million_empty_rows_end_the_table_quickly() -> None:
    data, name = hostile_files.million_empty_rows()
    assert len(data) < 2_000_000  # small on disk
    started = time.perf_counter()
    table, found = batch.read(ID, data, name)
    assert time.perf_counter() - started < 1  # the rows after the first 1,000 empty ones are never parsed
    assert len(table.rows) == 1
    assert any("连续 1,000 行为空" in note for note in found.notes)


@needs_excel
def test_a_formula_without_its_result_is_the_rows_error() -> None:
    data, name = hostile_files.formula_without_value()
    table, found = batch.read(ID, data, name)
    outcomes = list(batch.compute(table, found))
    assert [o.row for o in outcomes] == [2, 3, 4]
    first, second, third = (o.response for o in outcomes)
    assert first["ok"] is False
    assert first["errors"] == [{"field": "loan_amount", "message": "本次申请贴息的贷款金额：" + sheets.FORMULA.message}]
    assert second["ok"] is True and second["result"]["subsidy"] == "30000.00"  # the cached result is used
    assert third["ok"] is False and "#DIV/0!" in third["errors"][0]["message"]


def test_too_many_rows_are_refused_with_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheets, "MAX_ROWS", 5)
    text = "loan_amount,actual_rate,interest_paid\n" + "2000000,3,60000\n" * 6
    with pytest.raises(SheetError, match="数据超过 5 行"):
        read_table(text.encode(), "loans.csv")
    assert len(read_table(("loan_amount\n" + "1\n" * 5).encode(), "x.csv").rows) == 5


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_encodings_are_detected(encoding: str) -> None:
    text = "贷款编号,本次申请贴息的贷款金额,贷款实际利率,支付利息总额\nKTD-001,120万,3,60000\n"
    table, found = batch.read(ID, text.encode(encoding), "loans.csv")
    assert table.columns[0] == "贷款编号" and table.rows == [(2, ["KTD-001", "120万", "3", "60000"])]
    assert [c.field.name if c.field else None for c in found.columns] == [
        None,
        "loan_amount",
        "actual_rate",
        "interest_paid",
    ]


def test_undecodable_bytes_are_a_clean_error() -> None:
    with pytest.raises(SheetError, match="编码"):
        read_table(b"loan_amount\n\x81\x30\xff\xff\n", "x.csv")


def test_tab_separated_text_is_read() -> None:
    table = read_table(b"loan_amount\tactual_rate\n2000000\t3\n", "x.csv")
    assert table.columns == ["loan_amount", "actual_rate"] and table.rows == [(2, ["2000000", "3"])]


def test_a_title_above_the_header_is_passed_over() -> None:
    text = "三明科特贷 2026 年贴息申请汇总,,\n,,\nloan_amount,actual_rate,interest_paid\n2000000,3,60000\n"
    table, found = batch.read(ID, text.encode(), "x.csv")
    assert table.header_row == 3 and len(table.rows) == 1
    assert any("表头在第 3 行" in note for note in found.notes)


def test_headers_by_id_label_or_template_in_any_order() -> None:
    text = "备注,贷款实际利率（%） (actual_rate),LOAN_AMOUNT,支付利息总额（元）\nx,3,2000000,60000\n"
    _, found = batch.read(ID, text.encode(), "x.csv")
    assert [(c.header, c.field.name if c.field else None) for c in found.columns] == [
        ("备注", None),
        ("贷款实际利率（%） (actual_rate)", "actual_rate"),
        ("LOAN_AMOUNT", "loan_amount"),
        ("支付利息总额（元）", "interest_paid"),
    ]


def test_a_header_in_another_unit_is_not_used_silently() -> None:
    text = "本次申请贴息的贷款金额（万元）,actual_rate,interest_paid\n200,3,60000\n"
    _, found = batch.read(ID, text.encode(), "x.csv")
    assert found.columns[0].field is None
    assert any("单位不是元" in note for note in found.notes)


def test_a_header_without_any_input_names_what_is_expected() -> None:
    with pytest.raises(SheetError, match="本次申请贴息的贷款金额（元） \\(loan_amount\\)"):
        batch.read(ID, b"a,b\n1,2\n", "x.csv")


def test_a_field_named_twice_is_refused() -> None:
    with pytest.raises(SheetError, match="两列"):
        batch.read(ID, "loan_amount,本次申请贴息的贷款金额\n1,2\n".encode(), "x.csv")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3.45, "3.45"),
        (0.1 + 0.2, "0.3"),
        (2000000.0, "2E+6"),
        (1234567.891, "1234567.891"),
        (-0.0, "0"),
        (1e-7, "1E-7"),
    ],
)
def test_spreadsheet_numbers_become_the_decimals_people_see(value: float, expected: str) -> None:
    assert excel_number(value) == Decimal(expected)


def test_a_csv_of_a_million_empty_lines_ends_quickly() -> None:
    data = b"loan_amount,actual_rate,interest_paid\n2000000,3,60000\n" + b",,\n" * 1_000_000 + b"1,3,1\n"
    started = time.perf_counter()
    table, found = batch.read(ID, data, "loans.csv")
    assert time.perf_counter() - started < 2
    assert [number for number, _ in table.rows] == [2]  # what follows 1,000 empty rows is not read, and said so
    assert any("第 3 行起连续 1,000 行为空" in note for note in found.notes)


@needs_excel
def test_merged_cells_below_the_header_are_read_as_top_left_only() -> None:
    rows = (
        hostile_files.HEADER
        + '<row r="2"><c r="A2"><v>2000000</v></c><c r="B2"><v>3</v></c><c r="C2"><v>60000</v></c></row>'
        '<row r="3"><c r="B3"><v>3</v></c><c r="C3"><v>60000</v></c></row>'
    )
    merge = '<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>'
    table, found = batch.read(ID, hostile_files.with_sheet(hostile_files.sheet(rows, merge)), "m.xlsx")
    assert any("A2:A3 是合并单元格" in note for note in found.notes)
    first, second = (o.response for o in batch.compute(table, found))
    assert first["ok"] is True and second["ok"] is False  # the second row's amount is empty: its error
