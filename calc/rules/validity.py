"""Warnings for dates outside a policy's validity windows."""

from __future__ import annotations

from datetime import date

from .. import policies
from ..trace import Trace


def windows_text(policy: policies.Policy) -> str:
    """``2022-07-09 至 2025-07-08、2025-07-09 至 2027-07-08``."""
    return "、".join(w.span for w in policy.windows)


def check_in_force(policy_id: str, day: date | None, what: str, trace: Trace) -> None:
    """Warn when ``day`` (the date named ``what``) is outside every window of the policy."""
    policy = policies.get(policy_id)
    if day is None:
        trace.warn(f"未填写{what}，无法核对是否在政策执行期（{windows_text(policy)}）内。")
    elif not policy.in_force(day):
        trace.warn(f"{what} {day} 不在政策执行期（{windows_text(policy)}）内，本估算仅供参考。")


def parameter_day(policy_id: str, day: date | None) -> date:
    """The date a rule reads its parameters at for ``day``: the day itself inside the policy's windows.

    A date outside every window has no parameter value of its own (:meth:`calc.params.Parameter.at`
    refuses it); the estimate then uses the values of the nearest day in force, and
    :func:`check_in_force` has already warned that the date is outside. No date: today's values.
    """
    policy = policies.get(policy_id)
    day = day or date.today()
    if policy.in_force(day) or not policy.windows:
        return day
    edges = [w.start for w in policy.windows] + [w.end for w in policy.windows if w.end]
    return min(edges, key=lambda edge: abs((edge - day).days))
