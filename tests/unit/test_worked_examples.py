"""Every worked example of every policy (``calc/policies/<policy>/examples/*.toml``) holds.

The examples are data a lawyer can read: inputs, the clause, the arithmetic by hand, the
expected figures (see :mod:`calc.examples`). This runs them all, on CPython and in Pyodide.
"""

import pytest

import calc
from calc import examples, policies
from calc.clauses import anchor

ALL = examples.all_examples()


def test_there_are_worked_examples() -> None:
    assert len(ALL) >= 2


@pytest.mark.parametrize("example", ALL, ids=lambda e: e.id)
def test_worked_example(example: examples.Example) -> None:
    assert not (problems := examples.check(example, calc.run(example.estimator, example.inputs))), problems


@pytest.mark.parametrize("example", ALL, ids=lambda e: e.id)
def test_worked_example_cites_a_clause_of_its_policy(example: examples.Example) -> None:
    est = calc.engine.get(example.estimator)
    assert est.policy in policies.ids() and anchor(example.clause)
    assert example.explanation and (example.expected or example.errors)


def test_a_wrong_expectation_is_caught() -> None:
    good = next(e for e in ALL if e.expected)
    answer = calc.run(good.estimator, good.inputs)
    key = next(k for k, v in good.expected.items() if isinstance(v, str))
    wrong = examples.Example(**{**good.__dict__, "expected": {key: "0.01"}})
    assert examples.check(wrong, answer)
