"""Number parsing and formatting, and the contract's date conventions."""

from datetime import date
from decimal import Decimal

import pytest

from calc.dates import add_months, interest_days
from calc.numbers import NotANumber, money_str, parse_decimal, rate_str, to_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2000000", "2000000"),
        ("1,000,000", "1000000"),  # thousands separators are normal in Chinese forms
        ("１２３", "123"),  # full-width digits
        ("１，０００．５", "1000.5"),  # full-width separators and point
        (" 3.45 ", "3.45"),
        ("2 000 000", "2000000"),  # pasted with spaces
        ("1e9", "1000000000"),
    ],
)
def test_decimal_strings_are_understood(text: str, expected: str) -> None:
    assert to_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("junk", ["abc", "", "1,00", "NaN", "inf", "1.2.3", "三百万", True, None, [1]])
def test_junk_is_not_a_number(junk: object) -> None:
    with pytest.raises(NotANumber):
        to_decimal(junk)


def test_floats_keep_their_shortest_decimal_form() -> None:
    # 0.1 as a binary float is 0.1000000000000000055…; the contract wants the decimal 0.1.
    assert to_decimal(0.1) == Decimal("0.1")


def test_money_rounds_half_up_to_the_fen() -> None:
    assert money_str(Decimal("0.505")) == "0.51"  # banker's rounding would give 0.50
    assert money_str(Decimal("0.504999")) == "0.50"
    assert money_str(Decimal("30000")) == "30000.00"


def test_rates_keep_at_least_two_places_and_are_never_rounded() -> None:
    assert rate_str(Decimal("1.5")) == "1.50"
    assert rate_str(Decimal("1.725")) == "1.725"
    assert rate_str(Decimal("2")) == "2.00"
    assert rate_str(Decimal("1.50000")) == "1.50"


def test_interest_days_count_the_first_day_not_the_last() -> None:
    assert interest_days(date(2024, 1, 1), date(2024, 1, 2)) == 1
    assert interest_days(date(2024, 1, 1), date(2025, 1, 1)) == 366  # 2024 is a leap year


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),  # the contract's example
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 3, 15), 1, date(2025, 4, 15)),
        (date(2025, 12, 20), 1, date(2026, 1, 20)),
        (date(2025, 8, 31), 2, date(2025, 10, 31)),
    ],
)
def test_one_calendar_month_later(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1e999999999", "1e9999"),  # beyond what Pyodide's 32-bit decimal module accepts
        ("-1E-999999999", "-1e-9999"),
        ("2.5e00000000000000000005", "2.5e5"),  # leading zeros of the exponent do not count
        ("1e9999", "1e9999"),
        ("3.45", "3.45"),
    ],
)
def test_absurd_exponents_are_capped_the_same_on_every_platform(text: str, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)
    assert to_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("zero", ["-0", "-0.00", "－０", -0.0, Decimal("-0")])
def test_negative_zero_is_read_as_zero(zero: object) -> None:
    number = to_decimal(zero)
    assert number == 0 and not number.is_signed()
