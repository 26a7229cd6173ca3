"""一（一）专利权质押融资贴息: the interest subsidy of a Liaocheng patent-pledge loan."""

from __future__ import annotations

from decimal import Decimal

from ... import params, policies
from ...clauses import cite
from ...dates import accrued, accrued_formula, interest_days
from ...errors import InputError
from ...fields import Day, Inputs, Money, OptFlag, OptMoney, OptRate, day, flag, money, rate
from ...numbers import percent, rate_text, yuan_text
from ...outputs import MoneyOut, RateOut, Result, shown
from ...page import INTEREST_SHARE, page
from ...registry import estimator
from ...rules.caps import held_to_cap, left_under_cap, smaller_of
from ...rules.conditions import Answer, eligibility
from ...rules.lpr_rate import lpr_for
from ...rules.matching import Fit, MatchRule, Profile, in_city, needs_tech_sme, tech_sme_prefill
from ...rules.validity import check_in_force, parameter_day
from ...trace import Trace

POLICY = "liaocheng-2024"
CLAUSE = "一（一）"


class PatentPledgeInputs(Inputs):
    """专利权质押贷款贴息的填报项."""

    loan_amount: Money = money(
        "贷款金额",
        "以专利权出质（或专利权出质加固定资产抵押等组合担保）获得的贷款金额，单位元。",
        clause=CLAUSE,
        positive=True,
    )
    lpr: OptRate = rate(
        "贷款市场报价利率（LPR）",
        "不填则按贷款发放日查找当期一年期LPR；例如 3.45 表示 3.45%。",
        clause=CLAUSE,
        default=None,
        positive=True,
    )
    loan_date: Day = day("贷款发放日期", "计息起始日（算头），也用于查找当期LPR和核对政策执行期。")
    repaid_date: Day = day("还清本息日期", "计息截止日（不算尾），应晚于贷款发放日期。")
    interest_paid: OptMoney = money(
        "实际支付利息", "该笔贷款实际支付的利息；填写后贴息不超过这一金额。", clause=CLAUSE, default=None
    )
    repaid_on_time: OptFlag = flag("是否按期还清本息", "贴息只给按期还清本息的贷款。", clause=CLAUSE, default=None)
    pledge_registered: OptFlag = flag(
        "是否办理了知识产权质押登记手续", "专利权出质须办理知识产权质押登记。", clause=CLAUSE, default=None
    )
    tech_sme: OptFlag = flag(
        "是否为聊城市科技型中小微企业", "贴息对象为聊城市的科技型中小微企业。", clause=CLAUSE, default=None
    )
    received_this_year: Money = money(
        "本年度已获得的专利权质押贷款贴息",
        "同一企业同一年度内其他贷款已获得的贴息合计，用于核对年度上限。",
        clause=CLAUSE,
        default=Decimal(0),
    )


class PatentPledgeResult(Result):
    """专利权质押贷款贴息估算结果."""

    eligible: Answer = shown("符合贴息条件", "bool")
    subsidy_rate: RateOut = shown("贴息比例", "rate")
    subsidy_before_cap: MoneyOut = shown("封顶前贴息额", "money")
    subsidy: MoneyOut = shown("贴息额", "money", headline=True)
    capped: bool = shown("受年度贴息上限限制", "bool")


def _match(profile: Profile, fit: Fit) -> None:
    """政策匹配, 一（一）: a Liaocheng 科技型中小微企业 with a patent-pledge loan."""
    in_city(fit, profile, "liaocheng")
    needs_tech_sme(fit, profile, "科技型中小微企业")
    fit.wants(profile.patent_pledge_loan, "办理或计划办理专利权质押贷款")


@estimator(
    "liaocheng-patent-pledge",
    title="聊城专利权质押贷款贴息",
    policy=POLICY,
    clauses=(CLAUSE,),
    match=MatchRule(CLAUSE, _match, tech_sme_prefill),
    example={
        "loan_amount": "1000000",
        "loan_date": "2024-06-01",
        "repaid_date": "2025-06-01",
        "repaid_on_time": True,
        "pledge_registered": True,
        "tech_sme": True,
    },
)
def patent_pledge(inputs: PatentPledgeInputs, trace: Trace) -> PatentPledgeResult:
    """按一（一）估算专利权质押贷款的贴息额。

    一（一）: "鼓励科技型中小企业开展专利权质押融资，对我市科技型中小微企业以其合法有效的专利权出质
    或以专利权出质、固定资产抵押等组合担保方式，获得金融机构贷款并办理了知识产权质押登记手续，按期还清
    本息的贷款，按照贷款市场报价利率（LPR）的40%给予贴息补助，同一企业一个年度贴息额最高10万元。"
    """
    where = cite(POLICY, CLAUSE)
    share_param = params.get(POLICY, "s1_1.patent_pledge_subsidy_share_of_lpr")
    # 一（一） subsidises "按期还清本息的贷款", up to a cap "一个年度": the subsidy is earned when the loan
    # is repaid, so the window is checked, and the parameters read, on the repayment date. A loan
    # disbursed 2028-06-01 and repaid 2029-06-01, after the measures end on 2028-12-31, is warned
    # about. The clause sets no date for the loan itself: a loan disbursed before the measures began
    # (2024-05-20) and repaid on time while they are in force is estimated like any other, with a
    # warning that the text does not say whether interest before that day is subsidised.
    share = share_param.at(parameter_day(POLICY, inputs.repaid_date))
    cap_param = params.get(POLICY, "s1_1.patent_pledge_annual_cap").entry(parameter_day(POLICY, inputs.repaid_date))

    check_in_force(
        POLICY,
        trace,
        ("还清本息日期", inputs.repaid_date, "贴息给予按期还清本息的贷款（一（一）），按还清日期核对"),
    )
    start = policies.get(POLICY).windows[0].start
    if inputs.loan_date < start <= inputs.repaid_date:
        trace.warn(
            f"贷款发放日期 {inputs.loan_date} 早于本措施实施日 {start}：一（一）按“按期还清本息的贷款”给予贴息，"
            "本估算按全部计息天数计算；实施前的计息期是否贴息，文件未写明，以市科技局认定为准。"
        )
    days = interest_days(inputs.loan_date, inputs.repaid_date)
    if days <= 0:
        raise InputError("repaid_date", "应晚于贷款发放日期")

    # The clause's conditions, in its order: a Liaocheng 科技型中小微企业, the pledge registered,
    # the loan repaid on time.
    eligible = eligibility(
        [
            ("聊城市科技型中小微企业", inputs.tech_sme),
            ("办理了知识产权质押登记手续", inputs.pledge_registered),
            ("按期还清本息", inputs.repaid_on_time),
        ],
        where,
        trace,
    )

    # The clause says "贷款市场报价利率（LPR）" without a tenor; the contract fixes the 1-year LPR
    # on the loan date (the usual basis of loans of a year or less).
    lpr = lpr_for(
        inputs.lpr,
        inputs.loan_date,
        tenor="1y",
        date_field="loan_date",
        what="贷款发放日期",
        clause=where,
        trace=trace,
    )
    trace.warn("一（一）未写明按哪一期限品种的LPR计算贴息，本估算按一年期LPR计算；如实际按其他期限，请直接填写LPR。")

    subsidy_rate = percent(share) * lpr
    trace.step("贴息比例", rate_text(subsidy_rate), where, f"LPR {rate_text(lpr)} × {share_param.text}")
    trace.step(
        "计息天数",
        f"{days} 天",
        where,
        f"{inputs.loan_date} 至 {inputs.repaid_date}（算头不算尾）",
    )

    by_rate = accrued(inputs.loan_amount, subsidy_rate, days)
    formula = accrued_formula(inputs.loan_amount, subsidy_rate, days)
    if inputs.interest_paid is not None and inputs.interest_paid < by_rate:
        # A subsidy of interest (贴息) cannot exceed the interest actually paid (contract).
        before_cap = inputs.interest_paid
        formula = smaller_of((formula, f"= {yuan_text(by_rate)}"), ("实际支付利息", yuan_text(inputs.interest_paid)))
    else:
        before_cap = by_rate
    trace.step("封顶前贴息额", yuan_text(before_cap), where, formula)

    # "同一企业一个年度贴息额最高10万元": the yearly cap counts every patent-pledge subsidy of the firm.
    remaining = left_under_cap(
        cap_param,
        inputs.received_this_year,
        label="年度上限内尚可享受",
        used_label="本年度已获得",
        clause=where,
        trace=trace,
    )

    if eligible is False:
        amount, capped = Decimal(0), False
        trace.step("贴息额", yuan_text(amount), where, "不满足上述贴息条件，不予贴息")
    else:
        amount, capped = held_to_cap(before_cap, remaining, label="贴息额", clause=where, trace=trace)

    return PatentPledgeResult(
        eligible=eligible,
        subsidy_rate=subsidy_rate,
        subsidy_before_cap=before_cap,
        subsidy=amount,
        capped=capped,
    )


PAGE = page(
    lpr=["lpr"],
    gate="eligible",
    usual_share={"interest_paid": ("loan_amount", INTEREST_SHARE)},
)
