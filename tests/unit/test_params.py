"""Parameters as data: each has its clause, its dates, and a name that says where it lives."""

from datetime import date

import pytest

from calc import params, policies
from calc.clauses import anchor
from tests.policy_text import normalize

ALL = [p for pid in policies.ids() for p in params.parameters(pid).values()]


@pytest.mark.parametrize("param", ALL, ids=lambda p: f"{p.policy}:{p.name}")
def test_parameter_is_named_after_its_clause(param: params.Parameter) -> None:
    # s4_2.cumulative_cap lives in clause 四（二）, whose anchor is s4-2.
    section = param.name.split(".")[0]
    assert section.replace("_", "-") == anchor(param.clause)
    assert param.description and param.unit and param.text and param.values


@pytest.mark.parametrize("param", ALL, ids=lambda p: f"{p.policy}:{p.name}")
def test_parameter_has_a_value_on_every_day_of_its_policy(param: params.Parameter) -> None:
    policy = policies.get(param.policy)
    first = policy.windows[0].start
    assert param.values[0].start <= first, "no value at the start of the policy"
    assert param.at(first) == param.values[0].amount


def test_policy_status_on_dates() -> None:
    sanming = policies.get("sanming-ktd")
    assert sanming.status(date(2022, 7, 8)) == "尚未生效"
    assert sanming.status(date(2025, 7, 8)) == "有效"  # last day of the trial window
    assert sanming.status(date(2025, 7, 9)) == "有效"  # first day of the continuation
    assert sanming.status(date(2027, 7, 9)) == "已失效"
    assert policies.get("liaocheng-2024").status(date(2028, 12, 31)) == "有效"
    assert policies.get("liaocheng-2024").status(date(2029, 1, 1)) == "已失效"
    assert policies.get("cbirc-2021").status(date(2026, 11, 22)) == "未规定期限"


@pytest.mark.cpython_only  # reads the page sources with the build tools
@pytest.mark.parametrize("param", ALL, ids=lambda p: f"{p.policy}:{p.name}")
def test_parameter_number_is_written_in_its_clause(param: params.Parameter) -> None:
    """The number a parameter holds is written, as stated, in the clause it cites."""
    from build_scripts.policy_pages import clause_texts

    clause = normalize(clause_texts(param.policy)[anchor(param.clause)])
    assert normalize(param.text) in clause


@pytest.mark.cpython_only
@pytest.mark.parametrize("policy_id", policies.ids())
def test_validity_text_is_in_its_clause(policy_id: str) -> None:
    from build_scripts.policy_pages import clause_texts

    texts = clause_texts(policy_id)
    for window in policies.get(policy_id).windows:
        assert normalize(window.text) in normalize(texts[anchor(window.clause)])
