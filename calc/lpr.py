"""The Loan Prime Rate (贷款市场报价利率, LPR) series shipped with the package.

Source: ``data/lpr_monthly.csv``, every monthly fixing published by the National Interbank
Funding Center on behalf of the People's Bank of China since the 2019 reform, cross-checked
between three public datasets (see the repository's data notes). "The LPR on date D" is the
latest fixing effective on or before D (contract, Conventions).

A fixing is published on the 20th of each month (the next business day when the 20th is a
holiday), so the last known fixing is certainly the one in force until the 19th of the following
month; after that day the series may be out of date and a lookup says so instead of guessing
silently.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from importlib import resources

from .dates import add_months

SOURCE = "全国银行间同业拆借中心受权公布的贷款市场报价利率（LPR），每月一次"


@dataclass(frozen=True)
class Fixing:
    """One monthly fixing: its effective date and the two tenors, in %."""

    date: date
    lpr_1y: Decimal
    lpr_5y: Decimal


@dataclass(frozen=True)
class Lookup:
    """The rate found for a date, the fixing it comes from, and whether it may be outdated."""

    rate: Decimal
    fixing: Fixing
    on: date
    stale: bool


class OutOfRange(ValueError):
    """A date before the first fixing of the series."""


@cache
def series() -> tuple[Fixing, ...]:
    """All fixings, oldest first."""
    text = resources.files(__package__).joinpath("data/lpr_monthly.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return tuple(Fixing(date.fromisoformat(r["date"]), Decimal(r["lpr_1y"]), Decimal(r["lpr_5y"])) for r in rows)


def last_fixing() -> Fixing:
    """The most recent fixing the package knows."""
    return series()[-1]


@cache  # the series is fixed once the package is loaded
def known_until() -> date:
    """Last day the series is certainly current: the day before the next possible fixing."""
    return add_months(last_fixing().date, 1).replace(day=20) - timedelta(days=1)


def fixing_on(day: date) -> Fixing:
    """The fixing in force on ``day``: the latest with an effective date on or before it."""
    fixings = series()
    if day < fixings[0].date:
        raise OutOfRange(day)
    low, high = 0, len(fixings)
    while high - low > 1:
        mid = (low + high) // 2
        if fixings[mid].date <= day:
            low = mid
        else:
            high = mid
    return fixings[low]


def lookup(day: date, tenor: str = "1y") -> Lookup:
    """The ``"1y"`` or ``"5y"`` LPR on ``day``, flagged ``stale`` after :func:`known_until`."""
    fixing = fixing_on(day)
    rate = fixing.lpr_1y if tenor == "1y" else fixing.lpr_5y
    return Lookup(rate, fixing, day, stale=day > known_until())
