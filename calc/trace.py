"""The explanation of an estimate: ordered steps, each citing its clause, and warnings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: A step's text, or a function that writes it (called only when the trace is kept).
Text = str | Callable[[], str]


@dataclass(frozen=True)
class Step:
    """One step as the contract shows it: label, formula, value, clause."""

    label: str
    formula: str
    value: str
    clause: str


@dataclass
class Trace:
    """Steps and warnings collected while a rule computes."""

    steps: list[Step] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def step(self, label: str, value: Text, clause: str, formula: Text) -> None:
        """Record a step; ``clause`` is a citation such as ``sanming-ktd 四（二）``.

        ``formula`` says how the value was reached, in words a reader follows (``按填报`` for a
        value the user typed); never empty. ``value`` and ``formula`` may be given as functions
        that write the text (``lambda: yuan_text(amount)``): they are called only when the trace
        is kept (a batch's rows run without it, :class:`Warnings`).
        """
        formula = formula() if callable(formula) else formula
        if not formula:
            raise ValueError(f"the step {label!r} needs a formula")
        self.steps.append(Step(label, formula, value() if callable(value) else value, clause))

    def warn(self, text: str) -> None:
        """Record a warning (a Chinese sentence)."""
        if text not in self.warnings:
            self.warnings.append(text)

    def as_list(self) -> list[dict[str, Any]]:
        """The steps as JSON objects (``label``, ``formula``, ``value``, ``clause``)."""
        return [{"label": s.label, "formula": s.formula, "value": s.value, "clause": s.clause} for s in self.steps]


class Warnings(Trace):
    """A trace that keeps only the warnings: a batch needs the steps only on demand.

    The rule runs exactly as with :class:`Trace` (same figures, same warnings); its steps are
    dropped instead of kept (``calc.engine.evaluate(..., explain=False)``).
    """

    def step(self, label: str, value: Text, clause: str, formula: Text) -> None:
        """Drop the step (the rule's own checks of it run under :class:`Trace`, in every test)."""
