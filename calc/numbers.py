"""Reading and writing numbers: money in 元 and rates in %, always as ``decimal.Decimal``.

Contract (``estimators.md``, Conventions): inputs accept JSON numbers or decimal strings;
results give money with exactly two places, rounded half-up to the fen only at the end of each
amount, and rates/shares with at least two places, never rounded before further use.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

FEN = Decimal("0.01")
HUNDRED = Decimal(100)

_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_ASCII_PLAIN = re.compile(_PLAIN.pattern, re.ASCII)
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_EXPONENT = re.compile(r"[eE]([+-]?)0*([1-9]\d{4,})$")
MAX_EXPONENT = 9999  # far beyond any amount or rate, far within what every platform allows


class NotANumber(ValueError):
    """The text is not a decimal number."""


def parse_decimal(text: str) -> Decimal:
    """``Decimal(text)`` with the exponent capped at ±:data:`MAX_EXPONENT`.

    ``1e999999999`` is then the same (far too large) number everywhere: the decimal module of a
    32-bit build such as Pyodide's refuses exponents beyond about ±4.25 × 10⁸ that CPython on
    64 bits accepts. Also the ``parse_float`` of every JSON reader of the package.
    """
    if "e" not in text and "E" not in text:
        return Decimal(text)
    return Decimal(_EXPONENT.sub(lambda m: f"e{m.group(1)}{MAX_EXPONENT}", text))


def to_decimal(value: object) -> Decimal:
    """A finite Decimal from an int, a float, a Decimal or a decimal string.

    Strings may use full-width digits (``１２３``), thousands separators (``1,000,000``) and
    surrounding or embedded spaces; booleans and non-finite values are refused. A negative zero
    (``-0``) is zero, so that no result ever reads ``-0.00``.
    """
    if isinstance(value, bool):
        raise NotANumber(value)
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        # Plain ASCII ("2000000", "3.45"), as in most files, needs no normalisation (same result, faster).
        text = value
        if not _ASCII_PLAIN.fullmatch(value):
            text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
            if _GROUPED.fullmatch(text):
                text = text.replace(",", "")
            if not _PLAIN.fullmatch(text):
                raise NotANumber(value)
        try:
            number = parse_decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - the pattern already guards
            raise NotANumber(value) from exc
    else:
        raise NotANumber(value)
    if not number.is_finite():
        raise NotANumber(value)
    return number.copy_abs() if number.is_zero() else number


def round_money(amount: Decimal) -> Decimal:
    """Round an amount half-up to the fen (0.01 元)."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def money_str(amount: Decimal) -> str:
    """The contract's money string: ``Decimal("30000")`` → ``"30000.00"``."""
    return f"{round_money(amount):f}"


def rate_str(rate: Decimal) -> str:
    """The contract's rate string, at least two places, never rounded: ``1.5`` → ``"1.50"``."""
    rate = rate.normalize()
    if rate.as_tuple().exponent > -2:  # type: ignore[operator]
        rate = rate.quantize(FEN)
    return f"{rate:f}"


def percent(rate: Decimal) -> Decimal:
    """A percentage as a fraction: ``3.45`` → ``0.0345``."""
    return rate / HUNDRED


@lru_cache(maxsize=4096)  # caps, budgets and amounts repeat across a batch's rows; the text is a pure function
def yuan_text(amount: Decimal) -> str:
    """Money for people: ``30000`` → ``"30,000.00 元"``."""
    return f"{round_money(amount):,.2f} 元"


#: The most decimal places a rate shows in text (trace steps, warnings); results keep every place.
TEXT_PLACES = 4


@lru_cache(maxsize=4096)  # a batch repeats the same few rates on every row; the text is a pure function
def rate_text(rate: Decimal) -> str:
    """A rate for people: ``1.5`` → ``"1.50%"``, ``5.0000000333…`` → ``"5.00%"``, ``1.66666…`` → ``"1.6667%"``.

    Rounded half-up to at most :data:`TEXT_PLACES` places, trailing zeros dropped but at least two
    places kept. Only the text is rounded: the result fields (:func:`rate_str`) and every further
    step use the exact value.
    """
    shown = rate.quantize(Decimal(1).scaleb(-TEXT_PLACES), rounding=ROUND_HALF_UP)
    return f"{rate_str(shown.copy_abs() if shown.is_zero() else shown)}%"


#: Significant digits of a number in a spreadsheet cell: what Excel keeps and shows.
EXCEL_DIGITS = 15


def excel_number(value: float) -> Decimal:
    """A spreadsheet's binary number as the decimal a person typed or sees: at most 15 significant digits.

    Excel stores every number as a binary double and shows at most 15 significant digits. A cell
    typed ``3.45`` is read back as the double nearest 3.45; a formula's cached result may carry a
    binary artefact (``=0.1+0.2`` is stored as 0.30000000000000004). ``Decimal(repr(x))`` would keep
    that artefact (and a money field would refuse its 17 decimals); ``Decimal(x)`` would give the
    double's exact binary value (0.299999999999999988897769753748…). Rounding to 15 significant
    digits gives back what the cell shows, ``0.3``, and leaves every typed number of 15 digits or
    fewer exactly as typed. Never a float after this point (contract, Conventions).
    """
    number = Decimal(f"{value:.{EXCEL_DIGITS}g}")
    return number.copy_abs() if number.is_zero() else number
