"""One walk through an estimator's JSON Schema, for everything that reads it.

The batch reader (CSV columns), the calculator pages (form fields, result slots) and the page
declarations' checks read the schema through :func:`walk`: one :class:`SchemaField` per property,
in the model's order, with the custom keys of :mod:`calc.fields`, :mod:`calc.outputs` and
:mod:`calc.page` read in one place (``x-kind``, ``x-unit``, ``x-clause``, ``x-choices``,
``x-headline``, ``x-show-if``, ``x-group``, ``x-lpr``, ``x-one-of``, ``x-plausible``,
``x-usual-share``). A property that is a nested model (directly,
or ``anyOf`` with null) has its ``fields``; a list of models has the fields of one item in
``items``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SchemaField:
    """One property of a schema, as the pages and the batch reader use it."""

    name: str
    title: str
    help: str
    kind: str  # x-kind; "text" when the schema does not say
    unit: str
    clause: str
    required: bool
    default: Any  # None when there is none
    choices: tuple[tuple[str, str], ...]  # (value, Chinese label), in the model's order
    show_if: dict[str, list[str]] | None
    group: str | None
    lpr: bool
    headline: bool
    nullable: bool = False  # an explicit null is accepted (a condition left unanswered)
    one_of: int | None = None  # the alternative set of inputs it belongs to
    plausible: dict[str, str] | None = None  # {"min", "max"} of a plausible rate
    usual_share: dict[str, str] | None = None  # {"of": whole, "percent"}
    fields: tuple[SchemaField, ...] = ()  # a nested model's fields
    items: tuple[SchemaField, ...] = ()  # the fields of each item of a list of models


def _model(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any] | None:
    """The definition of a nested model a property refers to (directly or through anyOf)."""
    ref = prop.get("$ref") or next((p["$ref"] for p in prop.get("anyOf", []) if "$ref" in p), None)
    model = defs.get(ref.split("/")[-1]) if ref else None
    return model if model and model.get("type") == "object" else None


def _fields(model: dict[str, Any], defs: dict[str, Any]) -> tuple[SchemaField, ...]:
    required = set(model.get("required", []))
    found = []
    for name, prop in model.get("properties", {}).items():
        nested = _model(prop, defs)
        items = _model(prop.get("items", {}), defs) if prop.get("type") == "array" else None
        found.append(
            SchemaField(
                name=name,
                title=prop.get("title", name),
                help=prop.get("description", ""),
                kind=prop.get("x-kind", "text"),
                unit=prop.get("x-unit", ""),
                clause=prop.get("x-clause", ""),
                required=name in required,
                default=prop.get("default"),
                choices=tuple(prop.get("x-choices", {}).items()),
                show_if=prop.get("x-show-if"),
                group=prop.get("x-group"),
                lpr=bool(prop.get("x-lpr")),
                headline=bool(prop.get("x-headline")),
                nullable=any(p.get("type") == "null" for p in prop.get("anyOf", [])),
                one_of=prop.get("x-one-of"),
                plausible=prop.get("x-plausible"),
                usual_share=prop.get("x-usual-share"),
                fields=_fields(nested, defs) if nested else (),
                items=_fields(items, defs) if items else (),
            )
        )
    return tuple(found)


def walk(schema: dict[str, Any]) -> tuple[SchemaField, ...]:
    """The properties of a model's JSON Schema, nested models resolved through ``$defs``."""
    return _fields(schema, schema.get("$defs", {}))
