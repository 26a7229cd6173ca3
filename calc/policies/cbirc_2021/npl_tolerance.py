"""（十二）改进专门考核机制: the non-performing loan tolerance for small and micro tech firms."""

from __future__ import annotations

from ... import params
from ...clauses import cite
from ...fields import Inputs, OptRate, Rate, rate
from ...numbers import HUNDRED, rate_text
from ...outputs import RateOut, Result, shown
from ...registry import estimator
from ...rules.conditions import YES_NO, Answer
from ...trace import Trace

POLICY = "cbirc-2021"
CLAUSE = "（十二）"


class ToleranceInputs(Inputs):
    """银行的不良贷款率."""

    overall_npl_ratio: Rate = rate("各项贷款不良率", "本行各项贷款的不良贷款率，例如 1.5 表示 1.5%。", clause=CLAUSE)
    tech_micro_npl_ratio: OptRate = rate(
        "小微型科技企业贷款不良率",
        "填写后判断是否在可容忍的范围内。",
        clause=CLAUSE,
        default=None,
    )


class ToleranceResult(Result):
    """不良贷款容忍度的上限与比较."""

    tolerance_max: RateOut = shown("小微型科技企业不良贷款容忍度上限", "rate", headline=True)
    within_tolerance: Answer = shown("在容忍度上限内", "bool")


@estimator(
    "cbirc-npl-tolerance",
    title="小微型科技企业不良贷款容忍度",
    policy=POLICY,
    audience="bank",
    clauses=(CLAUSE,),
    example={"overall_npl_ratio": "1.5", "tech_micro_npl_ratio": "3.2"},
)
def npl_tolerance(inputs: ToleranceInputs, trace: Trace) -> ToleranceResult:
    """按（十二）测算小微型科技企业不良贷款容忍度可提高到的上限。

    （十二）: "鼓励适当提高科技企业贷款不良容忍度，小微型科技企业不良贷款容忍度可较各项贷款不良率提高
    不超过3个百分点。"
    """
    where = cite(POLICY, CLAUSE)
    margin = params.get(POLICY, "p12.npl_tolerance_margin")

    # “可较各项贷款不良率提高不超过3个百分点”: percentage points, added, not a relative 3 %.
    # A ratio cannot exceed 100 %, so the ceiling is capped there (only for an overall ratio above 97 %).
    raised = inputs.overall_npl_ratio + margin.value
    tolerance = min(raised, HUNDRED)
    formula = f"{rate_text(inputs.overall_npl_ratio)} + {margin.text}"
    if raised > HUNDRED:
        formula += "，不良率不超过 100%"
    trace.step("不良贷款容忍度上限", rate_text(tolerance), where, formula)
    trace.warn(
        f"（十二）是鼓励性规定：小微型科技企业不良贷款容忍度“可”较各项贷款不良率提高，最多 {margin.text}；"
        "实际容忍度以银行内部考核方案为准。"
    )

    within = None
    if inputs.tech_micro_npl_ratio is not None:
        within = inputs.tech_micro_npl_ratio <= tolerance
        trace.step(
            "在容忍度上限内",
            YES_NO[within],
            where,
            f"{rate_text(inputs.tech_micro_npl_ratio)} {'≤' if within else '>'} {rate_text(tolerance)}",
        )
    return ToleranceResult(tolerance_max=tolerance, within_tolerance=within)
