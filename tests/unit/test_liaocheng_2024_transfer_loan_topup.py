"""一（一）科技成果转化贷款市级贴息补助 of the Liaocheng measures, property tests and what the examples cannot say.

The worked examples are data: calc/policies/liaocheng_2024/examples/transfer_loan_topup.toml.

一（一）: "对科技成果转化贷款按时还本付息的科技型中小企业，市财政按照省级财政贴息支持额度的50%给予补助。"
"""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calc

ID = "liaocheng-transfer-loan-topup"


def run(**inputs: object) -> dict:
    return calc.run(ID, inputs)


def result(**inputs: object) -> dict:
    out = run(**inputs)
    assert out["ok"], out
    return out["result"]


def test_unanswered_conditions_are_not_known_and_named() -> None:
    # 50 % × 30,000 = 15,000 shown while the SME question is unanswered; the note names it only.
    out = run(provincial_subsidy=30_000, repaid_on_time=True)
    assert out["result"] == {"eligible": None, "topup": "15000.00"}
    note = next(w for w in out["warnings"] if w.startswith("尚未确认"))
    assert "科技型中小企业" in note and "按时还本付息" not in note


money = st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False)
answer = st.sampled_from([True, False, None])


@settings(max_examples=300, deadline=None)
@given(provincial=money, on_time=answer, sme=answer)
def test_topup_is_half_or_nothing(provincial: Decimal, on_time: bool | None, sme: bool | None) -> None:
    r = result(provincial_subsidy=str(provincial), repaid_on_time=on_time, tech_sme=sme)
    topup = Decimal(r["topup"])
    if False in (on_time, sme):
        assert r["eligible"] is False and topup == 0
    else:
        assert r["eligible"] is (True if on_time and sme else None)
        assert abs(topup - provincial / 2) <= Decimal("0.005")
    assert 0 <= topup <= provincial
