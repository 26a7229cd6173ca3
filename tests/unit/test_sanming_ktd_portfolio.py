"""一 投放规模 and 三（四）4 风险警戒线 of the Sanming plan, worked by hand from the text.

一: "合作银行机构依据风险可控、商业可持续的原则，优先安排信贷额度，按照约定的风险分担资金池 10~15 倍比例
进行信贷投放"。
三（四）4: "设置风险警戒线，对单个合作机构在合计贷款逾期率超过5%时，该合作机构应暂停新增业务办理（即暂停
客户新增贷款发放）……（逾期率是指某一时点“科特贷”本金或利息逾期对应的贷款余额占总的贷款余额的比重）"
"""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calc

ID = "sanming-ktd-portfolio"


def run(**inputs: object) -> dict:
    out = calc.run(ID, inputs)
    assert out["ok"], out
    return out


def result(**inputs: object) -> dict:
    return run(**inputs)["result"]


def test_worked_example_below_the_line() -> None:
    # Overdue rate = 1,500,000 / 40,000,000 × 100 = 3.75 % ≤ 5 %: lending continues.
    # Pool 3,000,000 (三（五）6 “300 万元”) × 10 = 30,000,000; × 15 = 45,000,000.
    assert result(total_balance="40000000", overdue_balance="1500000") == {
        "overdue_rate": "3.75",
        "suspended": False,
        "lending_min": "30000000.00",
        "lending_max": "45000000.00",
    }


def test_exactly_five_percent_is_not_above_the_line() -> None:
    # 2,000,000 / 40,000,000 = 5 % exactly: “超过5%” is strict, so not suspended.
    r = result(total_balance=40_000_000, overdue_balance=2_000_000)
    assert (r["overdue_rate"], r["suspended"]) == ("5.00", False)


def test_one_yuan_above_five_percent_suspends() -> None:
    # 2,000,001 / 40,000,000 × 100 = 5.0000025 % > 5 %.
    out = run(total_balance=40_000_000, overdue_balance=2_000_001)
    assert out["result"]["overdue_rate"] == "5.0000025"
    assert out["result"]["suspended"] is True
    assert any("暂停新增业务" in w and "跨部门工作小组" in w for w in out["warnings"])


def test_everything_overdue_is_one_hundred_percent() -> None:
    r = result(total_balance=1_000_000, overdue_balance=1_000_000)
    assert (r["overdue_rate"], r["suspended"]) == ("100.00", True)


def test_nothing_overdue() -> None:
    r = result(total_balance=1_000_000, overdue_balance=0)
    assert (r["overdue_rate"], r["suspended"]) == ("0.00", False)


def test_lending_scale_follows_the_pool() -> None:
    # Pool 5,000,000: 10 × = 50,000,000; 15 × = 75,000,000.
    r = result(total_balance=1, overdue_balance=0, pool_size=5_000_000)
    assert (r["lending_min"], r["lending_max"]) == ("50000000.00", "75000000.00")


def test_steps_cite_their_clauses_in_the_policy_order() -> None:
    out = run(total_balance=40_000_000, overdue_balance=1_500_000)
    assert [s["clause"] for s in out["trace"]] == [
        "sanming-ktd 一",
        "sanming-ktd 一",
        "sanming-ktd 三（四）4",
        "sanming-ktd 三（四）4",
    ]
    assert out["trace"][2]["value"] == "3.75%"


def test_overdue_above_total_is_an_error() -> None:
    out = calc.run(ID, {"total_balance": 1_000_000, "overdue_balance": "1000000.01"})
    assert not out["ok"] and out["errors"][0]["field"] == "overdue_balance"
    assert out["errors"][0]["message"].startswith("逾期贷款余额：")


def test_zero_total_is_an_error() -> None:
    out = calc.run(ID, {"total_balance": 0, "overdue_balance": 0})
    assert not out["ok"] and out["errors"][0]["field"] == "total_balance"


def test_required_and_unknown_fields() -> None:
    out = calc.run(ID, {"overdue_balance": 1, "typo": 1})
    fields = {e["field"] for e in out["errors"]}
    assert not out["ok"] and {"total_balance", "typo"} <= fields


money = st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(a=money, b=money, pool=money)
def test_rate_is_a_share_and_the_line_is_strict(a: Decimal, b: Decimal, pool: Decimal) -> None:
    overdue, total = sorted((a, b))
    if total == 0:
        return
    r = result(total_balance=str(total), overdue_balance=str(overdue), pool_size=str(pool))
    rate = Decimal(r["overdue_rate"])
    assert 0 <= rate <= 100
    assert r["suspended"] is (overdue * 100 > total * 5)
    low, high = Decimal(r["lending_min"]), Decimal(r["lending_max"])
    assert low == pool * 10 and high == pool * 15
    assert 0 <= low <= high


@settings(max_examples=100, deadline=None)
@given(a=money, b=money, total=money)
def test_more_overdue_never_lowers_the_rate(a: Decimal, b: Decimal, total: Decimal) -> None:
    low, high = sorted((a, b))
    if high > total or total == 0:
        return
    first = result(total_balance=str(total), overdue_balance=str(low))
    second = result(total_balance=str(total), overdue_balance=str(high))
    assert Decimal(first["overdue_rate"]) <= Decimal(second["overdue_rate"])
    assert first["suspended"] <= second["suspended"]
