"""Warnings for dates outside a policy's validity windows, checked on the date the clause ties the support to.

Contract (Conventions): "A validity window is checked on the date the clause ties the support to
(a subsidy earned on repayment is checked on the repayment, not only on the loan's start)". Each
rule names that date first when it calls :func:`check_in_force` (its reading of the clause is
written next to the call), reads its parameters on the same date (:func:`parameter_day`), and
may name further dates the clause also cares about (the Sanming loan must itself be a “科特贷”
made under the plan). One warning names every date outside, with the reason each matters.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from .. import policies
from ..trace import Trace

#: ``(what, day)`` or ``(what, day, why)``: a date a rule checks, its Chinese name, and why it matters.
Dated = tuple[str, date | None] | tuple[str, date | None, str]


def windows_text(policy: policies.Policy) -> str:
    """``2022-07-09 至 2025-07-08（按通知推算）、2025-07-09 至 2027-07-08``."""
    return "、".join(w.span for w in policy.windows)


def check_in_force(policy_id: str, trace: Trace, tied: Dated, *also: Dated) -> None:
    """Warn when ``tied`` (the date the clause ties the support to) or any of ``also`` is outside every window.

    One warning names every date outside the windows, each followed by its ``why``; with no date
    given at all, one warning says the window could not be checked. A missing ``also`` date is
    not warned about here (the rule says what it means, if anything).
    """
    policy = policies.get(policy_id)
    dates = [tied, *also]
    if all(d[1] is None for d in dates):
        named = "和".join(d[0] for d in dates)
        trace.warn(f"未填写{named}，无法核对是否在政策执行期（{windows_text(policy)}）内。")
        return
    named, whys = [], []
    for what, day, *why in dates:
        if day is not None and not policy.in_force(day):
            named.append(f"{what} {day}")
            whys += [w for w in why if w]
    if named:
        reasons = f"：{'；'.join(whys)}" if whys else ""
        trace.warn(f"{'、'.join(named)} 不在政策执行期（{windows_text(policy)}）内{reasons}。本估算仅供参考。")


def parameter_day(policy_id: str, day: date | None) -> date:
    """The date a rule reads its parameters at for ``day``: the day itself inside the policy's windows.

    ``day`` is the date the clause ties the support to (the one :func:`check_in_force` checks
    first). A date outside every window has no parameter value of its own
    (:meth:`calc.params.Parameter.at` refuses it); the estimate then uses the values of the
    nearest day in force, and :func:`check_in_force` has already warned that the date is outside.
    No date: today's values.
    """
    return _parameter_day(policy_id, day or date.today())


@lru_cache(maxsize=4096)  # the same few dates, read for every parameter of every row of a batch
def _parameter_day(policy_id: str, day: date) -> date:
    policy = policies.get(policy_id)
    if policy.in_force(day) or not policy.windows:
        return day
    edges = [w.start for w in policy.windows] + [w.end for w in policy.windows if w.end]
    return min(edges, key=lambda edge: abs((edge - day).days))
