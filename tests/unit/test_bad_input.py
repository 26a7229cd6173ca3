"""Bad and unusual input, field by field, across the policies (``tests/bad_inputs.py``).

Every spelling a Chinese user may type is either understood (the same answer as the canonical
value) or refused with a Chinese message on that very field, quickly: never an exception, a
hang or a ``-0.00``.
"""

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import calc
from calc import batch, jsonio
from calc.bridge import run_json
from calc.cli import main
from tests.bad_inputs import TARGETS, Target, rejected, understood

CJK = re.compile(r"[\u4e00-\u9fff]")

UNDERSTOOD = [(t, text) for t in TARGETS for text in understood(t.kind, t.canonical)]
REFUSED = [(t, value) for t in TARGETS for value in rejected(t)]


def ident(value: Any) -> str:
    return str(value) if isinstance(value, Target) else repr(value)[:30]


@pytest.mark.parametrize(
    ("target", "text"), UNDERSTOOD, ids=lambda v: ident(v) if not isinstance(v, Target) else str(v)
)
def test_other_spellings_give_the_canonical_answer(target: Target, text: str) -> None:
    expected = calc.run(target.estimator, target.inputs(target.canonical))
    assert expected["ok"], expected
    assert calc.run(target.estimator, target.inputs(text)) == expected


@pytest.mark.parametrize(("target", "value"), REFUSED, ids=ident)
def test_bad_values_are_refused_on_their_field_in_chinese(target: Target, value: Any) -> None:
    out = calc.run(target.estimator, target.inputs(value))
    assert out["ok"] is False, out
    messages = {e["field"]: e["message"] for e in out["errors"]}
    assert target.field in messages, out["errors"]
    message = messages[target.field]
    assert message.startswith(f"{target.label}：") and CJK.search(message.split("：", 1)[1])


@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_an_empty_field_is_not_given(target: Target) -> None:
    for blank in ("", "   ", "\n", None):
        if target.kind == "choices" and blank is not None:
            # A list left blank (a link's ``categories=``) is the empty list: none of the choices.
            assert calc.run(target.estimator, target.inputs(blank)) == calc.run(target.estimator, target.inputs([]))
            continue
        out = calc.run(target.estimator, target.inputs(blank))
        if target.required:
            assert not out["ok"] and out["errors"] == [{"field": target.field, "message": f"{target.label}：必填"}]
        else:
            without = {k: v for k, v in target.base.items() if k != target.field}
            assert out == calc.run(target.estimator, without)


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("一百万", "请用阿拉伯数字填写"),
        ("二百万元", "请用阿拉伯数字填写"),
        ("￥2000000", "不要带货币符号"),
        ("¥200万", "不要带货币符号"),
        ("abc", "请输入数字"),
    ],
)
def test_the_message_says_what_to_type_instead(value: str, hint: str) -> None:
    out = calc.run("sanming-ktd-subsidy", {"loan_amount": value, "actual_rate": "3", "interest_paid": "1"})
    assert hint in out["errors"][0]["message"]


def test_absurd_exponents_are_refused_by_the_bound_quickly() -> None:
    # int("1e999999999") would build a billion-digit integer; a rate of 1e-999999 % would
    # overflow the decimal context in the rule. Both are bounds errors, answered at once.
    base = {"located_in_sanming": True, "entity_type": "enterprise", "commissioner_service": "provincial"}
    out = calc.run("sanming-ktd-eligibility", {**base, "term_months": "1e999999999"})
    assert out["errors"] == [{"field": "term_months", "message": "贷款期限：不能大于 1200"}]
    out = calc.run("sanming-ktd-subsidy", {"loan_amount": 1, "interest_paid": 1, "actual_rate": "1e-999999"})
    assert out["errors"] == [{"field": "actual_rate", "message": "贷款实际利率：最多保留 6 位小数"}]


@pytest.mark.parametrize("zero", ["-0", "-0.00", "－０", -0.0])
def test_negative_zero_is_zero(zero: object) -> None:
    # Decimal("-0") passes "not below 0" but would print as "-0.00".
    out = calc.run("liaocheng-risk-compensation", {"npl_principal": zero, "loan_kind": "tech_transfer"})
    assert out["ok"] and out["result"]["compensation"] == "0.00"
    out = calc.run("sanming-ktd-portfolio", {"total_balance": "1000", "overdue_balance": zero})
    assert out["result"]["overdue_rate"] == "0.00"


# ------------------------------------------------------------------ command line and batch


def cli_run(estimator_id: str, inputs: dict) -> tuple[int, dict]:
    """``python -m calc run`` in this process: exit code and the printed JSON."""
    out = io.StringIO()
    code = main(["run", estimator_id], stdin=io.StringIO(json.dumps(inputs)), stdout=out)
    return code, json.loads(out.getvalue())


@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_command_line_refuses_with_exit_code_2_and_understands_the_rest(target: Target) -> None:
    for value in rejected(target):
        code, out = cli_run(target.estimator, target.inputs(value))
        assert code == 2 and out == calc.run(target.estimator, target.inputs(value)), value
    expected = calc.run(target.estimator, target.inputs(target.canonical))
    for text in understood(target.kind, target.canonical):
        assert cli_run(target.estimator, target.inputs(text)) == (0, expected), text


@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_batch_gives_per_row_errors_and_computes_the_other_rows(target: Target, tmp_path: Path) -> None:
    # A table names a choice by its Chinese label too (the template's lists offer the labels): understood there.
    labels = set(calc.schema(target.estimator)["properties"][target.field].get("x-choices", {}).values())
    by_label = [v for v in rejected(target) if isinstance(v, str) and set(re.split("[,，、]", v)) <= labels]
    good = [*understood(target.kind, target.canonical), *by_label]
    bad = [v for v in rejected(target) if isinstance(v, str) and v not in by_label]  # what a CSV cell can hold
    rows = [target.canonical, *bad, *good]  # bad rows first: they must not stop the batch
    source = tmp_path / "rows.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        # One column per field (a field may be among the base inputs too): a header naming a field twice is refused.
        writer = csv.DictWriter(handle, fieldnames=list(dict.fromkeys(["row_id", *target.base, target.field])))
        writer.writeheader()
        writer.writerows({"row_id": str(i), **target.inputs(v)} for i, v in enumerate(rows))
    out = io.StringIO()
    assert main(["batch", target.estimator, str(source)], stdout=out) == 2
    written = batch.read_back(out.getvalue())
    assert [r["row_id"] for r in written] == [str(i) for i in range(len(rows))]
    cells = {
        k: batch.text(v)
        for k, v in batch.flatten(calc.run(target.estimator, target.inputs(target.canonical))["result"]).items()
    }
    expected = {column: cells.get(column, "") for column in batch.result_columns(target.estimator)}  # null: empty
    for value, row in zip(rows, written, strict=True):
        if value in bad:
            assert row["ok"] == "false" and f"{target.label}：" in row["errors"], (value, row)
        else:
            assert row["ok"] == "true" and {k: row[k] for k in expected} == expected, (value, row)


def test_json_lines_batch_survives_any_line(tmp_path: Path) -> None:
    good = {"loan_amount": "2000000", "actual_rate": "3", "interest_paid": "60000"}
    lines = [
        json.dumps(good),
        '{"loan_amount": 1' + "0" * 5000 + "}",  # beyond Python's int-from-text limit
        "[" * 100_000,  # nested too deep for the JSON parser
        '{"\\ud800": 1}',  # a lone surrogate in a key: not text at all
        '{"loan_amount": NaN, "actual_rate": Infinity}',
        json.dumps({**good, "loan_amount": "1e999999999"}),
        json.dumps(good),
    ]
    source = tmp_path / "rows.jsonl"
    source.write_text("\n".join(lines) + "\n", "utf-8")
    out = io.StringIO()
    assert main(["batch", "sanming-ktd-subsidy", str(source)], stdout=out) == 2
    answers = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [a["ok"] for a in answers] == [True, False, False, False, False, False, True]
    assert answers[0]["result"] == answers[-1]["result"] == calc.run("sanming-ktd-subsidy", good)["result"]
    assert all(CJK.search(e["message"]) for a in answers[1:-1] for e in a["errors"])


def test_json_input_nests_at_most_max_depth_levels() -> None:
    # In the WebAssembly engine "[[[[…" thousands deep overflows the machine stack and kills
    # the engine; the readers refuse it first. Brackets inside strings do not count.
    deepest = "[" * jsonio.MAX_DEPTH + "]" * jsonio.MAX_DEPTH
    assert jsonio.loads(deepest) is not None
    with pytest.raises(jsonio.TooDeep):
        jsonio.loads("[" + deepest + "]")
    assert jsonio.loads(json.dumps({"a": "[" * 1000, "b": 1.5})) == {"a": "[" * 1000, "b": Decimal("1.5")}
    answer = json.loads(run_json("sanming-ktd-subsidy", "[" * 100_000))
    assert answer["response"]["ok"] is False
