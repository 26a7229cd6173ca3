"""The rules speak one vocabulary: one yes/no/unknown, plain-Chinese steps, readable rates."""

import re
from decimal import Decimal

import pytest

import calc
from calc import estimators, examples
from calc.numbers import rate_text
from calc.rules.conditions import MET, UNKNOWN, YES_NO

RUNS = [(e.id, e.example) for e in estimators()] + [
    (x.estimator, x.inputs) for x in examples.all_examples() if not x.errors
]


def test_one_word_for_not_known_yet() -> None:
    assert MET == {True: "满足", False: "不满足", None: "未确定"}
    assert YES_NO == {True: "是", False: "否", None: "未确定"}
    assert UNKNOWN == MET[None] == YES_NO[None]


@pytest.mark.parametrize(("estimator_id", "inputs"), RUNS, ids=[f"{i}-{n}" for n, (i, _) in enumerate(RUNS)])
def test_every_step_has_a_formula_and_speaks_plain_chinese(estimator_id: str, inputs: dict) -> None:
    out = calc.run(estimator_id, inputs)
    assert out["ok"], out
    for step in out["trace"]:
        assert step["formula"].strip(), step
        assert not any(word in step["formula"] for word in ("max(", "min(")), step  # no programmer notation
        assert step["value"] not in ("未填写", "未回答"), step  # the one word is 未确定


def test_unanswered_conditions_read_the_same_everywhere() -> None:
    pledge = calc.run(
        "liaocheng-patent-pledge",
        {"loan_amount": "1000000", "lpr": "3", "loan_date": "2025-01-01", "repaid_date": "2025-07-01"},
    )
    compensation = calc.run(
        "sanming-ktd-compensation",
        {"overdue_principal": "1", "overdue_interest": "0", "application_date": "2025-10-01"},
    )
    eligibility = calc.run("sanming-ktd-eligibility", {})
    for out in (pledge, compensation, eligibility):
        assert out["ok"] and UNKNOWN in {s["value"] for s in out["trace"]}, out["trace"]
    unanswered = next(s for s in pledge["trace"] if s["label"].startswith("条件："))
    assert unanswered["formula"] == "未填写"


def test_what_is_left_under_a_cap_reads_as_plain_chinese() -> None:
    base = {"loan_amount": "2000000", "actual_rate": "3", "interest_paid": "60000", "lpr_1y": "3"}
    steps = {s["label"]: s for s in calc.run("sanming-ktd-subsidy", {**base, "prior_subsidy": "140000"})["trace"]}
    assert steps["累计上限内尚可享受"]["formula"] == "15 万元 − 已享受 140,000.00 元 = 10,000.00 元（不低于 0）"
    assert steps["申请贴息额度"]["formula"] == "封顶前 30,000.00 元 与 尚可享受 10,000.00 元 中较小者，受上限限制"
    steps = {s["label"]: s for s in calc.run("sanming-ktd-subsidy", {**base, "prior_subsidy": "160000"})["trace"]}
    assert steps["累计上限内尚可享受"]["value"] == "0.00 元"
    assert "已超过上限 15 万元" in steps["累计上限内尚可享受"]["formula"]


@pytest.mark.parametrize(
    ("rate", "text"),
    [
        (Decimal("1.5"), "1.50%"),
        (Decimal("3.45"), "3.45%"),
        (Decimal("1.55"), "1.55%"),
        (Decimal("5.000000033333333333333333333"), "5.00%"),
        (Decimal("0.12345"), "0.1235%"),  # half-up at the fourth place
        (Decimal("1.38"), "1.38%"),
        (Decimal("1.2340"), "1.234%"),
        (Decimal("100"), "100.00%"),
        (Decimal("0"), "0.00%"),
        (Decimal("0.00004"), "0.00%"),
    ],
)
def test_rates_in_text_are_shown_to_at_most_four_places(rate: Decimal, text: str) -> None:
    assert rate_text(rate) == text


def test_result_fields_keep_the_exact_rate() -> None:
    # 一年期LPR 3.333333% × 50% = 1.6666665%: the text rounds, the result field does not.
    out = calc.run(
        "sanming-ktd-subsidy",
        {"loan_amount": "100", "actual_rate": "4", "interest_paid": "4", "lpr_1y": "3.333333"},
    )
    assert out["result"]["subsidy_rate"] == "1.6666665"
    step = next(s for s in out["trace"] if s["label"] == "贴息比例")
    assert step["value"] == "1.6667%"


def test_no_trace_formula_reads_as_programmer_notation() -> None:
    # A formula reads as a form does: "a 与 b 中较小者", "x（不低于 0）", never min(…) or max(0, …).
    runs = [(e.estimator, e.inputs) for e in examples.all_examples()] + [(e.id, e.example) for e in calc.estimators()]
    notation = re.compile(r"\b(min|max|abs|round)\(|==|!=|<=|>=|\bNone\b|\bTrue\b|\bFalse\b")
    found = {
        step["formula"]
        for estimator_id, inputs in runs
        for step in calc.run(estimator_id, inputs).get("trace", [])
        if notation.search(step["formula"])
    }
    assert not found
