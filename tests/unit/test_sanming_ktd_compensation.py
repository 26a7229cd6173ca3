"""三（五）风险补偿 of the Sanming plan (附表1, for cooperating banks), property tests.

The worked examples are data: calc/policies/sanming_ktd/examples/compensation.toml.

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
