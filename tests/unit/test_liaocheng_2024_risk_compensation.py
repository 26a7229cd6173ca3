"""一（一）科技信贷风险补偿 of the Liaocheng measures (for banks), worked by hand from the text.

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


def test_tech_transfer_loan_gets_35_percent() -> None:
    # 35 % × 2,000,000 = 700,000, a fixed share.
    out = run(npl_principal="2000000", loan_kind="tech_transfer")
    assert out["ok"] and out["result"] == {
        "compensation_rate": "35.00",
        "compensation": "700000.00",
        "is_maximum": False,
    }
    assert {s["clause"] for s in out["trace"]} == {"liaocheng-2024 一（一）"}
    assert out["trace"][-1]["label"] == "风险补偿金额" and out["trace"][-1]["value"] == "700,000.00 元"
    assert not any("最高额" in w for w in out["warnings"])


def test_early_stage_rd_credit_loan_gets_at_most_45_percent() -> None:
    # "最高45%": 45 % × 2,000,000 = 900,000 is a maximum.
    out = run(npl_principal=2_000_000, loan_kind="early_stage_rd")
    assert out["result"] == {"compensation_rate": "45.00", "compensation": "900000.00", "is_maximum": True}
    assert any("最高45%" in w and "最高额" in w for w in out["warnings"])
    assert out["trace"][-1]["label"] == "风险补偿金额（最高）"


def test_the_city_county_split_is_not_stated_and_the_user_is_told() -> None:
    for kind in ("tech_transfer", "early_stage_rd"):
        out = run(npl_principal=1, loan_kind=kind)
        assert any("市、县两级财政共同承担" in w and "未规定" in w for w in out["warnings"])


def test_no_loss_no_compensation() -> None:
    assert result(npl_principal=0, loan_kind="early_stage_rd")["compensation"] == "0.00"


def test_amounts_round_half_up_only_at_the_end() -> None:
    # 45 % × 0.10 = 0.045 → 0.05 (half-up), never 0.04; 35 % × 0.30 = 0.105 → 0.11.
    assert result(npl_principal="0.10", loan_kind="early_stage_rd")["compensation"] == "0.05"
    assert result(npl_principal="0.30", loan_kind="tech_transfer")["compensation"] == "0.11"


def test_errors_name_the_field_in_chinese() -> None:
    out = run(npl_principal=-1, loan_kind="mortgage")
    assert not out["ok"]
    by_field = {e["field"]: e["message"] for e in out["errors"]}
    assert by_field["npl_principal"].startswith("备案贷款不良本金：")
    assert by_field["loan_kind"].startswith("贷款类型：") and "科技成果转化贷款" in by_field["loan_kind"]
    out = run(npl_principal="1.001", loan_kind="tech_transfer")
    assert not out["ok"] and out["errors"][0]["field"] == "npl_principal"
    out = run(loan_kind="tech_transfer")
    assert out["errors"] == [{"field": "npl_principal", "message": "备案贷款不良本金：必填"}]


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
