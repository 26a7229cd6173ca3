"""二 支持对象 and 三（二）合作内容 of the Sanming plan, property tests.

The worked examples are data: calc/policies/sanming_ktd/examples/eligibility.toml.

二: "本方案所称科技特派员服务对象是指由科技行政主管部门选认的省、市级科技特派员服务的三明市行政区域范围内
经济实体(包括企业、农民专业合作社、个体工商户、家庭农场、林场等,下同)……上述服务对象原则上应具备正常生产
经营条件,无安全、质量、环保、诚信等方面的重大问题,无不良信用记录。对科技特派员利益共同体的贷款及贴息申请,
予以优先支持。"
三（二）: "贷款期限最长不超过10年；借款企业一般只需提供不高于贷款额度30%的合格抵（质）押物，最高不高于贷款
额度50%的合格抵（质）押物（若超出上述比例，需作合理说明）；贷款对象综合融资成本（含保险费及担保费等）最高
不超过中国人民银行最新公布的同期人民币贷款市场报价利率（LPR）。……单户贷款金额由合作的金融机构合理确定，
原则上不超过300万元。"
"""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calc

ID = "sanming-ktd-eligibility"

# A firm that meets every condition of 二; no loan described.
FIRM = {"located_in_sanming": True, "commissioner_service": "municipal"}
# On 2025-09-01 the LPR in force is the 2025-08-20 fixing: 1-year 3.00 %, over-5-year 3.50 %.
DAY = "2025-09-01"


def result(**inputs: object) -> dict:
    out = calc.run(ID, inputs)
    assert out["ok"], out
    return out["result"]


def check(r: dict, id: str) -> dict:
    return next(c for c in r["checks"] if c["id"] == id)


def test_every_listed_entity_type_passes() -> None:
    # 二: 企业、农民专业合作社、个体工商户、家庭农场、林场.
    for kind in ("enterprise", "farmer_coop", "individual_business", "family_farm", "forest_farm"):
        assert check(result(**FIRM, entity_type=kind), "entity_type")["passed"] is True, kind


maybe = st.sampled_from([True, False, None])
money = st.none() | st.decimals(min_value="0.01", max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
pct = st.none() | st.decimals(min_value=0, max_value=20, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(
    located=maybe,
    service=st.sampled_from(["provincial", "municipal", "none", None]),
    community=st.booleans(),
    normal=st.booleans(),
    issues=st.booleans(),
    credit=st.booleans(),
    amount=money,
    term=st.none() | st.integers(min_value=1, max_value=240),
    collateral=money,
    cost=pct,
    lpr=pct.filter(lambda x: x is None or x > 0),
)
def test_eligible_follows_the_checks(
    located: bool | None,
    service: str | None,
    community: bool,
    normal: bool,
    issues: bool,
    credit: bool,
    amount: Decimal | None,
    term: int | None,
    collateral: Decimal | None,
    cost: Decimal | None,
    lpr: Decimal | None,
) -> None:
    inputs = {
        "located_in_sanming": located,
        "commissioner_service": service,
        "interest_community": community,
        "normal_operation": normal,
        "major_issues": issues,
        "bad_credit_record": credit,
        "loan_amount": None if amount is None else str(amount),
        "term_months": term,
        "collateral_value": None if collateral is None else str(collateral),
        "financing_cost_rate": None if cost is None else str(cost),
        "lpr": None if lpr is None else str(lpr),
        "application_date": DAY,
    }
    r = result(**inputs)
    states = [c["passed"] for c in r["checks"]]
    if False in states:
        assert r["eligible"] is False
    elif None in states:
        assert r["eligible"] is None
    else:
        assert r["eligible"] is True
    assert r["missing"] == [c["id"] for c in r["checks"] if c["passed"] is None]
    assert r["priority"] is community
    # Conditions the text draws, independently of the code's checks.
    if located is False or (service == "none" and not community) or not normal or issues or credit:
        assert r["eligible"] is False
    if term is not None and term > 120:
        assert r["eligible"] is False
    if cost is not None and lpr is not None and cost > lpr:
        assert r["eligible"] is False
    if r["eligible"] is True:
        assert located is True and (community or service in ("provincial", "municipal"))
    if amount is not None and collateral is not None:
        assert Decimal(r["collateral_ratio"]) >= 0
    else:
        assert r["collateral_ratio"] is None


field_like = st.sampled_from(["provincial", "none", "other", "enterprise", "2025-09-01", "1990-01-01", "true", "36"])
