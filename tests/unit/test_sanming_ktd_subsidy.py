"""四（二）贴息方案 of the Sanming plan: properties, and what depends on the shipped LPR series.

The worked examples are data: calc/policies/sanming_ktd/examples/subsidy.toml.

四（二）: "贴息比例不高于一年期贷款市场报价利率（以下简称一年期 LPR) 的 50%，实际利率低于一年期 LPR 的
按实际利率计算。每家贷款单位享受贴息总额累计不超过 15 万元。在同一笔贷款项目中，贷款单位从其他途径
获得财政贴息资金的，不再享受本方案规定的资金扶持政策。"
"""

from datetime import timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calc
from calc import lpr

ID = "sanming-ktd-subsidy"


def result(**inputs: object) -> dict:
    out = calc.run(ID, inputs)
    assert out["ok"], out
    return out["result"]


def test_missing_lpr_and_date_uses_the_latest_fixing_and_says_so() -> None:
    # No rate and no date: the latest 1-year fixing of the shipped series (3.00 % today);
    # subsidy = 60,000 × 50 % × min(3 %, LPR) ÷ 3 %. Written against the series so that a new
    # fixing cannot break it.
    latest = lpr.last_fixing().lpr_1y
    expected = (Decimal(60_000) * Decimal("0.5") * min(Decimal(3), latest) / 3).quantize(Decimal("0.01"))
    out = calc.run(ID, {"loan_amount": 2_000_000, "actual_rate": 3, "interest_paid": 60_000})
    assert out["ok"] and out["result"]["subsidy"] == str(expected)
    assert any("最近一期报价" in w for w in out["warnings"])


def test_date_after_the_known_series_warns() -> None:
    # A loan date after the last day the shipped series is certainly current (2026-06-01 when
    # the series ended with the 2026-02-24 fixing; a day after lpr.known_until() in general).
    day = (lpr.known_until() + timedelta(days=1)).isoformat()
    out = calc.run(ID, {"loan_amount": 1_000_000, "actual_rate": 3, "interest_paid": 30_000, "loan_date": day})
    assert out["ok"] and any("LPR 数据确认有效的最后一天" in w for w in out["warnings"])


money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
positive_rate = st.decimals(min_value="0.01", max_value=30, places=4, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(interest=money, actual=positive_rate, lpr_1y=positive_rate, prior=money, other=st.booleans())
def test_subsidy_never_exceeds_cap_interest_or_half_the_interest(
    interest: Decimal, actual: Decimal, lpr_1y: Decimal, prior: Decimal, other: bool
) -> None:
    r = result(
        loan_amount=1_000_000,
        actual_rate=str(actual),
        interest_paid=str(interest),
        lpr_1y=str(lpr_1y),
        prior_subsidy=str(prior),
        other_fiscal_subsidy=other,
    )
    subsidy = Decimal(r["subsidy"])
    assert subsidy >= 0
    assert subsidy <= max(Decimal(0), Decimal(150_000) - prior)
    assert subsidy <= Decimal(r["subsidy_before_cap"]) <= Decimal(r["interest_paid"]) / 2 + Decimal("0.005")
    assert Decimal(r["subsidy_rate"]) <= Decimal("0.5") * lpr_1y
    if other:
        assert subsidy == 0


@settings(max_examples=100, deadline=None)
@given(a=money, b=money, actual=positive_rate, lpr_1y=positive_rate)
def test_more_interest_never_means_less_subsidy(a: Decimal, b: Decimal, actual: Decimal, lpr_1y: Decimal) -> None:
    low, high = sorted((a, b))
    common = {"loan_amount": 1_000_000, "actual_rate": str(actual), "lpr_1y": str(lpr_1y)}
    assert Decimal(result(**common, interest_paid=str(low))["subsidy"]) <= Decimal(
        result(**common, interest_paid=str(high))["subsidy"]
    )
