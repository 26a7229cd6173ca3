"""Batch runs for institutions: one output row per input row, errors per row, never stopping."""

import csv
import io
import json
from pathlib import Path

import pytest

import calc
from calc.batch import read_back
from calc.cli import main

ID = "sanming-ktd-subsidy"
ROWS = [
    {"loan_amount": "2000000", "actual_rate": "3", "interest_paid": "60000", "lpr_1y": "3.45"},
    {"loan_amount": "abc", "actual_rate": "3", "interest_paid": "1", "lpr_1y": ""},
    {"loan_amount": "1,000,000", "actual_rate": "4.2", "interest_paid": "42000", "lpr_1y": "3.45"},
]


def write_csv(path: Path, rows: list[dict], encoding: str = "utf-8") -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def batch(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["batch", *args], stdout=out), out.getvalue()


def test_csv_rows_come_back_in_order_with_per_row_errors(tmp_path: Path) -> None:
    source = tmp_path / "loans.csv"
    write_csv(source, ROWS)
    code, out = batch(ID, str(source))
    assert code == 2  # one row had invalid input; the others were still computed
    rows = read_back(out)  # by column id: the headers are "申请贴息额度（元） (result.subsidy)" …
    assert len(rows) == len(ROWS)
    assert [r["ok"] for r in rows] == ["true", "false", "true"]
    assert rows[1]["errors"].startswith("本次申请贴息的贷款金额：")
    for given, row in zip(ROWS, rows, strict=True):
        assert row["loan_amount"] == given["loan_amount"]  # the input columns are kept as given
        expected = calc.run(ID, {k: v for k, v in given.items() if v})
        if expected["ok"]:
            assert row["result.subsidy"] == expected["result"]["subsidy"]
            assert row["result.capped"] == "false"


def test_all_valid_rows_exit_0_and_write_the_output_file(tmp_path: Path) -> None:
    source, target = tmp_path / "loans.csv", tmp_path / "out.csv"
    write_csv(source, [ROWS[0], ROWS[2]])
    code, _ = batch(ID, str(source), "--output", str(target))
    assert code == 0
    text = target.read_text("utf-8-sig")  # with a byte-order mark, so Excel shows Chinese
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert [r["result.subsidy"] for r in read_back(text)] == ["30000.00", "17250.00"]


def test_json_lines_in_json_lines_out(tmp_path: Path) -> None:
    source = tmp_path / "loans.jsonl"
    source.write_text(
        json.dumps({"loan_amount": 2000000, "actual_rate": 3, "interest_paid": 60000.10, "lpr_1y": 3}) + "\n"
        "not json\n\n[1, 2]\n",
        "utf-8",
    )
    code, out = batch(ID, str(source))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 2
    assert [(r["row"], r["ok"]) for r in lines] == [(1, True), (2, False), (3, False)]
    assert lines[0]["result"]["interest_paid"] == "60000.10"  # read as a decimal, not a float


def test_gbk_file_is_detected(tmp_path: Path) -> None:
    source = tmp_path / "银行.csv"
    write_csv(
        source,
        [{"loan_amount": "2000000", "actual_rate": "3", "interest_paid": "60000", "备注": "中文"}],
        encoding="gbk",
    )
    for args in ((), ("--encoding", "gbk")):
        code, out = batch(ID, str(source), *args)
        row = read_back(out)[0]
        assert code == 0 and row["ok"] == "true" and row["备注"] == "中文"  # kept, not used


def test_a_forced_wrong_encoding_is_a_clean_error(tmp_path: Path) -> None:
    source = tmp_path / "银行.csv"
    write_csv(source, [{"loan_amount": "2000000", "备注": "中文"}], encoding="gbk")
    code, out = batch(ID, str(source), "--encoding", "utf-8")
    assert code == 2 and "utf-8" in json.loads(out)["errors"][0]["message"]


@pytest.mark.parametrize("content", ["", "\n"])
def test_a_file_without_header_is_refused(tmp_path: Path, content: str) -> None:
    source = tmp_path / "empty.csv"
    source.write_text(content)
    code, out = batch(ID, str(source))
    assert code == 2 and json.loads(out)["ok"] is False


def test_unknown_estimator_and_missing_file(tmp_path: Path) -> None:
    assert batch("no-such", str(tmp_path / "x.csv"))[0] == 2
    code, out = batch(ID, str(tmp_path / "missing.csv"))
    assert code == 2 and "无法读取输入文件" in json.loads(out)["errors"][0]["message"]
