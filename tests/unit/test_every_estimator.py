"""What holds for every estimator of the contract: its example runs, its answer has the contract's
shape, every step cites a clause that exists, no amount is negative, and random junk input always
gives a clean answer, never an exception."""

import json
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calc
import calc.rules
from calc import estimators
from calc.bridge import run_json
from calc.clauses import anchor, split_cite
from calc.policies import ids as policy_ids
from calc.rules import modules

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


#: The estimators the contract (estimators.md) names; the library may hold more.
CONTRACT = {
    "sanming-ktd-eligibility",
    "sanming-ktd-subsidy",
    "sanming-ktd-compensation",
    "sanming-ktd-portfolio",
    "national-guarantee",
    "liaocheng-patent-pledge",
    "liaocheng-guarantee-fee",
    "liaocheng-insurance",
    "liaocheng-listing",
    "liaocheng-risk-compensation",
    "liaocheng-transfer-loan-topup",
    "cbirc-npl-tolerance",
    "policy-match",
}


def test_every_listed_module_registers_its_estimator_and_the_contract_is_there() -> None:
    assert [e.id for e in estimators()] == list(modules())  # each module registers the id it is listed under
    assert {e["id"] for e in calc.catalogue()} == set(IDS)
    assert set(IDS) >= CONTRACT
    for est in estimators():
        assert est.policy in policy_ids() or est.id in calc.rules.GENERAL


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
        assert policy in policy_ids() and anchor(clause)
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


ODD_TEXT = [
    "１２３",
    "1,000,000",
    "1,00",
    "1e9",
    "1e20",
    "1e999999999",
    "-1e999999999",
    "1e-999999",
    "-0",
    "-5",
    "9" * 40,
    "3.45%",
    "一百万",
    " 2 000 000 ",
    "2000000\n",
    "2025-02-30",
    "2025-03-01",
    "２０２５－０３－０１",
    "true",
    "是",
    "tech_sme",
    "ipo",
    "NaN",
    "Infinity",
]
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(ODD_TEXT),
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


@st.composite
def random_inputs(draw: st.DrawFn, estimator_id: str) -> dict:
    """Inputs with real field names (plausible or junk values) and random keys (junk values)."""
    props = calc.schema(estimator_id)["properties"]
    inputs = {}
    for name in draw(st.lists(st.sampled_from(list(props)) | st.text(max_size=8), unique=True, max_size=12)):
        inputs[name] = draw(plausible(props[name]) | json_values if name in props else json_values)
    return inputs


def assert_contract_shape(out: dict, estimator_id: str) -> None:
    """The contract's success or failure shape, with the types it promises; no negative amount."""
    assert out["ok"] in (True, False) and out["estimator"] == estimator_id
    if out["ok"]:
        assert set(out) == SUCCESS
        assert set(out["result"]) == set(calc.result_schema(estimator_id)["properties"])
        assert all(
            isinstance(step, dict) and set(step) == {"label", "formula", "value", "clause"} for step in out["trace"]
        )
        assert all(isinstance(v, str) for step in out["trace"] for v in step.values())
        assert all(isinstance(w, str) and w for w in out["warnings"])
        assert not [a for a in amounts(out["result"]) if a.startswith("-")]
    else:
        assert set(out) == FAILURE and out["errors"]
        for e in out["errors"]:
            assert set(e) == {"field", "message"} and (e["field"] is None or isinstance(e["field"], str))
            assert isinstance(e["message"], str) and re.search(r"[\u4e00-\u9fff]", e["message"])


@pytest.mark.parametrize("estimator_id", IDS)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_random_input_gives_a_clean_answer(estimator_id: str, data: st.DataObject) -> None:
    inputs = data.draw(random_inputs(estimator_id))
    assert_contract_shape(calc.run(estimator_id, inputs), estimator_id)


@settings(max_examples=100, deadline=None)
@given(estimator_id=st.sampled_from([*IDS, "no-such-estimator"]), junk=json_values)
def test_any_json_value_as_inputs_gives_a_clean_answer(estimator_id: str, junk: object) -> None:
    out = calc.run(estimator_id, junk)
    if estimator_id in BY_ID:
        assert_contract_shape(out, estimator_id)
    else:
        assert set(out) == FAILURE and out["ok"] is False


@pytest.mark.parametrize("estimator_id", IDS)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_the_browser_bridge_answers_as_calc_run(estimator_id: str, data: st.DataObject) -> None:
    # The page sends JSON text; the bridge gives calc.run's response, plus the clause links.
    text = json.dumps(data.draw(random_inputs(estimator_id)), default=str)
    answer = json.loads(run_json(estimator_id, text))
    assert set(answer) == {"response", "links"}
    assert_contract_shape(answer["response"], estimator_id)
    expected = calc.run(estimator_id, json.loads(text, parse_float=Decimal))
    assert answer["response"] == json.loads(json.dumps(expected, ensure_ascii=False))
    assert set(answer["links"]) == {step["clause"] for step in answer["response"].get("trace", [])}


@settings(max_examples=60, deadline=None)
@given(estimator_id=st.sampled_from(IDS), text=st.text(max_size=30) | st.sampled_from(["[" * 100_000, "1" * 5000]))
def test_the_bridge_answers_even_text_that_is_not_json(estimator_id: str, text: str) -> None:
    answer = json.loads(run_json(estimator_id, text))
    assert_contract_shape(answer["response"], estimator_id)
