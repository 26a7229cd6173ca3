"""一（一）科技成果转化贷款市级贴息补助 of the Liaocheng measures, worked by hand from the text.

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


def test_half_the_provincial_subsidy() -> None:
    # 50 % × 30,000 = 15,000.
    out = run(provincial_subsidy="30000", repaid_on_time=True, tech_sme=True)
    assert out["ok"] and out["result"] == {"eligible": True, "topup": "15000.00"}
    assert {s["clause"] for s in out["trace"]} == {"liaocheng-2024 一（一）"}
    assert out["trace"][-1]["label"] == "市级补助" and out["trace"][-1]["value"] == "15,000.00 元"
    assert out["warnings"] == []


def test_late_repayment_or_no_tech_sme_gives_nothing() -> None:
    for answers, label in (
        ({"repaid_on_time": False, "tech_sme": True}, "条件：科技成果转化贷款按时还本付息"),
        ({"repaid_on_time": True, "tech_sme": False}, "条件：科技型中小企业"),
    ):
        out = run(provincial_subsidy=30_000, **answers)
        assert out["result"] == {"eligible": False, "topup": "0.00"}
        failed = next(s for s in out["trace"] if s["label"] == label)
        assert failed["value"] == "不满足" and failed["clause"] == "liaocheng-2024 一（一）"


def test_unanswered_conditions_are_not_known_and_the_amount_is_shown() -> None:
    out = run(provincial_subsidy=30_000, repaid_on_time=True)
    assert out["result"] == {"eligible": None, "topup": "15000.00"}
    note = next(w for w in out["warnings"] if w.startswith("尚未确认"))
    assert "科技型中小企业" in note and "按时还本付息" not in note
    # A false answer wins over an unanswered one.
    assert result(provincial_subsidy=30_000, tech_sme=False) == {"eligible": False, "topup": "0.00"}


def test_amounts_round_half_up_only_at_the_end() -> None:
    # 50 % × 0.01 = 0.005 → 0.01 (half-up), never 0.00; 50 % × 0.03 = 0.015 → 0.02.
    assert result(provincial_subsidy="0.01", repaid_on_time=True, tech_sme=True)["topup"] == "0.01"
    assert result(provincial_subsidy="0.03", repaid_on_time=True, tech_sme=True)["topup"] == "0.02"


def test_errors_name_the_field_in_chinese() -> None:
    out = run(provincial_subsidy="abc", repaid_on_time="sometimes", tech_sme=3)
    assert not out["ok"]
    by_field = {e["field"]: e["message"] for e in out["errors"]}
    assert by_field["provincial_subsidy"].startswith("省级财政贴息支持额度：")
    assert by_field["repaid_on_time"].startswith("是否按时还本付息：")
    assert by_field["tech_sme"].startswith("是否为科技型中小企业：")
    out = run(repaid_on_time=True, tech_sme=True)
    assert out["errors"] == [{"field": "provincial_subsidy", "message": "省级财政贴息支持额度：必填"}]
    out = run(provincial_subsidy=-1)
    assert not out["ok"] and out["errors"][0]["field"] == "provincial_subsidy"


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
