"""Dates and day counts of the contract (``estimators.md``, Conventions)."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from .numbers import percent, rate_text, yuan_text

DAYS_PER_YEAR = 360  # daily rate = annual rate / 360


def interest_days(start: date, end: date) -> int:
    """Days that bear interest: from ``start`` (included) to ``end`` (excluded)."""
    return (end - start).days


def accrued(amount: Decimal, rate: Decimal, days: int) -> Decimal:
    """Interest on ``amount`` at ``rate`` % a year for ``days`` days: amount × rate × days / 360."""
    return amount * percent(rate) * days / DAYS_PER_YEAR


def accrued_formula(amount: Decimal, rate: Decimal, days: int) -> str:
    """:func:`accrued` as a trace writes it: ``1,000,000.00 元 × 3.60% × 365 天 ÷ 360``."""
    return f"{yuan_text(amount)} × {rate_text(rate)} × {days} 天 ÷ {DAYS_PER_YEAR}"


def add_months(day: date, months: int) -> date:
    """Same day number ``months`` later, clamped to the month's last day (01-31 + 1 → 02-28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def iso(day: date) -> str:
    """``YYYY-MM-DD``."""
    return day.isoformat()
