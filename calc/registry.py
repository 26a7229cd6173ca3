"""The registry of estimators: id, Chinese title, policy, clauses, input and result models."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_type_hints

from .fields import Inputs
from .outputs import Result
from .page import NO_PAGE, Page
from .trace import Trace

if TYPE_CHECKING:
    from .rules.matching import MatchRule

Compute = Callable[[Any, Trace], Result]
#: Who an estimator is for: firms (listed by the matcher) or banks and officials (not listed).
Audience = Literal["firm", "bank"]


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
    audience: Audience = "firm"
    match: MatchRule | None = None  # how the matcher judges a firm's profile (None: "check in the calculator")
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
    audience: Audience = "firm",
    match: MatchRule | None = None,
) -> Callable[[Compute], Compute]:
    """Register a rule function ``f(inputs, trace) -> result`` under its contract id.

    The input and result models are read from the function's type hints, the summary from the
    first line of its docstring; ``example`` is a complete, valid input (pages offer it, tests
    run it). ``audience`` says who the estimator is for: the matcher lists every estimator for
    firms, judged by its ``match`` rule (:class:`calc.rules.matching.MatchRule`), and none for
    banks. What only the page needs is declared apart, as the module's ``PAGE`` (:mod:`calc.page`).
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
            audience=audience,
            match=match,
            module=func.__module__,
        )
        return func

    return register
