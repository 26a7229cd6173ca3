"""Result field types: money as ``"30000.00"``, rates as ``"1.50"``, never negative.

Each result field declares the kind of value it holds (:data:`KINDS`), which says how a page
shows it; bars drawn from the result are declared in the estimator's ``PAGE`` (:mod:`calc.page`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from annotated_types import Ge
from pydantic import ConfigDict, Field, PlainSerializer

from .fields import InOrderSchema
from .numbers import money_str, rate_str

MoneyOut = Annotated[Decimal, Ge(0), PlainSerializer(money_str, return_type=str)]
RateOut = Annotated[Decimal, Ge(0), PlainSerializer(rate_str, return_type=str)]


#: How a page shows a result value, by the kind its field declares (``x-kind``): the page script
#: switches on the kind, never on a field's name.
KINDS = {
    "text": "text as it is (a list: one item per line)",
    "money": "an amount in 元",
    "rate": "a rate or share in %",
    "days": "a number of days",
    "tier": "a tier number",
    "bool": "yes or no: 是 / 否",
    "answer": "a condition met, not met or not known (true, false, null), in the words of calc.rules.conditions.MET",
    "status": "one of a few states, shown by its Chinese label (``labels``) and styled by its value",
    "estimator": "an estimator id: a link to its calculator, prefilled with the row's ``prefill`` value",
    "prefill": "inputs for the estimator of the same row (query parameters); not shown",
    "policy": "a policy id: shown by the policy's short title (not shown next to an ``estimator`` link)",
    "clause": "a citation (``sanming-ktd 四（二）``): a link to the clause",
    "input": "the name of an input field, or a list of them: shown by the fields' labels",
}


def shown(
    title: str, kind: str, *, headline: bool = False, help: str = "", labels: dict[str, str] | None = None
) -> Any:
    """A result field with its Chinese label and its kind (one of :data:`KINDS`).

    ``headline`` marks the amount a page shows first; ``labels`` gives a ``status`` value's
    Chinese name (``x-choices`` in the schema, as for inputs).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown result kind {kind!r} (one of {', '.join(KINDS)})")
    extra: dict[str, Any] = {"x-kind": kind}
    if headline:
        extra["x-headline"] = True
    if labels:
        extra["x-choices"] = labels
    return Field(title=title, description=help, json_schema_extra=extra)


class Result(InOrderSchema):
    """Base of every estimator's result."""

    model_config = ConfigDict(frozen=True, defer_build=True)  # built on first use


class Check(Result):
    """One condition of an eligibility check: met, not met, or not answered (``None``)."""

    id: str = shown("条件", "input")
    passed: bool | None = shown("是否满足", "answer")
    clause: str = shown("条款", "clause")
    message: str = shown("说明", "text")
