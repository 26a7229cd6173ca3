"""一（一）科技信贷风险补偿 of the Liaocheng measures (for banks), property tests.

The worked examples are data: calc/policies/liaocheng_2024/examples/risk_compensation.toml.

一（一）: "对备案的科技成果转化贷款，市、县两级财政共同承担备案贷款不良本金35%的风险补偿；对早期、初创期
科技型企业研发类信用贷款本金损失，市、县两级财政共同承担备案贷款不良本金最高45%的风险补偿"
"""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calc

ID = "liaocheng-risk-compensation"


def run(**inputs: object) -> dict:
    return calc.run(ID, inputs)


def result(**inputs: object) -> dict:
    out = run(**inputs)
    assert out["ok"], out
    return out["result"]


money = st.decimals(min_value=0, max_value=10**11, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(npl=money)
def test_compensation_is_a_fixed_part_of_the_loss(npl: Decimal) -> None:
    transfer = result(npl_principal=str(npl), loan_kind="tech_transfer")
    early = result(npl_principal=str(npl), loan_kind="early_stage_rd")
    assert abs(Decimal(transfer["compensation"]) - npl * Decimal("0.35")) <= Decimal("0.005")
    assert abs(Decimal(early["compensation"]) - npl * Decimal("0.45")) <= Decimal("0.005")
    assert 0 <= Decimal(transfer["compensation"]) <= Decimal(early["compensation"]) <= npl


@settings(max_examples=100, deadline=None)
@given(a=money, b=money, kind=st.sampled_from(["tech_transfer", "early_stage_rd"]))
def test_a_bigger_loss_never_means_less_compensation(a: Decimal, b: Decimal, kind: str) -> None:
    low, high = sorted((a, b))
    assert Decimal(result(npl_principal=str(low), loan_kind=kind)["compensation"]) <= Decimal(
        result(npl_principal=str(high), loan_kind=kind)["compensation"]
    )


kinds = st.sampled_from(["tech_transfer", "early_stage_rd"])
