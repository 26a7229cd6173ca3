"""一 投放规模 and 三（四）4 风险警戒线 of the Sanming plan, property tests.

The worked examples are data: calc/policies/sanming_ktd/examples/portfolio.toml.

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


def result(**inputs: object) -> dict:
    out = calc.run(ID, inputs)
    assert out["ok"], out
    return out["result"]


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
