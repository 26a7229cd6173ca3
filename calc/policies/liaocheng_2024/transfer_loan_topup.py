"""一（一）加大科技信贷支持力度: the city's top-up of the provincial subsidy of a tech-transfer loan."""

from __future__ import annotations

from decimal import Decimal

from ... import params
from ...clauses import cite
from ...fields import Inputs, Money, OptFlag, flag, money
from ...numbers import percent, yuan_text
from ...outputs import MoneyOut, Result, shown
from ...page import page
from ...registry import estimator
from ...rules.conditions import Answer, eligibility
from ...rules.matching import Fit, MatchRule, Profile, in_city, needs_tech_sme, tech_sme_prefill
from ...trace import Trace

POLICY = "liaocheng-2024"
CLAUSE = "一（一）"


class TopupInputs(Inputs):
    """科技成果转化贷款市级贴息补助的填报项."""

    provincial_subsidy: Money = money(
        "省级财政贴息支持额度", "该笔科技成果转化贷款获得的省级财政贴息金额，单位元。", clause=CLAUSE
    )
    repaid_on_time: OptFlag = flag("是否按时还本付息", "补助只给按时还本付息的贷款。", clause=CLAUSE, default=None)
    tech_sme: OptFlag = flag("是否为科技型中小企业", "补助对象为科技型中小企业。", clause=CLAUSE, default=None)


class TopupResult(Result):
    """市级贴息补助估算结果."""

    eligible: Answer = shown("符合补助条件", "bool")
    topup: MoneyOut = shown("市级补助", "money", headline=True)


def _match(profile: Profile, fit: Fit) -> None:
    """政策匹配, 一（一）: a Liaocheng 科技型中小企业 with a tech-transfer loan."""
    in_city(fit, profile, "liaocheng")
    needs_tech_sme(fit, profile, "科技型中小企业")
    fit.wants(profile.tech_transfer_loan, "办理或计划办理科技成果转化贷款")


@estimator(
    "liaocheng-transfer-loan-topup",
    title="聊城科技成果转化贷款市级贴息补助",
    policy=POLICY,
    clauses=(CLAUSE,),
    match=MatchRule(CLAUSE, _match, tech_sme_prefill),
    example={"provincial_subsidy": "30000", "repaid_on_time": True, "tech_sme": True},
)
def transfer_loan_topup(inputs: TopupInputs, trace: Trace) -> TopupResult:
    """按一（一）估算科技成果转化贷款在省级贴息之外的市级补助。

    一（一）: "对科技成果转化贷款按时还本付息的科技型中小企业，市财政按照省级财政贴息支持额度的50%给予
    补助。"
    """
    where = cite(POLICY, CLAUSE)
    share = params.get(POLICY, "s1_1.transfer_loan_topup_share")
    # The clause's conditions, in its order.
    eligible = eligibility(
        [("科技成果转化贷款按时还本付息", inputs.repaid_on_time), ("科技型中小企业", inputs.tech_sme)],
        where,
        trace,
    )
    if eligible is False:
        amount = Decimal(0)
        trace.step("市级补助", yuan_text(amount), where, "不满足上述条件，不予补助")
    else:
        amount = inputs.provincial_subsidy * percent(share.value)
        trace.step(
            "市级补助", yuan_text(amount), where, f"省级财政贴息 {yuan_text(inputs.provincial_subsidy)} × {share.text}"
        )
    return TopupResult(eligible=eligible, topup=amount)


PAGE = page(gate="eligible")
