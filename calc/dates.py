"""Date arithmetic of the contract (``estimators.md``, Conventions)."""

from __future__ import annotations

import calendar
from datetime import date


def interest_days(start: date, end: date) -> int:
    """Days that bear interest: from ``start`` (included) to ``end`` (excluded)."""
    return (end - start).days


def add_months(day: date, months: int) -> date:
    """Same day number ``months`` later, clamped to the month's last day (01-31 + 1 → 02-28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def iso(day: date) -> str:
    """``YYYY-MM-DD``."""
    return day.isoformat()
