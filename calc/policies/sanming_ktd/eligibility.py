"""二 支持对象 and 三（二）合作内容: who may borrow a “科特贷” and on what loan terms."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ... import params
from ...clauses import cite
from ...errors import InputError
from ...fields import (
    Inputs,
    OptCount,
    OptDay,
    OptFlag,
    OptMoney,
    OptRate,
    choice,
    count,
    day,
    flag,
    money,
    rate,
)
from ...numbers import HUNDRED, rate_text, yuan_text
from ...outputs import Check, RateOut, Result, shown
from ...page import page
from ...registry import estimator
from ...rules.conditions import MET, YES_NO, Answer
from ...rules.lpr_rate import lpr_for
from ...rules.matching import Fit, MatchRule, Profile
from ...rules.validity import check_in_force, parameter_day
from ...trace import Trace
from .matching import sanming_firm

POLICY = "sanming-ktd"
WHO = "二"
LOAN = "三（二）"
MONTHS_PER_YEAR = 12
# "同期 LPR" (三（二）): the LPR is published for two tenors only, 1 year and over 5 years. The
# contract takes the 1-year LPR for terms up to 60 months and the over-5-year LPR for longer ones.
ONE_YEAR_LPR_MAX_TERM = 60

EntityType = Literal["enterprise", "farmer_coop", "individual_business", "family_farm", "forest_farm", "other"]
Service = Literal["provincial", "municipal", "none"]

ENTITY_TYPES = {
    "enterprise": "企业",
    "farmer_coop": "农民专业合作社",
    "individual_business": "个体工商户",
    "family_farm": "家庭农场",
    "forest_farm": "林场",
    "other": "其他经济实体",
}
SERVICES = {
    "provincial": "省级科技特派员服务",
    "municipal": "市级科技特派员服务",
    "none": "无省、市级科技特派员服务",
}
# Chinese names of the checks (their ids are the input fields they judge).
NAMES = {
    "located_in_sanming": "位于三明市行政区域范围内",
    "entity_type": "属于经济实体",
    "commissioner_service": "由省、市级科技特派员服务",
    "normal_operation": "具备正常生产经营条件",
    "major_issues": "无安全、质量、环保、诚信等方面的重大问题",
    "bad_credit_record": "无不良信用记录",
    "term_months": "贷款期限不超过上限",
    "financing_cost_rate": "综合融资成本不高于同期LPR",
}
IN_PRINCIPLE = "（原文为“原则上应具备”，最终以合作机构和科技部门审查为准）"


class EligibilityInputs(Inputs):
    """申请单位的情况，以及（可选）拟申请贷款的条件；不确定的可以不填."""

    located_in_sanming: OptFlag = flag(
        "位于三明市行政区域范围内", "经济实体在三明市行政区域范围内。", clause=WHO, default=None
    )
    entity_type: EntityType | None = choice(
        "经济实体类型",
        ENTITY_TYPES,
        "方案列举的经济实体类型；列举以“等”结尾，其他类型需由主管部门认定。",
        clause=WHO,
        default=None,
    )
    commissioner_service: Service | None = choice(
        "科技特派员服务",
        SERVICES,
        "是否由科技行政主管部门选认的省、市级科技特派员服务；县级或未经选认的请选“无”。",
        clause=WHO,
        default=None,
    )
    # 二's conditions, with the contract's defaults: absent (the command line) they take the
    # default and the trace says so; an explicit null leaves them unanswered (未确定), so the page
    # never answers them for the user (calc.fields.Inputs).
    interest_community: OptFlag = flag(
        "属于科技特派员利益共同体",
        "科技特派员以技术、项目、资金领办、创办，或以成果、知识产权、资金入股等形式与服务对象结成的经济实体。",
        clause=WHO,
        default=False,
    )
    normal_operation: OptFlag = flag("具备正常生产经营条件", "目前正常开展生产经营。", clause=WHO, default=True)
    major_issues: OptFlag = flag(
        "存在安全、质量、环保、诚信等方面的重大问题", "如有，则原则上不属于支持对象。", clause=WHO, default=False
    )
    bad_credit_record: OptFlag = flag("有不良信用记录", "如有，则原则上不属于支持对象。", clause=WHO, default=False)
    loan_amount: OptMoney = money(
        "贷款金额",
        "拟申请的单户贷款金额，单位元；用于核对额度和抵（质）押率。",
        clause=LOAN,
        default=None,
        positive=True,
    )
    term_months: OptCount = count(
        "贷款期限", "拟申请贷款的期限，单位月。", unit="月", clause=LOAN, default=None, maximum=1200
    )
    collateral_value: OptMoney = money(
        "抵（质）押物价值", "借款方提供的合格抵（质）押物价值，单位元。", clause=LOAN, default=None
    )
    financing_cost_rate: OptRate = rate(
        "综合融资成本", "年化综合融资成本，含保险费及担保费等，例如 3.2 表示 3.2%。", clause=LOAN, default=None
    )
    lpr: OptRate = rate(
        "同期LPR",
        "与贷款期限同期的贷款市场报价利率；不填则按申请日期查找（五年以内用一年期，五年以上用五年期以上）。",
        clause=LOAN,
        default=None,
        positive=True,
    )
    application_date: OptDay = day("申请日期", "用于查找当期LPR和核对方案执行期。", default=None)


class EligibilityResult(Result):
    """条件检查结果：每项条件满足、不满足或未确定."""

    eligible: Answer = shown("符合申请条件", "bool", headline=True)
    priority: bool = shown("予以优先支持（利益共同体）", "bool")
    collateral_ratio: RateOut | None = shown("抵（质）押率", "rate")
    checks: list[Check] = shown("逐项检查", "text")
    missing: list[str] = shown("待补充填写的条件", "input")


def _check(id: str, passed: Answer, clause: str, message: str, trace: Trace) -> Check:
    trace.step(NAMES[id], MET[passed], cite(POLICY, clause), message)
    return Check(id=id, passed=passed, clause=clause, message=message)


def _negated(answer: Answer) -> Answer:
    """Whether "no bad credit record" holds, from "has one": not known stays not known."""
    return None if answer is None else not answer


def _who(inputs: EligibilityInputs, trace: Trace) -> list[Check]:
    """二: the borrower itself."""
    checks = []
    located = inputs.located_in_sanming
    checks.append(
        _check(
            "located_in_sanming",
            located,
            WHO,
            {
                True: "位于三明市行政区域范围内",
                False: "不在三明市行政区域范围内，不属于本方案支持对象",
                None: "未填写是否位于三明市行政区域范围内",
            }[located],
            trace,
        )
    )

    # 二 lists "(包括企业、农民专业合作社、个体工商户、家庭农场、林场等,下同)" as examples of 经济实体, and the
    # contract's rules do not list the entity type among the conditions: the check is shown only when a
    # type is given, and never fails. The list ends with 等, so "other" (其他经济实体) is not excluded;
    # it passes with a warning that the bureau confirms it.
    kind = inputs.entity_type
    if kind == "other":
        checks.append(
            _check(
                "entity_type",
                True,
                WHO,
                "其他经济实体：方案列举的类型以“等”结尾，未排除其他经济实体，是否支持以科技部门认定为准",
                trace,
            )
        )
        trace.warn(
            "经济实体类型为“其他”：方案列举“企业、农民专业合作社、个体工商户、家庭农场、林场等”，"
            "列举未穷尽，其他经济实体是否属于支持对象请向三明市科技局确认。"
        )
    elif kind is not None:
        checks.append(_check("entity_type", True, WHO, f"{ENTITY_TYPES[kind]}，属于方案列举的经济实体", trace))

    service = inputs.commissioner_service
    community = inputs.interest_community
    # 一 "为本方案下的科技特派员服务对象（包括科技特派员利益共同体）提供融资支持", and 二 defines the
    # community as an entity a commissioner founds or joins; the contract: "(or an interest community)".
    # Interpretation: being a community is another way to meet this condition, so an unanswered
    # community question leaves it open only when the commissioner answer does not settle it.
    if service in ("provincial", "municipal"):
        served, message = True, f"由{SERVICES[service]}"
    elif community:
        served, message = True, "属于科技特派员利益共同体，为方案支持对象"
    elif service is None:
        served, message = None, "未填写是否由省、市级科技特派员服务"
    elif community is None:
        served, message = None, "无省、市级科技特派员服务，未填写是否属于科技特派员利益共同体"
    else:
        served, message = False, "无科技行政主管部门选认的省、市级科技特派员服务，且不属于利益共同体"
    checks.append(_check("commissioner_service", served, WHO, message, trace))

    # 二 "上述服务对象原则上应具备正常生产经营条件,无安全、质量、环保、诚信等方面的重大问题,无不良信用
    # 记录": the contract makes them conditions; a failure says the text reads "原则上". Each is a
    # condition of eligibility: unanswered (null), it is 未确定 and so is ``eligible``.
    for id, holds, words in (
        ("normal_operation", inputs.normal_operation, ("具备正常生产经营条件", "不具备正常生产经营条件")),
        (
            "major_issues",
            _negated(inputs.major_issues),
            (NAMES["major_issues"], "存在安全、质量、环保、诚信等方面的重大问题"),
        ),
        ("bad_credit_record", _negated(inputs.bad_credit_record), ("无不良信用记录", "有不良信用记录")),
    ):
        message = {True: words[0], False: words[1] + IN_PRINCIPLE, None: f"未填写：{NAMES[id]}"}[holds]
        checks.append(_check(id, holds, WHO, message, trace))
    return checks


def _term(inputs: EligibilityInputs, trace: Trace) -> Check | None:
    """三（二）"贷款期限最长不超过10年" (checked only when a term is given)."""
    if inputs.term_months is None:
        return None
    if inputs.term_months == 0:
        raise InputError("term_months", "应大于 0")
    param = params.get(POLICY, "s3_2.max_term")
    limit = int(param.at(parameter_day(POLICY, inputs.application_date))) * MONTHS_PER_YEAR
    ok = inputs.term_months <= limit
    sign = "≤" if ok else ">"
    return _check("term_months", ok, LOAN, f"{inputs.term_months} 个月 {sign} 最长 {param.text}（{limit} 个月）", trace)


def _cost(inputs: EligibilityInputs, trace: Trace) -> Check | None:
    """三（二）"综合融资成本（含保险费及担保费等）最高不超过…同期…LPR" (when a cost or an LPR is given)."""
    cost = inputs.financing_cost_rate
    if cost is None and inputs.lpr is None:
        return None
    if cost is None:
        return _check("financing_cost_rate", None, LOAN, "未填写综合融资成本，无法与同期LPR比较", trace)
    where = cite(POLICY, LOAN)
    if inputs.lpr is not None:
        trace.step("同期LPR", rate_text(inputs.lpr), where, "按填报")
        rates = {"同期LPR": inputs.lpr}
    else:
        term = inputs.term_months
        tenors = ["1y", "5y"] if term is None else ["1y" if term <= ONE_YEAR_LPR_MAX_TERM else "5y"]
        names = {"1y": "一年期LPR", "5y": "五年期以上LPR"}
        rates = {
            names[t]: lpr_for(
                None,
                inputs.application_date,
                tenor=t,
                date_field="application_date",
                what="申请日期",
                clause=where,
                trace=trace,
            )
            for t in tenors
        }
    if all(cost <= r for r in rates.values()):
        ok: Answer = True
    elif all(cost > r for r in rates.values()):
        ok = False
    else:
        ok = None  # between the two tenors, term not given: which LPR is "同期" is not known
    compared = "、".join(f"{name} {rate_text(r)}" for name, r in rates.items())
    message = {
        True: f"综合融资成本 {rate_text(cost)} 不高于{compared}",
        False: f"综合融资成本 {rate_text(cost)} 高于{compared}",
        None: f"综合融资成本 {rate_text(cost)} 介于{compared}之间，请填写贷款期限以确定同期LPR",
    }[ok]
    return _check("financing_cost_rate", ok, LOAN, message, trace)


def _collateral(inputs: EligibilityInputs, trace: Trace) -> Decimal | None:
    """三（二）抵（质）押率 = collateral / loan × 100; warnings only, never a failure."""
    if inputs.collateral_value is None:
        return None
    if inputs.loan_amount is None:
        trace.warn("填写贷款金额后才能计算抵（质）押率。")
        return None
    usual = params.get(POLICY, "s3_2.collateral_share_usual")
    most = params.get(POLICY, "s3_2.collateral_share_max")
    ratio = inputs.collateral_value / inputs.loan_amount * HUNDRED
    trace.step(
        "抵（质）押率",
        rate_text(ratio),
        cite(POLICY, LOAN),
        f"抵（质）押物 {yuan_text(inputs.collateral_value)} ÷ 贷款金额 {yuan_text(inputs.loan_amount)} × 100%",
    )
    # 三（二）"一般只需提供不高于贷款额度30%…最高不高于贷款额度50%…（若超出上述比例，需作合理说明）":
    # a higher ratio asks for an explanation; it does not make the borrower ineligible.
    if ratio > most.at(parameter_day(POLICY, inputs.application_date)):
        trace.warn(
            f"抵（质）押率 {rate_text(ratio)} 超过最高 {most.text}，需作合理说明（三（二））；不影响申请条件判断。"
        )
    elif ratio > usual.at(parameter_day(POLICY, inputs.application_date)):
        trace.warn(
            f"抵（质）押率 {rate_text(ratio)} 超过一般比例 {usual.text}（最高 {most.text}），"
            "超出一般比例需作合理说明（三（二））；不影响申请条件判断。"
        )
    return ratio


def _amount(inputs: EligibilityInputs, trace: Trace) -> None:
    """三（二）"单户贷款金额…原则上不超过300万元": a warning, never a failure."""
    if inputs.loan_amount is None:
        return
    param = params.get(POLICY, "s3_2.max_loan_amount")
    above = inputs.loan_amount > param.at(parameter_day(POLICY, inputs.application_date))
    trace.step(
        "单户贷款金额",
        yuan_text(inputs.loan_amount),
        cite(POLICY, LOAN),
        f"原则上不超过 {param.text}" + ("，本笔超过" if above else ""),
    )
    if above:
        trace.warn(
            f"贷款金额 {yuan_text(inputs.loan_amount)} 超过单户原则上限额 {param.text}（三（二）），"
            "由合作金融机构合理确定；不影响申请条件判断。"
        )


def _match(profile: Profile, fit: Fit) -> None:
    """政策匹配: 二 (:func:`calc.policies.sanming_ktd.matching.sanming_firm`), for a firm that needs a loan."""
    sanming_firm(profile, fit)
    fit.wants(profile.needs_loan, "需要贷款")


def _prefill(profile: Profile) -> dict[str, str]:
    """The city answers 位于三明市; the commissioner carries over as it is."""
    known = {}
    if profile.city is not None:
        known["located_in_sanming"] = str(profile.city == "sanming").lower()
    if profile.commissioner_service is not None:
        known["commissioner_service"] = profile.commissioner_service
    return known


@estimator(
    "sanming-ktd-eligibility",
    title="三明“科特贷”申请条件与贷款条件检查",
    policy=POLICY,
    clauses=(WHO, LOAN),
    match=MatchRule(WHO, _match, _prefill),
    example={
        "located_in_sanming": True,
        "entity_type": "farmer_coop",
        "commissioner_service": "provincial",
        "loan_amount": "2000000",
        "term_months": "36",
        "collateral_value": "500000",
        "financing_cost_rate": "2.9",
        "application_date": "2025-09-01",
    },
)
def eligibility(inputs: EligibilityInputs, trace: Trace) -> EligibilityResult:
    """逐项检查申请单位是否属于“科特贷”支持对象，以及拟申请贷款的期限、成本、额度和抵（质）押率。

    二: "本方案所称科技特派员服务对象是指由科技行政主管部门选认的省、市级科技特派员服务的三明市行政区域
    范围内经济实体(包括企业、农民专业合作社、个体工商户、家庭农场、林场等,下同)……上述服务对象原则上
    应具备正常生产经营条件,无安全、质量、环保、诚信等方面的重大问题,无不良信用记录。对科技特派员利益
    共同体的贷款及贴息申请,予以优先支持。"
    三（二）: "贷款期限最长不超过10年；借款企业一般只需提供不高于贷款额度30%的合格抵（质）押物，最高
    不高于贷款额度50%的合格抵（质）押物（若超出上述比例，需作合理说明）；贷款对象综合融资成本（含保险费
    及担保费等）最高不超过中国人民银行最新公布的同期人民币贷款市场报价利率（LPR）。……单户贷款金额由
    合作的金融机构合理确定，原则上不超过300万元。"
    """
    # 二 and 三（二） are the conditions of a “科特贷” as the firm applies for it (三（三）1 申贷): the
    # window is checked, and the parameters read, on the application date.
    check_in_force(POLICY, trace, ("申请日期", inputs.application_date))
    checks = _who(inputs, trace)

    # The contract's ``priority`` is a plain bool: priority is given to a community the firm says it
    # is; not answered, no priority is claimed (the step says it was not answered).
    priority = inputs.interest_community is True
    trace.step(
        "予以优先支持",
        YES_NO[priority],
        cite(POLICY, WHO),
        {
            True: "科技特派员利益共同体的贷款及贴息申请予以优先支持",
            False: "不属于科技特派员利益共同体",
            None: "未填写是否属于科技特派员利益共同体，未计优先支持",
        }[inputs.interest_community],
    )

    checks += [c for c in (_term(inputs, trace), _cost(inputs, trace)) if c is not None]
    collateral_ratio = _collateral(inputs, trace)
    _amount(inputs, trace)

    failed = [c for c in checks if c.passed is False]
    open_ = [c for c in checks if c.passed is None]
    # Beyond the contract: the checks left undecided for want of an input, so that "not yet known" is
    # never shown as "not eligible".
    missing = [c.id for c in open_]
    if failed:
        eligible: Answer = False
        trace.step(
            "符合申请条件",
            YES_NO[False],
            cite(POLICY, failed[0].clause),
            "不满足：" + "、".join(f"{NAMES[c.id]}（{c.clause}）" for c in failed),
        )
    elif open_:
        eligible = None
        names = "、".join(NAMES[c.id] for c in open_)
        trace.step("符合申请条件", YES_NO[None], cite(POLICY, WHO), f"其余条件均满足，尚未确定：{names}")
        trace.warn(f"以下条件尚未确定，暂不能判断是否符合申请条件：{names}。")
    else:
        eligible = True
        trace.step("符合申请条件", YES_NO[True], cite(POLICY, WHO), "各项条件均满足；最终以合作机构和科技部门审查为准")
    return EligibilityResult(
        eligible=eligible, priority=priority, collateral_ratio=collateral_ratio, checks=checks, missing=missing
    )


PAGE = page(
    groups={
        "贷款信息（可选）": [
            "loan_amount",
            "term_months",
            "collateral_value",
            "financing_cost_rate",
            "lpr",
            "application_date",
        ]
    },
    lpr=["lpr"],
    interest_rates=["financing_cost_rate"],
)
