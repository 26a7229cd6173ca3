"""一 投放规模 and 三（四）4 风险警戒线: a cooperating bank's “科特贷” book against the pool."""

from __future__ import annotations

from ... import params
from ...clauses import cite
from ...errors import InputError
from ...fields import Inputs, Money, money
from ...numbers import HUNDRED, rate_text, yuan_text
from ...outputs import MoneyOut, RateOut, Result, shown
from ...page import page
from ...registry import estimator
from ...rules.conditions import YES_NO
from ...trace import Trace

POLICY = "sanming-ktd"
SCALE_CLAUSE = "一"
ALERT_CLAUSE = "三（四）4"


class PortfolioInputs(Inputs):
    """合作银行机构某一时点的“科特贷”贷款余额."""

    total_balance: Money = money(
        "“科特贷”贷款总余额", "本合作机构某一时点全部“科特贷”贷款余额，单位元。", clause=ALERT_CLAUSE, positive=True
    )
    overdue_balance: Money = money(
        "逾期贷款余额",
        "同一时点本金或利息逾期的“科特贷”对应的贷款余额（不是逾期金额本身），不能大于总余额。",
        clause=ALERT_CLAUSE,
    )
    pool_size: Money = money(
        "风险分担资金池规模",
        "约定的风险分担资金池金额；不填按方案安排的专项补偿资金计。",
        clause=SCALE_CLAUSE,
        default=params.get(POLICY, "s3_5_6.pool_amount").value,
        default_clause=params.get(POLICY, "s3_5_6.pool_amount").clause,
    )


class PortfolioResult(Result):
    """逾期率、是否暂停新增业务与约定的投放规模."""

    overdue_rate: RateOut = shown("贷款逾期率", "rate", headline=True)
    suspended: bool = shown("应暂停新增业务", "bool")
    lending_min: MoneyOut = shown("约定信贷投放规模下限", "money")
    lending_max: MoneyOut = shown("约定信贷投放规模上限", "money")


@estimator(
    "sanming-ktd-portfolio",
    title="三明“科特贷”合作银行逾期率与投放规模",
    policy=POLICY,
    audience="bank",
    clauses=(SCALE_CLAUSE, ALERT_CLAUSE),
    example={"total_balance": "40000000", "overdue_balance": "1500000"},
)
def portfolio(inputs: PortfolioInputs, trace: Trace) -> PortfolioResult:
    """测算合作银行机构的“科特贷”逾期率是否触及风险警戒线，以及按资金池倍数约定的信贷投放规模。

    一: "合作银行机构依据风险可控、商业可持续的原则，优先安排信贷额度，按照约定的风险分担资金池
    10~15 倍比例进行信贷投放"。
    三（四）4: "设置风险警戒线，对单个合作机构在合计贷款逾期率超过5%时，该合作机构应暂停新增业务办理
    （即暂停客户新增贷款发放），后续若贷款逾期率恢复至5%以内时经合作机构和跨部门工作小组商议同意后，
    可重启新增业务办理。（逾期率是指某一时点“科特贷”本金或利息逾期对应的贷款余额占总的贷款余额的比重）"
    """
    if inputs.overdue_balance > inputs.total_balance:
        raise InputError("overdue_balance", "逾期贷款余额是总余额的一部分，不能大于“科特贷”贷款总余额")

    scale = cite(POLICY, SCALE_CLAUSE)
    low_param = params.get(POLICY, "s1.lending_multiple_min")
    high_param = params.get(POLICY, "s1.lending_multiple_max")
    low, high = low_param.value, high_param.value
    lending_min = low * inputs.pool_size
    lending_max = high * inputs.pool_size
    trace.step(
        "约定信贷投放规模下限",
        yuan_text(lending_min),
        scale,
        f"资金池 {yuan_text(inputs.pool_size)} × {low} 倍（按资金池 {low_param.text}比例投放）",
    )
    trace.step(
        "约定信贷投放规模上限",
        yuan_text(lending_max),
        scale,
        f"资金池 {yuan_text(inputs.pool_size)} × {high} 倍（按资金池 {high_param.text}比例投放）",
    )

    alert = cite(POLICY, ALERT_CLAUSE)
    limit_param = params.get(POLICY, "s3_4_4.overdue_rate_limit")
    limit = limit_param.value
    overdue_rate = inputs.overdue_balance / inputs.total_balance * HUNDRED
    trace.step(
        "贷款逾期率",
        rate_text(overdue_rate),
        alert,
        f"逾期贷款余额 {yuan_text(inputs.overdue_balance)} ÷ 总余额 {yuan_text(inputs.total_balance)} × 100%",
    )

    # 三（四）4 "超过5%": strictly above; a rate of exactly 5 % is not above the line.
    suspended = overdue_rate > limit
    trace.step(
        "应暂停新增业务",
        YES_NO[suspended],
        alert,
        f"逾期率 {rate_text(overdue_rate)} {'>' if suspended else '≤'} 警戒线 {limit_param.text}"
        + ("，暂停客户新增贷款发放" if suspended else "，未超过警戒线"),
    )
    if suspended:
        trace.warn(
            f"逾期率超过 {limit_param.text}，应暂停新增业务办理；逾期率恢复至 {limit_param.text}以内后，"
            "还须经合作机构和跨部门工作小组商议同意方可重启（三（四）4）。"
        )
    return PortfolioResult(
        overdue_rate=overdue_rate, suspended=suspended, lending_min=lending_min, lending_max=lending_max
    )


# More than half of a bank's 科特贷 book overdue is far above the 5 % suspension line (三（四）4):
# most likely the two balances were swapped or typed in different units.
PAGE = page(usual_share={"overdue_balance": ("total_balance", "50")})
