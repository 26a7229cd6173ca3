"""一（二）“鲁科担”保费补贴 of the Liaocheng measures, worked by hand from the text.

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


def test_intangible_counter_guarantee_at_the_fee_limit() -> None:
    # Fee 0.5 %/年 ≤ 0.5 %: qualifies. Subsidy = 5,000,000 × min(0.2 %, 0.5 %) = 10,000.
    out = run(guarantee_amount="5000000", fee_rate="0.5", counter_guarantee="intangible", filed=True)
    assert out["ok"] and out["result"] == {"eligible": True, "subsidy": "10000.00"}
    assert any("不高于担保金额0.2%" in w and "最高额" in w for w in out["warnings"])


def test_no_counter_guarantee_also_qualifies() -> None:
    # 3,000,000 × 0.2 % = 6,000.
    assert result(guarantee_amount=3_000_000, fee_rate="0.3", counter_guarantee="none", filed=True) == {
        "eligible": True,
        "subsidy": "6000.00",
    }


def test_subsidy_never_exceeds_the_fee_paid() -> None:
    # Fee 0.1 %: a year's fee is 5,000,000 × 0.1 % = 5,000 < 0.2 % × 5,000,000 = 10,000 → 5,000.
    r = result(guarantee_amount=5_000_000, fee_rate="0.1", counter_guarantee="intangible", filed=True)
    assert r["subsidy"] == "5000.00"
    # A free guarantee gets nothing (there is no fee to subsidise).
    r = result(guarantee_amount=5_000_000, fee_rate=0, counter_guarantee="intangible", filed=True)
    assert (r["eligible"], r["subsidy"]) == (True, "0.00")


def test_fee_exactly_0_2_percent_is_subsidised_in_full() -> None:
    # min(0.2 %, 0.2 %) × 1,000,000 = 2,000 = the whole fee.
    assert result(guarantee_amount=1_000_000, fee_rate="0.2", counter_guarantee="none", filed=True)["subsidy"] == (
        "2000.00"
    )


def test_fee_above_0_5_percent_is_excluded() -> None:
    out = run(guarantee_amount=5_000_000, fee_rate="0.51", counter_guarantee="intangible", filed=True)
    assert out["ok"] and out["result"] == {"eligible": False, "subsidy": "0.00"}
    failed = next(s for s in out["trace"] if s["label"] == "条件：实际收取担保费率不超过0.5%/年")
    assert failed["value"] == "不满足" and failed["clause"] == "liaocheng-2024 一（二）"
    assert out["trace"][-1]["value"] == "0.00 元"


def test_other_counter_guarantee_is_excluded() -> None:
    out = run(guarantee_amount=5_000_000, fee_rate="0.4", counter_guarantee="other", filed=True)
    assert out["result"] == {"eligible": False, "subsidy": "0.00"}
    assert next(s for s in out["trace"] if "反担保" in s["label"])["value"] == "不满足"


def test_not_filed_is_excluded_and_unanswered_is_not_known() -> None:
    r = result(guarantee_amount=5_000_000, fee_rate="0.4", counter_guarantee="none", filed=False)
    assert r == {"eligible": False, "subsidy": "0.00"}
    out = run(guarantee_amount=5_000_000, fee_rate="0.4", counter_guarantee="none")
    assert out["result"] == {"eligible": None, "subsidy": "10000.00"}
    assert any(w.startswith("尚未确认") and "备案" in w for w in out["warnings"])
    # A known failure wins over the unanswered filing.
    assert result(guarantee_amount=5_000_000, fee_rate="0.6", counter_guarantee="none")["eligible"] is False


def test_amounts_round_half_up_only_at_the_end() -> None:
    # 2.50 × 0.2 % = 0.005 → 0.01 (half-up), never 0.00.
    assert result(guarantee_amount="2.50", fee_rate="0.3", counter_guarantee="none", filed=True)["subsidy"] == "0.01"


def test_every_step_cites_the_clause() -> None:
    out = run(guarantee_amount=5_000_000, fee_rate="0.5", counter_guarantee="intangible", filed=True)
    assert {s["clause"] for s in out["trace"]} == {"liaocheng-2024 一（二）"}
    assert out["trace"][-1]["label"] == "市级保费补贴" and out["trace"][-1]["value"] == "10,000.00 元"


def test_errors_name_the_field_in_chinese() -> None:
    out = run(guarantee_amount=0, fee_rate="abc", counter_guarantee="pledge", filed="maybe")
    assert not out["ok"]
    by_field = {e["field"]: e["message"] for e in out["errors"]}
    assert by_field["guarantee_amount"].startswith("担保金额：")
    assert by_field["fee_rate"].startswith("实际收取的担保费率（年）：")
    assert by_field["counter_guarantee"].startswith("反担保方式：") and "无反担保要求" in by_field["counter_guarantee"]
    assert by_field["filed"].startswith("“鲁科担”业务是否已备案：")
    out = run(guarantee_amount=1_000_000, counter_guarantee="none")
    assert not out["ok"] and out["errors"][0]["field"] == "fee_rate"


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
