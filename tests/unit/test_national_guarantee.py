"""支持科技创新专项担保计划 二（一）…（五), worked by hand from the text.

二（二）: "银行和政府性融资担保体系分别按不低于贷款金额的 20%、不高于贷款金额的 80%分担风险责任。融担基金
分险比例从 20%提高至最高不超过 40%。省级再担保机构分险比例不低于 20%。…… 1. 对于专精特新“小巨人”企业、
专精特新中小企业、承担国家科技项目的中小企业，融担基金分担最高不超过 40% 的风险责任；2. 对于高新技术企业、
依托“创新积分制”筛选出的科技型中小企业，融担基金分担最高不超过 35% 的风险责任；3. 对于科技型中小企业、
创新型中小企业，融担基金分担最高不超过 30% 的风险责任。"
二（三）: "融担基金再担保业务单笔担保金额 500 万元以上的，再担保费率不高于 0.5%；单笔担保金额 500 万元及以下的，
再担保费率不高于 0.3%。…… 逐步将对科技创新类中小企业收取的平均担保费率降至 1%以下。"
二（四）: "将科技创新类中小企业单户在保余额上限从 1000 万元提高至不超过 3000 万元。"
"""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calc

ID = "national-guarantee"
CATEGORIES = [
    "little_giant",
    "specialized_sme",
    "national_project",
    "high_tech",
    "innovation_points",
    "tech_sme",
    "innovative_sme",
]


def run(**inputs: object) -> dict:
    return calc.run(ID, inputs)


def result(**inputs: object) -> dict:
    out = run(**inputs)
    assert out["ok"], out
    return out["result"]


def error_field(**inputs: object) -> str:
    out = run(**inputs)
    assert not out["ok"], out
    return out["errors"][0]["field"]


def warnings(**inputs: object) -> list[str]:
    out = run(**inputs)
    assert out["ok"], out
    return out["warnings"]


def test_tier_one_with_defaults_splits_20_40_20_20() -> None:
    # 专精特新“小巨人” → 二（二）1, fund up to 40 %. Bank 20 % (minimum), system 100 − 20 = 80 %,
    # provincial 20 % (minimum), local = 80 − 40 − 20 = 20 %.
    # Amounts of 10,000,000: 2,000,000 / 4,000,000 / 2,000,000 / 2,000,000.
    # 二（三）: 10,000,000 > 500 万元 → cap 0.5 % → 50,000. 二（四）: 0 + 10,000,000 ≤ 30,000,000.
    r = result(loan_amount=10_000_000, categories=["little_giant"])
    assert r == {
        "eligible": True,
        "tier": 1,
        "fund_share_max": "40.00",
        "bank_share": "20.00",
        "fund_share": "40.00",
        "provincial_share": "20.00",
        "local_share": "20.00",
        "bank_amount": "2000000.00",
        "fund_amount": "4000000.00",
        "provincial_amount": "2000000.00",
        "local_amount": "2000000.00",
        "reguarantee_fee_cap": "0.50",
        "reguarantee_fee_max": "50000.00",
        "guarantee_fee": None,
        "within_balance_cap": True,
        "loss_split": None,
    }


def test_tier_two_gives_the_fund_35_and_the_local_guarantor_25() -> None:
    # 高新技术企业 → 二（二）2: fund 35 %. Local = 80 − 35 − 20 = 25 %.
    # 4,000,000 × 20 % = 800,000; × 35 % = 1,400,000; × 20 % = 800,000; × 25 % = 1,000,000.
    # 4,000,000 ≤ 500 万元 → cap 0.3 % → 12,000.
    r = result(loan_amount=4_000_000, categories="high_tech")
    assert (r["tier"], r["fund_share_max"], r["fund_share"], r["local_share"]) == (2, "35.00", "35.00", "25.00")
    assert [r[k] for k in ("bank_amount", "fund_amount", "provincial_amount", "local_amount")] == [
        "800000.00",
        "1400000.00",
        "800000.00",
        "1000000.00",
    ]
    assert (r["reguarantee_fee_cap"], r["reguarantee_fee_max"]) == ("0.30", "12000.00")


def test_tier_three_gives_the_fund_30() -> None:
    # 科技型中小企业 → 二（二）3: fund 30 %, local = 80 − 30 − 20 = 30 %; 1,000,000 × 30 % = 300,000.
    r = result(loan_amount=1_000_000, categories=["innovative_sme"])
    assert (r["tier"], r["fund_share"], r["local_share"]) == (3, "30.00", "30.00")
    assert r["fund_amount"] == r["local_amount"] == "300000.00"


def test_every_category_falls_in_its_tier() -> None:
    expected = {
        "little_giant": 1,
        "specialized_sme": 1,
        "national_project": 1,
        "high_tech": 2,
        "innovation_points": 2,
        "tech_sme": 3,
        "innovative_sme": 3,
    }
    for category, tier in expected.items():
        assert result(loan_amount=1, categories=[category])["tier"] == tier, category


def test_a_firm_in_several_categories_takes_the_best_tier() -> None:
    assert result(loan_amount=1, categories=["tech_sme", "high_tech"])["tier"] == 2
    assert result(loan_amount=1, categories="innovative_sme,little_giant")["fund_share_max"] == "40.00"


def test_no_category_is_not_a_target_and_keeps_the_fund_at_20() -> None:
    # Not a target: tier null; the fund's share before the plan, 20 % (二（二） “从 20%提高至”).
    # Local = 80 − 20 − 20 = 40 % of 1,000,000 = 400,000.
    out = run(loan_amount=1_000_000, categories=[])
    r = out["result"]
    assert (r["eligible"], r["tier"], r["fund_share_max"], r["fund_share"]) == (False, None, "20.00", "20.00")
    assert (r["local_share"], r["local_amount"]) == ("40.00", "400000.00")
    assert any("不属于本专项担保计划的支持对象" in w for w in out["warnings"])
    first = out["trace"][0]
    assert first["clause"] == "national-guarantee 二（一）" and "不符合所列任一类企业条件" in first["value"]


def test_basic_conditions_not_met_is_not_a_target() -> None:
    out = run(loan_amount=1_000_000, categories=["little_giant"], sme_basic_conditions=False)
    assert out["result"]["eligible"] is False and out["result"]["tier"] is None
    assert out["result"]["fund_share_max"] == "20.00"
    assert "基本条件" in out["trace"][0]["value"]


def test_fund_share_above_the_baseline_is_refused_outside_the_plan() -> None:
    assert error_field(loan_amount=1_000_000, categories=[], fund_share=21) == "fund_share"


def test_a_lower_fund_share_leaves_more_to_the_local_guarantor() -> None:
    # Tier 1 with the fund at 30 %: local = 80 − 30 − 20 = 30 %.
    r = result(loan_amount=1_000_000, categories=["little_giant"], fund_share=30)
    assert (r["fund_share_max"], r["fund_share"], r["local_share"]) == ("40.00", "30.00", "30.00")


def test_fund_share_exactly_at_its_tier_cap_is_allowed_above_is_not() -> None:
    assert result(loan_amount=1, categories=["high_tech"], fund_share=35)["fund_share"] == "35.00"
    assert error_field(loan_amount=1, categories=["high_tech"], fund_share="35.01") == "fund_share"
    assert error_field(loan_amount=1, categories=["tech_sme"], fund_share=31) == "fund_share"


def test_bank_share_below_20_is_refused() -> None:
    assert error_field(loan_amount=1, categories=["tech_sme"], bank_share="19.99") == "bank_share"
    assert result(loan_amount=1, categories=["tech_sme"], bank_share=20)["bank_share"] == "20.00"


def test_a_higher_bank_share_lowers_the_system_share() -> None:
    # Bank 30 %: system 70 %; local = 70 − 40 − 20 = 10 %.
    r = result(loan_amount=1_000_000, categories=["little_giant"], bank_share=30)
    assert (r["bank_share"], r["local_share"], r["local_amount"]) == ("30.00", "10.00", "100000.00")


def test_provincial_share_below_20_is_refused() -> None:
    assert error_field(loan_amount=1, categories=["tech_sme"], provincial_share=19) == "provincial_share"


def test_local_share_may_be_zero_but_not_negative() -> None:
    # 20 + 40 + 40 = 100: local 0 %. One hundredth more on the provincial side is too much.
    r = result(loan_amount=1_000_000, categories=["little_giant"], provincial_share=40)
    assert (r["local_share"], r["local_amount"]) == ("0.00", "0.00")
    assert error_field(loan_amount=1, categories=["little_giant"], provincial_share="40.01") == "provincial_share"
    # Bank 41 % with the default fund 40 % and provincial 20 %: 101 %; the typed field is named.
    assert error_field(loan_amount=1, categories=["little_giant"], bank_share=41) == "bank_share"


def test_reguarantee_fee_cap_at_exactly_5_million_is_the_lower_one() -> None:
    # “500 万元及以下” → 0.3 %: 5,000,000 × 0.3 % = 15,000.
    r = result(loan_amount=5_000_000, categories=["tech_sme"])
    assert (r["reguarantee_fee_cap"], r["reguarantee_fee_max"]) == ("0.30", "15000.00")
    # One fen more is “500 万元以上” → 0.5 %: 5,000,000.01 × 0.5 % = 25,000.00005 → 25,000.00.
    r = result(loan_amount="5000000.01", categories=["tech_sme"])
    assert (r["reguarantee_fee_cap"], r["reguarantee_fee_max"]) == ("0.50", "25000.00")


def test_guarantee_amount_sets_the_fee_cap_but_the_split_stays_on_the_loan() -> None:
    # Guarantee 4,000,000 on a 6,000,000 loan: cap 0.3 % × 4,000,000 = 12,000;
    # the bank still bears 20 % of the loan = 1,200,000.
    out = run(loan_amount=6_000_000, guarantee_amount=4_000_000, categories=["tech_sme"])
    r = out["result"]
    assert (r["reguarantee_fee_cap"], r["reguarantee_fee_max"], r["bank_amount"]) == ("0.30", "12000.00", "1200000.00")
    assert any("单笔担保金额低于贷款金额" in w for w in out["warnings"])


def test_guarantee_above_the_loan_or_zero_is_refused() -> None:
    assert error_field(loan_amount=1_000_000, guarantee_amount="1000000.01", categories=["tech_sme"]) == (
        "guarantee_amount"
    )
    assert error_field(loan_amount=1_000_000, guarantee_amount=0, categories=["tech_sme"]) == "guarantee_amount"


def test_guarantee_fee_per_year_and_the_one_percent_aim() -> None:
    # 2,000,000 × 0.8 % = 16,000 a year; below 1 %: no warning about the rate.
    out = run(loan_amount=2_000_000, categories=["tech_sme"], guarantee_fee_rate="0.8")
    assert out["result"]["guarantee_fee"] == "16000.00"
    assert not any("担保费率" in w and "1%以下" in w for w in out["warnings"])
    # Exactly 1 %: 20,000, and a warning (the aim is “降至 1%以下”).
    out = run(loan_amount=2_000_000, categories=["tech_sme"], guarantee_fee_rate=1)
    assert out["result"]["guarantee_fee"] == "20000.00"
    assert any("1%以下" in w for w in out["warnings"])
    assert not any("1%以下" in w for w in warnings(loan_amount=1, categories=["tech_sme"], guarantee_fee_rate="0.99"))


def test_balance_cap_is_30_million_inclusive() -> None:
    # 20,000,000 + 10,000,000 = 30,000,000 ≤ 3000 万元.
    assert result(loan_amount=10_000_000, categories=["tech_sme"], outstanding_guarantee=20_000_000)[
        "within_balance_cap"
    ]
    out = run(loan_amount=10_000_000, categories=["tech_sme"], outstanding_guarantee="20000000.01")
    assert out["result"]["within_balance_cap"] is False
    assert any("3000 万元" in w for w in out["warnings"])


def test_outside_the_plan_the_balance_cap_is_the_old_10_million() -> None:
    # “从 1000 万元提高至不超过 3000 万元”: a firm outside the plan keeps 1000 万元.
    assert result(loan_amount=10_000_000, categories=[])["within_balance_cap"] is True
    assert result(loan_amount="10000000.01", categories=[])["within_balance_cap"] is False


def test_loss_is_split_in_the_same_shares() -> None:
    # Tier 2 (35 %), loss 1,000,000: bank 200,000, fund 350,000, provincial 200,000, local 250,000.
    out = run(loan_amount=2_000_000, categories=["innovation_points"], loss=1_000_000)
    assert out["result"]["loss_split"] == {
        "bank_amount": "200000.00",
        "fund_amount": "350000.00",
        "provincial_amount": "200000.00",
        "local_amount": "250000.00",
    }
    assert any("5%" in w and "二（五）" in w for w in out["warnings"])


def test_loss_equal_to_the_loan_is_allowed_above_is_not() -> None:
    assert result(loan_amount=100, categories=["tech_sme"], loss=100)["loss_split"]["fund_amount"] == "30.00"
    assert error_field(loan_amount=100, categories=["tech_sme"], loss="100.01") == "loss"


def test_amounts_round_half_up_each_and_a_difference_is_reported() -> None:
    # Loan 0.05 at 20/30/20/30: 0.01, 0.015 → 0.02, 0.01, 0.015 → 0.02; parts add to 0.06, one fen
    # more than the loan, and the estimate says so.
    out = run(loan_amount="0.05", categories=["tech_sme"])
    r = out["result"]
    assert [r[k] for k in ("bank_amount", "fund_amount", "provincial_amount", "local_amount")] == [
        "0.01",
        "0.02",
        "0.01",
        "0.02",
    ]
    assert any("相差 0.01 元" in w for w in out["warnings"])
    assert not any("相差" in w for w in warnings(loan_amount=10_000_000, categories=["tech_sme"]))


def test_national_project_interpretation_is_flagged_only_when_it_decides_the_tier() -> None:
    assert any("成果转化应用期" in w for w in warnings(loan_amount=1, categories=["national_project", "tech_sme"]))
    assert not any(
        "成果转化应用期" in w for w in warnings(loan_amount=1, categories=["national_project", "little_giant"])
    )


def test_trace_cites_the_tier_clause_and_every_amount_its_clause() -> None:
    out = run(loan_amount=10_000_000, categories=["high_tech"], guarantee_fee_rate="0.5", loss=1_000)
    steps = {s["label"]: s for s in out["trace"]}
    assert steps["融担基金分险档次"]["clause"] == "national-guarantee 二（二）2"
    assert steps["融担基金分险比例上限"]["clause"] == "national-guarantee 二（二）2"
    assert steps["融担基金分险金额"]["value"] == "3,500,000.00 元"
    assert steps["融担基金分险金额"]["clause"] == "national-guarantee 二（二）"
    assert steps["再担保费上限"]["clause"] == steps["担保费（每年）"]["clause"] == "national-guarantee 二（三）"
    assert steps["担保后单户在保余额"]["clause"] == "national-guarantee 二（四）"
    order = [s["clause"].split(" ")[1][:4] for s in out["trace"]]
    assert order == sorted(order, key=["二（一）", "二（二）", "二（三）", "二（四）"].index)


def test_input_errors_are_clean_and_in_chinese() -> None:
    out = run(loan_amount=0, categories=["nope"], bank_share=120)
    by_field = {e["field"]: e["message"] for e in out["errors"]}
    assert by_field["loan_amount"].startswith("贷款金额：")
    assert by_field["categories"].startswith("企业类型：") and "科技型中小企业" in by_field["categories"]
    assert by_field["bank_share"].startswith("银行分险比例：")
    assert error_field(loan_amount=1) == "categories"  # the type of firm must be answered


money = st.decimals(min_value="0.01", max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
share = st.decimals(min_value=0, max_value=60, places=2, allow_nan=False, allow_infinity=False)
category_lists = st.lists(st.sampled_from(CATEGORIES), max_size=4)


@settings(max_examples=300, deadline=None)
@given(
    loan=money,
    cats=category_lists,
    bank=share,
    provincial=share,
    fund=st.none() | share,
    loss_fraction=st.none() | st.decimals(min_value=0, max_value=1, places=3),
)
def test_shares_add_to_100_and_no_part_exceeds_its_whole(
    loan: Decimal,
    cats: list[str],
    bank: Decimal,
    provincial: Decimal,
    fund: Decimal | None,
    loss_fraction: Decimal | None,
) -> None:
    inputs: dict = {
        "loan_amount": str(loan),
        "categories": cats,
        "bank_share": str(bank),
        "provincial_share": str(provincial),
    }
    if fund is not None:
        inputs["fund_share"] = str(fund)
    loss = None if loss_fraction is None else (loan * loss_fraction).quantize(Decimal("0.01"))
    if loss is not None:
        inputs["loss"] = str(loss)
    out = calc.run(ID, inputs)
    if not out["ok"]:
        assert out["errors"][0]["field"] in {"bank_share", "provincial_share", "fund_share"}
        return
    r = out["result"]
    shares = [Decimal(r[k]) for k in ("bank_share", "fund_share", "provincial_share", "local_share")]
    assert sum(shares) == 100 and all(s >= 0 for s in shares)
    assert shares[0] >= 20 and shares[2] >= 20 and shares[1] <= Decimal(r["fund_share_max"]) <= 40
    amounts = [Decimal(r[k]) for k in ("bank_amount", "fund_amount", "provincial_amount", "local_amount")]
    assert all(a >= 0 for a in amounts)
    assert abs(sum(amounts) - loan) <= Decimal("0.02")  # each part rounded on its own: at most 2 fen off
    assert Decimal(r["reguarantee_fee_max"]) <= loan * Decimal("0.005") + Decimal("0.005")
    assert r["eligible"] == bool(cats)
    if loss is not None:
        parts = [Decimal(v) for v in r["loss_split"].values()]
        assert all(p >= 0 for p in parts) and abs(sum(parts) - loss) <= Decimal("0.02")
        assert all(p <= a + Decimal("0.01") for p, a in zip(parts, amounts, strict=True))


@settings(max_examples=200, deadline=None)
@given(cats=category_lists, extra=st.sampled_from(CATEGORIES))
def test_adding_a_category_never_lowers_the_fund_share(cats: list[str], extra: str) -> None:
    before = Decimal(result(loan_amount=1_000_000, categories=cats)["fund_share_max"])
    after = Decimal(result(loan_amount=1_000_000, categories=[*cats, extra])["fund_share_max"])
    assert after >= before


@settings(max_examples=200, deadline=None)
@given(a=money, b=money)
def test_a_larger_guarantee_never_lowers_the_reguarantee_fee_ceiling(a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    common = {"loan_amount": str(high), "categories": ["tech_sme"]}
    assert Decimal(result(**common, guarantee_amount=str(low))["reguarantee_fee_max"]) <= Decimal(
        result(**common, guarantee_amount=str(high))["reguarantee_fee_max"]
    )
