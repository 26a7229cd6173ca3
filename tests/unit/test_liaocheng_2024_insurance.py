"""一（三）科技保险保费补贴 of the Liaocheng measures, worked by hand from the text.

一（三）: "对购买“鲁科保”产品的科技型企业，市财政按照省财政补贴保费不高于50%的比例给予补贴。对企业投保
首台（套）技术装备及关键核心零部件、首批（次）新材料、首版（次）软件产品的质量保证保险、产品责任保险和
产品综合险，市财政按照不高于3%的费率上限及实际投保年度保费20%的比例，给予单户企业年度最高100万元的
保费补贴。"
"""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calc

ID = "liaocheng-insurance"


def run(**inputs: object) -> dict:
    return calc.run(ID, inputs)


def result(**inputs: object) -> dict:
    out = run(**inputs)
    assert out["ok"], out
    return out["result"]


def test_first_set_premium_below_the_rate_limit_is_counted_in_full() -> None:
    # Rate 300,000 / 20,000,000 = 1.5 % < 3 %: counted 300,000; subsidy = 20 % × 300,000 = 60,000.
    out = run(product="first_set", premium="300000", sum_insured="20000000")
    assert out["ok"] and out["result"] == {"counted_premium": "300000.00", "subsidy": "60000.00", "capped": False}
    assert {s["clause"] for s in out["trace"]} == {"liaocheng-2024 一（三）"}
    assert out["trace"][-1]["label"] == "市级保费补贴" and out["trace"][-1]["value"] == "60,000.00 元"


def test_premium_above_3_percent_is_counted_at_3_percent() -> None:
    # 500,000 / 10,000,000 = 5 % > 3 %: counted 3 % × 10,000,000 = 300,000; subsidy 60,000.
    r = result(product="first_batch", premium=500_000, sum_insured=10_000_000)
    assert (r["counted_premium"], r["subsidy"]) == ("300000.00", "60000.00")


def test_premium_exactly_at_3_percent() -> None:
    # 300,000 / 10,000,000 = 3 %: counted in full, 300,000 → 60,000.
    r = result(product="first_version", premium=300_000, sum_insured=10_000_000)
    assert (r["counted_premium"], r["subsidy"]) == ("300000.00", "60000.00")


def test_yearly_cap_of_one_million_per_firm() -> None:
    # 6,000,000 premium on 300,000,000 (2 %): 20 % = 1,200,000 > 1,000,000.
    r = result(product="first_set", premium=6_000_000, sum_insured=300_000_000)
    assert (r["counted_premium"], r["subsidy"], r["capped"]) == ("6000000.00", "1000000.00", True)
    # 1,000,000 − 900,000 received this year = 100,000 left ≥ 60,000: not capped.
    r = result(product="first_set", premium=300_000, sum_insured=20_000_000, received_this_year=900_000)
    assert (r["subsidy"], r["capped"]) == ("60000.00", False)
    # 1,000,000 − 950,000 = 50,000 left < 60,000.
    r = result(product="first_set", premium=300_000, sum_insured=20_000_000, received_this_year=950_000)
    assert (r["subsidy"], r["capped"]) == ("50000.00", True)


def test_cap_reached_exactly_is_not_capped() -> None:
    # 20 % × 5,000,000 = 1,000,000 = exactly the cap.
    r = result(product="first_set", premium=5_000_000, sum_insured=300_000_000)
    assert (r["subsidy"], r["capped"]) == ("1000000.00", False)
    r = result(product="first_set", premium=5_000_000, sum_insured=300_000_000, received_this_year=2_000_000)
    assert (r["subsidy"], r["capped"]) == ("0.00", True)


def test_lukebao_gets_at_most_half_the_provincial_subsidy() -> None:
    # 50 % × 40,000 = 20,000, a maximum ("不高于50%").
    out = run(product="lukebao", provincial_subsidy=40_000)
    assert out["ok"] and out["result"] == {"counted_premium": None, "subsidy": "20000.00", "capped": False}
    assert any("不高于50%" in w and "最高额" in w for w in out["warnings"])
    assert out["trace"][-1]["label"] == "市级保费补贴（最高）"


def test_fields_of_the_other_product_are_ignored_with_a_warning() -> None:
    out = run(product="lukebao", provincial_subsidy=40_000, premium=1_000_000, received_this_year=999_999)
    assert out["result"]["subsidy"] == "20000.00"  # no yearly cap, premium not used
    note = next(w for w in out["warnings"] if "未使用" in w)
    assert "实际投保年度保费" in note and "本年度已获得" in note and "保险金额" not in note
    out = run(product="first_set", premium=300_000, sum_insured=20_000_000, provincial_subsidy=1)
    assert out["result"]["subsidy"] == "60000.00"
    assert any("省财政补贴保费只用于“鲁科保”" in w for w in out["warnings"])


def test_amounts_round_half_up_only_at_the_end() -> None:
    # “鲁科保”: 50 % × 0.01 = 0.005 → 0.01 (half-up), never 0.00.
    assert result(product="lukebao", provincial_subsidy="0.01")["subsidy"] == "0.01"
    # Counted 3 % × 7.50 = 0.225 (shown 0.23); subsidy 20 % × 0.225 = 0.045 → 0.05, never 0.04.
    r = result(product="first_set", premium="1", sum_insured="7.50")
    assert (r["counted_premium"], r["subsidy"]) == ("0.23", "0.05")


def test_what_each_product_requires() -> None:
    out = run(product="lukebao")
    assert not out["ok"] and out["errors"][0]["field"] == "provincial_subsidy"
    assert out["errors"][0]["message"].startswith("省财政补贴保费：")
    out = run(product="first_batch", sum_insured=1_000_000)
    assert not out["ok"] and out["errors"][0]["field"] == "premium"
    out = run(product="first_version", premium=1_000)
    assert not out["ok"] and out["errors"][0]["field"] == "sum_insured"


def test_errors_name_the_field_in_chinese() -> None:
    out = run(product="car", premium=-1, sum_insured=0, received_this_year="abc")
    assert not out["ok"]
    by_field = {e["field"]: e["message"] for e in out["errors"]}
    assert by_field["product"].startswith("投保产品：") and "“鲁科保”产品" in by_field["product"]
    assert by_field["premium"].startswith("实际投保年度保费：")
    assert by_field["sum_insured"].startswith("保险金额：")
    assert by_field["received_this_year"].startswith("本年度已获得的同类保费补贴：")


money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
positive_money = st.decimals(min_value="0.01", max_value=10**10, places=2, allow_nan=False, allow_infinity=False)
first_kinds = st.sampled_from(["first_set", "first_batch", "first_version"])


@settings(max_examples=300, deadline=None)
@given(product=first_kinds, premium=money, insured=positive_money, received=money)
def test_subsidy_never_exceeds_its_cap_or_a_fifth_of_the_counted_premium(
    product: str, premium: Decimal, insured: Decimal, received: Decimal
) -> None:
    r = result(product=product, premium=str(premium), sum_insured=str(insured), received_this_year=str(received))
    counted, subsidy = Decimal(r["counted_premium"]), Decimal(r["subsidy"])
    assert 0 <= counted <= premium
    assert counted <= insured * Decimal("0.03") + Decimal("0.005")
    assert 0 <= subsidy <= counted * Decimal("0.2") + Decimal("0.005")
    assert subsidy <= max(Decimal(0), 1_000_000 - received)
    exact_counted = min(premium, insured * Decimal("0.03"))
    assert r["capped"] is (exact_counted * Decimal("0.2") > max(Decimal(0), 1_000_000 - received))


@settings(max_examples=100, deadline=None)
@given(a=money, b=money, insured=positive_money)
def test_a_bigger_premium_never_means_less_subsidy(a: Decimal, b: Decimal, insured: Decimal) -> None:
    low, high = sorted((a, b))
    common = {"product": "first_set", "sum_insured": str(insured)}
    assert Decimal(result(premium=str(low), **common)["subsidy"]) <= Decimal(
        result(premium=str(high), **common)["subsidy"]
    )


@settings(max_examples=100, deadline=None)
@given(provincial=money)
def test_lukebao_is_half_the_provincial_subsidy(provincial: Decimal) -> None:
    subsidy = Decimal(result(product="lukebao", provincial_subsidy=str(provincial))["subsidy"])
    assert abs(subsidy - provincial / 2) <= Decimal("0.005")


products = st.sampled_from(["first_set", "first_batch", "first_version", "lukebao"])
