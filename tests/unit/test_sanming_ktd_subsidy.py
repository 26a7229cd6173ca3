"""四（二）贴息方案 of the Sanming plan, worked by hand from the text.

四（二）: "贴息比例不高于一年期贷款市场报价利率（以下简称一年期 LPR) 的 50%，实际利率低于一年期 LPR 的
按实际利率计算。每家贷款单位享受贴息总额累计不超过 15 万元。在同一笔贷款项目中，贷款单位从其他途径
获得财政贴息资金的，不再享受本方案规定的资金扶持政策。"
"""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calc

ID = "sanming-ktd-subsidy"


def result(**inputs: object) -> dict:
    out = calc.run(ID, inputs)
    assert out["ok"], out
    return out["result"]


def test_actual_rate_below_lpr_subsidises_half_the_actual_rate() -> None:
    # 3.00 % < LPR 3.45 %: subsidy rate = 50 % × 3.00 % = 1.50 %.
    # Before cap = 60,000 × 1.50 % / 3.00 % = 30,000.
    # 附表2 "按一年期LPR的50%计算利息总额" = 60,000 × 50 % × 3.45 % / 3.00 % = 34,500.
    r = result(loan_amount=2_000_000, actual_rate=3, interest_paid=60_000, lpr_1y="3.45")
    assert r == {
        "subsidy_rate": "1.50",
        "interest_paid": "60000.00",
        "interest_at_half_lpr": "34500.00",
        "subsidy_before_cap": "30000.00",
        "subsidy": "30000.00",
        "capped": False,
    }


def test_actual_rate_above_lpr_subsidises_half_the_lpr() -> None:
    # 4.20 % > LPR 3.45 %: subsidy rate = 50 % × 3.45 % = 1.725 % (not rounded: the contract
    # keeps rates exact). Before cap = 42,000 × 1.725 / 4.2 = 17,250 = the half-LPR interest.
    r = result(loan_amount=1_000_000, actual_rate="4.2", interest_paid=42_000, lpr_1y="3.45")
    assert r["subsidy_rate"] == "1.725"
    assert r["subsidy_before_cap"] == r["interest_at_half_lpr"] == r["subsidy"] == "17250.00"


def test_interest_from_dates_counts_actual_days_over_360() -> None:
    # 1,000,000 at 3.6 % from 2024-01-01 (included) to 2024-12-31 (excluded): 365 days.
    # Interest = 1,000,000 × 3.6 % × 365 / 360 = 36,500.00.
    # LPR on 2024-01-01: the 2023-12-20 fixing, 3.45 %. Subsidy rate = 1.725 %.
    # Subsidy = 36,500 × 1.725 / 3.6 = 17,489.583… → 17,489.58.
    out = calc.run(
        ID, {"loan_amount": "1000000", "actual_rate": "3.6", "loan_date": "2024-01-01", "repaid_date": "2024-12-31"}
    )
    assert out["ok"]
    assert out["result"]["interest_paid"] == "36500.00"
    assert out["result"]["subsidy_rate"] == "1.725"
    assert out["result"]["subsidy"] == "17489.58"
    lpr_step = next(s for s in out["trace"] if s["label"] == "一年期LPR")
    assert lpr_step["value"] == "3.45%" and "2023-12-20" in lpr_step["formula"]


def test_amounts_round_half_up_only_at_the_end() -> None:
    # 1.01 × (50 % × 2 %) / 2 % = 0.505 → 0.51 (half-up), never 0.50.
    assert result(loan_amount=100, actual_rate=2, interest_paid="1.01", lpr_1y=3)["subsidy"] == "0.51"


def test_cumulative_cap_limits_the_subsidy() -> None:
    # 150,000 − 140,000 already received = 10,000 left < 30,000 before the cap.
    r = result(loan_amount=2_000_000, actual_rate=3, interest_paid=60_000, lpr_1y=3, prior_subsidy=140_000)
    assert (r["subsidy_before_cap"], r["subsidy"], r["capped"]) == ("30000.00", "10000.00", True)


def test_cap_reached_exactly_is_not_capped() -> None:
    # 150,000 − 120,000 = 30,000 left = exactly the subsidy before the cap.
    r = result(loan_amount=2_000_000, actual_rate=3, interest_paid=60_000, lpr_1y=3, prior_subsidy=120_000)
    assert (r["subsidy"], r["capped"]) == ("30000.00", False)


def test_cap_exhausted_gives_nothing() -> None:
    r = result(loan_amount=2_000_000, actual_rate=3, interest_paid=60_000, lpr_1y=3, prior_subsidy=200_000)
    assert (r["subsidy"], r["capped"]) == ("0.00", True)


def test_other_fiscal_subsidy_excludes_this_plan() -> None:
    r = result(loan_amount=2_000_000, actual_rate=3, interest_paid=60_000, lpr_1y=3, other_fiscal_subsidy=True)
    assert r["subsidy"] == "0.00" and r["subsidy_before_cap"] == "30000.00"


def test_every_amount_comes_from_a_step_citing_its_clause() -> None:
    out = calc.run(ID, {"loan_amount": 2_000_000, "actual_rate": 3, "interest_paid": 60_000, "lpr_1y": 3})
    clauses = {s["clause"] for s in out["trace"]}
    assert clauses <= {"sanming-ktd 四（二）", "sanming-ktd 附表2"}
    final = out["trace"][-1]
    assert final["label"] == "申请贴息额度" and final["value"] == "30,000.00 元"


def test_loan_date_outside_both_validity_windows_warns() -> None:
    def warned(day: str) -> bool:
        out = calc.run(ID, {"loan_amount": 1, "actual_rate": 3, "interest_paid": 1, "lpr_1y": 3, "loan_date": day})
        return any("不在政策执行期" in w for w in out["warnings"])

    # Windows: 2022-07-09 … 2025-07-08 (trial), 2025-07-09 … 2027-07-08 (continuation).
    assert warned("2022-07-08")
    assert not warned("2022-07-09")
    assert not warned("2025-07-08") and not warned("2025-07-09")
    assert not warned("2027-07-08")
    assert warned("2027-07-09")


def test_missing_lpr_and_date_uses_the_latest_fixing_and_says_so() -> None:
    out = calc.run(ID, {"loan_amount": 2_000_000, "actual_rate": 3, "interest_paid": 60_000})
    assert out["ok"] and out["result"]["subsidy"] == "30000.00"  # latest 1-year LPR is 3.00 %
    assert any("最近一期报价" in w for w in out["warnings"])


def test_date_after_the_known_series_warns() -> None:
    out = calc.run(ID, {"loan_amount": 1_000_000, "actual_rate": 3, "interest_paid": 30_000, "loan_date": "2026-06-01"})
    assert out["ok"] and any("LPR 数据确认有效的最后一天" in w for w in out["warnings"])


def test_date_before_the_first_fixing_is_an_error_on_that_field() -> None:
    out = calc.run(ID, {"loan_amount": 1_000_000, "actual_rate": 3, "interest_paid": 30_000, "loan_date": "2019-08-19"})
    assert not out["ok"] and out["errors"][0]["field"] == "loan_date"


def test_errors_name_the_field_in_chinese() -> None:
    out = calc.run(ID, {"loan_amount": "abc", "actual_rate": 0, "loan_date": "2025-02-30", "typo": 1})
    assert not out["ok"]
    by_field = {e["field"]: e["message"] for e in out["errors"]}
    assert by_field["loan_amount"].startswith("本次申请贴息的贷款金额：")
    assert by_field["actual_rate"].startswith("贷款实际利率：")
    assert "没有这一天" in by_field["loan_date"]
    assert "typo" in by_field


def test_interest_or_dates_are_required() -> None:
    out = calc.run(ID, {"loan_amount": 1_000_000, "actual_rate": 3})
    assert not out["ok"] and out["errors"][0]["field"] == "interest_paid"
    out = calc.run(ID, {"loan_amount": 1, "actual_rate": 3, "loan_date": "2024-05-01", "repaid_date": "2024-05-01"})
    assert not out["ok"] and out["errors"][0]["field"] == "repaid_date"


def test_money_with_fractions_of_a_fen_is_refused() -> None:
    out = calc.run(ID, {"loan_amount": "100.001", "actual_rate": 3, "interest_paid": 1})
    assert not out["ok"] and out["errors"][0]["field"] == "loan_amount"


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
