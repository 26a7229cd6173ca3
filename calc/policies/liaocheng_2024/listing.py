"""二（三）强化科创企业上市培育: the city's rewards for listing on an exchange or equity market."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ... import params
from ...clauses import cite
from ...errors import InputError
from ...fields import Inputs, OptFlag, OptMoney, choice, flag, money
from ...numbers import percent, yuan_text
from ...outputs import MoneyOut, Result, shown
from ...page import page
from ...registry import estimator
from ...rules.conditions import AS_GIVEN, Answer, eligibility
from ...rules.matching import Fit, MatchRule, Profile, in_city
from ...trace import Trace

POLICY = "liaocheng-2024"
CLAUSE = "二（三）"
VENUES = {
    "ipo": "首次公开发行股票（IPO）",
    "regional_equity": "省内区域股权交易市场挂牌",
    "neeq_basic": "新三板基础层挂牌",
    "neeq_innovation": "新三板创新层挂牌",
}


class ListingInputs(Inputs):
    """上市挂牌奖补的填报项."""

    venue: Literal["ipo", "regional_equity", "neeq_basic", "neeq_innovation"] = choice(
        "上市挂牌类型", VENUES, "按企业上市或挂牌的市场选择。", clause=CLAUSE
    )
    financing_amount: OptMoney = money(
        "融资额",
        "区域股权交易市场：挂牌后实现的直接融资额；新三板：挂牌公司的融资额。单位元。",
        clause=CLAUSE,
        default=None,
    )
    above_designated_size: OptFlag = flag(
        "是否为规模以上科技型企业", "区域股权交易市场挂牌补助只给规模以上科技型企业。", clause=CLAUSE, default=None
    )


class ListingResult(Result):
    """上市挂牌奖补估算结果."""

    reward: MoneyOut = shown("奖补金额", "money", headline=True)
    is_maximum: bool = shown("为最高额", "bool")
    eligible: Answer = shown("符合奖补条件", "bool")


def _financing(inputs: ListingInputs) -> Decimal:
    if inputs.financing_amount is None:
        raise InputError("financing_amount", f"{VENUES[inputs.venue]}的奖补按融资额确定，请填写融资额")
    return inputs.financing_amount


def _ipo(inputs: ListingInputs, where: str, trace: Trace) -> ListingResult:
    """IPO: "分阶段给予最高600万元支持"; the stages are not in the text, so the maximum is reported."""
    top = params.get(POLICY, "s2_3.ipo_max")
    trace.step("上市支持（最高）", yuan_text(top.value), where, f"分阶段给予最高 {top.text}")
    trace.warn(
        f"二（三）规定IPO支持“按照申请募集资金规模分阶段给予最高{top.text}”，但本文件未列明各阶段和募集资金规模"
        "对应的金额，本估算只给出最高额；“符合条件”的具体条件也以配套细则为准。"
    )
    if inputs.financing_amount is not None:
        trace.warn("本文件未列明募集资金规模与支持金额的对应关系，填写的融资额未用于IPO支持的估算。")
    return ListingResult(reward=top.value, is_maximum=True, eligible=True)


def _regional_equity(inputs: ListingInputs, where: str, trace: Trace) -> ListingResult:
    """省内区域股权交易市场: 10万元 when above designated size and financing of at least 100万元."""
    financing = _financing(inputs)
    minimum = params.get(POLICY, "s2_3.regional_equity_min_financing")
    reward = params.get(POLICY, "s2_3.regional_equity_reward")
    # "100万元（含）以上": exactly 1,000,000 qualifies.
    eligible = eligibility(
        [
            ("规模以上科技型企业", inputs.above_designated_size),
            (
                f"实现直接融资{minimum.text}以上",
                financing >= minimum.value,
                f"融资额 {yuan_text(financing)} {'≥' if financing >= minimum.value else '<'} {minimum.text}",
            ),
        ],
        where,
        trace,
    )
    if eligible is False:
        amount = Decimal(0)
        trace.step("挂牌补助", yuan_text(amount), where, "不满足上述条件，不予补助")
    else:
        amount = reward.value
        trace.step("挂牌补助", yuan_text(amount), where, f"市财政补助 {reward.text}")
    return ListingResult(reward=amount, is_maximum=False, eligible=eligible)


def _neeq(inputs: ListingInputs, where: str, trace: Trace) -> ListingResult:
    """新三板: 基础层 1 % of the financing; 创新层 the same plus a further 50万元 ("再补助")."""
    financing = _financing(inputs)
    share = params.get(POLICY, "s2_3.neeq_financing_share")
    by_financing = financing * percent(share.value)
    trace.step("按融资额补助", yuan_text(by_financing), where, f"融资额 {yuan_text(financing)} × {share.text}")
    if inputs.venue == "neeq_basic":
        return ListingResult(reward=by_financing, is_maximum=False, eligible=True)
    # "对创新层挂牌公司，市财政再补助50万元": 再 ("further") reads as on top of the 基础层 subsidy by
    # financing, so an 创新层 company gets both (contract). Said to the user, since it is a reading.
    extra = params.get(POLICY, "s2_3.neeq_innovation_extra")
    total = by_financing + extra.value
    trace.step(
        "创新层挂牌补助",
        yuan_text(total),
        where,
        f"{yuan_text(by_financing)} + 再补助 {extra.text}",
    )
    trace.warn(
        f"二（三）对创新层挂牌公司“再补助{extra.text}”，本估算理解为在按融资额{share.text}补助之外再补助，"
        "实际以市财政核定为准。"
    )
    return ListingResult(reward=total, is_maximum=False, eligible=True)


def _match(profile: Profile, fit: Fit) -> None:
    """政策匹配, 二（三）: a Liaocheng firm planning to list."""
    in_city(fit, profile, "liaocheng")
    fit.wants(profile.listing, "计划上市或挂牌")


@estimator(
    "liaocheng-listing",
    title="聊城科创企业上市挂牌奖补",
    policy=POLICY,
    clauses=(CLAUSE,),
    match=MatchRule(CLAUSE, _match),
    example={"venue": "neeq_innovation", "financing_amount": "20000000"},
)
def listing(inputs: ListingInputs, trace: Trace) -> ListingResult:
    """按二（三）估算科技型企业上市、挂牌的市级奖补。

    二（三）: "对符合条件首次公开发行股票（IPO）的科技型企业，市财政按照申请募集资金规模分阶段给予最高
    600万元支持。对规模以上科技型企业在省政府认可的省内区域股权交易市场挂牌且实现直接融资100万元（含）
    以上的，市财政补助10万元。支持科技型企业到新三板挂牌，对新三板基础层挂牌公司，按融资额的１％给予补助；
    对创新层挂牌公司，市财政再补助50万元。"
    """
    where = cite(POLICY, CLAUSE)
    trace.step("上市挂牌类型", VENUES[inputs.venue], where, AS_GIVEN)
    if inputs.venue != "regional_equity" and inputs.above_designated_size is not None:
        trace.warn("“是否为规模以上科技型企业”只是区域股权交易市场挂牌补助的条件，本次未使用。")
    if inputs.venue == "ipo":
        return _ipo(inputs, where, trace)
    if inputs.venue == "regional_equity":
        return _regional_equity(inputs, where, trace)
    return _neeq(inputs, where, trace)


PAGE = page(
    gate="eligible",
    show_if={
        "financing_amount": {"venue": ["regional_equity", "neeq_basic", "neeq_innovation"]},
        "above_designated_size": {"venue": ["regional_equity"]},
    }
)
