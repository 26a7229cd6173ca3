"""（十二）改进专门考核机制, worked by hand from the text.

（十二）: "鼓励适当提高科技企业贷款不良容忍度，小微型科技企业不良贷款容忍度可较各项贷款不良率提高不超过3个百分点。"
"""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calc

ID = "cbirc-npl-tolerance"


def result(**inputs: object) -> dict:
    out = calc.run(ID, inputs)
    assert out["ok"], out
    return out["result"]


def test_tolerance_is_the_overall_ratio_plus_three_points() -> None:
    # 1.5 % + 3 percentage points = 4.5 % (not 1.5 % × 1.03); 3.2 % ≤ 4.5 %.
    assert result(overall_npl_ratio="1.5", tech_micro_npl_ratio="3.2") == {
        "tolerance_max": "4.50",
        "within_tolerance": True,
    }


def test_exactly_at_the_tolerance_is_within_a_hundredth_above_is_not() -> None:
    assert result(overall_npl_ratio="1.5", tech_micro_npl_ratio="4.5")["within_tolerance"] is True
    assert result(overall_npl_ratio="1.5", tech_micro_npl_ratio="4.51")["within_tolerance"] is False


def test_without_the_tech_ratio_the_comparison_is_unknown() -> None:
    out = calc.run(ID, {"overall_npl_ratio": 2})
    assert out["result"] == {"tolerance_max": "5.00", "within_tolerance": None}
    assert [s["label"] for s in out["trace"]] == ["不良贷款容忍度上限"]


def test_a_zero_overall_ratio_tolerates_three_percent() -> None:
    assert result(overall_npl_ratio=0)["tolerance_max"] == "3.00"


def test_tolerance_never_exceeds_100_percent() -> None:
    # 97 % + 3 = 100 % exactly; 98 % + 3 = 101 % → capped at 100 %.
    assert result(overall_npl_ratio=97)["tolerance_max"] == "100.00"
    out = calc.run(ID, {"overall_npl_ratio": 98, "tech_micro_npl_ratio": 100})
    assert out["result"] == {"tolerance_max": "100.00", "within_tolerance": True}
    assert "100%" in out["trace"][0]["formula"]


def test_trace_cites_the_clause_and_says_it_is_a_ceiling() -> None:
    out = calc.run(ID, {"overall_npl_ratio": "1.2", "tech_micro_npl_ratio": 5})
    assert {s["clause"] for s in out["trace"]} == {"cbirc-2021 （十二）"}
    assert out["trace"][0]["value"] == "4.20%" and out["trace"][0]["formula"] == "1.20% + 3个百分点"
    assert out["trace"][1]["value"] == "否"
    assert any("银行内部考核方案" in w for w in out["warnings"])


def test_ratios_outside_0_to_100_are_refused() -> None:
    for inputs, field in (
        ({"overall_npl_ratio": -1}, "overall_npl_ratio"),
        ({"overall_npl_ratio": "100.01"}, "overall_npl_ratio"),
        ({"overall_npl_ratio": 1, "tech_micro_npl_ratio": 101}, "tech_micro_npl_ratio"),
        ({}, "overall_npl_ratio"),
        ({"overall_npl_ratio": "一点五"}, "overall_npl_ratio"),
    ):
        out = calc.run(ID, inputs)
        assert not out["ok"] and out["errors"][0]["field"] == field
    out = calc.run(ID, {"overall_npl_ratio": -1})
    assert out["errors"][0]["message"].startswith("各项贷款不良率：")


ratio = st.decimals(min_value=0, max_value=100, places=4, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(overall=ratio, tech=ratio)
def test_tolerance_is_at_most_three_points_above_and_never_above_100(overall: Decimal, tech: Decimal) -> None:
    r = result(overall_npl_ratio=str(overall), tech_micro_npl_ratio=str(tech))
    tolerance = Decimal(r["tolerance_max"])
    assert overall <= tolerance <= overall + 3 and tolerance <= 100
    assert tolerance == min(overall + 3, Decimal(100))
    assert r["within_tolerance"] is (tech <= tolerance)


@settings(max_examples=100, deadline=None)
@given(a=ratio, b=ratio, tech=ratio)
def test_a_higher_overall_ratio_never_tightens_the_tolerance(a: Decimal, b: Decimal, tech: Decimal) -> None:
    low, high = sorted((a, b))
    r_low = result(overall_npl_ratio=str(low), tech_micro_npl_ratio=str(tech))
    r_high = result(overall_npl_ratio=str(high), tech_micro_npl_ratio=str(tech))
    assert Decimal(r_low["tolerance_max"]) <= Decimal(r_high["tolerance_max"])
    assert r_high["within_tolerance"] or not r_low["within_tolerance"]
