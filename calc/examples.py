"""Worked examples as data: ``calc/policies/<policy>/examples/*.toml``, next to the rules they test.

A file names its estimator once and holds any number of examples, each readable without Python::

    estimator = "sanming-ktd-subsidy"

    [[example]]
    name = "200 万元贷款一年，实际利率高于 LPR"   # what the case is
    clause = "四（二）"                           # the clause it exercises
    explanation = '''
    贴息比例 = 3.45% 与 3.10% 中较低者 × 50% = 1.55%；…  (the arithmetic, by hand)
    '''
    inputs = { loan_amount = "2000000", actual_rate = "3.45", lpr_1y = "3.10", interest_paid = "69000" }
    expected = { subsidy = "31000.00", capped = false }   # result fields (a subset; nested tables allowed)
    warnings = ["不在政策执行期", ["尚未确定", "提前到期"]]  # optional: each is part of some warning
                                                         # (a list: all its parts in one warning)
    no_warnings = ["……"]                                 # optional: no warning contains these
    silent = true                                        # optional: no warning at all
    trace = ["贴息比例"]                                 # optional: each is part of some step's label
    trace_clauses = ["sanming-ktd 四（二）"]              # optional: the clauses the steps cite, all of them
    steps = [ { label = "一年期LPR", value = "3.45%", formula_has = "2023-12-20" } ]

``expected`` compares the fields it names; TOML has no null, so ``"null"`` stands for a JSON null
(in ``inputs`` too: ``normal_operation = "null"`` sends an explicit null, "not answered"),
and ``<field>_has = "text"`` says the field contains that text (``message_has = "原则上"``).
A list of objects with an ``id`` (an eligibility's ``checks``) may be given as a table keyed by
id: ``checks = { term_months = { passed = true } }`` checks only the ids named; given as a list,
it is compared item by item (same length, each item on the keys it gives).

``steps`` checks trace steps: each table picks a step by ``at`` (its position, ``-1`` the last)
or by ``label`` (the exact label) and/or ``label_has`` (part of it), the first that matches; then
``label``, ``value``, ``formula`` and ``clause`` must equal the step's, and ``value_has``,
``formula_has``, ``clause_has`` be part of it.

An example whose inputs are invalid gives ``errors`` instead of ``expected``: the fields the
error messages name, each a field name or ``{ field = "loan_amount", message = "贷款金额：" }``
(the message contains that text). Dates are part of the inputs; an example that depends on
the LPR names the rate in its inputs (``lpr_1y``) so that a new fixing cannot change it, unless
the look-up is its point: then it names the date, and its explanation the fixing it expects.
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
    errors: tuple[str | dict[str, str], ...] = ()
    warnings: tuple[str | list[str], ...] = ()
    no_warnings: tuple[str | list[str], ...] = ()
    silent: bool = False
    trace: tuple[str, ...] = ()
    trace_clauses: tuple[str, ...] = ()
    steps: tuple[dict[str, Any], ...] = ()
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
            inputs={k: None if v == NULL else v for k, v in _plain(entry.get("inputs", {})).items()},
            expected=_plain(entry.get("expected", {})),
            errors=tuple(entry.get("errors", ())),
            warnings=tuple(entry.get("warnings", ())),
            no_warnings=tuple(entry.get("no_warnings", ())),
            silent=entry.get("silent", False),
            trace=tuple(entry.get("trace", ())),
            trace_clauses=tuple(entry.get("trace_clauses", ())),
            steps=tuple(entry.get("steps", ())),
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


#: How an example writes a JSON null (TOML has none).
NULL = "null"


def _by_id(items: list[Any]) -> dict[str, Any] | None:
    """A list of objects each with an ``id``, keyed by it (None for any other list)."""
    if all(isinstance(item, dict) and "id" in item for item in items):
        return {item["id"]: item for item in items}
    return None


def mismatches(expected: Any, actual: Any, path: str = "result") -> list[str]:
    """Where ``actual`` differs from ``expected`` (a dict is compared on the keys it gives)."""
    if expected == NULL:
        return [] if actual is None else [f"{path}: expected null, got {actual!r}"]
    if isinstance(expected, dict) and isinstance(actual, list) and (keyed := _by_id(actual)) is not None:
        actual = keyed
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {actual!r}"]
        problems = []
        for key, value in expected.items():
            name = key.removesuffix("_has")
            if key != name and name in actual and key not in actual:
                if value not in str(actual[name]):
                    problems.append(f"{path}.{name}: {actual[name]!r} lacks {value!r}")
            elif key in actual:
                problems += mismatches(value, actual[key], f"{path}.{key}")
            else:
                problems.append(f"{path}.{key}: missing")
        return problems
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        pairs = enumerate(zip(expected, actual, strict=True))
        return [problem for i, (e, a) in pairs for problem in mismatches(e, a, f"{path}[{i}]")]
    return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]


def check(example: Example, answer: dict[str, Any]) -> list[str]:
    """Every way ``answer`` (the output of ``calc.run``) fails the example; empty when it holds."""
    if example.errors:
        if answer.get("ok"):
            return [f"expected errors on {list(example.errors)}, got a result"]
        return [f"no error {e} (errors: {answer['errors']})" for e in example.errors if not _has_error(e, answer)]
    if not answer.get("ok"):
        return [f"expected a result, got errors {answer.get('errors')}"]
    problems = mismatches(example.expected, answer["result"])
    warnings, trace = answer["warnings"], answer["trace"]
    labels = [step["label"] for step in trace]
    problems += [f"no warning contains {w!r}: {warnings}" for w in example.warnings if not _within(w, warnings)]
    problems += [f"a warning contains {w!r}: {warnings}" for w in example.no_warnings if _within(w, warnings)]
    if example.silent and warnings:
        problems.append(f"expected no warning, got {warnings}")
    problems += [f"no trace step is labelled {t!r}: {labels}" for t in example.trace if not _within(t, labels)]
    if example.trace_clauses and (cited := {s["clause"] for s in trace}) != set(example.trace_clauses):
        problems.append(f"the steps cite {sorted(cited)}, expected {sorted(example.trace_clauses)}")
    for spec in example.steps:
        problems += _step_problems(spec, trace)
    return problems


def _has_error(expected: str | dict[str, str], answer: dict[str, Any]) -> bool:
    """True when some error names the field (and its message contains the text given)."""
    spec = {"field": expected} if isinstance(expected, str) else expected
    return any(
        e.get("field") == spec["field"] and spec.get("message", "") in e.get("message", "") for e in answer["errors"]
    )


def _within(parts: str | list[str], texts: list[str]) -> bool:
    """True when one of ``texts`` contains ``parts`` (every one of them, for a list)."""
    wanted = [parts] if isinstance(parts, str) else parts
    return any(all(part in text for part in wanted) for text in texts)


def _step_problems(spec: dict[str, Any], trace: list[dict[str, Any]]) -> list[str]:
    """How the trace step ``spec`` picks (by ``at``, ``label``, ``label_has``) differs from it."""
    if "at" in spec:
        at = spec["at"]
        step = trace[at] if -len(trace) <= at < len(trace) else None
    else:
        step = next(
            (
                s
                for s in trace
                if s["label"] == spec.get("label", s["label"]) and spec.get("label_has", "") in s["label"]
            ),
            None,
        )
    if step is None:
        return [f"no trace step {spec}: {[s['label'] for s in trace]}"]
    problems = []
    for key, want in spec.items():
        if key == "at":
            continue
        if key.endswith("_has"):
            name = key.removesuffix("_has")
            if want not in str(step.get(name, "")):
                problems.append(f"step {step['label']!r}: {name} {step.get(name)!r} lacks {want!r}")
        elif step.get(key) != want:
            problems.append(f"step {step['label']!r}: {key} is {step.get(key)!r}, expected {want!r}")
    return problems
