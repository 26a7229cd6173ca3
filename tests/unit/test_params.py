"""Parameters as data: each dated value states its number as the clause writes it, and covers its policy.

Every value of every parameter (``calc/policies/<policy>/params.toml``) carries the clause that
states it and the words it is written in (``text = "15 万元"``). These tests check that

- the words state the value, in the parameter's unit (``15 万元`` is 150,000 元, not 15,000);
- the words are found in the cited clause of the published page (CPython only: it reads the pages);
- the clause is the one the parameter is named after (``s4_2.cumulative_cap`` → 四（二）);
- the parameter has exactly one value on every day its policy is in force, none before its first
  value, none once ended.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from decimal import Decimal

import pytest

from calc import params, policies
from calc.clauses import anchor, cn_int
from tests.policy_text import normalize

ALL = [p for pid in policies.ids() for p in params.parameters(pid).values()]
VALUES = [(p, v) for p in ALL for v in p.values]

# --- what a quoted text states -------------------------------------------------------------------

_NUMBER = r"(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)"
_STATED = re.compile(rf"{_NUMBER}(?:\s*[~～至]\s*{_NUMBER})?\s*(万|亿)?\s*(元|%|个百分点|个月|月|年|倍)")
_MULTIPLIER = {None: Decimal(1), "万": Decimal(10_000), "亿": Decimal(100_000_000)}
_UNIT = {"个月": "月"}  # 1个月 and 1月 are both months


def _number(written: str) -> Decimal:
    if written[0].isdigit():
        return Decimal(written)
    return Decimal(cn_int(written.replace("两", "二")))


def stated(text: str) -> list[tuple[Decimal, str]]:
    """Every (number, unit) a quoted text states: ``"15 万元"`` → ``[(150000, "元")]``.

    Full-width characters are read as ASCII (``１％`` is 1 %); a multiplier (万, 亿) applies to the
    money that follows; a range (``10~15 倍``) states both ends in the unit written after it;
    Chinese numerals (``三年``) are read; ``%/年`` is a percentage.
    """
    found = []
    for match in _STATED.finditer(unicodedata.normalize("NFKC", text)):
        low, high, multiplier, unit = match.groups()
        if multiplier and unit != "元":
            continue  # 万倍 or 万% is no way of writing any parameter
        for written in (low, high):
            if written:
                found.append((_number(written) * _MULTIPLIER[multiplier], _UNIT.get(unit, unit)))
    return found


def states(text: str, amount: Decimal, unit: str) -> bool:
    """True when the text states ``amount`` in ``unit``."""
    return (amount, _UNIT.get(unit, unit)) in stated(text)


def test_the_reader_of_quoted_texts() -> None:
    assert stated("15 万元") == [(150_000, "元")]
    assert states("15 万元", Decimal(150_000), "元")
    assert not states("15 万元", Decimal(15_000), "元")  # a value written 10 times too small
    assert not states("15 万元", Decimal(15), "元")
    assert not states("15 万元", Decimal(150_000), "%")  # the right number in the wrong unit
    assert states("10~15 倍", Decimal(10), "倍") and states("10~15 倍", Decimal(15), "倍")
    assert not states("10~15 倍", Decimal(12), "倍")
    assert states("１％", Decimal(1), "%") and states("0.5%/年", Decimal("0.5"), "%")
    assert states("最高45%", Decimal(45), "%") and states("100万元（含）", Decimal(1_000_000), "元")
    assert states("3个百分点", Decimal(3), "个百分点") and not states("3个百分点", Decimal(3), "%")
    assert states("三年", Decimal(3), "年") and states("1个月", Decimal(1), "月")
    assert states("十二个月", Decimal(12), "月") and states("1.5亿元", Decimal(150_000_000), "元")
    assert stated("贷款") == []


@pytest.mark.parametrize(
    ("param", "value"),
    [(p, v) for p, v in VALUES if v.amount is not None],
    ids=lambda x: f"{x.policy}:{x.name}" if isinstance(x, params.Parameter) else str(x.start),
)
def test_quoted_text_states_the_value(param: params.Parameter, value: params.Value) -> None:
    assert value.amount is not None
    assert states(value.text, value.amount, param.unit), (
        f"{param.name}: “{value.text}” states {stated(value.text)}, not {value.amount} {param.unit}"
    )


# --- named after its clause ----------------------------------------------------------------------


@pytest.mark.parametrize("param", ALL, ids=lambda p: f"{p.policy}:{p.name}")
def test_parameter_is_named_after_the_clause_of_each_value(param: params.Parameter) -> None:
    # s4_2.cumulative_cap lives in clause 四（二）, whose anchor is s4-2; every dated value of it
    # is stated there (a value moved to another clause would be another parameter).
    section = param.name.split(".")[0].replace("_", "-")
    assert param.description and param.unit and param.values
    for value in param.values:
        assert anchor(value.clause) == section, f"{param.name}: {value.start} cites {value.clause}"
        assert value.text, f"{param.name}: {value.start} quotes nothing"


# --- dates ---------------------------------------------------------------------------------------

HORIZON = timedelta(days=3653)  # how far an open-ended window is followed past the last date known


def days_to_check(param: params.Parameter, window: policies.Window) -> list[date]:
    """The days of ``window`` on which ``param``'s value can change, and their neighbours.

    A parameter's value is constant between two consecutive value starts, so a window has a value
    on every day exactly when it has one on its first day and on every value start inside it:
    checking these (and the day on either side of each boundary) is exhaustive.
    """
    last = max([window.start, *(v.start for v in param.values)])
    end = window.end or last + HORIZON
    boundaries = {window.start, end} | {v.start for v in param.values}
    days = {b + timedelta(days=d) for b in boundaries for d in (-1, 0, 1)}
    return sorted(d for d in days if window.start <= d <= end)


@pytest.mark.parametrize("param", ALL, ids=lambda p: f"{p.policy}:{p.name}")
def test_parameter_has_exactly_one_value_on_every_day_of_its_policy(param: params.Parameter) -> None:
    starts = [v.start for v in param.values]
    assert starts == sorted(set(starts)), f"{param.name}: two values start on the same day"
    windows = policies.get(param.policy).windows
    assert windows, f"{param.policy} has no validity window"
    for window in windows:
        for day in days_to_check(param, window):
            in_force = [v for v in param.values if v.start <= day][-1:]
            assert in_force and in_force[0].amount is not None, f"{param.name}: no value on {day}"
            assert param.at(day) == in_force[0].amount


@pytest.mark.parametrize("param", ALL, ids=lambda p: f"{p.policy}:{p.name}")
def test_no_value_before_the_first(param: params.Parameter) -> None:
    with pytest.raises(params.NoValue):
        param.at(param.values[0].start - timedelta(days=1))
    assert param.at(param.values[0].start) == param.values[0].amount


def test_an_ended_parameter_has_no_value_from_its_end_on() -> None:
    values = (
        params.Value(date(2024, 1, 1), Decimal(5), "一", "5%"),
        params.Value(date(2025, 1, 1), None, "一", "废止"),
        params.Value(date(2026, 1, 1), Decimal(6), "一", "6%"),
    )
    param = params.Parameter("p", "s1.rate", "一个比例。", "%", values)
    assert param.at(date(2024, 1, 1)) == 5 and param.at(date(2024, 12, 31)) == 5
    for day in (date(2025, 1, 1), date(2025, 12, 31)):
        with pytest.raises(params.NoValue):
            param.at(day)
    assert param.at(date(2026, 1, 1)) == 6 and param.value == 6
    ended = params.Parameter("p", "s1.rate", "一个比例。", "%", values[:2])
    with pytest.raises(params.NoValue):
        ended.at(date(2030, 1, 1))
    assert ended.latest == values[0]  # the last value stated before it ended


def test_a_dated_value_is_a_value_or_an_end() -> None:
    entry = {"from": date(2025, 1, 1), "clause": "一", "text": "废止"}
    assert params._value({**entry, "ended": True}).amount is None
    assert params._value({**entry, "value": 5}).amount == 5
    for wrong in (entry, {**entry, "value": 5, "ended": True}):
        with pytest.raises(ValueError, match="either value or ended"):
            params._value(wrong)


def test_policy_status_on_dates() -> None:
    sanming = policies.get("sanming-ktd")
    assert sanming.status(date(2022, 7, 8)) == "尚未生效"
    assert sanming.status(date(2025, 7, 8)) == "有效"  # last day of the trial window
    assert sanming.status(date(2025, 7, 9)) == "有效"  # first day of the continuation
    assert sanming.status(date(2027, 7, 9)) == "已失效"
    assert policies.get("liaocheng-2024").status(date(2028, 12, 31)) == "有效"
    assert policies.get("liaocheng-2024").status(date(2029, 1, 1)) == "已失效"
    cbirc = policies.get("cbirc-2021")  # no end date: in force, and said so in words people use
    assert cbirc.status(date(2026, 11, 22)) == "有效"
    assert cbirc.status_text(date(2026, 11, 22)) == "现行有效（未规定截止日期）"
    assert cbirc.status(date(2021, 11, 25)) == cbirc.status_text(date(2021, 11, 25)) == "尚未生效"
    assert sanming.status_text(date(2026, 11, 22)) == "有效"  # an end date: the plain word


# --- the published text --------------------------------------------------------------------------


@pytest.mark.cpython_only  # reads the page sources with the build tools
@pytest.mark.parametrize(
    ("param", "value"),
    VALUES,
    ids=lambda x: f"{x.policy}:{x.name}" if isinstance(x, params.Parameter) else str(x.start),
)
def test_quoted_text_is_written_in_its_clause(param: params.Parameter, value: params.Value) -> None:
    """Each dated value's words are found, as quoted, in the clause it cites on the published page."""
    from build_scripts.policy_pages import clause_texts

    clause = normalize(clause_texts(param.policy)[anchor(value.clause)])
    assert normalize(value.text) in clause, f"{param.name}: “{value.text}” is not in {value.clause}"


@pytest.mark.cpython_only
@pytest.mark.parametrize("policy_id", policies.ids())
def test_validity_text_is_in_its_clause(policy_id: str) -> None:
    from build_scripts.policy_pages import clause_texts

    texts = clause_texts(policy_id)
    for window in policies.get(policy_id).windows:
        assert normalize(window.text) in normalize(texts[anchor(window.clause)])
