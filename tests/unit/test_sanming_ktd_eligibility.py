"""二 支持对象 and 三（二）合作内容 of the Sanming plan, checked by hand against the text.

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


def run(**inputs: object) -> dict:
    out = calc.run(ID, inputs)
    assert out["ok"], out
    return out


def result(**inputs: object) -> dict:
    return run(**inputs)["result"]


def check(r: dict, id: str) -> dict:
    return next(c for c in r["checks"] if c["id"] == id)


def passed(r: dict) -> dict:
    return {c["id"]: c["passed"] for c in r["checks"]}


def test_a_firm_meeting_every_condition_is_eligible() -> None:
    r = result(**FIRM)
    assert (r["eligible"], r["priority"], r["collateral_ratio"], r["missing"]) == (True, False, None, [])
    # Without a loan and an entity type, only the six conditions of 二 that the contract names.
    assert passed(r) == {
        "located_in_sanming": True,
        "commissioner_service": True,
        "normal_operation": True,
        "major_issues": True,
        "bad_credit_record": True,
    }
    assert all(c["clause"] == "二" and c["message"] for c in r["checks"])


def test_full_example_with_a_loan() -> None:
    # Term 36 months ≤ 120; 36 ≤ 60, so the 1-year LPR 3.00 % applies and cost 2.90 % is not above it.
    # Collateral 500,000 / 2,000,000 × 100 = 25 % ≤ 30 %: no warning. Amount 2,000,000 ≤ 300 万元.
    out = run(
        located_in_sanming=True,
        entity_type="farmer_coop",
        commissioner_service="provincial",
        loan_amount="2000000",
        term_months="36",
        collateral_value="500000",
        financing_cost_rate="2.9",
        application_date=DAY,
    )
    r = out["result"]
    assert (r["eligible"], r["collateral_ratio"]) == (True, "25.00")
    assert passed(r)["term_months"] is True and passed(r)["financing_cost_rate"] is True
    assert check(r, "financing_cost_rate")["clause"] == "三（二）"
    assert out["warnings"] == []


def test_outside_sanming_is_not_eligible() -> None:
    out = run(**{**FIRM, "located_in_sanming": False})
    assert out["result"]["eligible"] is False
    final = out["trace"][-1]
    assert final["label"] == "符合申请条件" and final["value"] == "否"
    assert "位于三明市行政区域范围内（二）" in final["formula"]


def test_no_commissioner_is_not_eligible_unless_an_interest_community() -> None:
    r = result(located_in_sanming=True, commissioner_service="none")
    assert r["eligible"] is False and check(r, "commissioner_service")["passed"] is False
    r = result(located_in_sanming=True, commissioner_service="none", interest_community=True)
    assert (r["eligible"], r["priority"]) == (True, True)
    r = result(located_in_sanming=True, interest_community=True)  # service not answered
    assert (r["eligible"], r["priority"], r["missing"]) == (True, True, [])


def test_provincial_and_municipal_service_both_count() -> None:
    for service in ("provincial", "municipal"):
        assert result(located_in_sanming=True, commissioner_service=service)["eligible"] is True


def test_unanswered_conditions_are_unknown_not_failed() -> None:
    out = run()
    r = out["result"]
    assert r["eligible"] is None
    assert r["missing"] == ["located_in_sanming", "commissioner_service"]
    assert check(r, "located_in_sanming")["passed"] is None
    assert any("尚未确定" in w and "由省、市级科技特派员服务" in w for w in out["warnings"])
    r = result(located_in_sanming=True)
    assert (r["eligible"], r["missing"]) == (None, ["commissioner_service"])


def test_a_known_failure_beats_an_unknown() -> None:
    r = result(located_in_sanming=False)  # service not answered
    assert (r["eligible"], r["missing"]) == (False, ["commissioner_service"])


def test_operation_issues_and_credit_each_fail() -> None:
    for field, value in (("normal_operation", False), ("major_issues", True), ("bad_credit_record", True)):
        r = result(**FIRM, **{field: value})
        assert r["eligible"] is False, field
        assert check(r, field)["passed"] is False and "原则上" in check(r, field)["message"]


def test_listed_entity_types_pass_and_other_passes_with_a_warning() -> None:
    for kind in ("enterprise", "farmer_coop", "individual_business", "family_farm", "forest_farm"):
        assert check(result(**FIRM, entity_type=kind), "entity_type")["passed"] is True
    out = run(**FIRM, entity_type="other")
    # 二's list ends with 等: another 经济实体 is not excluded, the bureau confirms it.
    assert out["result"]["eligible"] is True
    assert any("其他" in w and "确认" in w for w in out["warnings"])


def test_term_of_ten_years_is_the_limit() -> None:
    # “贷款期限最长不超过10年”: 120 months pass, 121 fail.
    assert check(result(**FIRM, term_months=120), "term_months")["passed"] is True
    r = result(**FIRM, term_months=121)
    assert r["eligible"] is False and check(r, "term_months")["clause"] == "三（二）"


def test_cost_is_compared_with_the_same_term_lpr() -> None:
    def cost_ok(term: int, cost: str) -> bool | None:
        r = result(**FIRM, term_months=term, financing_cost_rate=cost, application_date=DAY)
        return check(r, "financing_cost_rate")["passed"]

    # Up to 60 months: the 1-year LPR, 3.00 %. Equal is not above (“最高不超过”).
    assert cost_ok(60, "3.00") is True
    assert cost_ok(60, "3.01") is False
    # From 61 months: the over-5-year LPR, 3.50 %.
    assert cost_ok(61, "3.01") is True
    assert cost_ok(61, "3.50") is True
    assert cost_ok(61, "3.51") is False


def test_lpr_step_says_which_fixing_was_used() -> None:
    out = run(**FIRM, term_months=84, financing_cost_rate="3.2", application_date=DAY)
    step = next(s for s in out["trace"] if s["label"] == "五年期以上LPR")
    assert step["value"] == "3.50%" and "2025-08-20" in step["formula"]


def test_typed_lpr_is_used_as_given() -> None:
    r = result(**FIRM, financing_cost_rate="3.2", lpr="3.1")
    assert r["eligible"] is False
    assert result(**FIRM, financing_cost_rate="3.2", lpr="3.2")["eligible"] is True


def test_cost_without_a_term_is_decided_only_when_both_tenors_agree() -> None:
    # Below both LPRs (3.00 / 3.50): passes whatever the term.
    assert result(**FIRM, financing_cost_rate="2.8", application_date=DAY)["eligible"] is True
    # Above both: fails whatever the term.
    assert result(**FIRM, financing_cost_rate="3.6", application_date=DAY)["eligible"] is False
    # Between: depends on the term, which is not given.
    r = result(**FIRM, financing_cost_rate="3.2", application_date=DAY)
    assert (r["eligible"], r["missing"]) == (None, ["financing_cost_rate"])
    assert "贷款期限" in check(r, "financing_cost_rate")["message"]


def test_lpr_without_the_cost_leaves_the_check_open() -> None:
    r = result(**FIRM, lpr="3.1")
    assert (r["eligible"], r["missing"]) == (None, ["financing_cost_rate"])


def test_no_cost_no_cost_check() -> None:
    r = result(**FIRM, loan_amount=1_000_000, term_months=12)
    assert "financing_cost_rate" not in passed(r) and r["eligible"] is True


def test_amount_above_three_million_only_warns() -> None:
    # “原则上不超过300万元”: exactly 3,000,000 is silent; one fen more warns; neither fails.
    out = run(**FIRM, loan_amount="3000000")
    assert out["result"]["eligible"] is True and not any("原则上限额" in w for w in out["warnings"])
    out = run(**FIRM, loan_amount="3000000.01")
    assert out["result"]["eligible"] is True and any("原则上限额" in w for w in out["warnings"])


def test_collateral_ratio_thresholds_only_warn() -> None:
    def warnings(collateral: str) -> list[str]:
        out = run(**FIRM, loan_amount="1000000", collateral_value=collateral)
        assert out["result"]["eligible"] is True
        return [w for w in out["warnings"] if "抵（质）押率" in w]

    # 300,000 / 1,000,000 = 30 % exactly: the usual share, no warning.
    assert warnings("300000") == []
    # 300,000.01 → 30.000001 % > 30 %: above the usual share.
    assert any("一般比例" in w for w in warnings("300000.01"))
    # 500,000 → 50 % exactly: still only the usual-share warning.
    w50 = warnings("500000")
    assert any("一般比例" in w for w in w50) and not any("超过最高" in w for w in w50)
    # 500,000.01 → above 50 %: a written justification is required.
    assert any("超过最高" in w and "合理说明" in w for w in warnings("500000.01"))


def test_collateral_ratio_is_exact() -> None:
    # 1,000,000 / 3,000,000 × 100 = 33.333… %, not rounded.
    r = result(**FIRM, loan_amount="3000000", collateral_value="1000000")
    assert r["collateral_ratio"].startswith("33.3333333")
    assert result(**FIRM, loan_amount="2000000", collateral_value="1200000")["collateral_ratio"] == "60.00"


def test_collateral_without_the_loan_amount_has_no_ratio() -> None:
    out = run(**FIRM, collateral_value="500000")
    assert out["result"]["collateral_ratio"] is None and any("贷款金额" in w for w in out["warnings"])


def test_application_outside_the_validity_window_warns() -> None:
    def warned(day: str) -> bool:
        return any("不在政策执行期" in w for w in run(**FIRM, application_date=day)["warnings"])

    assert warned("2022-07-08") and not warned("2022-07-09")
    assert not warned("2027-07-08") and warned("2027-07-09")


def test_date_before_the_first_lpr_is_an_error_on_the_date() -> None:
    out = calc.run(ID, {**FIRM, "financing_cost_rate": 3, "term_months": 12, "application_date": "2019-08-19"})
    assert not out["ok"] and out["errors"][0]["field"] == "application_date"


def test_errors_name_the_field_in_chinese() -> None:
    out = calc.run(
        ID,
        {"commissioner_service": "county", "located_in_sanming": "maybe", "loan_amount": 0, "term_months": "1.5"},
    )
    assert not out["ok"]
    by_field = {e["field"]: e["message"] for e in out["errors"]}
    assert (
        by_field["commissioner_service"].startswith("科技特派员服务：")
        and "provincial" in by_field["commissioner_service"]
    )
    assert by_field["located_in_sanming"].startswith("位于三明市行政区域范围内：")
    assert by_field["loan_amount"].startswith("贷款金额：")
    assert by_field["term_months"].startswith("贷款期限：")
    out = calc.run(ID, {**FIRM, "term_months": 0})
    assert not out["ok"] and out["errors"][0]["field"] == "term_months"


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
