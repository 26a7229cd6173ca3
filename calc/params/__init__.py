"""Parameters of the policies as data: every rate, cap, threshold and date, stated once.

Each policy has one file here, ``<policy_id with underscores>.toml``. Its ``[policy]`` table
holds the document's metadata and validity windows (see :mod:`calc.policies`); every other
table is a parameter, named after its clause (``s4_2.cumulative_cap`` lives in clause
``四（二）``), with

- ``description``: a full sentence without the number in it;
- ``unit``: ``元``, ``%``, ``月``, ``倍`` …;
- ``clause``: the clause as numbered in the document;
- ``text``: the number exactly as the clause writes it (``15 万元``), which a test finds in the
  published clause;
- ``values``: the value from each effective date on (``{ 2022-07-09 = 150000 }``).

The site's pages quote these same values, so the text and the calculators cannot disagree.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from ..clauses import cite


@dataclass(frozen=True)
class Parameter:
    """One dated parameter of a policy clause."""

    policy: str
    name: str
    description: str
    unit: str
    clause: str
    text: str
    values: tuple[tuple[date, Decimal], ...]

    @property
    def cite(self) -> str:
        """``sanming-ktd 四（二）``."""
        return cite(self.policy, self.clause)

    def at(self, day: date | None = None) -> Decimal:
        """The value in force on ``day``; the latest value when no day is given."""
        if day is None:
            return self.values[-1][1]
        found = [value for start, value in self.values if start <= day]
        return found[-1] if found else self.values[0][1]

    @property
    def value(self) -> Decimal:
        """The latest value."""
        return self.at(None)


def file_name(policy_id: str) -> str:
    """``sanming-ktd`` → ``sanming_ktd.toml``."""
    return policy_id.replace("-", "_") + ".toml"


@cache
def document(policy_id: str) -> dict[str, Any]:
    """The parsed parameter file of a policy (floats as Decimal)."""
    text = resources.files(__package__).joinpath(file_name(policy_id)).read_text("utf-8")
    return tomllib.loads(text, parse_float=Decimal)


def _parameter(policy_id: str, name: str, table: dict[str, Any]) -> Parameter:
    values = tuple(sorted((date.fromisoformat(start), Decimal(value)) for start, value in table["values"].items()))
    return Parameter(
        policy=policy_id,
        name=name,
        description=table["description"],
        unit=table["unit"],
        clause=table["clause"],
        text=table["text"],
        values=values,
    )


@cache
def parameters(policy_id: str) -> dict[str, Parameter]:
    """All parameters of a policy by dotted name (``s4_2.cumulative_cap``)."""
    found: dict[str, Parameter] = {}
    for section, tables in document(policy_id).items():
        if section == "policy":
            continue
        for name, table in tables.items():
            found[f"{section}.{name}"] = _parameter(policy_id, f"{section}.{name}", table)
    return found


def get(policy_id: str, name: str) -> Parameter:
    """One parameter: ``get("sanming-ktd", "s4_2.cumulative_cap")``."""
    return parameters(policy_id)[name]
