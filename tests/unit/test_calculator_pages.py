"""What the calculator pages hand to the page script: result kinds and their words come from Python."""

import json

import pytest

import calc
import calc.outputs
from build_scripts import calculator_pages
from calc.outputs import KINDS
from calc.rules.conditions import MET, UNKNOWN
from calc.rules.policy_match import STATUS_TEXT

pytestmark = pytest.mark.cpython_only  # the build tools (not collected in Pyodide: see conftest)


def meta(estimator_id: str) -> dict:
    return json.loads(calculator_pages.page_meta(calc.engine.get(estimator_id), "pyodide/x/"))


def slots(estimator_id: str) -> list[dict]:
    found = []
    for slot in meta(estimator_id)["results"]:
        found += [slot, *slot.get("fields", []), *slot.get("columns", [])]
    return found


@pytest.mark.parametrize("estimator_id", [e.id for e in calc.estimators()])
def test_every_result_value_declares_a_kind_the_page_knows(estimator_id: str) -> None:
    for slot in slots(estimator_id):
        assert slot["kind"] in {*KINDS, "object", "table"}, slot


def test_the_words_for_a_condition_come_from_the_rules() -> None:
    assert meta("sanming-ktd-eligibility")["met"] == {"true": MET[True], "false": MET[False], "null": MET[None]}
    assert meta("sanming-ktd-compensation")["yes_no"] == {"true": "是", "false": "否", "null": UNKNOWN}
    checks = next(s for s in meta("sanming-ktd-eligibility")["results"] if s["name"] == "checks")
    assert {c["name"]: c["kind"] for c in checks["columns"]} == {
        "id": "input",
        "passed": "answer",
        "clause": "clause",
        "message": "text",
    }


def test_match_statuses_carry_their_labels() -> None:
    matches = next(s for s in meta("policy-match")["results"] if s["name"] == "matches")
    kinds = {c["name"]: c["kind"] for c in matches["columns"]}
    assert kinds == {
        "policy": "policy",
        "estimator": "estimator",
        "status": "status",
        "reasons": "text",
        "clause": "clause",
        "asked": "bool",
        "prefill": "prefill",
    }
    assert next(c for c in matches["columns"] if c["kind"] == "status")["labels"] == STATUS_TEXT


def test_an_unknown_result_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown result kind"):
        calc.outputs.shown("某值", "passed")
