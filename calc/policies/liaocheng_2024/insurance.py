"""一（三）发挥科技保险保障作用: the city's premium subsidy of technology insurance."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ... import params
from ...clauses import cite
from ...errors import InputError
from ...fields import Inputs, Money, OptMoney, choice, money
from ...numbers import percent, yuan_text
from ...outputs import MoneyOut, Result, shown
from ...page import page
from ...registry import estimator
from ...rules.caps import held_to_cap, left_under_cap, smaller_of
from ...rules.conditions import AS_GIVEN
from ...rules.matching import Fit, MatchRule, Profile, in_city
from ...trace import Trace

POLICY = "liaocheng-2024"
CLAUSE = "一（三）"
PRODUCTS = {
    "first_set": "首台（套）技术装备及关键核心零部件",
    "first_batch": "首批（次）新材料",
    "first_version": "首版（次）软件产品",
    "lukebao": "“鲁科保”产品",
}
Product = Literal["first_set", "first_batch", "first_version", "lukebao"]
FIRST_OF_KIND = ["first_set", "first_batch", "first_version"]  # 首台（套）、首批（次）、首版（次）


class InsuranceInputs(Inputs):
    """科技保险保费补贴的填报项."""

    product: Product = choice(
        "投保产品",
        PRODUCTS,
        "首台（套）、首批（次）、首版（次）指其质量保证保险、产品责任保险和产品综合险。",
        clause=CLAUSE,
    )
    premium: OptMoney = money(
        "实际投保年度保费",
        "首台（套）、首批（次）、首版（次）保险：该投保年度实际缴纳的保费，单位元。",
        clause=CLAUSE,
        default=None,
    )
    sum_insured: OptMoney = money(
        "保险金额",
        "首台（套）、首批（次）、首版（次）保险：保单的保险金额，用于核对3%的费率上限。",
        clause=CLAUSE,
        default=None,
        positive=True,
    )
    received_this_year: Money = money(
        "本年度已获得的同类保费补贴",
        "首台（套）、首批（次）、首版（次）保险：本企业本年度已获得的保费补贴合计，用于核对年度上限。",
        clause=CLAUSE,
        default=Decimal(0),
    )
    provincial_subsidy: OptMoney = money(
        "省财政补贴保费", "“鲁科保”：省财政对该保单补贴的保费金额，单位元。", clause=CLAUSE, default=None
    )


class InsuranceResult(Result):
    """科技保险保费补贴估算结果."""

    counted_premium: MoneyOut | None = shown("计入补贴的保费", "money")
    subsidy: MoneyOut = shown("市级保费补贴", "money", headline=True)
    capped: bool = shown("受年度补贴上限限制", "bool")


def _lukebao(inputs: InsuranceInputs, where: str, trace: Trace) -> InsuranceResult:
    """“鲁科保”: at most 50 % of the provincial premium subsidy; the clause sets no yearly cap."""
    if inputs.provincial_subsidy is None:
        raise InputError("provincial_subsidy", "投保“鲁科保”产品时请填写省财政补贴保费")
    share = params.get(POLICY, "s1_3.lukebao_share_of_provincial_subsidy")
    amount = inputs.provincial_subsidy * percent(share.value)
    trace.step(
        "市级保费补贴（最高）",
        yuan_text(amount),
        where,
        f"省财政补贴保费 {yuan_text(inputs.provincial_subsidy)} × {share.text}",
    )
    trace.warn(
        f"一（三）规定“鲁科保”按省财政补贴保费“不高于{share.text}”的比例补贴，本估算为可获得的最高额；"
        "条款中“单户企业年度最高”的上限只针对首台（套）、首批（次）、首版（次）保险，未用于“鲁科保”。"
    )
    return InsuranceResult(counted_premium=None, subsidy=amount, capped=False)


def _first_of_kind(inputs: InsuranceInputs, where: str, trace: Trace) -> InsuranceResult:
    """首台（套）、首批（次）、首版（次）: 20 % of the premium counted at a rate of at most 3 %."""
    if inputs.premium is None:
        raise InputError("premium", f"投保{PRODUCTS[inputs.product]}保险时请填写实际投保年度保费")
    if inputs.sum_insured is None:
        raise InputError("sum_insured", f"投保{PRODUCTS[inputs.product]}保险时请填写保险金额")
    max_rate = params.get(POLICY, "s1_3.max_premium_rate")
    share = params.get(POLICY, "s1_3.premium_subsidy_share")
    cap = params.get(POLICY, "s1_3.annual_cap")

    # "按照不高于3%的费率上限": the part of the premium above 3 % of the sum insured is not counted.
    premium_at_max_rate = inputs.sum_insured * percent(max_rate.value)
    counted = min(inputs.premium, premium_at_max_rate)
    trace.step(
        "计入补贴的保费",
        yuan_text(counted),
        where,
        smaller_of(
            ("实际保费", yuan_text(inputs.premium)),
            ("保险金额", f"{yuan_text(inputs.sum_insured)} × {max_rate.text} = {yuan_text(premium_at_max_rate)}"),
        ),
    )
    before_cap = counted * percent(share.value)
    trace.step("封顶前补贴", yuan_text(before_cap), where, f"{yuan_text(counted)} × {share.text}")

    # "单户企业年度最高100万元": the yearly cap counts every such subsidy of the firm.
    remaining = left_under_cap(
        cap.latest,  # the contract gives this estimator no date
        inputs.received_this_year,
        label="年度上限内尚可享受",
        used_label="本年度已获得",
        clause=where,
        trace=trace,
    )
    amount, capped = held_to_cap(before_cap, remaining, label="市级保费补贴", clause=where, trace=trace)
    return InsuranceResult(counted_premium=counted, subsidy=amount, capped=capped)


def _match(profile: Profile, fit: Fit) -> None:
    """政策匹配, 一（三）: a Liaocheng firm insuring with technology insurance."""
    in_city(fit, profile, "liaocheng")
    fit.wants(profile.tech_insurance, "投保或计划投保科技保险")


@estimator(
    "liaocheng-insurance",
    title="聊城科技保险保费补贴",
    policy=POLICY,
    clauses=(CLAUSE,),
    match=MatchRule(CLAUSE, _match),
    example={"product": "first_set", "premium": "300000", "sum_insured": "20000000"},
)
def insurance(inputs: InsuranceInputs, trace: Trace) -> InsuranceResult:
    """按一（三）估算科技保险的市级保费补贴。

    一（三）: "对购买“鲁科保”产品的科技型企业，市财政按照省财政补贴保费不高于50%的比例给予补贴。对企业
    投保首台（套）技术装备及关键核心零部件、首批（次）新材料、首版（次）软件产品的质量保证保险、产品责任
    保险和产品综合险，市财政按照不高于3%的费率上限及实际投保年度保费20%的比例，给予单户企业年度最高
    100万元的保费补贴。"
    """
    where = cite(POLICY, CLAUSE)
    trace.step("投保产品", PRODUCTS[inputs.product], where, AS_GIVEN)
    # Fields that belong to the other branch are ignored with a warning rather than refused: a
    # calculator page keeps them in its address when the user switches product.
    if inputs.product == "lukebao":
        ignored = [
            label
            for label, given in (
                ("实际投保年度保费", inputs.premium is not None),
                ("保险金额", inputs.sum_insured is not None),
                ("本年度已获得的同类保费补贴", inputs.received_this_year != 0),
            )
            if given
        ]
        if ignored:
            trace.warn(f"“鲁科保”补贴只按省财政补贴保费计算，未使用：{'、'.join(ignored)}。")
        return _lukebao(inputs, where, trace)
    if inputs.provincial_subsidy is not None:
        trace.warn("省财政补贴保费只用于“鲁科保”产品，本次未使用。")
    return _first_of_kind(inputs, where, trace)


PAGE = page(
    show_if={
        "premium": {"product": FIRST_OF_KIND},
        "sum_insured": {"product": FIRST_OF_KIND},
        "received_this_year": {"product": FIRST_OF_KIND},
        "provincial_subsidy": {"product": ["lukebao"]},
    }
)
