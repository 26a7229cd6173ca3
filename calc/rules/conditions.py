"""Conditions of a support, answered yes, no or not yet: the project's convention for ``eligible``.

``eligible`` is True when every condition holds, False when a known condition fails, and None
when nothing fails but something is not answered yet — "not yet known" is never shown as "not
eligible". Amounts are then estimated as if eligible, with a warning naming what is missing.
"""

from __future__ import annotations

from ..trace import Trace

STATE = {True: "满足", False: "不满足", None: "未填写"}
MET = {True: "满足", False: "不满足", None: "未确定"}


def eligibility(conditions: list[tuple[str, bool | None]], where: str, trace: Trace) -> bool | None:
    """Record each (condition, answer) as a step citing ``where``; True, False or None as above."""
    for name, answer in conditions:
        trace.step(f"条件：{name}", STATE[answer], where)
    if any(answer is False for _, answer in conditions):
        return False
    unknown = [name for name, answer in conditions if answer is None]
    if unknown:
        trace.warn(f"尚未确认：{'、'.join(unknown)}。以下金额按符合条件估算，请据实核对。")
        return None
    return True
