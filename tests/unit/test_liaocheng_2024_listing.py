"""二（三）科创企业上市挂牌奖补 of the Liaocheng measures, property tests.

The worked examples are data: calc/policies/liaocheng_2024/examples/listing.toml.

二（三）: "对符合条件首次公开发行股票（IPO）的科技型企业，市财政按照申请募集资金规模分阶段给予最高600万元
支持。对规模以上科技型企业在省政府认可的省内区域股权交易市场挂牌且实现直接融资100万元（含）以上的，市财政
补助10万元。支持科技型企业到新三板挂牌，对新三板基础层挂牌公司，按融资额的１％给予补助；对创新层挂牌公司，
市财政再补助50万元。"
"""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calc

ID = "liaocheng-listing"


def run(**inputs: object) -> dict:
    return calc.run(ID, inputs)


def result(**inputs: object) -> dict:
    out = run(**inputs)
    assert out["ok"], out
    return out["result"]


money = st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(financing=money)
def test_innovation_tier_is_basic_tier_plus_500_000(financing: Decimal) -> None:
    basic = Decimal(result(venue="neeq_basic", financing_amount=str(financing))["reward"])
    innovation = Decimal(result(venue="neeq_innovation", financing_amount=str(financing))["reward"])
    assert innovation == basic + 500_000
    assert abs(basic - financing / 100) <= Decimal("0.005")


@settings(max_examples=200, deadline=None)
@given(financing=money, size=st.sampled_from([True, False, None]))
def test_regional_equity_is_all_or_nothing(financing: Decimal, size: bool | None) -> None:
    r = result(venue="regional_equity", financing_amount=str(financing), above_designated_size=size)
    qualifies = financing >= 1_000_000 and size is not False
    assert r["reward"] == ("100000.00" if qualifies else "0.00")
    assert r["eligible"] is (False if not qualifies else size)


@settings(max_examples=100, deadline=None)
@given(a=money, b=money, venue=st.sampled_from(["regional_equity", "neeq_basic", "neeq_innovation"]))
def test_more_financing_never_means_less_reward(a: Decimal, b: Decimal, venue: str) -> None:
    low, high = sorted((a, b))
    common = {"venue": venue, "above_designated_size": True}
    assert Decimal(result(financing_amount=str(low), **common)["reward"]) <= Decimal(
        result(financing_amount=str(high), **common)["reward"]
    )


venues = st.sampled_from(["ipo", "regional_equity", "neeq_basic", "neeq_innovation"])
