"""Result field types: money as ``"30000.00"``, rates as ``"1.50"``, never negative."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from annotated_types import Ge
from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from .numbers import money_str, rate_str

MoneyOut = Annotated[Decimal, Ge(0), PlainSerializer(money_str, return_type=str)]
RateOut = Annotated[Decimal, Ge(0), PlainSerializer(rate_str, return_type=str)]


def shown(title: str, kind: str, *, headline: bool = False, help: str = "") -> Any:
    """A result field with its Chinese label; ``headline`` marks the amount a page shows first."""
    extra: dict[str, Any] = {"x-kind": kind}
    if headline:
        extra["x-headline"] = True
    return Field(title=title, description=help, json_schema_extra=extra)


class Result(BaseModel):
    """Base of every estimator's result."""

    model_config = ConfigDict(frozen=True, defer_build=True)  # built on first use


def bars(*bars: tuple[str, list[tuple[str, str]]]) -> ConfigDict:
    """Result config drawing stacked bars: ``(title, [(field, 中文名), …])`` — e.g. a risk split.

    The parts are fields of the result (or ``object.field`` of a nested one); the web page draws
    each as a share of their sum, with the figures as text beside it.
    """
    spec = [{"title": title, "parts": [{"field": f, "label": label} for f, label in parts]} for title, parts in bars]
    return ConfigDict(json_schema_extra={"x-bars": spec})


class Check(Result):
    """One condition of an eligibility check: met, not met, or not answered (``None``)."""

    id: str = shown("条件", "text")
    passed: bool | None = shown("是否满足", "bool")
    clause: str = shown("条款", "text")
    message: str = shown("说明", "text")
