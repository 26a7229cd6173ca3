"""The registry of estimators: id, Chinese title, policy, clauses, input and result models."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_type_hints

from .fields import Inputs
from .outputs import Result
from .page import NO_PAGE, Page
from .trace import Trace

Compute = Callable[[Any, Trace], Result]


@dataclass(frozen=True)
class Estimator:
    """One estimator of the contract."""

    id: str
    title: str
    policy: str
    clauses: tuple[str, ...]
    inputs: type[Inputs]
    result: type[Result]
    compute: Compute
    summary: str
    example: dict[str, Any]
    module: str = ""  # the module that registered it

    @property
    def page(self) -> Page:
        """What only its web page needs (groups, conditional fields, bars, form): the module's ``PAGE``."""
        return getattr(sys.modules.get(self.module), "PAGE", NO_PAGE)


REGISTRY: dict[str, Estimator] = {}


def estimator(
    id: str,
    *,
    title: str,
    policy: str,
    clauses: tuple[str, ...],
    example: dict[str, Any],
) -> Callable[[Compute], Compute]:
    """Register a rule function ``f(inputs, trace) -> result`` under its contract id.

    The input and result models are read from the function's type hints, the summary from the
    first line of its docstring; ``example`` is a complete, valid input (pages offer it, tests
    run it). What only the page needs is declared apart, as the module's ``PAGE`` (:mod:`calc.page`).
    """

    def register(func: Compute) -> Compute:
        hints = get_type_hints(func)
        REGISTRY[id] = Estimator(
            id=id,
            title=title,
            policy=policy,
            clauses=clauses,
            inputs=hints["inputs"],
            result=hints["return"],
            compute=func,
            summary=(func.__doc__ or "").strip().splitlines()[0],
            example=example,
            module=func.__module__,
        )
        return func

    return register
