"""Contract defaults said in the trace, and conditions left unanswered by an explicit null.

Contract, Conventions: a yes/no result is null when an input it depends on is not given; the
page sends ``null`` for a condition left unanswered, the command line leaves the field out and
gets the contract's default, which the trace then names with its clause (calc.rules.defaults).
"""

from typing import Any

import pytest

import calc
from calc import policies
from calc.rules.defaults import is_default

ESTIMATORS = [e for e in calc.estimators() if e.policy in policies.ids()]

#: Yes/no inputs with a contract default that are conditions of the support: an explicit null is
#: "not answered". Every other yes/no input with a default is a plain option (the matcher's needs).
CONDITIONS = {
    ("sanming-ktd-eligibility", "interest_community"),
    ("sanming-ktd-eligibility", "normal_operation"),
    ("sanming-ktd-eligibility", "major_issues"),
    ("sanming-ktd-eligibility", "bad_credit_record"),
    ("sanming-ktd-subsidy", "other_fiscal_subsidy"),
    ("sanming-ktd-compensation", "reported"),
    ("national-guarantee", "sme_basic_conditions"),
}


def defaulted(est_id: str) -> dict[str, dict[str, Any]]:
    """The fields of an estimator with a default that applies a figure (not None, not an empty list)."""
    props = calc.schema(est_id)["properties"]
    return {name: prop for name, prop in props.items() if prop.get("default") not in (None, [])}


def test_the_conditions_listed_are_the_yes_no_inputs_with_defaults_that_admit_null() -> None:
    nullable_flags = set()
    for est in calc.estimators():
        for name, prop in defaulted(est.id).items():
            if prop.get("x-kind") == "bool" and {"type": "null"} in prop.get("anyOf", []):
                nullable_flags.add((est.id, name))
    assert nullable_flags == CONDITIONS


@pytest.mark.parametrize("est", ESTIMATORS, ids=lambda e: e.id)
def test_every_default_applied_is_named_in_the_trace_with_its_clause(est: Any) -> None:
    fields = defaulted(est.id)
    example = {k: v for k, v in est.example.items() if k not in fields}
    out = calc.run(est.id, example)
    assert out["ok"], out
    steps = {s["label"]: s for s in out["trace"] if is_default(s)}
    for name, prop in fields.items():
        assert prop.get("x-clause"), f"{est.id}.{name} has a default but cites no clause"
        step = steps[prop["title"]]
        assert step["formula"].startswith("未填写，按") and step["clause"].startswith(f"{est.policy} ")
    # Given, a field's default is not mentioned.
    given = calc.run(est.id, {**example, **{n: p["default"] for n, p in fields.items()}})
    assert not [s for s in given["trace"] if is_default(s)]


def test_the_pool_default_cites_the_clause_that_sets_it() -> None:
    out = calc.run("sanming-ktd-portfolio", {"total_balance": "40000000", "overdue_balance": "0"})
    assert out["trace"][0] == {
        "label": "风险分担资金池规模",
        "formula": "未填写，按 3,000,000.00 元计算",
        "value": "3,000,000.00 元",
        "clause": "sanming-ktd 三（五）6",
    }


#: Where the example's other answers settle the condition without it (a provincial commissioner
#: serves the firm, so whether it is an interest community does not matter), they are changed.
SETTLED_OTHERWISE = {"interest_community": {"commissioner_service": "none"}}


@pytest.mark.parametrize(("est_id", "field"), sorted(CONDITIONS))
def test_an_explicit_null_leaves_a_condition_unanswered(est_id: str, field: str) -> None:
    est = calc.engine.get(est_id)
    base = {k: v for k, v in est.example.items() if k != field} | SETTLED_OTHERWISE.get(field, {})
    absent, unanswered = calc.run(est_id, base), calc.run(est_id, {**base, field: None})
    assert absent["ok"] and unanswered["ok"]
    assert any(is_default(s) for s in absent["trace"])
    assert absent != unanswered
    assert any("尚未" in w for w in unanswered["warnings"]), unanswered["warnings"]
    verdict = next((k for k in ("eligible", "triggered") if k in unanswered["result"]), None)
    if verdict:
        assert unanswered["result"][verdict] is None


def test_a_plain_option_left_null_is_the_default() -> None:
    base = {"city": "sanming", "sme": True}
    assert calc.run("policy-match", {**base, "needs_loan": None}) == calc.run("policy-match", base)
