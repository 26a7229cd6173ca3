"""Worked examples as data: ``calc/policies/<policy>/examples/*.toml``, next to the rules they test.

A file names its estimator once and holds any number of examples, each readable without Python::

    estimator = "sanming-ktd-subsidy"

    [[example]]
    name = "200 万元贷款一年，实际利率高于 LPR"   # what the case is
    clause = "四（二）"                           # the clause it exercises
    explanation = '''
    贴息比例 = 50% × min(3.45%, 3.10%) = 1.55%；…  (the arithmetic, by hand)
    '''
    inputs = { loan_amount = "2000000", actual_rate = "3.45", lpr_1y = "3.10", interest_paid = "69000" }
    expected = { subsidy = "31000.00", capped = false }   # result fields (a subset; nested tables allowed)
    warnings = ["不在政策执行期"]                        # optional: each is part of some warning
    no_warnings = ["……"]                                 # optional: no warning contains these
    trace = ["贴息比例"]                                 # optional: each is part of some step's label

An example whose inputs are invalid gives ``errors = ["loan_amount"]`` (the fields the error
messages name) instead of ``expected``. Dates are part of the inputs; an example that depends on
the LPR names the rate in its inputs (``lpr_1y``) so that a new fixing cannot change it.
The test ``tests/unit/test_worked_examples.py`` runs every example, on CPython and in Pyodide.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import policies


@dataclass(frozen=True)
class Example:
    """One worked example of an estimator."""

    estimator: str
    name: str
    clause: str
    explanation: str
    inputs: dict[str, Any]
    expected: dict[str, Any] = field(default_factory=dict)
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    no_warnings: tuple[str, ...] = ()
    trace: tuple[str, ...] = ()
    source: str = ""  # policy/examples/file.toml

    @property
    def id(self) -> str:
        """``sanming-ktd-subsidy: name``, for test ids."""
        return f"{self.estimator}: {self.name}"


def _plain(value: Any) -> Any:
    """TOML values as the JSON inputs of ``calc.run`` (dates as ISO strings)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def parse(text: str, source: str = "") -> list[Example]:
    """The examples of one file."""
    data = tomllib.loads(text)
    estimator = data["estimator"]
    return [
        Example(
            estimator=entry.get("estimator", estimator),
            name=entry["name"],
            clause=entry["clause"],
            explanation=entry.get("explanation", "").strip(),
            inputs=_plain(entry.get("inputs", {})),
            expected=_plain(entry.get("expected", {})),
            errors=tuple(entry.get("errors", ())),
            warnings=tuple(entry.get("warnings", ())),
            no_warnings=tuple(entry.get("no_warnings", ())),
            trace=tuple(entry.get("trace", ())),
            source=source,
        )
        for entry in data.get("example", [])
    ]


def all_examples() -> list[Example]:
    """Every worked example of every policy, policy by policy, file by file."""
    found: list[Example] = []
    for policy in policies.all_policies():
        folder = policy.folder().joinpath("examples")
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml"):
                found += parse(entry.read_text("utf-8"), f"{policy.package}/examples/{entry.name}")
    return found


def mismatches(expected: Any, actual: Any, path: str = "result") -> list[str]:
    """Where ``actual`` differs from ``expected`` (a dict is compared on the keys it gives)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {actual!r}"]
        return [
            problem
            for key, value in expected.items()
            for problem in (
                mismatches(value, actual[key], f"{path}.{key}") if key in actual else [f"{path}.{key}: missing"]
            )
        ]
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        pairs = enumerate(zip(expected, actual, strict=True))
        return [problem for i, (e, a) in pairs for problem in mismatches(e, a, f"{path}[{i}]")]
    return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]


def check(example: Example, answer: dict[str, Any]) -> list[str]:
    """Every way ``answer`` (the output of ``calc.run``) fails the example; empty when it holds."""
    if example.errors:
        if answer.get("ok"):
            return [f"expected errors on {list(example.errors)}, got a result"]
        named = {e.get("field") for e in answer["errors"]}
        return [f"no error on {name} (errors: {answer['errors']})" for name in example.errors if name not in named]
    if not answer.get("ok"):
        return [f"expected a result, got errors {answer.get('errors')}"]
    problems = mismatches(example.expected, answer["result"])
    warnings, labels = answer["warnings"], [step["label"] for step in answer["trace"]]
    problems += [f"no warning contains {w!r}: {warnings}" for w in example.warnings if not _within(w, warnings)]
    problems += [f"a warning contains {w!r}: {warnings}" for w in example.no_warnings if _within(w, warnings)]
    problems += [f"no trace step is labelled {t!r}: {labels}" for t in example.trace if not _within(t, labels)]
    return problems


def _within(part: str, texts: list[str]) -> bool:
    return any(part in text for text in texts)
