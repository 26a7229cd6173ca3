"""一（二）“鲁科担”保费补贴 of the Liaocheng measures, property tests.

The worked examples are data: calc/policies/liaocheng_2024/examples/guarantee_fee.toml.

一（二）: "对以知识产权、许可权等无形资产作为反担保措施或无反担保要求且实际收取企业担保费率不超过0.5%/年
的“鲁科担”业务，市财政给予备案“鲁科担”业务的科技型企业不高于担保金额0.2%的市级保费补贴"
"""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calc

ID = "liaocheng-guarantee-fee"


def run(**inputs: object) -> dict:
    return calc.run(ID, inputs)


def result(**inputs: object) -> dict:
    out = run(**inputs)
    assert out["ok"], out
    return out["result"]


amounts = st.decimals(min_value="0.01", max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
fee_rates = st.decimals(min_value=0, max_value=3, places=3, allow_nan=False, allow_infinity=False)
kinds = st.sampled_from(["intangible", "none", "other"])
answer = st.sampled_from([True, False, None])


@settings(max_examples=300, deadline=None)
@given(amount=amounts, fee=fee_rates, kind=kinds, filed=answer)
def test_subsidy_never_exceeds_0_2_percent_or_the_fee(
    amount: Decimal, fee: Decimal, kind: str, filed: bool | None
) -> None:
    r = result(guarantee_amount=str(amount), fee_rate=str(fee), counter_guarantee=kind, filed=filed)
    subsidy = Decimal(r["subsidy"])
    assert 0 <= subsidy <= amount * Decimal("0.002") + Decimal("0.005")
    assert subsidy <= amount * fee / 100 + Decimal("0.005")
    fails = kind == "other" or fee > Decimal("0.5") or filed is False
    if fails:
        assert r["eligible"] is False and subsidy == 0
    else:
        assert r["eligible"] is (True if filed else None)


@settings(max_examples=100, deadline=None)
@given(a=amounts, b=amounts, fee=fee_rates)
def test_a_bigger_guarantee_never_means_less_subsidy(a: Decimal, b: Decimal, fee: Decimal) -> None:
    low, high = sorted((a, b))
    common = {"fee_rate": str(fee), "counter_guarantee": "none", "filed": True}
    assert Decimal(result(guarantee_amount=str(low), **common)["subsidy"]) <= Decimal(
        result(guarantee_amount=str(high), **common)["subsidy"]
    )
