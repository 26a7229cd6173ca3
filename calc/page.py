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
        one_of=[["interest_paid"], ["loan_date", "repaid_date"]],
        interest_rates=["actual_rate"],
        usual_share={"interest_paid": ("loan_amount", INTEREST_SHARE)},
    )

or, where a yes/no result qualifies the headline and a loss moves it::

    PAGE = page(gate="eligible", headline=["loss_split.fund_amount"])

- ``show_if``: a field is shown only while another field has one of the given values;
- ``groups``: fields in a collapsible group of optional fields (a group's fields are consecutive in
  the model);
- ``lpr``: rate fields holding an LPR that the rule looks up when left blank: the page says up to
  which fixing the shipped series runs;
- ``bars``: stacked bars drawn from result fields (``object.field`` for a nested result), each
  part as a share of their sum;
- ``form``: the policy's attached form (附表) the result fills in, printable from the page;
- ``gate``: the yes/no result (``eligible``, ``triggered``) that qualifies the headline amount: the
  page says 符合 / 按符合条件估算 / 不符合 next to the figure;
- ``headline``: result fields shown as the headline, when they have a value, instead of the
  model's (e.g. the fund's share of a loss once a loss is entered);
- ``one_of``: alternative sets of inputs of which one must be complete (the rule says which it
  needs; the page marks them as "填写其一" before anyone submits);
- ``interest_rates``: annual interest rates, for the page's plausibility hint: a figure outside
  :data:`PLAUSIBLE_RATE` (typed 0.035 for 3.5 %) gets "是否应为 3.5？", never blocking (``lpr``
  fields get it without being named again);
- ``usual_share``: ``{part: (whole, percent)}``: a part above that share of its whole is unusual
  (not invalid: the rules decide what is); the page asks the user to check it.

Nothing here changes validation or results. The registry merges the declaration into the JSON
Schema that :func:`calc.schema` and :func:`calc.result_schema` give (``x-show-if``, ``x-group``,
``x-lpr`` on the inputs, ``x-bars`` on the result), which the page generator reads; a declaration
that names a field the models do not have is an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .schema_walk import walk

PLAUSIBLE_RATE = (Decimal("0.5"), Decimal("24"))
"""Annual interest rates outside this range (%) are most likely typed in the wrong unit.

The upper bound is the judicial protection ceiling's order of magnitude (four times the LPR);
the lower bound is far below any loan rate or LPR published since the LPR reform.
"""

INTEREST_SHARE = str(PLAUSIBLE_RATE[1])
"""Interest paid above this share (%) of the loan is more than a year's at the highest plausible rate."""


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
    gate: str | None = None
    headline: tuple[str, ...] = ()
    one_of: tuple[tuple[str, ...], ...] = ()
    interest_rates: tuple[str, ...] = ()
    usual_share: tuple[tuple[str, str, str], ...] = ()

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
        for i, names in enumerate(self.one_of):
            for name in names:
                hints.setdefault(name, {})["x-one-of"] = i
        low, high = PLAUSIBLE_RATE
        for name in (*self.interest_rates, *self.lpr):
            hints.setdefault(name, {})["x-plausible"] = {"min": str(low), "max": str(high)}
        for part, whole, percent in self.usual_share:
            hints.setdefault(part, {})["x-usual-share"] = {"of": whole, "percent": percent}
        return hints

    def inputs_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        """The inputs' JSON Schema with this page's hints on its fields."""
        props = schema["properties"]
        for name, hints in self.input_hints().items():
            if name not in props:
                raise ValueError(f"page: no input field {name}")
            if ("x-lpr" in hints or "x-plausible" in hints) and props[name].get("x-kind") != "rate":
                raise ValueError(f"page: {name} is not a rate")
            if "x-usual-share" in hints and hints["x-usual-share"]["of"] not in props:
                raise ValueError(f"page: {name} is compared with no input field {hints['x-usual-share']['of']}")
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
        """The result's JSON Schema with this page's bars, gate and headline fields."""
        if not (self.bars or self.gate or self.headline):
            return schema
        fields = walk(schema)
        known = {f.name for f in fields} | {f"{f.name}.{sub.name}" for f in fields for sub in f.fields}
        extra: dict[str, Any] = {}
        if self.gate:
            if not any(f.name == self.gate and f.kind == "bool" for f in fields):
                raise ValueError(f"page: gate {self.gate} is no yes/no result field")
            extra["x-gate"] = self.gate
        for name in self.headline:
            if name not in known:
                raise ValueError(f"page: headline names no result field {name}")
        if self.headline:
            extra["x-headlines"] = list(self.headline)
        spec = []
        for bar in self.bars:
            for name, _ in bar.parts:
                if name not in known:
                    raise ValueError(f"page: bar {bar.title} names no result field {name}")
            spec.append({"title": bar.title, "parts": [{"field": f, "label": label} for f, label in bar.parts]})
        if spec:
            extra["x-bars"] = spec
        return {**schema, **extra}


NO_PAGE = Page()


def page(
    *,
    show_if: Mapping[str, Mapping[str, Iterable[str]]] | None = None,
    groups: Mapping[str, Iterable[str]] | None = None,
    lpr: Iterable[str] = (),
    bars: Sequence[tuple[str, Iterable[tuple[str, str]]]] = (),
    form: str | None = None,
    gate: str | None = None,
    headline: Iterable[str] = (),
    one_of: Iterable[Iterable[str]] = (),
    interest_rates: Iterable[str] = (),
    usual_share: Mapping[str, tuple[str, str]] | None = None,
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
        gate=gate,
        headline=tuple(headline),
        one_of=tuple(tuple(names) for names in one_of),
        interest_rates=tuple(interest_rates),
        usual_share=tuple((part, whole, percent) for part, (whole, percent) in (usual_share or {}).items()),
    )
