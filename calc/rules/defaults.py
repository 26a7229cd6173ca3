"""Defaults the contract gives an input, said in the trace when they are applied.

Contract, Conventions: defaults apply when a field is absent (the command line, a CSV cell left
empty); the page then says which it applied. One step per default applied, before the rule's
own steps, in the model's order: label the field's Chinese label, value the default as the
result would show it, formula ``未填写，按 3,000,000.00 元计算``, clause the one the field (or
its default, ``x-default-clause``) cites. A field left ``None`` by default ("not given") or with
an empty list (nothing chosen) applies no figure and records nothing; a field without a clause
records nothing either (there is no clause to cite; every field of a policy's estimator that
has a default cites one, see ``tests/unit/test_defaults_in_trace.py``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..clauses import cite
from ..fields import Inputs
from ..numbers import rate_text, yuan_text
from ..trace import Trace
from .conditions import YES_NO

#: The formula of a default's step: ``未填写，按“是”计算``, ``未填写，按 20.00% 计算``.
APPLIED = "未填写，按{}计算"
#: How every such formula begins (the calculator page finds the defaults applied by it).
SAID = APPLIED.split("{")[0]


def is_default(step: dict[str, Any]) -> bool:
    """True for a step that says a default was applied (the assumptions read first, before the rule)."""
    return str(step.get("formula", "")).startswith(SAID)


def said(words: str) -> str:
    """The sentence for a default in words (:func:`shown_default`): ``未填写，按 0.00 元计算``."""
    spaced = words if words.startswith("“") else f" {words}" + (" " if words[-1].isascii() else "")
    return APPLIED.format(spaced)


def shown_default(value: Any, extra: dict[str, Any]) -> str:
    """A default in words, by the field's kind: ``3,000,000.00 元``, ``20.00%``, ``“是”``, a choice's label."""
    kind = extra.get("x-kind")
    labels = extra.get("x-choices", {})
    if kind == "money" and isinstance(value, Decimal):
        return yuan_text(value)
    if kind == "rate" and isinstance(value, Decimal):
        return rate_text(value)
    if isinstance(value, bool):
        return f"“{YES_NO[value]}”"
    if isinstance(value, list):
        return "、".join(labels.get(v, str(v)) for v in value)
    return f"“{labels[value]}”" if value in labels else str(value)


def record_defaults(policy: str, inputs: Inputs, trace: Trace) -> None:
    """One trace step for every contract default ``inputs`` took because its field was absent."""
    given = inputs.model_fields_set
    for name, info in type(inputs).model_fields.items():
        value = getattr(inputs, name)
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        clause = extra.get("x-default-clause") or extra.get("x-clause")
        if name in given or value is None or value == [] or not clause:
            continue
        words = shown_default(value, extra)
        trace.step(info.title or name, words.strip("“”"), cite(policy, str(clause)), said(words))
