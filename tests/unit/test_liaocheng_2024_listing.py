"""二（三）科创企业上市挂牌奖补 of the Liaocheng measures, worked by hand from the text.

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


def test_ipo_reports_the_maximum_and_says_the_stages_are_missing() -> None:
    out = run(venue="ipo")
    assert out["ok"] and out["result"] == {"reward": "6000000.00", "is_maximum": True, "eligible": True}
    assert any("分阶段" in w and "未列明" in w for w in out["warnings"])
    # A fundraising amount does not change the estimate (the stages are not published), and says so.
    out = run(venue="ipo", financing_amount=500_000_000)
    assert out["result"]["reward"] == "6000000.00"
    assert any("融资额未用于" in w for w in out["warnings"])


def test_regional_equity_at_exactly_one_million_qualifies() -> None:
    # "100万元（含）以上": 1,000,000 counts; the reward is a flat 100,000.
    out = run(venue="regional_equity", financing_amount="1000000", above_designated_size=True)
    assert out["result"] == {"reward": "100000.00", "is_maximum": False, "eligible": True}
    assert {s["clause"] for s in out["trace"]} == {"liaocheng-2024 二（三）"}


def test_regional_equity_below_one_million_does_not() -> None:
    out = run(venue="regional_equity", financing_amount="999999.99", above_designated_size=True)
    assert out["result"] == {"reward": "0.00", "is_maximum": False, "eligible": False}
    failed = next(s for s in out["trace"] if s["label"].startswith("条件：实现直接融资100万元（含）以上"))
    assert failed["value"] == "不满足"


def test_regional_equity_needs_a_firm_above_designated_size() -> None:
    r = result(venue="regional_equity", financing_amount=5_000_000, above_designated_size=False)
    assert (r["reward"], r["eligible"]) == ("0.00", False)
    out = run(venue="regional_equity", financing_amount=5_000_000)
    assert (out["result"]["reward"], out["result"]["eligible"]) == ("100000.00", None)
    assert any(w.startswith("尚未确认") and "规模以上" in w for w in out["warnings"])
    # A known failure wins over the unanswered size.
    assert result(venue="regional_equity", financing_amount=10)["eligible"] is False


def test_neeq_basic_gets_one_percent_of_financing() -> None:
    # 1 % × 20,000,000 = 200,000.
    assert result(venue="neeq_basic", financing_amount=20_000_000) == {
        "reward": "200000.00",
        "is_maximum": False,
        "eligible": True,
    }


def test_neeq_innovation_gets_one_percent_plus_500_000() -> None:
    # 1 % × 20,000,000 + 500,000 = 700,000 ("再补助": on top of the 基础层 subsidy, contract).
    out = run(venue="neeq_innovation", financing_amount=20_000_000)
    assert out["result"] == {"reward": "700000.00", "is_maximum": False, "eligible": True}
    assert out["trace"][-1]["label"] == "创新层挂牌补助" and out["trace"][-1]["value"] == "700,000.00 元"
    assert any("再补助50万元" in w for w in out["warnings"])
    # Without financing, the further 500,000 alone.
    assert result(venue="neeq_innovation", financing_amount=0)["reward"] == "500000.00"


def test_amounts_round_half_up_only_at_the_end() -> None:
    # 1 % × 0.50 = 0.005 → 0.01 (half-up), never 0.00.
    assert result(venue="neeq_basic", financing_amount="0.50")["reward"] == "0.01"


def test_size_answer_for_another_venue_is_ignored_with_a_warning() -> None:
    out = run(venue="neeq_basic", financing_amount=1_000_000, above_designated_size=False)
    assert out["result"]["reward"] == "10000.00" and out["result"]["eligible"] is True
    assert any("本次未使用" in w for w in out["warnings"])


def test_financing_is_required_where_it_matters() -> None:
    for venue in ("regional_equity", "neeq_basic", "neeq_innovation"):
        out = run(venue=venue, above_designated_size=True)
        assert not out["ok"] and out["errors"][0]["field"] == "financing_amount"
        assert out["errors"][0]["message"].startswith("融资额：")


def test_errors_name_the_field_in_chinese() -> None:
    out = run(venue="nasdaq", financing_amount=-5, above_designated_size="perhaps")
    assert not out["ok"]
    by_field = {e["field"]: e["message"] for e in out["errors"]}
    assert by_field["venue"].startswith("上市挂牌类型：") and "新三板创新层挂牌" in by_field["venue"]
    assert by_field["financing_amount"].startswith("融资额：")
    assert by_field["above_designated_size"].startswith("是否为规模以上科技型企业：")
    assert run()["errors"][0]["field"] == "venue"


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
