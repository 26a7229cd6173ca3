"""What holds for every estimator of the contract: its example runs, its answer has the contract's
shape, every step cites a clause that exists, no amount is negative, and random junk input always
gives a clean answer, never an exception."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calc
from calc import estimators
from calc.clauses import anchor, split_cite
from calc.policies import POLICY_IDS
from calc.rules import MODULES

BY_ID = {e.id: e for e in estimators()}
IDS = sorted(BY_ID)
SUCCESS = {"ok", "estimator", "result", "trace", "warnings"}
FAILURE = {"ok", "estimator", "errors"}


def amounts(value: object) -> list[str]:
    """Every money-like string in a result (two decimals)."""
    if isinstance(value, dict):
        return [a for v in value.values() for a in amounts(v)]
    if isinstance(value, list):
        return [a for v in value for a in amounts(v)]
    return [value] if isinstance(value, str) and re.fullmatch(r"-?\d+\.\d{2}", value) else []


def test_the_contract_has_thirteen_estimators() -> None:
    assert len(IDS) == 13
    assert [e.id for e in estimators()] == list(MODULES)  # each module registers the id it is listed under
    assert {e["id"] for e in calc.catalogue()} == set(IDS)


@pytest.mark.parametrize("estimator_id", IDS)
def test_example_runs_with_the_contract_shape(estimator_id: str) -> None:
    est = BY_ID[estimator_id]
    out = calc.run(estimator_id, est.example)
    assert out["ok"], out
    assert set(out) == SUCCESS and out["estimator"] == estimator_id
    assert set(out["result"]) == set(calc.result_schema(estimator_id)["properties"])
    assert out["trace"] and all(set(step) == {"label", "formula", "value", "clause"} for step in out["trace"])
    for step in out["trace"]:
        policy, clause = split_cite(step["clause"])
        assert policy in POLICY_IDS and anchor(clause)
    assert all(not a.startswith("-") for a in amounts(out["result"]))
    assert (
        est.title and est.summary and not re.search(r"\d", re.sub(r"附表\d", "", est.summary))
    )  # numbers live in parameters


@pytest.mark.parametrize("estimator_id", IDS)
def test_schema_labels_every_field_in_chinese(estimator_id: str) -> None:
    schema = calc.schema(estimator_id)
    assert schema["properties"]
    for name, prop in schema["properties"].items():
        assert re.search(r"[\u4e00-\u9fff]", prop["title"]), name


@pytest.mark.parametrize("junk", [None, [], "x", 1, {"": None}])
def test_input_that_is_not_an_object_or_empty(junk: object) -> None:
    for estimator_id in IDS:
        out = calc.run(estimator_id, junk)
        assert set(out) in (SUCCESS, FAILURE)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(
        ["１２３", "1,000,000", "1e9", "-5", "2025-02-30", "2025-03-01", "true", "是", "tech_sme", "ipo", "1e20"]
    ),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=10,
)


def plausible(prop: dict) -> st.SearchStrategy:
    """A value of the kind the field expects, so that random inputs also reach the rules."""
    kind = prop.get("x-kind")
    if kind in ("money", "rate"):
        return st.decimals(min_value=0, max_value=10**9 if kind == "money" else 100, places=2).map(str)
    if kind == "int":
        return st.integers(min_value=0, max_value=400)
    if kind == "date":
        return st.dates().map(lambda d: d.isoformat())
    if kind == "bool":
        return st.booleans()
    if kind == "choice":
        return st.sampled_from(list(prop["x-choices"]))
    if kind == "choices":
        return st.lists(st.sampled_from(list(prop["x-choices"])), unique=True).map(",".join)
    return st.text(max_size=10)


@pytest.mark.parametrize("estimator_id", IDS)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_random_input_gives_a_clean_answer(estimator_id: str, data: st.DataObject) -> None:
    props = calc.schema(estimator_id)["properties"]
    inputs = {}
    for name in data.draw(st.lists(st.sampled_from([*props, "junk"]), unique=True)):
        inputs[name] = data.draw(json_values if name == "junk" else plausible(props[name]) | json_values)
    out = calc.run(estimator_id, inputs)
    assert set(out) in (SUCCESS, FAILURE)
    if out["ok"]:
        assert all(not a.startswith("-") for a in amounts(out["result"]))
    else:
        assert out["errors"] and all(e["message"] for e in out["errors"])
