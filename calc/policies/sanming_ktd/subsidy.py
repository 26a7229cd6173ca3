"""四（二）贴息方案: the interest subsidy of a “科特贷” loan, as on 附表2 贴息申请表."""

from __future__ import annotations

from decimal import Decimal

from ... import params, policies
from ...clauses import cite
from ...dates import accrued, accrued_formula, interest_days
from ...errors import InputError
from ...fields import Inputs, Money, OptDay, OptFlag, OptMoney, OptRate, Rate, day, flag, money, rate
from ...numbers import percent, rate_text, round_money, yuan_text
from ...outputs import MoneyOut, RateOut, Result, shown
from ...page import INTEREST_SHARE, page
from ...registry import estimator
from ...rules.caps import held_to_cap, left_under_cap, smaller_of
from ...rules.conditions import eligibility
from ...rules.lpr_rate import lpr_for
from ...rules.matching import Fit, MatchRule, Profile
from ...rules.validity import check_in_force, parameter_day, windows_text
from ...trace import Trace
from .matching import sanming_firm

POLICY = "sanming-ktd"
CLAUSE = "四（二）"


class SubsidyInputs(Inputs):
    """附表2 的填报项."""

    loan_amount: Money = money(
        "本次申请贴息的贷款金额", "贷款合同金额，单位元（附表2 以万元填写）。", clause=CLAUSE, positive=True
    )
    actual_rate: Rate = rate("贷款实际利率", "年利率，例如 3.45 表示 3.45%。", clause=CLAUSE, positive=True)
    interest_paid: OptMoney = money(
        "支付利息总额", "已实际支付的利息；不填则按贷款金额、实际利率和起止日期估算。", clause=CLAUSE, default=None
    )
    loan_date: OptDay = day("贷款发放日期", "用于查找当时的一年期LPR、估算利息和核对方案执行期。", default=None)
    repaid_date: OptDay = day("实际还贷日期", "与贷款发放日期一起用于估算利息（算头不算尾）。", default=None)
    lpr_1y: OptRate = rate(
        "一年期LPR",
        "不填则按贷款发放日期查找当期一年期贷款市场报价利率。",
        clause=CLAUSE,
        default=None,
        positive=True,
    )
    prior_subsidy: Money = money(
        "已享受本方案贴息累计", "本单位此前在本方案下已获得的贴息总额。", clause=CLAUSE, default=Decimal(0)
    )
    # 四（二） "从其他途径获得财政贴息资金的，不再享受本方案规定的资金扶持政策" is a condition of the
    # subsidy, not a plain option: absent, the contract's default (false) applies and the trace says so;
    # an explicit null leaves it unanswered and the amount is estimated as if it held, with a warning.
    other_fiscal_subsidy: OptFlag = flag(
        "该笔贷款已从其他途径获得财政贴息", "如是，则不再享受本方案贴息。", clause=CLAUSE, default=False
    )


class SubsidyResult(Result):
    """贴息估算结果（附表2 的计算栏）."""

    lpr_1y: RateOut = shown("一年期LPR", "rate", help="按填报，或按贷款发放日期查得（附表2 的“一年期 LPR”栏）。")
    subsidy_rate: RateOut = shown("贴息比例", "rate")
    interest_paid: MoneyOut = shown("支付利息总额", "money")
    interest_at_half_lpr: MoneyOut = shown("按一年期LPR的50%计算利息总额", "money")
    subsidy_before_cap: MoneyOut = shown("封顶前贴息额", "money")
    subsidy: MoneyOut = shown("申请贴息额度", "money", headline=True)
    capped: bool = shown("受累计贴息上限限制", "bool")


def _interest(inputs: SubsidyInputs, trace: Trace) -> Decimal:
    """支付利息总额: as typed, or loan × rate × days / 360 (contract; 算头不算尾)."""
    where = cite(POLICY, "附表2")
    if inputs.interest_paid is not None:
        paid = inputs.interest_paid
        trace.step("支付利息总额", lambda: yuan_text(paid), where, "按填报")
        return paid
    if inputs.loan_date is None or inputs.repaid_date is None:
        raise InputError("interest_paid", "请填写支付利息总额，或同时填写贷款发放日期和实际还贷日期")
    days = interest_days(inputs.loan_date, inputs.repaid_date)
    if days <= 0:
        raise InputError("repaid_date", "应晚于贷款发放日期")
    # Interest is paid in fen, so the estimated figure is rounded before it is used further.
    interest = round_money(accrued(inputs.loan_amount, inputs.actual_rate, days))
    trace.step(
        "支付利息总额（估算）",
        lambda: yuan_text(interest),
        where,
        lambda: accrued_formula(inputs.loan_amount, inputs.actual_rate, days),
    )
    return interest


def _match(profile: Profile, fit: Fit) -> None:
    """政策匹配: 二 and 四（一）贴息对象 "办理“科特贷”的贷款单位"."""
    sanming_firm(profile, fit)
    fit.wants(profile.needs_loan, "已办理或需要“科特贷”贷款")


@estimator(
    "sanming-ktd-subsidy",
    title="三明“科特贷”贴息估算（附表2）",
    policy=POLICY,
    clauses=(CLAUSE,),
    match=MatchRule(CLAUSE, _match),
    example={"loan_amount": "2000000", "actual_rate": "3.45", "loan_date": "2025-08-01", "repaid_date": "2026-07-31"},
)
def subsidy(inputs: SubsidyInputs, trace: Trace) -> SubsidyResult:
    """按四（二）估算“科特贷”贴息额度，即附表2 的“申请贴息额度”。

    四（二）: "贴息比例不高于一年期贷款市场报价利率（以下简称一年期 LPR) 的 50%，实际利率低于
    一年期 LPR 的按实际利率计算。每家贷款单位享受贴息总额累计不超过 15 万元。在同一笔贷款项目
    中，贷款单位从其他途径获得财政贴息资金的，不再享受本方案规定的资金扶持政策。"
    """
    where = cite(POLICY, CLAUSE)
    # 一: "对按期还款的贷款对象给予一定的贴息补助"; 四（二）: "对同一笔贷款项目采取上年还贷后次年给予一次性
    # 核拨". The subsidy is earned on repayment, so the window is checked, and the parameters read, on
    # the repayment date (on the loan date when the repayment date is not given): a loan disbursed
    # 2027-03-01 and repaid 2027-09-01, after the plan's end on 2027-07-08, is warned about.
    # 四（一）贴息对象 is "办理“科特贷”的贷款单位": the loan must itself be a “科特贷”, made under the plan,
    # so its disbursement date is checked too. A loan disbursed 2022-06-01, before the trial began,
    # and repaid in 2023 was not made under the plan although it was repaid while the plan was in
    # force: it is warned about (not refused; the bureau decides).
    tied = inputs.repaid_date or inputs.loan_date
    share_param = params.get(POLICY, "s4_2.subsidy_share_of_lpr")
    share = share_param.at(parameter_day(POLICY, tied))
    cap_param = params.get(POLICY, "s4_2.cumulative_cap").entry(parameter_day(POLICY, tied))
    budget = params.get(POLICY, "s4_2.annual_budget").at(parameter_day(POLICY, tied))

    check_in_force(
        POLICY,
        trace,
        (
            "实际还贷日期",
            inputs.repaid_date,
            "贴息在还贷后次年核拨（四（二）），执行期外还贷的能否贴息以三明市科技局通知为准",
        ),
        ("贷款发放日期", inputs.loan_date, "执行期外发放的贷款不是按本方案办理的“科特贷”（四（一））"),
    )
    if inputs.repaid_date is None and inputs.loan_date is not None:
        trace.warn(
            "未填写实际还贷日期：贴息在还贷后次年核拨（四（二）），请确认还贷时方案仍在执行期"
            f"（{windows_text(policies.get(POLICY))}）内。"
        )
    interest = _interest(inputs, trace)
    lpr_1y = lpr_for(
        inputs.lpr_1y,
        inputs.loan_date,
        tenor="1y",
        date_field="loan_date",
        what="贷款发放日期",
        clause=where,
        trace=trace,
    )

    basis = min(inputs.actual_rate, lpr_1y)
    subsidy_rate = percent(share) * basis
    trace.step(
        "贴息比例",
        lambda: rate_text(subsidy_rate),
        where,
        lambda: smaller_of(("实际利率", rate_text(inputs.actual_rate)), ("一年期LPR", rate_text(lpr_1y)), word="较低者")
        + f" {rate_text(basis)} × {share_param.text}",
    )

    at_half_lpr = interest * percent(share) * lpr_1y / inputs.actual_rate
    trace.step(
        "按一年期LPR的50%计算利息总额",
        lambda: yuan_text(at_half_lpr),
        cite(POLICY, "附表2"),
        lambda: f"{yuan_text(interest)} × {share_param.text} × {rate_text(lpr_1y)} ÷ {rate_text(inputs.actual_rate)}",
    )

    before_cap = interest * subsidy_rate / inputs.actual_rate
    trace.step(
        "封顶前贴息额",
        lambda: yuan_text(before_cap),
        where,
        lambda: f"{yuan_text(interest)} × {rate_text(subsidy_rate)} ÷ {rate_text(inputs.actual_rate)}",
    )

    remaining = left_under_cap(
        cap_param,
        inputs.prior_subsidy,
        label="累计上限内尚可享受",
        used_label="已享受",
        clause=where,
        trace=trace,
    )

    if inputs.other_fiscal_subsidy:
        amount, capped = Decimal(0), False
        trace.step("申请贴息额度", yuan_text(amount), where, "该笔贷款已从其他途径获得财政贴息，不再享受本方案贴息")
    else:
        if inputs.other_fiscal_subsidy is None:
            eligibility([("该笔贷款未从其他途径获得财政贴息", None)], where, trace)
        amount, capped = held_to_cap(before_cap, remaining, label="申请贴息额度", clause=where, trace=trace)
    if amount > 0:
        trace.warn(f"贴息资金每年统筹安排 {yuan_text(budget)}（四（二）），申请总额超过预算时实际核拨额可能低于估算。")

    return SubsidyResult(
        lpr_1y=lpr_1y,
        subsidy_rate=subsidy_rate,
        interest_paid=interest,
        interest_at_half_lpr=at_half_lpr,
        subsidy_before_cap=before_cap,
        subsidy=amount,
        capped=capped,
    )


PAGE = page(
    lpr=["lpr_1y"],
    form="附表2",
    one_of=[["interest_paid"], ["loan_date", "repaid_date"]],
    interest_rates=["actual_rate"],
    usual_share={"interest_paid": ("loan_amount", INTEREST_SHARE)},
)
