"""The command line: JSON in, JSON out, exit codes 0 / 2, never a traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.test_every_estimator import IDS, assert_contract_shape, random_inputs

pytestmark = pytest.mark.cpython_only  # runs subprocesses, which Pyodide cannot

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, stdin: str = "") -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "calc", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_list_names_every_estimator() -> None:
    code, out, _ = cli("list")
    assert code == 0
    assert "sanming-ktd-subsidy\t三明“科特贷”贴息估算（附表2）\tsanming-ktd" in out.splitlines()
    code, out, _ = cli("list", "--json")
    listed = json.loads(out)
    assert {"id": "sanming-ktd-subsidy", "title": "三明“科特贷”贴息估算（附表2）", "policy": "sanming-ktd"} in listed


def test_run_prints_the_contract_success_shape() -> None:
    code, out, err = cli(
        "run",
        "sanming-ktd-subsidy",
        stdin='{"loan_amount": 2000000, "actual_rate": 3, "interest_paid": 60000, "lpr_1y": 3.45}',
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["ok"] is True and data["estimator"] == "sanming-ktd-subsidy"
    assert data["result"]["subsidy"] == "30000.00"
    assert all(set(step) == {"label", "formula", "value", "clause"} for step in data["trace"])


def test_json_numbers_are_read_as_decimals_not_floats(tmp_path: Path) -> None:
    # 0.1 + 0.2 style: an interest of 60000.10 must stay exactly 60000.10.
    source = tmp_path / "in.json"
    source.write_text('{"loan_amount": 2000000, "actual_rate": 3, "interest_paid": 60000.10, "lpr_1y": 3}')
    code, out, _ = cli("run", "sanming-ktd-subsidy", "--input", str(source))
    assert code == 0 and json.loads(out)["result"]["interest_paid"] == "60000.10"


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (("run", "sanming-ktd-subsidy"), '{"loan_amount": -1, "actual_rate": 3}'),
        (("run", "sanming-ktd-subsidy"), "not json"),
        (("run", "sanming-ktd-subsidy"), "[1, 2]"),
        (("run", "no-such-estimator"), "{}"),
        (("run", "sanming-ktd-subsidy", "--input", "/nonexistent.json"), ""),
        (("schema", "no-such-estimator"), ""),
        (("run", "\udcff"), "{}"),  # an id that is not UTF-8 (a byte 0xff on the command line)
        (("run", "sanming-ktd-subsidy"), '{"loan_amount": 1' + "0" * 5000 + "}"),  # a 5001-digit number
        (("run", "sanming-ktd-subsidy"), "[" * 100_000),  # nested too deep
        (("run", "sanming-ktd-subsidy"), '{"loan_amount": NaN, "actual_rate": Infinity}'),
        (("run", "sanming-ktd-subsidy"), '{"\\ud800": 1}'),
        (("run", "sanming-ktd-eligibility"), '{"term_months": "1e999999999"}'),  # would hang as an int
        (("run", "sanming-ktd-subsidy"), '{"loan_amount": "一百万", "actual_rate": "1e-999999", "loan_date": "2-30"}'),
    ],
)
def test_invalid_input_exits_2_with_a_json_error(args: tuple[str, ...], stdin: str) -> None:
    code, out, err = cli(*args, stdin=stdin)
    assert code == 2
    assert "Traceback" not in out + err
    data = json.loads(out)
    assert data["ok"] is False and data["errors"] and all(e["message"] for e in data["errors"])


def test_schema_has_chinese_labels() -> None:
    code, out, _ = cli("schema", "sanming-ktd-subsidy")
    assert code == 0
    assert json.loads(out)["properties"]["loan_amount"]["title"] == "本次申请贴息的贷款金额"


@settings(max_examples=12, deadline=None)
@given(estimator_id=st.sampled_from(IDS), data=st.data())
def test_random_json_on_the_command_line_exits_0_or_2_with_json(estimator_id: str, data: st.DataObject) -> None:
    inputs = data.draw(random_inputs(estimator_id))
    code, out, err = cli("run", estimator_id, stdin=json.dumps(inputs, default=str))
    assert "Traceback" not in out + err
    answer = json.loads(out)
    assert code == (0 if answer["ok"] else 2)
    assert_contract_shape(answer, estimator_id)


def test_batch_xlsx_and_template_as_a_person_runs_them(tmp_path: Path) -> None:
    from tests import hostile_files

    template, results = tmp_path / "模板.xlsx", tmp_path / "结果.xlsx"
    code, out, err = cli("template", "sanming-ktd-subsidy", "-o", str(template))
    assert code == 0 and template.read_bytes()[:2] == b"PK", err
    code, out, err = cli("batch", "sanming-ktd-subsidy", str(template), "-o", str(results))
    assert code == 0 and results.exists() and "Traceback" not in out + err  # the example row computes
    bomb, name = hostile_files.entity_bomb()
    (tmp_path / name).write_bytes(bomb)
    code, out, err = cli("batch", "sanming-ktd-subsidy", str(tmp_path / name), "-o", str(results))
    assert code == 2 and "Traceback" not in out + err
    assert "实体" in json.loads(out)["errors"][0]["message"]
