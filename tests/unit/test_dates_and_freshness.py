"""Dates outside a policy's validity window, and dates after the shipped LPR series, warn.

The contract (Conventions): warnings cover "outside the validity window"; an LPR looked up for a
date after the last known value is "a clear error or warning, never a silent guess".
"""

from datetime import date, timedelta

import pytest

import calc
from calc import lpr, policies
from calc.dates import add_months
from calc.numbers import rate_text

BY_ID = {e.id: e for e in calc.estimators()}


def date_fields(estimator_id: str) -> list[str]:
    return [n for n, p in calc.schema(estimator_id)["properties"].items() if p.get("x-kind") == "date"]


def lpr_fields(estimator_id: str) -> list[str]:
    return [n for n, p in calc.schema(estimator_id)["properties"].items() if p.get("x-lpr")]


DATED = [i for i in BY_ID if date_fields(i)]
DATE_NAMES = {f for i in DATED for f in date_fields(i)}
LOOKS_UP_LPR = [i for i in BY_ID if lpr_fields(i)]


def test_which_estimators_take_a_date() -> None:
    # The five other Liaocheng estimators, the guarantee plan and the CBIRC tolerance have no
    # date input in the contract, so they cannot check a validity window (a known gap).
    assert set(DATED) >= {
        "sanming-ktd-eligibility",
        "sanming-ktd-subsidy",
        "sanming-ktd-compensation",
        "liaocheng-patent-pledge",
    }
    assert set(LOOKS_UP_LPR) >= {"sanming-ktd-eligibility", "sanming-ktd-subsidy", "liaocheng-patent-pledge"}


def shifted(inputs: dict, years: int) -> dict:
    """The inputs with every date moved by whole years (their order and gaps kept)."""

    def move(day: str) -> str:
        return add_months(date.fromisoformat(day), 12 * years).isoformat()

    return {k: move(v) if k in DATE_NAMES else v for k, v in inputs.items()}


def window_warnings(out: dict) -> list[str]:
    assert out["ok"], out
    return [w for w in out["warnings"] if "政策执行期" in w]


@pytest.mark.parametrize("estimator_id", DATED)
def test_dates_before_or_after_every_window_warn(estimator_id: str) -> None:
    est = BY_ID[estimator_id]
    policy = policies.get(est.policy)
    assert window_warnings(calc.run(estimator_id, est.example)) == []  # the example is in force
    days = [date.fromisoformat(est.example[f]) for f in date_fields(estimator_id) if f in est.example]
    first, last = policy.windows[0], policy.windows[-1]
    moves = [first.start.year - max(days).year - 1]  # every date before the first window
    if last.end:
        moves.append(last.end.year - min(days).year + 1)  # every date after the last window
    for years in moves:
        warned = window_warnings(calc.run(estimator_id, shifted(est.example, years)))
        assert len(warned) == 1 and "不在政策执行期" in warned[0], years
        assert all(w.span in warned[0] for w in policy.windows)  # it names the windows, from the data


OPTIONAL_DATES = [i for i in DATED if not set(date_fields(i)) & set(calc.schema(i).get("required", []))]
#: The example without its dates, where dropping them is not enough (what the dates stood for).
WITHOUT_DATES = {"sanming-ktd-subsidy": {"loan_amount": "2000000", "actual_rate": "3.45", "interest_paid": "69000"}}


def without_dates(estimator_id: str) -> dict:
    example = BY_ID[estimator_id].example
    return WITHOUT_DATES.get(estimator_id, {k: v for k, v in example.items() if k not in DATE_NAMES})


def test_the_estimators_with_an_optional_date_are_covered() -> None:
    assert set(OPTIONAL_DATES) >= {"sanming-ktd-eligibility", "sanming-ktd-subsidy"} | set(WITHOUT_DATES)


@pytest.mark.parametrize("estimator_id", OPTIONAL_DATES)
def test_a_missing_date_says_the_window_could_not_be_checked(estimator_id: str) -> None:
    [warning] = window_warnings(calc.run(estimator_id, without_dates(estimator_id)))
    assert warning.startswith("未填写") and "无法核对是否在政策执行期" in warning


# Inputs of each estimator that looks up the LPR, on a lookup date D (the LPR left blank).
LPR_CASES = {
    "sanming-ktd-subsidy": (
        "loan_date",
        lambda d: {"loan_amount": "1000000", "actual_rate": "3.6", "interest_paid": "30000", "loan_date": d},
    ),
    "sanming-ktd-eligibility": (
        "application_date",
        lambda d: {
            "located_in_sanming": True,
            "entity_type": "enterprise",
            "commissioner_service": "municipal",
            "financing_cost_rate": "2.9",
            "term_months": "12",
            "application_date": d,
        },
    ),
    "liaocheng-patent-pledge": (
        "loan_date",
        lambda d: {
            "loan_amount": "1000000",
            "loan_date": d,
            "repaid_date": (date.fromisoformat(d) + timedelta(days=365)).isoformat(),
            "repaid_on_time": True,
            "pledge_registered": True,
            "tech_sme": True,
        },
    ),
}


def stale_warnings(out: dict) -> list[str]:
    assert out["ok"], out
    return [w for w in out["warnings"] if "LPR 数据确认有效的最后一天" in w]


def test_every_estimator_that_looks_up_the_lpr_is_covered() -> None:
    assert set(LPR_CASES) == set(LOOKS_UP_LPR)


@pytest.mark.parametrize("estimator_id", sorted(LPR_CASES))
def test_a_date_after_the_series_warns_and_names_the_fixing_used(estimator_id: str) -> None:
    _, inputs = LPR_CASES[estimator_id]
    until, last = lpr.known_until(), lpr.last_fixing()
    # On the last day the series is certainly current (the next fixing cannot come earlier): no warning.
    assert stale_warnings(calc.run(estimator_id, inputs(until.isoformat()))) == []
    late = until + timedelta(days=1)
    out = calc.run(estimator_id, inputs(late.isoformat()))
    [warning] = stale_warnings(out)
    assert str(late) in warning and str(until) in warning and str(last.date) in warning
    assert rate_text(last.lpr_1y) in warning  # the value used is said, not silently assumed
    # A typed LPR needs no lookup, so a late date is fine.
    typed = calc.run(estimator_id, {**inputs(late.isoformat()), lpr_fields(estimator_id)[0]: "3.1"})
    assert stale_warnings(typed) == []


@pytest.mark.parametrize("estimator_id", sorted(LPR_CASES))
def test_a_date_before_the_first_fixing_is_an_error_on_that_date(estimator_id: str) -> None:
    field, inputs = LPR_CASES[estimator_id]
    out = calc.run(estimator_id, inputs((lpr.series()[0].date - timedelta(days=1)).isoformat()))
    assert not out["ok"] and [e["field"] for e in out["errors"]] == [field]


@pytest.mark.parametrize("estimator_id", sorted(BY_ID))
def test_only_the_marked_estimators_look_up_the_lpr(estimator_id: str) -> None:
    # The pages say how far the LPR data runs on the calculators marked x-lpr; the examples
    # leave the LPR blank, so exactly those show a looked-up fixing ("… 公布）") in the trace.
    out = calc.run(estimator_id, BY_ID[estimator_id].example)
    looked_up = any("公布）" in step["formula"] for step in out["trace"])
    assert looked_up == (estimator_id in LOOKS_UP_LPR)
