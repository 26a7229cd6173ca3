"""Parameters of the policies as data: every rate, cap, threshold and date, stated once.

Each policy folder has a ``params.toml`` (``calc/policies/<policy>/params.toml``). Every table
is a parameter, named after its clause (``s4_2.cumulative_cap`` lives in clause ``四（二）``),
with

- ``description``: a full sentence without the number in it;
- ``unit``: ``元``, ``%``, ``月``, ``倍`` …;
- ``values``: a list of dated values, each
  ``{ from = 2022-07-09, value = 150000, clause = "四（二）", text = "15 万元" }``: the value from
  that date on, the clause that states it and the number exactly as the clause writes it (a test
  finds ``text`` in the published clause and checks that it states ``value``). A value
  ``{ from = …, ended = true, clause = …, text = … }`` ends the parameter from that date.

A date before the first value, or after the parameter ended, has no value: :meth:`Parameter.at`
raises :class:`NoValue` rather than return a neighbour's. The site's pages quote these same
values, so the text and the calculators cannot disagree.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from . import policies
from .clauses import cite


class NoValue(LookupError):
    """A parameter has no value on the date asked for."""


@dataclass(frozen=True)
class Value:
    """One dated value of a parameter: from ``start`` on, as ``clause`` states it in ``text``."""

    start: date
    amount: Decimal | None  # None: the parameter ends on ``start``
    clause: str
    text: str


@dataclass(frozen=True)
class Parameter:
    """One dated parameter of a policy."""

    policy: str
    name: str
    description: str
    unit: str
    values: tuple[Value, ...]

    def entry(self, day: date) -> Value:
        """The dated value in force on ``day`` (:class:`NoValue` before the first or once ended)."""
        found = [v for v in self.values if v.start <= day]
        if not found or found[-1].amount is None:
            raise NoValue(f"{self.policy} {self.name} has no value on {day}")
        return found[-1]

    def at(self, day: date) -> Decimal:
        """The value in force on ``day``."""
        amount = self.entry(day).amount
        assert amount is not None  # entry() never returns an ended value
        return amount

    @property
    def latest(self) -> Value:
        """The last value stated (an ended parameter's last value before it ended)."""
        return [v for v in self.values if v.amount is not None][-1]

    @property
    def value(self) -> Decimal:
        """The latest value."""
        amount = self.latest.amount
        assert amount is not None
        return amount

    @property
    def clause(self) -> str:
        """The clause of the latest value."""
        return self.latest.clause

    @property
    def text(self) -> str:
        """The quoted text of the latest value."""
        return self.latest.text

    @property
    def cite(self) -> str:
        """``sanming-ktd 四（二）``: the clause of the latest value."""
        return cite(self.policy, self.clause)


def _value(entry: dict[str, Any]) -> Value:
    ended = entry.get("ended", False)
    if ended == ("value" in entry):
        raise ValueError(f"a dated value needs either value or ended = true: {entry}")
    amount = None if ended else Decimal(entry["value"])
    return Value(entry["from"], amount, entry["clause"], entry["text"])


@cache
def parameters(policy_id: str) -> dict[str, Parameter]:
    """All parameters of a policy by dotted name (``s4_2.cumulative_cap``)."""
    policy = policies.get(policy_id)
    source = policy.folder().joinpath("params.toml")
    document = tomllib.loads(source.read_text("utf-8"), parse_float=Decimal) if source.is_file() else {}
    found: dict[str, Parameter] = {}
    for section, tables in document.items():
        for name, table in tables.items():
            values = tuple(sorted((_value(v) for v in table["values"]), key=lambda v: v.start))
            found[f"{section}.{name}"] = Parameter(
                policy=policy_id,
                name=f"{section}.{name}",
                description=table["description"],
                unit=table["unit"],
                values=values,
            )
    return found


def get(policy_id: str, name: str) -> Parameter:
    """One parameter: ``get("sanming-ktd", "s4_2.cumulative_cap")``."""
    return parameters(policy_id)[name]
