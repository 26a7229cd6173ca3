"""Choices come in the order a person reads them (the model's: the policies' or the text's order), 其他 last."""

from typing import Any

import pytest

import calc
from calc.schema_walk import walk

CHOICE_FIELDS = [
    (est.id, field.name)
    for est in calc.estimators()
    for field in walk(calc.schema(est.id))
    if field.kind in ("choice", "choices")
]


def enum(prop: dict[str, Any]) -> list[str]:
    """The ids a field accepts, in its Literal's order (plain, a list's items, or ``anyOf`` with null)."""
    for where in (prop, prop.get("items", {}), *prop.get("anyOf", [])):
        if "enum" in where:
            return list(where["enum"])
    raise AssertionError(f"no enum in {prop}")


def test_every_estimator_with_choices_is_covered() -> None:
    assert {"policy-match", "sanming-ktd-eligibility", "national-guarantee"} <= {e for e, _ in CHOICE_FIELDS}


@pytest.mark.parametrize(("est_id", "name"), CHOICE_FIELDS)
def test_choices_keep_the_models_order_with_other_last(est_id: str, name: str) -> None:
    prop = calc.schema(est_id)["properties"][name]
    field = next(f for f in walk(calc.schema(est_id)) if f.name == name)
    ids = [value for value, _ in field.choices]
    assert ids == list(prop["x-choices"]) == enum(prop)
    others = [i for i, (value, label) in enumerate(field.choices) if value == "other" or label.startswith("其他")]
    assert others in ([], [len(ids) - 1]), f"其他 is not last: {field.choices}"


def test_the_matchers_regions_read_sanming_liaocheng_then_other() -> None:
    field = next(f for f in walk(calc.schema("policy-match")) if f.name == "city")
    assert [label for _, label in field.choices] == ["福建省三明市", "山东省聊城市", "其他地区"]
