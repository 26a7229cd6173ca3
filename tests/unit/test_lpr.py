"""The shipped LPR series and its lookup ("the latest value effective on or before D")."""

from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest

from calc import lpr

SHARED_CSV = Path(__file__).resolve().parents[3] / "shared" / "data" / "lpr_monthly.csv"


def test_series_is_complete_and_ordered() -> None:
    fixings = lpr.series()
    # One fixing per calendar month from 2019-08 to 2026-02: 79 months. (The data notes say 78
    # fixings; the file holds 79, one for every month, which is what the PBoC publishes.)
    months = [(f.date.year, f.date.month) for f in fixings]
    assert months == [(y, m) for y in range(2019, 2027) for m in range(1, 13) if (2019, 8) <= (y, m) <= (2026, 2)]
    assert fixings[0].date == date(2019, 8, 20)
    assert fixings[-1].date == date(2026, 2, 24)
    assert all(a.date < b.date for a, b in pairwise(fixings))


@pytest.mark.skipif(not SHARED_CSV.exists(), reason="the shared reference data is not next to this checkout")
def test_shipped_copy_equals_the_reference_data() -> None:
    shipped = Path(lpr.__file__).parent / "data" / "lpr_monthly.csv"
    assert shipped.read_bytes() == SHARED_CSV.read_bytes()


@pytest.mark.parametrize(
    ("day", "tenor", "rate"),
    [
        (date(2019, 8, 20), "1y", "4.25"),  # the first fixing, on its own day
        (date(2019, 9, 19), "1y", "4.25"),  # the day before the next fixing
        (date(2019, 9, 20), "1y", "4.20"),
        (date(2024, 2, 19), "5y", "4.20"),  # the 5-year cut to 3.95 came on 2024-02-20 …
        (date(2024, 2, 20), "5y", "3.95"),  # … not on 2024-03-20 as one copied table says
        (date(2025, 4, 20), "1y", "3.10"),  # 2025-04-20 was a Sunday; the fixing came on the 21st
        (date(2025, 5, 19), "1y", "3.10"),
        (date(2025, 5, 20), "1y", "3.00"),
        (date(2026, 3, 19), "1y", "3.00"),
    ],
)
def test_lookup_around_change_dates(day: date, tenor: str, rate: str) -> None:
    assert lpr.lookup(day, tenor).rate == Decimal(rate)


def test_before_the_first_fixing_is_an_error() -> None:
    with pytest.raises(lpr.OutOfRange):
        lpr.fixing_on(date(2019, 8, 19))


def test_after_the_series_is_certainly_current_the_lookup_says_so() -> None:
    # The last fixing (2026-02-24) holds until the next one, on the 20th of March at the earliest.
    assert lpr.known_until() == date(2026, 3, 19)
    assert not lpr.lookup(date(2026, 3, 19)).stale
    assert lpr.lookup(date(2026, 3, 20)).stale
