"""Caps: what is left under a cumulative or yearly cap, and an amount held to it, in plain words.

Three supports cap what a firm may receive (三明 四（二）累计 15 万元, 聊城 一（一）年度 10 万元,
一（三）年度 100 万元). Each records the same two steps: what is left under the cap after what
was already received (never below zero: ``…（不低于 0）``), and the smaller of the amount before
the cap and what is left (``… 与 … 中较小者``: :func:`smaller_of`, the trace's one wording of a
minimum; no programmer notation such as min(…) or max(0, …) in a formula).
"""

from __future__ import annotations

from decimal import Decimal

from ..numbers import yuan_text
from ..params import Value
from ..trace import Trace


def left_under_cap(
    cap: Value,
    used: Decimal,
    *,
    label: str,
    used_label: str,
    clause: str,
    trace: Trace,
) -> Decimal:
    """``cap − used``, never below zero, recorded as one step ``label`` citing ``clause``.

    ``cap`` is the dated value in force (:meth:`calc.params.Parameter.entry`); the formula quotes it
    as the clause writes it: ``15 万元 − 已享受 140,000.00 元 = 10,000.00 元（不低于 0）``.
    """
    if cap.amount is None:
        raise ValueError(f"an ended value is no cap: {cap}")
    limit = cap.amount
    left = max(Decimal(0), limit - used)

    def formula() -> str:
        if used > limit:
            return f"{used_label} {yuan_text(used)} 已超过上限 {cap.text}，尚可享受按 0 计（不低于 0）"
        return f"{cap.text} − {used_label} {yuan_text(used)} = {yuan_text(left)}（不低于 0）"

    trace.step(label, lambda: yuan_text(left), clause, formula)
    return left


def held_to_cap(before_cap: Decimal, left: Decimal, *, label: str, clause: str, trace: Trace) -> tuple[Decimal, bool]:
    """The smaller of ``before_cap`` and ``left``, and whether the cap bit, recorded as ``label``."""
    amount, capped = min(before_cap, left), before_cap > left

    def formula() -> str:
        words = smaller_of(("封顶前", yuan_text(before_cap)), ("尚可享受", yuan_text(left)))
        return words + "，受上限限制" if capped else words

    trace.step(label, lambda: yuan_text(amount), clause, formula)
    return amount, capped


def smaller_of(first: tuple[str, str], second: tuple[str, str], *, word: str = "较小者") -> str:
    """A minimum as a form reads it: ``实际保费 300,000.00 元 与 保险金额 … × 3% 中较小者``.

    The one wording of min(a, b) in the trace (``word="较低者"`` for rates); each figure is
    given as (name, value), the name possibly empty.
    """
    figures = [f"{name} {value}".strip() for name, value in (first, second)]
    return f"{figures[0]} 与 {figures[1]} 中{word}"
