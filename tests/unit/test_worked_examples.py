"""Every worked example of every policy (``calc/policies/<policy>/examples/*.toml``) holds.

The examples are data a lawyer can read: inputs, the clause, the arithmetic by hand, the
expected figures (see :mod:`calc.examples`). This runs them all, on CPython and in Pyodide.
"""

import pytest

import calc
from calc import examples, policies
from calc.clauses import anchor

ALL = examples.all_examples()


def test_every_estimator_of_a_policy_has_worked_examples() -> None:
    with_examples = {e.estimator for e in ALL}
    assert [e.id for e in calc.estimators() if e.policy in policies.ids() and e.id not in with_examples] == []


@pytest.mark.parametrize("example", ALL, ids=lambda e: e.id)
def test_worked_example(example: examples.Example) -> None:
    assert not (problems := examples.check(example, calc.run(example.estimator, example.inputs))), problems


@pytest.mark.parametrize("example", ALL, ids=lambda e: e.id)
def test_worked_example_cites_a_clause_of_its_policy(example: examples.Example) -> None:
    est = calc.engine.get(example.estimator)
    assert est.policy in policies.ids() and anchor(example.clause)
    says = example.expected or example.errors or example.warnings or example.no_warnings or example.steps
    assert example.explanation and says, "an example must check something"


def test_a_wrong_expectation_is_caught() -> None:
    good = next(e for e in ALL if e.expected)
    answer = calc.run(good.estimator, good.inputs)
    key = next(k for k, v in good.expected.items() if isinstance(v, str))
    wrong = examples.Example(**{**good.__dict__, "expected": {key: "0.01"}})
    assert examples.check(wrong, answer)


def test_each_kind_of_check_catches_a_wrong_answer() -> None:
    answer = {
        "ok": True,
        "result": {
            "subsidy": "1.00",
            "rate": None,
            "checks": [{"id": "a", "passed": True}, {"id": "b", "passed": None}],
        },
        "warnings": ["尚未确定：是否已宣布提前到期"],
        "trace": [{"label": "贴息额", "formula": "1 × 2", "value": "1.00 元", "clause": "p 四（二）"}],
    }

    def problems(**check: object) -> list[str]:
        return examples.check(examples.Example("e", "n", "四（二）", "x", {}, **check), answer)

    good = {
        "expected": {"rate": "null", "checks": {"b": {"passed": "null"}}},
        "warnings": (["尚未确定", "提前到期"],),
        "no_warnings": ("不在政策执行期",),
        "trace_clauses": ("p 四（二）",),
        "steps": ({"at": -1, "label": "贴息额", "value": "1.00 元", "formula_has": "× 2"},),
    }
    assert problems(**good) == []
    assert problems(expected={"subsidy_has": "1.0"}) == []
    assert problems(expected={"subsidy": "null"})
    assert problems(expected={"subsidy_has": "2"})
    assert problems(expected={"checks": {"a": {"passed": False}}})
    assert problems(expected={"checks": {"c": {"passed": True}}})
    assert problems(warnings=(["尚未确定", "不在政策执行期"],))
    assert problems(silent=True)
    assert problems(trace_clauses=("p 四（二）", "p 附表2"))
    assert problems(steps=({"label": "贴息额", "value": "2.00 元"},))
    assert problems(steps=({"label_has": "比例"},))
    assert problems(steps=({"at": 1},))
    assert problems(steps=({"at": 0, "formula_has": "× 3"},))
    failed = {"ok": False, "errors": [{"field": "loan_amount", "message": "贷款金额：必填"}]}
    error = examples.Example("e", "n", "四（二）", "x", {}, errors=({"field": "loan_amount", "message": "必填"},))
    assert examples.check(error, failed) == []
    assert examples.check(
        examples.Example(**{**error.__dict__, "errors": ({"field": "loan_amount", "message": "须"},)}), failed
    )
    assert examples.check(examples.Example(**{**error.__dict__, "errors": ("loan_date",)}), failed)
