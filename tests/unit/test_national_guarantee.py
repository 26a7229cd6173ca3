"""支持科技创新专项担保计划 二（一）…（五), property tests.

The worked examples are data: calc/policies/national_guarantee/examples/guarantee.toml.

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
from calc.rules.defaults import is_default

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


def test_trace_follows_the_order_of_the_clauses() -> None:
    out = calc.run(
        ID, {"loan_amount": 10_000_000, "categories": ["high_tech"], "guarantee_fee_rate": "0.5", "loss": 1_000}
    )
    # The defaults applied come first, as what was assumed; then the rule, in the clauses' order.
    order = [s["clause"].split(" ")[1][:4] for s in out["trace"] if not is_default(s)]
    assert order == sorted(order, key=["二（一）", "二（二）", "二（三）", "二（四）"].index)


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
