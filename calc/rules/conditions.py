"""Conditions of a support, answered yes, no or not yet: the project's convention for ``eligible``.

``eligible`` is True when every condition holds, False when a known condition fails, and None
when nothing fails but something is not answered yet — "not yet known" is never shown as "not
eligible". Amounts are then estimated as if eligible, with a warning naming what is missing.

One vocabulary for every rule and page: :data:`Answer` is the type of such a yes/no/unknown,
:data:`MET` the words for a condition (满足 / 不满足 / 未确定) and :data:`YES_NO` the words for a
plain question (是 / 否 / 未确定). Trace values and messages use these words and no others; the
calculator pages read :data:`MET` too.
"""

from __future__ import annotations

from ..trace import Trace

#: A yes/no answer that may not be known yet (``None``).
Answer = bool | None

#: The one word for "not known yet", whatever the question.
UNKNOWN = "未确定"
#: A condition: met, not met, not known yet.
MET: dict[Answer, str] = {True: "满足", False: "不满足", None: UNKNOWN}
#: A plain question: yes, no, not known yet.
YES_NO: dict[Answer, str] = {True: "是", False: "否", None: UNKNOWN}

#: How an answer was arrived at, when the condition is the user's own answer.
AS_GIVEN = "按填报"
NOT_GIVEN = "未填写"

Condition = tuple[str, Answer] | tuple[str, Answer, str]


def eligibility(conditions: list[Condition], where: str, trace: Trace) -> Answer:
    """Record each condition as a step citing ``where``; True, False or None as above.

    A condition is ``(name, answer)`` when the answer is the user's own (the step's formula says
    按填报, or 未填写 when not answered), or ``(name, answer, formula)`` when the rule worked it out
    (the formula shows how: ``实际担保费率 0.50% ≤ 0.5%/年``).
    """
    for condition in conditions:
        name, answer, *how = condition
        formula = how[0] if how else (NOT_GIVEN if answer is None else AS_GIVEN)
        trace.step(f"条件：{name}", MET[answer], where, formula)
    if any(c[1] is False for c in conditions):
        return False
    unknown = [c[0] for c in conditions if c[1] is None]
    if unknown:
        trace.warn(f"尚未确认：{'、'.join(unknown)}。以下金额按符合条件估算，请据实核对。")
        return None
    return True
