"""三（五）风险补偿: what the risk pool pays a cooperating bank on an overdue loan (附表1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ... import params
from ...clauses import cite
from ...dates import add_months
from ...errors import InputError
from ...fields import Day, Inputs, Money, OptDay, OptFlag, day, flag, money
from ...numbers import percent, round_money, yuan_text
from ...outputs import MoneyOut, Result, shown
from ...page import page
from ...registry import estimator
from ...rules.caps import smaller_of
from ...rules.conditions import AS_GIVEN, NOT_GIVEN, YES_NO, Answer
from ...rules.validity import check_in_force, parameter_day
from ...trace import Trace

POLICY = "sanming-ktd"
SHARE_CLAUSE = "三（二）"
REPORT_CLAUSE = "三（三）4"
TRIGGER_CLAUSE = "三（五）2"
REVIEW_CLAUSE = "三（五）3"
FORM = "附表1"


class CompensationInputs(Inputs):
    """附表1 补偿申请表的填报项."""

    overdue_principal: Money = money(
        "逾期本金", "逾期未偿还的贷款本金，单位元（附表1 以万元填写）。", clause=SHARE_CLAUSE
    )
    overdue_interest: Money = money("逾期利息", "逾期未偿还的贷款利息，单位元。", clause=SHARE_CLAUSE)
    principal_overdue_date: OptDay = day(
        "本金逾期日期",
        "贷款本金开始逾期的日期；不填则无法判断本金逾期是否满期限。",
        clause=TRIGGER_CLAUSE,
        default=None,
    )
    interest_overdue_date: OptDay = day(
        "利息逾期日期",
        "贷款利息开始逾期的日期；不填则无法判断利息逾期是否满期限。",
        clause=TRIGGER_CLAUSE,
        default=None,
    )
    application_date: Day = day("申请日期", "合作机构提出补偿申请的日期，逾期天数算至该日。", clause=FORM)
    acceleration_declared: OptFlag = flag(
        "合作银行机构已宣布贷款提前到期", "启动补偿程序的条件之一。", clause=TRIGGER_CLAUSE, default=None
    )
    # 三（三）4 "逾期未报备的，视作不在风险分担资金池支持范围": a condition of the compensation. Absent,
    # the contract's default (true) applies and the trace says so; an explicit null leaves it
    # unanswered, and ``triggered`` is then null (amounts as if it held, with a warning).
    reported: OptFlag = flag(
        "该笔贷款已按月报送备案",
        "合作机构已按要求每月向三明市科技局报送贷款合同、发放、逾期等数据；逾期未报备的不在资金池支持范围。",
        clause=REPORT_CLAUSE,
        default=True,
    )
    pool_balance: Money = money(
        "风险分担资金池余额",
        "资金池现有可用于补偿的金额，补偿以此为限；不填按方案安排的专项补偿资金计。",
        clause=SHARE_CLAUSE,
        default=params.get(POLICY, "s3_5_6.pool_amount").value,
        default_clause=params.get(POLICY, "s3_5_6.pool_amount").clause,
    )


class CompensationResult(Result):
    """补偿测算结果（附表1 的计算栏）."""

    triggered: Answer = shown("启动补偿程序", "bool")
    principal_overdue_days: int | None = shown("本金逾期天数", "days")
    interest_overdue_days: int | None = shown("利息逾期天数", "days")
    pool_compensation: MoneyOut = shown("申请补偿金额（风险分担资金池承担）", "money", headline=True)
    bank_loss: MoneyOut = shown("合作银行承担的损失", "money")


def _all(values: list[Answer]) -> Answer:
    """Every condition holds: False if one fails, None if one is unknown, else True."""
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def _any(values: list[Answer]) -> Answer:
    """At least one condition holds: True if one holds, None if one is unknown, else False."""
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def _days(overdue: date | None, application: date, field: str, what: str, trace: Trace) -> int | None:
    """附表1 逾期天数 = 申请日期 − 逾期日期 (null without the date)."""
    if overdue is None:
        return None
    if overdue > application:
        raise InputError(field, "不能晚于申请日期")
    days = (application - overdue).days
    trace.step(
        f"{what}逾期天数", f"{days} 天", cite(POLICY, FORM), f"申请日期 {application} − {what}逾期日期 {overdue}"
    )
    return days


def _long_enough(
    amount: Decimal, overdue: date | None, application: date, name: str, what: str, trace: Trace
) -> Answer:
    """Overdue for at least the clause's number of calendar months, the last day included ("（含）")."""
    param = params.get(POLICY, f"s3_5_2.{name}")
    where = cite(POLICY, TRIGGER_CLAUSE)
    label = f"{what}逾期满{param.text}（含）"
    if amount == 0:
        trace.step(label, YES_NO[False], where, f"无逾期{what}")
        return False
    if overdue is None:
        trace.step(label, YES_NO[None], where, f"未填写{what}逾期日期")
        return None
    # "超过1个月（含）": reached on the same day number one calendar month later, clamped to the
    # month's last day (contract, Conventions: 2025-01-31 + 1 month = 2025-02-28), that day included.
    due = add_months(overdue, int(param.at(parameter_day(POLICY, application))))
    met = application >= due
    trace.step(
        label,
        YES_NO[met],
        where,
        f"{what}逾期日期 {overdue} 起满{param.text}之日为 {due}，"
        f"申请日期 {application} {'不早于' if met else '早于'}该日",
    )
    return met


@estimator(
    "sanming-ktd-compensation",
    title="三明“科特贷”风险补偿测算（附表1）",
    policy=POLICY,
    audience="bank",
    clauses=(SHARE_CLAUSE, REPORT_CLAUSE, TRIGGER_CLAUSE),
    example={
        "overdue_principal": "1000000",
        "overdue_interest": "30000",
        "principal_overdue_date": "2025-09-01",
        "interest_overdue_date": "2025-08-21",
        "application_date": "2025-10-15",
        "acceleration_declared": True,
    },
)
def compensation(inputs: CompensationInputs, trace: Trace) -> CompensationResult:
    """测算逾期“科特贷”是否启动补偿程序，以及风险分担资金池与合作银行各自承担的金额（附表1）。

    三（二）: "发生风险时，合作银行机构承担逾期贷款本金50%的损失以及全部利息损失；风险分担资金池承担
    贷款本金50%的补偿责任，以风险分担资金池全部金额为限。"
    三（三）4: "逾期未报备的，视作不在风险分担资金池支持范围。"
    三（五）2: "逾期超过1个月（含）未偿还贷款本金或超过2个月（含）未偿还贷款利息且合作银行机构已宣布
    贷款提前到期及合作机构赔付达到补偿标准的，启动补偿程序，各方按约定承担补偿责任。"
    """
    application = inputs.application_date
    # 三（五）2–3: the compensation procedure starts when the bank applies, once the loan has been
    # overdue long enough; what the pool pays is decided on that application. The window is checked,
    # and every parameter (the overdue months, the pool's share) read, on the application date. The
    # loan's own date is not an input of the contract.
    check_in_force(POLICY, trace, ("申请日期", application))

    principal_days = _days(inputs.principal_overdue_date, application, "principal_overdue_date", "本金", trace)
    interest_days = _days(inputs.interest_overdue_date, application, "interest_overdue_date", "利息", trace)

    trace.step(
        "已按月报送备案",
        YES_NO[inputs.reported],
        cite(POLICY, REPORT_CLAUSE),
        {True: AS_GIVEN, False: "逾期未报备的，视作不在风险分担资金池支持范围", None: NOT_GIVEN}[inputs.reported],
    )
    trigger = cite(POLICY, TRIGGER_CLAUSE)
    trace.step(
        "合作银行机构已宣布贷款提前到期",
        YES_NO[inputs.acceleration_declared],
        trigger,
        AS_GIVEN if inputs.acceleration_declared is not None else NOT_GIVEN,
    )
    principal_leg = _long_enough(
        inputs.overdue_principal, inputs.principal_overdue_date, application, "principal_overdue_months", "本金", trace
    )
    interest_leg = _long_enough(
        inputs.overdue_interest, inputs.interest_overdue_date, application, "interest_overdue_months", "利息", trace
    )
    long_enough = _any([principal_leg, interest_leg])
    triggered = _all([inputs.reported, inputs.acceleration_declared, long_enough])

    conditions = [
        ("按月报送备案", REPORT_CLAUSE, inputs.reported),
        ("已宣布贷款提前到期", TRIGGER_CLAUSE, inputs.acceleration_declared),
        ("本金或利息逾期满期限", TRIGGER_CLAUSE, long_enough),
    ]
    failed = [(f"{name}（{clause}）", clause) for name, clause, value in conditions if value is False]
    unknown = [f"{name}（{clause}）" for name, clause, value in conditions if value is None]
    # A refusal cites the clause of the first condition that fails (三（三）4 for an unreported loan).
    failed_at = cite(POLICY, failed[0][1]) if failed else trigger
    if failed:
        trace.step("启动补偿程序", YES_NO[False], failed_at, "不满足：" + "、".join(name for name, _ in failed))
    elif triggered is None:
        trace.step("启动补偿程序", YES_NO[None], trigger, "尚未确定：" + "、".join(unknown))
        trace.warn("以下补偿条件尚未确定：" + "、".join(unknown) + "。下列金额按满足条件估算，仅供参考。")
    else:
        trace.step("启动补偿程序", YES_NO[True], trigger, "已备案、已宣布提前到期，且本金或利息逾期满期限")
    if triggered is not False:
        # 三（五）2 also requires "合作机构赔付达到补偿标准", which the contract's inputs do not carry.
        trace.warn("三（五）2 另要求“合作机构赔付达到补偿标准”，本测算未核对该条件，请按合作协议确认。")

    share_clause = cite(POLICY, SHARE_CLAUSE)
    pool_param = params.get(POLICY, "s3_2.pool_principal_share")
    bank_param = params.get(POLICY, "s3_2.bank_principal_share")
    if failed:
        pool_compensation = Decimal(0)
        trace.step("申请补偿金额（风险分担资金池承担）", yuan_text(pool_compensation), failed_at, "未启动补偿程序")
    else:
        share_of_principal = inputs.overdue_principal * percent(pool_param.at(parameter_day(POLICY, application)))
        # Compensation is paid in fen, so it is rounded before the bank's part is taken as the rest:
        # pool + bank always add up to the overdue principal and interest.
        pool_compensation = round_money(min(share_of_principal, inputs.pool_balance))
        trace.step(
            "申请补偿金额（风险分担资金池承担）",
            yuan_text(pool_compensation),
            share_clause,
            smaller_of(
                ("逾期本金", f"{yuan_text(inputs.overdue_principal)} × {pool_param.text}"),
                ("资金池余额", yuan_text(inputs.pool_balance)),
            ),
        )
        if share_of_principal > inputs.pool_balance:
            # 三（二）"以风险分担资金池全部金额为限": the pool pays no more than it holds; the principal
            # it cannot cover stays with the lending bank (interpretation: nobody else is named).
            trace.warn(
                f"资金池余额不足：本金的 {pool_param.text} 为 {yuan_text(share_of_principal)}，"
                f"补偿以资金池全部金额为限（三（二）），超出部分本测算计入合作银行损失。"
            )
        if "pool_balance" not in inputs.model_fields_set:
            pool_source = params.get(POLICY, "s3_5_6.pool_amount")
            trace.warn(
                f"未填写资金池余额，按方案安排的专项补偿资金 {pool_source.text}（三（五）6）计；"
                "实际以资金池剩余金额为准。"
            )

    # 三（二）: the bank bears its share of the principal and all the interest; whatever the pool does
    # not pay (nothing when not triggered, less than its share when the pool runs short) stays with it.
    bank_loss = inputs.overdue_principal - pool_compensation + inputs.overdue_interest
    why = (
        "未启动补偿程序，损失由合作银行自行承担"
        if triggered is False
        else f"银行承担本金 {bank_param.text}的损失以及全部利息损失"
    )
    trace.step(
        "合作银行承担的损失",
        yuan_text(bank_loss),
        share_clause,
        f"逾期本金 {yuan_text(inputs.overdue_principal)} − 资金池补偿 {yuan_text(pool_compensation)} "
        f"+ 逾期利息 {yuan_text(inputs.overdue_interest)}（{why}）",
    )

    if triggered is not False:
        trace.step(
            "补偿审核与拨付",
            "以审核确认为准",
            cite(POLICY, REVIEW_CLAUSE),
            "三明市科技局等相关部门审核，提出风险资金池分担建议，报三明市财政局审核确认并拨付资金；本结果仅为估算",
        )
    return CompensationResult(
        triggered=triggered,
        principal_overdue_days=principal_days,
        interest_overdue_days=interest_days,
        pool_compensation=pool_compensation,
        bank_loss=bank_loss,
    )


PAGE = page(
    bars=[("损失分担", [("pool_compensation", "风险分担资金池"), ("bank_loss", "合作银行")])],
    form="附表1",
    gate="triggered",
    usual_share={"overdue_interest": ("overdue_principal", "50")},  # unpaid interest of half the principal: check
)
