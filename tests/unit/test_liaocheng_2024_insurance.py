"""一（三）科技保险保费补贴 of the Liaocheng measures, property tests and what the examples cannot say.

The worked examples are data: calc/policies/liaocheng_2024/examples/insurance.toml.

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


def test_fields_of_the_other_product_are_ignored_and_named() -> None:
    # “鲁科保”: 50 % × 40,000 = 20,000, no yearly cap, the premium not used; the note names exactly
    # the fields given and not used.
    out = run(product="lukebao", provincial_subsidy=40_000, premium=1_000_000, received_this_year=999_999)
    assert out["result"]["subsidy"] == "20000.00"
    note = next(w for w in out["warnings"] if "未使用" in w)
    assert "实际投保年度保费" in note and "本年度已获得" in note and "保险金额" not in note


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
