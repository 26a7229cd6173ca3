"""（十二）改进专门考核机制, property tests.

The worked examples are data: calc/policies/cbirc_2021/examples/npl_tolerance.toml.

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
