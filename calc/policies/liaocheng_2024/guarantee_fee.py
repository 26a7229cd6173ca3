"""一（二）鼓励开展科技融资担保: the city's guarantee-fee subsidy of a “鲁科担” guarantee."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ... import params
from ...clauses import cite
from ...fields import Inputs, Money, OptFlag, Rate, choice, flag, money, rate
from ...numbers import percent, rate_text, yuan_text
from ...outputs import MoneyOut, Result, shown
from ...page import page
from ...registry import estimator
from ...rules.caps import smaller_of
from ...rules.conditions import Answer, eligibility
from ...rules.matching import Fit, MatchRule, Profile, in_city
from ...trace import Trace

POLICY = "liaocheng-2024"
CLAUSE = "一（二）"
COUNTER_GUARANTEES = {
    "intangible": "以知识产权、许可权等无形资产作为反担保措施",
    "none": "无反担保要求",
    "other": "其他反担保措施（如房产、设备抵押或保证）",
}


class GuaranteeFeeInputs(Inputs):
    """“鲁科担”保费补贴的填报项."""

    guarantee_amount: Money = money(
        "担保金额", "政府性融资担保体系成员为企业提供“鲁科担”担保的金额，单位元。", clause=CLAUSE, positive=True
    )
    fee_rate: Rate = rate(
        "实际收取的担保费率（年）", "担保机构实际向企业收取的年化担保费率，例如 0.5 表示 0.5%/年。", clause=CLAUSE
    )
    counter_guarantee: Literal["intangible", "none", "other"] = choice(
        "反担保方式", COUNTER_GUARANTEES, "以无形资产反担保或无反担保要求的业务方可享受补贴。", clause=CLAUSE
    )
    filed: OptFlag = flag(
        "“鲁科担”业务是否已备案", "补贴给予备案“鲁科担”业务的科技型企业。", clause=CLAUSE, default=None
    )


class GuaranteeFeeResult(Result):
    """“鲁科担”保费补贴估算结果."""

    eligible: Answer = shown("符合补贴条件", "bool")
    subsidy: MoneyOut = shown("市级保费补贴（最高）", "money", headline=True)


def _match(profile: Profile, fit: Fit) -> None:
    """政策匹配, 一（二）: a Liaocheng firm with a “鲁科担” guarantee."""
    in_city(fit, profile, "liaocheng")
    fit.wants(profile.guarantee, "需要“鲁科担”融资担保")


@estimator(
    "liaocheng-guarantee-fee",
    title="聊城“鲁科担”保费补贴",
    policy=POLICY,
    clauses=(CLAUSE,),
    match=MatchRule(CLAUSE, _match),
    example={"guarantee_amount": "5000000", "fee_rate": "0.5", "counter_guarantee": "intangible", "filed": True},
)
def guarantee_fee(inputs: GuaranteeFeeInputs, trace: Trace) -> GuaranteeFeeResult:
    """按一（二）估算“鲁科担”业务的市级保费补贴。

    一（二）: "对以知识产权、许可权等无形资产作为反担保措施或无反担保要求且实际收取企业担保费率不超过
    0.5%/年的“鲁科担”业务，市财政给予备案“鲁科担”业务的科技型企业不高于担保金额0.2%的市级保费补贴"
    """
    where = cite(POLICY, CLAUSE)
    max_fee = params.get(POLICY, "s1_2.max_fee_rate")
    share = params.get(POLICY, "s1_2.subsidy_share_of_guarantee")

    # The clause's conditions, in its order. "不超过0.5%/年": exactly 0.5 % qualifies.
    eligible = eligibility(
        [
            (
                "以无形资产作为反担保措施或无反担保要求",
                inputs.counter_guarantee in ("intangible", "none"),
                f"反担保方式：{COUNTER_GUARANTEES[inputs.counter_guarantee]}",
            ),
            (
                f"实际收取担保费率不超过{max_fee.text}",
                inputs.fee_rate <= max_fee.value,
                f"实际担保费率 {rate_text(inputs.fee_rate)} {'≤' if inputs.fee_rate <= max_fee.value else '>'} "
                f"{max_fee.text}",
            ),
            ("“鲁科担”业务已备案", inputs.filed),
        ],
        where,
        trace,
    )

    # "不高于担保金额0.2%": 0.2 % of the guarantee amount is the most the city pays; the subsidy of a
    # fee is never more than the fee itself, so a cheaper guarantee is subsidised at its own rate
    # (contract: guarantee_amount × min(0.2 %, fee_rate)).
    subsidy_rate = min(share.value, inputs.fee_rate)
    trace.step(
        "补贴比例",
        rate_text(subsidy_rate),
        where,
        smaller_of(("不高于担保金额的", share.text), ("实际担保费率", rate_text(inputs.fee_rate)), word="较低者"),
    )
    if eligible is False:
        amount = Decimal(0)
        trace.step("市级保费补贴", yuan_text(amount), where, "不满足上述补贴条件，不予补贴")
    else:
        amount = inputs.guarantee_amount * percent(subsidy_rate)
        trace.step(
            "市级保费补贴",
            yuan_text(amount),
            where,
            f"{yuan_text(inputs.guarantee_amount)} × {rate_text(subsidy_rate)}",
        )
        trace.warn(
            f"一（二）规定补贴“不高于担保金额{share.text}”，本估算为可获得的最高额，实际以市财政核定为准；"
            "条款未写明是否按年度计算，本估算按担保金额计算一次，并以一年的担保费为限。"
        )

    return GuaranteeFeeResult(eligible=eligible, subsidy=amount)


PAGE = page(gate="eligible")
