"""三（五）风险补偿 of the Sanming plan (附表1, for cooperating banks), worked by hand from the text.

三（二）: "发生风险时，合作银行机构承担逾期贷款本金50%的损失以及全部利息损失；风险分担资金池承担贷款本金50%的
补偿责任，以风险分担资金池全部金额为限。"
三（三）4: "逾期未报备的，视作不在风险分担资金池支持范围。"
三（五）2: "逾期超过1个月（含）未偿还贷款本金或超过2个月（含）未偿还贷款利息且合作银行机构已宣布贷款提前到期
及合作机构赔付达到补偿标准的，启动补偿程序，各方按约定承担补偿责任。"
"""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calc

ID = "sanming-ktd-compensation"

# A loan overdue long enough on both counts, acceleration declared, reported.
BASE = {
    "overdue_principal": "1000000",
    "overdue_interest": "30000",
    "principal_overdue_date": "2025-08-01",
    "interest_overdue_date": "2025-07-01",
    "application_date": "2025-10-15",
    "acceleration_declared": True,
}


def run(**changes: object) -> dict:
    inputs = {**BASE, **changes}
    out = calc.run(ID, {k: v for k, v in inputs.items() if v is not None})
    assert out["ok"], out
    return out


def result(**changes: object) -> dict:
    return run(**changes)["result"]


def test_worked_example_half_the_principal_from_the_pool() -> None:
    # Pool: 50 % × 1,000,000 = 500,000 (below the 3,000,000 pool).
    # Bank: 1,000,000 − 500,000 + all the interest 30,000 = 530,000.
    # Days: 2025-08-01 → 2025-10-15 = 31 (Aug) + 30 (Sep) + 14 = 75; 2025-07-01 → 2025-10-15 = 75 + 31 = 106.
    assert result() == {
        "triggered": True,
        "principal_overdue_days": 75,
        "interest_overdue_days": 106,
        "pool_compensation": "500000.00",
        "bank_loss": "530000.00",
    }


def test_one_calendar_month_of_principal_is_counted_to_the_day() -> None:
    # Principal overdue 2025-01-31; one calendar month later is 2025-02-28 (clamped), “（含）”.
    # No overdue interest, so only the principal can trigger.
    common = {"overdue_interest": "0", "interest_overdue_date": None, "principal_overdue_date": "2025-01-31"}
    before = result(**common, application_date="2025-02-27")
    assert (before["triggered"], before["principal_overdue_days"], before["pool_compensation"]) == (False, 27, "0.00")
    assert before["bank_loss"] == "1000000.00"  # nothing from the pool: the bank keeps the whole loss
    on = result(**common, application_date="2025-02-28")
    assert (on["triggered"], on["principal_overdue_days"], on["pool_compensation"]) == (True, 28, "500000.00")
    assert on["bank_loss"] == "500000.00"


def test_two_calendar_months_of_interest_are_counted_to_the_day() -> None:
    # Interest overdue 2024-12-31; two calendar months later is 2025-02-28 (clamped), “（含）”.
    # Principal overdue only since 2025-02-20 (under one month on both days).
    common = {"principal_overdue_date": "2025-02-20", "interest_overdue_date": "2024-12-31"}
    before = result(**common, application_date="2025-02-27")
    assert (before["triggered"], before["interest_overdue_days"]) == (False, 58)
    on = result(**common, application_date="2025-02-28")
    assert (on["triggered"], on["interest_overdue_days"]) == (True, 59)
    # Triggered by the interest, the pool still pays half the principal: 500,000; bank 530,000.
    assert (on["pool_compensation"], on["bank_loss"]) == ("500000.00", "530000.00")


def test_one_month_within_a_longer_month() -> None:
    # 2025-03-15 + 1 month = 2025-04-15: 2025-04-14 not yet (30 days), 2025-04-15 yes (31 days).
    common = {"overdue_interest": "0", "interest_overdue_date": None, "principal_overdue_date": "2025-03-15"}
    assert result(**common, application_date="2025-04-14")["triggered"] is False
    assert result(**common, application_date="2025-04-15")["triggered"] is True


def test_unreported_loan_is_outside_the_pool() -> None:
    out = run(reported=False)
    r = out["result"]
    # Nothing from the pool: the bank bears 1,000,000 + 30,000 = 1,030,000.
    assert (r["triggered"], r["pool_compensation"], r["bank_loss"]) == (False, "0.00", "1030000.00")
    decision = next(s for s in out["trace"] if s["label"] == "启动补偿程序")
    assert decision["clause"] == "sanming-ktd 三（三）4" and "按月报送备案" in decision["formula"]


def test_no_acceleration_no_compensation() -> None:
    r = result(acceleration_declared=False)
    assert (r["triggered"], r["pool_compensation"], r["bank_loss"]) == (False, "0.00", "1030000.00")


def test_acceleration_not_answered_is_unknown_and_estimated_as_if_met() -> None:
    out = run(acceleration_declared=None)
    r = out["result"]
    assert r["triggered"] is None
    assert (r["pool_compensation"], r["bank_loss"]) == ("500000.00", "530000.00")
    assert any("尚未确定" in w and "提前到期" in w for w in out["warnings"])


def test_without_dates_the_duration_is_unknown() -> None:
    r = result(principal_overdue_date=None, interest_overdue_date=None)
    assert (r["triggered"], r["principal_overdue_days"], r["interest_overdue_days"]) == (None, None, None)
    assert r["pool_compensation"] == "500000.00"


def test_one_leg_met_is_enough_even_if_the_other_is_unknown() -> None:
    r = result(interest_overdue_date=None)
    assert (r["triggered"], r["interest_overdue_days"]) == (True, None)


def test_failed_legs_and_an_unknown_one_stay_unknown() -> None:
    # Principal overdue 10 days (not enough), interest date unknown: it may still be 2 months.
    r = result(principal_overdue_date="2025-10-05", interest_overdue_date=None)
    assert r["triggered"] is None


def test_the_pool_pays_no_more_than_it_holds() -> None:
    # 50 % × 8,000,000 = 4,000,000 > 3,000,000 (三（五）6 “300 万元”): pool pays 3,000,000.
    # Bank: 8,000,000 − 3,000,000 + 30,000 = 5,030,000.
    out = run(overdue_principal="8000000")
    assert (out["result"]["pool_compensation"], out["result"]["bank_loss"]) == ("3000000.00", "5030000.00")
    assert any("资金池余额不足" in w for w in out["warnings"])
    # A pool already down to 200,000: pays 200,000; bank 1,000,000 − 200,000 + 30,000 = 830,000.
    r = result(pool_balance="200000")
    assert (r["pool_compensation"], r["bank_loss"]) == ("200000.00", "830000.00")


def test_exactly_the_pool_is_not_short() -> None:
    # 50 % × 6,000,000 = 3,000,000 = the pool.
    out = run(overdue_principal="6000000", pool_balance="3000000")
    assert out["result"]["pool_compensation"] == "3000000.00"
    assert not any("资金池余额不足" in w for w in out["warnings"])


def test_default_pool_is_said_to_be_assumed() -> None:
    assert any("未填写资金池余额" in w for w in run()["warnings"])
    assert not any("未填写资金池余额" in w for w in run(pool_balance="3000000")["warnings"])


def test_half_a_fen_rounds_up_and_the_parts_still_add_up() -> None:
    # 50 % × 0.01 = 0.005 → 0.01 paid by the pool (half-up); the bank: 0.01 − 0.01 + 0 = 0.00.
    r = result(overdue_principal="0.01", overdue_interest="0")
    assert (r["pool_compensation"], r["bank_loss"]) == ("0.01", "0.00")
    # 50 % × 1,000,000.03 = 500,000.015 → 500,000.02; bank 1,000,000.03 − 500,000.02 + 30,000 = 530,000.01.
    r = result(overdue_principal="1000000.03")
    assert (r["pool_compensation"], r["bank_loss"]) == ("500000.02", "530000.01")


def test_unmodelled_condition_and_review_are_stated() -> None:
    out = run()
    assert any("赔付达到补偿标准" in w for w in out["warnings"])
    review = out["trace"][-1]
    assert review["clause"] == "sanming-ktd 三（五）3" and "财政局" in review["formula"]


def test_amounts_come_from_steps_citing_their_clauses() -> None:
    out = run()
    by_label = {s["label"]: s for s in out["trace"]}
    assert by_label["申请补偿金额（风险分担资金池承担）"]["clause"] == "sanming-ktd 三（二）"
    assert by_label["申请补偿金额（风险分担资金池承担）"]["value"] == "500,000.00 元"
    assert by_label["合作银行承担的损失"]["clause"] == "sanming-ktd 三（二）"
    assert by_label["本金逾期天数"] == {
        "label": "本金逾期天数",
        "formula": "申请日期 2025-10-15 − 本金逾期日期 2025-08-01",
        "value": "75 天",
        "clause": "sanming-ktd 附表1",
    }
    assert by_label["本金逾期满1个月（含）"]["clause"] == "sanming-ktd 三（五）2"


def test_application_outside_the_validity_window_warns() -> None:
    def warned(day: str) -> bool:
        out = run(application_date=day, principal_overdue_date="2022-01-01", interest_overdue_date="2022-01-01")
        return any("不在政策执行期" in w for w in out["warnings"])

    assert warned("2022-07-08") and not warned("2022-07-09")
    assert not warned("2027-07-08") and warned("2027-07-09")


def test_overdue_date_after_the_application_is_an_error() -> None:
    out = calc.run(ID, {**BASE, "principal_overdue_date": "2025-10-16"})
    assert not out["ok"] and out["errors"][0]["field"] == "principal_overdue_date"
    assert out["errors"][0]["message"].startswith("本金逾期日期：")
    out = calc.run(ID, {**BASE, "interest_overdue_date": "2025-10-16"})
    assert not out["ok"] and out["errors"][0]["field"] == "interest_overdue_date"
    # The same day is allowed: 0 days overdue, not yet a month.
    r = result(principal_overdue_date="2025-10-15", interest_overdue_date="2025-10-15")
    assert (r["principal_overdue_days"], r["triggered"]) == (0, False)


def test_errors_name_the_field_in_chinese() -> None:
    out = calc.run(ID, {"overdue_principal": "-1", "overdue_interest": "x", "application_date": "2025-02-30"})
    assert not out["ok"]
    by_field = {e["field"]: e["message"] for e in out["errors"]}
    assert by_field["overdue_principal"].startswith("逾期本金：")
    assert by_field["overdue_interest"].startswith("逾期利息：")
    assert "没有这一天" in by_field["application_date"]
    out = calc.run(ID, {"overdue_principal": 1, "overdue_interest": 0})
    assert not out["ok"] and out["errors"][0]["field"] == "application_date"


money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
days_back = st.integers(min_value=0, max_value=400)
maybe_flag = st.sampled_from([True, False, None])


@settings(max_examples=300, deadline=None)
@given(
    principal=money,
    interest=money,
    pool=money,
    p_back=st.none() | days_back,
    i_back=st.none() | days_back,
    accel=maybe_flag,
    reported=st.booleans(),
)
def test_parts_add_up_and_the_pool_never_pays_more_than_its_share(
    principal: Decimal,
    interest: Decimal,
    pool: Decimal,
    p_back: int | None,
    i_back: int | None,
    accel: bool | None,
    reported: bool,
) -> None:
    application = date(2025, 10, 15)
    inputs = {
        "overdue_principal": str(principal),
        "overdue_interest": str(interest),
        "pool_balance": str(pool),
        "application_date": application.isoformat(),
        "acceleration_declared": accel,
        "reported": reported,
        "principal_overdue_date": (application - timedelta(days=p_back)).isoformat() if p_back is not None else None,
        "interest_overdue_date": (application - timedelta(days=i_back)).isoformat() if i_back is not None else None,
    }
    out = calc.run(ID, inputs)
    assert out["ok"], out
    r = out["result"]
    paid, bank = Decimal(r["pool_compensation"]), Decimal(r["bank_loss"])
    assert paid >= 0 and bank >= 0
    assert paid + bank == principal + interest
    assert paid <= pool
    assert paid <= principal / 2 + Decimal("0.005")
    assert bank >= interest
    if not reported or accel is False:
        assert r["triggered"] is False
    if r["triggered"] is False:
        assert paid == 0
    assert r["principal_overdue_days"] == p_back and r["interest_overdue_days"] == i_back


@settings(max_examples=100, deadline=None)
@given(a=money, b=money)
def test_more_principal_never_means_less_compensation(a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    assert Decimal(result(overdue_principal=str(low))["pool_compensation"]) <= Decimal(
        result(overdue_principal=str(high))["pool_compensation"]
    )
