"""What only the web page needs to know about an estimator, declared in one place.

The input and result models say what the contract says (names, types, labels, help, clauses).
How the calculator page lays them out is declared apart, once per estimator, at the end of its
module::

    PAGE = page(
        show_if={"premium": {"product": ["first_set", "first_batch", "first_version"]}},
        groups={"贷款信息（可选）": ["loan_amount", "term_months"]},
        lpr=["lpr_1y"],
        bars=[("损失分担", [("pool_compensation", "风险分担资金池"), ("bank_loss", "合作银行")])],
        form="附表2",
    )

- ``show_if``: a field is shown only while another field has one of the given values;
- ``groups``: fields in a collapsible group of optional fields (a group's fields are consecutive in
  the model);
- ``lpr``: rate fields holding an LPR that the rule looks up when left blank: the page says up to
  which fixing the shipped series runs;
- ``bars``: stacked bars drawn from result fields (``object.field`` for a nested result), each
  part as a share of their sum;
- ``form``: the policy's attached form (附表) the result fills in, printable from the page.

Nothing here changes validation or results. The registry merges the declaration into the JSON
Schema that :func:`calc.schema` and :func:`calc.result_schema` give (``x-show-if``, ``x-group``,
``x-lpr`` on the inputs, ``x-bars`` on the result), which the page generator reads; a declaration
that names a field the models do not have is an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .schema_walk import walk


@dataclass(frozen=True)
class Bar:
    """A stacked bar: its title and its parts (result field, Chinese name)."""

    title: str
    parts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Page:
    """An estimator's page-only hints (see the module's documentation)."""

    show_if: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = ()
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    lpr: tuple[str, ...] = ()
    bars: tuple[Bar, ...] = ()
    form: str | None = None

    def input_hints(self) -> dict[str, dict[str, Any]]:
        """The schema keys each input field gets: ``{field: {"x-group": …, …}}``."""
        hints: dict[str, dict[str, Any]] = {}
        for name, rule in self.show_if:
            hints.setdefault(name, {})["x-show-if"] = {other: list(values) for other, values in rule}
        for group, names in self.groups:
            for name in names:
                if "x-group" in hints.get(name, {}):
                    raise ValueError(f"page: {name} is in two groups")
                hints.setdefault(name, {})["x-group"] = group
        for name in self.lpr:
            hints.setdefault(name, {})["x-lpr"] = True
        return hints

    def inputs_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        """The inputs' JSON Schema with this page's hints on its fields."""
        props = schema["properties"]
        for name, hints in self.input_hints().items():
            if name not in props:
                raise ValueError(f"page: no input field {name}")
            if "x-lpr" in hints and props[name].get("x-kind") != "rate":
                raise ValueError(f"page: lpr field {name} is not a rate")
            for other, values in hints.get("x-show-if", {}).items():
                control = props.get(other, {})
                known = {"true", "false"} if control.get("x-kind") == "bool" else set(control.get("x-choices", {}))
                if not set(values) <= known:
                    raise ValueError(f"page: {name} is shown by values {values} that {other} does not have")
        merged = {**schema, "properties": {name: {**prop} for name, prop in props.items()}}
        for name, hints in self.input_hints().items():
            merged["properties"][name].update(hints)
        return merged

    def result_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        """The result's JSON Schema with this page's bars."""
        if not self.bars:
            return schema
        fields = walk(schema)
        known = {f.name for f in fields} | {f"{f.name}.{sub.name}" for f in fields for sub in f.fields}
        spec = []
        for bar in self.bars:
            for name, _ in bar.parts:
                if name not in known:
                    raise ValueError(f"page: bar {bar.title} names no result field {name}")
            spec.append({"title": bar.title, "parts": [{"field": f, "label": label} for f, label in bar.parts]})
        return {**schema, "x-bars": spec}


NO_PAGE = Page()


def page(
    *,
    show_if: Mapping[str, Mapping[str, Iterable[str]]] | None = None,
    groups: Mapping[str, Iterable[str]] | None = None,
    lpr: Iterable[str] = (),
    bars: Sequence[tuple[str, Iterable[tuple[str, str]]]] = (),
    form: str | None = None,
) -> Page:
    """An estimator's page-only hints, to be kept as ``PAGE`` at the end of its module."""
    return Page(
        show_if=tuple(
            (name, tuple((other, tuple(values)) for other, values in rule.items()))
            for name, rule in (show_if or {}).items()
        ),
        groups=tuple((group, tuple(names)) for group, names in (groups or {}).items()),
        lpr=tuple(lpr),
        bars=tuple(Bar(title, tuple(parts)) for title, parts in bars),
        form=form,
    )
