"""The overview page ``overview.md``: the four policies side by side, from the package's data.

Every number on the page comes from :mod:`calc.params` (the same parameters the calculators
use) and every date and status from :mod:`calc.policies`; the template holds only words. Who may
apply is a short phrase in each policy's ``policy.toml``, with the clauses it summarises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from calc import estimators as all_estimators
from calc import params
from calc.clauses import anchor, source_address
from calc.params import NoValue, Parameter, Value
from calc.policies import Policy, all_policies, ids
from calc.registry import Estimator

from .templates import render

WAN = 10_000
#: How a unit is written after a number when it is not the unit's own name.
UNIT_WORDS = {"月": "个月"}


@dataclass(frozen=True)
class ClauseLink:
    """A link to a clause of a policy page, labelled as the clause is numbered."""

    clause: str
    href: str


@dataclass(frozen=True)
class ParameterLine:
    """One line of a policy's section: a parameter, its value for people, its clause."""

    description: str
    value: str
    later: tuple[tuple[date, str], ...]
    clause: ClauseLink
    text: str


@dataclass(frozen=True)
class PolicyColumn:
    """Everything the page shows about one policy."""

    policy: Policy
    status: str  # in words people use (Policy.status_text)
    who: str
    who_clauses: tuple[ClauseLink, ...]
    calculators: tuple[Estimator, ...]
    lines: tuple[ParameterLine, ...]

    @property
    def source_href(self) -> str:
        """The policy page, relative to the docs root."""
        return source_address(self.policy.id)


def plain(number: Decimal) -> str:
    """A Decimal without exponent or trailing zeros, with thousands separators: ``1.5E+5`` → ``150,000``."""
    return f"{number.normalize():,f}"


def format_value(value: Decimal, unit: str, *, wan_only: bool = False) -> str:
    """A parameter's value for people: ``150000 元`` → ``150,000 元（15 万元）``, ``0.5 %`` → ``0.5%``.

    ``wan_only``: an amount of at least 1 万元 in 万元 alone (``15 万元``), as a sentence says it.
    """
    if unit == "元":
        if abs(value) < WAN:
            return f"{plain(value)} 元"
        in_wan = f"{plain(value.scaleb(-4))} 万元"
        return in_wan if wan_only else f"{plain(value)} 元（{in_wan}）"
    if unit == "%":
        return f"{plain(value)}%"
    return f"{plain(value)} {UNIT_WORDS.get(unit, unit)}"


def clause_link(policy_id: str, clause: str) -> ClauseLink:
    """A clause as numbered, and its anchor on the policy page (relative to the docs root)."""
    return ClauseLink(clause, source_address(policy_id, clause))


def clause_order(clause: str) -> tuple[int, ...]:
    """Document order of a clause from its anchor: ``三（五）2`` → ``(3, 5, 2)``; named parts first."""
    return tuple(int(n) for n in re.findall(r"\d+", anchor(clause)))


def value_shown(param: Parameter, today: date) -> Value:
    """The dated value a page quotes on ``today``: the one in force.

    Before its first value (a page built before the policy starts) the first value; once the
    parameter has ended, its last value.
    """
    try:
        return param.entry(today)
    except NoValue:
        return param.latest if today >= param.values[0].start else param.values[0]


def parameter_line(param: Parameter, today: date) -> ParameterLine:
    """A parameter as the page shows it: the value in force on ``today`` and any later changes.

    A parameter that has ended shows its last value and the date it ended.
    """
    shown = value_shown(param, today)
    later = tuple(
        (v.start, format_value(v.amount, param.unit) if v.amount is not None else "停止适用")
        for v in param.values
        if v.start > shown.start
    )
    return ParameterLine(
        description=param.description.rstrip("。"),
        value=format_value(param.at(shown.start), param.unit),
        later=later,
        clause=clause_link(param.policy, shown.clause),
        text=shown.text,
    )


def cell(text: str) -> str:
    """Text made safe for a Markdown table cell (no pipe, no line break)."""
    return " ".join(text.split()).replace("|", "\\|")


def policy_column(
    policy: Policy, today: date, param_list: Iterable[Parameter], calculators: Iterable[Estimator]
) -> PolicyColumn:
    """One policy's data for the page."""
    who, who_clauses = policy.who_may_apply, policy.who_may_apply_clauses
    ordered = sorted((p for p in param_list if p.policy == policy.id), key=lambda p: clause_order(p.clause))
    return PolicyColumn(
        policy=policy,
        status=policy.status_text(today),
        who=who,
        who_clauses=tuple(clause_link(policy.id, c) for c in who_clauses),
        calculators=tuple(e for e in calculators if e.policy == policy.id),
        lines=tuple(parameter_line(p, today) for p in ordered),
    )


def default_parameters(policy_list: Iterable[Policy]) -> list[Parameter]:
    """Every parameter of the given policies, as :mod:`calc.params` holds them."""
    return [p for policy in policy_list for p in params.parameters(policy.id).values()]


def overview_page(
    today: date,
    policies: Sequence[Policy] | None = None,
    parameters: Iterable[Parameter] | None = None,
    estimators: Iterable[Estimator] | None = None,
) -> str:
    """The Markdown of ``overview.md`` (政策一览) on ``today``, the build date.

    ``policies``, ``parameters`` and ``estimators`` default to the package's own; tests pass
    changed ones to show that the page follows the data.
    """
    policy_list = list(all_policies() if policies is None else policies)
    param_list = list(default_parameters(policy_list) if parameters is None else parameters)
    estimator_list = list(all_estimators() if estimators is None else estimators)
    shown = {p.id for p in policy_list}
    return render(
        "overview.md.j2",
        today=today,
        columns=[policy_column(p, today, param_list, estimator_list) for p in policy_list],
        general=[e for e in estimator_list if e.policy not in shown and e.policy not in ids()],
        cell=cell,
    )
