"""Reading JSON input (command line, batch files, the browser's bridge).

Numbers become ``Decimal``, never binary floats (contract, Conventions), with absurd exponents
capped (:func:`calc.numbers.parse_decimal`). Nesting is bounded before parsing: the JSON parser
recurses once per level, and in the browser's WebAssembly engine ``[[[[…`` a few thousand deep
overflows the machine stack and kills the engine, where CPython would raise RecursionError.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .numbers import parse_decimal

MAX_DEPTH = 100  # an estimator's inputs are one object of values and short lists
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


class TooDeep(ValueError):
    """The JSON text nests deeper than :data:`MAX_DEPTH`."""


def loads(text: str) -> Any:
    """Parse JSON text as the package reads input; ``ValueError`` when it is not valid JSON."""
    depth = 0
    for bracket in _BRACKET.finditer(_STRING.sub("", text)):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > MAX_DEPTH:
            raise TooDeep(f"nested deeper than {MAX_DEPTH} levels")
    return json.loads(text, parse_float=parse_decimal)
