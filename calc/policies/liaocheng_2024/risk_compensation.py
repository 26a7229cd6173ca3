"""一（一）加大科技信贷支持力度: the city and counties' risk compensation of filed tech loans (for banks)."""

from __future__ import annotations

from typing import Literal

from ... import params
from ...clauses import cite
from ...fields import Inputs, Money, choice, money
from ...numbers import percent, rate_text, yuan_text
from ...outputs import MoneyOut, RateOut, Result, shown
from ...registry import estimator
from ...rules.conditions import AS_GIVEN
from ...trace import Trace

POLICY = "liaocheng-2024"
CLAUSE = "一（一）"
LOAN_KINDS = {
    "tech_transfer": "科技成果转化贷款",
    "early_stage_rd": "早期、初创期科技型企业研发类信用贷款",
}
# loan kind → (parameter, whether the clause gives a maximum: "最高45%")
SHARES = {
    "tech_transfer": ("s1_1.tech_transfer_compensation_share", False),
    "early_stage_rd": ("s1_1.early_stage_compensation_share_max", True),
}


class RiskCompensationInputs(Inputs):
    """风险补偿测算的填报项（合作银行填写）."""

    npl_principal: Money = money(
        "备案贷款不良本金", "已备案贷款形成的不良本金（研发类信用贷款为本金损失），单位元。", clause=CLAUSE
    )
    loan_kind: Literal["tech_transfer", "early_stage_rd"] = choice(
        "贷款类型", LOAN_KINDS, "两类贷款的风险补偿比例不同。", clause=CLAUSE
    )


class RiskCompensationResult(Result):
    """风险补偿测算结果."""

    compensation_rate: RateOut = shown("风险补偿比例", "rate")
    compensation: MoneyOut = shown("风险补偿金额", "money", headline=True)
    is_maximum: bool = shown("为最高额", "bool")


@estimator(
    "liaocheng-risk-compensation",
    title="聊城科技信贷风险补偿（供银行测算）",
    policy=POLICY,
    audience="bank",
    clauses=(CLAUSE,),
    example={"npl_principal": "2000000", "loan_kind": "tech_transfer"},
)
def risk_compensation(inputs: RiskCompensationInputs, trace: Trace) -> RiskCompensationResult:
    """按一（一）测算市、县两级财政对备案科技贷款不良本金的风险补偿。

    一（一）: "对备案的科技成果转化贷款，市、县两级财政共同承担备案贷款不良本金35%的风险补偿；对早期、
    初创期科技型企业研发类信用贷款本金损失，市、县两级财政共同承担备案贷款不良本金最高45%的风险补偿"
    """
    where = cite(POLICY, CLAUSE)
    name, is_maximum = SHARES[inputs.loan_kind]
    share = params.get(POLICY, name)
    trace.step("贷款类型", LOAN_KINDS[inputs.loan_kind], where, AS_GIVEN)
    trace.step("风险补偿比例", rate_text(share.value), where, f"{LOAN_KINDS[inputs.loan_kind]}：{share.text}")
    amount = inputs.npl_principal * percent(share.value)
    label = "风险补偿金额（最高）" if is_maximum else "风险补偿金额"
    trace.step(label, yuan_text(amount), where, f"{yuan_text(inputs.npl_principal)} × {share.text}")
    if is_maximum:
        trace.warn(f"一（一）对研发类信用贷款规定“{share.text}”的风险补偿，本估算为可获得的最高额。")
    # "市、县两级财政共同承担": the clause does not say how the two levels split the compensation.
    trace.warn("风险补偿由市、县两级财政共同承担，本文件未规定两级财政的分担比例，本估算只给出合计金额。")
    return RiskCompensationResult(compensation_rate=share.value, compensation=amount, is_maximum=is_maximum)
