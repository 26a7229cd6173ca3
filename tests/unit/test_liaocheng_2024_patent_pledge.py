"""一（一）专利权质押贷款贴息 of the Liaocheng measures, worked by hand from the text.

一（一）: "鼓励科技型中小企业开展专利权质押融资，对我市科技型中小微企业以其合法有效的专利权出质或以
专利权出质、固定资产抵押等组合担保方式，获得金融机构贷款并办理了知识产权质押登记手续，按期还清本息的
贷款，按照贷款市场报价利率（LPR）的40%给予贴息补助，同一企业一个年度贴息额最高10万元。"
"""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calc

ID = "liaocheng-patent-pledge"
YES = {"repaid_on_time": True, "pledge_registered": True, "tech_sme": True}


def run(**inputs: object) -> dict:
    return calc.run(ID, inputs)


def result(**inputs: object) -> dict:
    out = run(**inputs)
    assert out["ok"], out
    return out["result"]


def test_one_year_loan_with_the_lpr_looked_up_on_the_loan_date() -> None:
    # 2024-06-01 (included) to 2025-06-01 (excluded) = 365 days. 1-year LPR on 2024-06-01: the
    # 2024-05-20 fixing, 3.45 %. Subsidy rate = 40 % × 3.45 % = 1.38 %.
    # 1,000,000 × 1.38 % × 365 / 360 = 13,800 × 365 / 360 = 13,991.666… → 13,991.67.
    out = run(loan_amount="1000000", loan_date="2024-06-01", repaid_date="2025-06-01", **YES)
    assert out["ok"]
    assert out["result"] == {
        "eligible": True,
        "subsidy_rate": "1.38",
        "subsidy_before_cap": "13991.67",
        "subsidy": "13991.67",
        "capped": False,
    }
    lpr_step = next(s for s in out["trace"] if s["label"] == "一年期LPR")
    assert lpr_step["value"] == "3.45%" and "2024-05-20" in lpr_step["formula"]
    assert next(s for s in out["trace"] if s["label"] == "计息天数")["value"] == "365 天"


def test_half_year_loan_after_the_october_2024_cut() -> None:
    # LPR on 2024-11-01: the 2024-10-21 fixing, 3.10 %; rate = 40 % × 3.10 % = 1.24 %.
    # 2024-11-01 … 2025-05-01: 30 + 31 + 31 + 28 + 31 + 30 = 181 days.
    # 2,000,000 × 1.24 % × 181 / 360 = 24,800 × 181 / 360 = 12,468.888… → 12,468.89.
    r = result(loan_amount=2_000_000, loan_date="2024-11-01", repaid_date="2025-05-01", **YES)
    assert (r["subsidy_rate"], r["subsidy"]) == ("1.24", "12468.89")


def test_typed_lpr_is_used_as_given() -> None:
    # 40 % × 3 % = 1.2 %; 2025-01-01 … 2025-12-27 = 360 days; 1,000,000 × 1.2 % × 360 / 360 = 12,000.
    out = run(loan_amount=1_000_000, lpr=3, loan_date="2025-01-01", repaid_date="2025-12-27", **YES)
    assert out["result"]["subsidy_rate"] == "1.20" and out["result"]["subsidy"] == "12000.00"
    assert next(s for s in out["trace"] if s["label"] == "一年期LPR")["formula"] == "按填报"


def test_the_text_names_no_lpr_tenor_and_the_user_is_told() -> None:
    out = run(loan_amount=1_000_000, lpr=3, loan_date="2025-01-01", repaid_date="2025-12-27", **YES)
    assert any("未写明按哪一期限品种的LPR" in w and "一年期" in w for w in out["warnings"])


def test_one_day_of_interest_counts_the_first_day_only() -> None:
    # 2025-03-01 … 2025-03-02 = 1 day: 1,000,000 × 1.2 % / 360 = 33.333… → 33.33.
    r = result(loan_amount=1_000_000, lpr=3, loan_date="2025-03-01", repaid_date="2025-03-02", **YES)
    assert r["subsidy"] == "33.33"


def test_amounts_round_half_up_only_at_the_end() -> None:
    # 150 × 1.2 % × 1 / 360 = 0.005 → 0.01 (half-up), never 0.00.
    r = result(loan_amount=150, lpr=3, loan_date="2025-03-01", repaid_date="2025-03-02", **YES)
    assert r["subsidy"] == "0.01"


def test_subsidy_never_exceeds_the_interest_paid() -> None:
    # By the rate: 12,000 (as above); interest actually paid 10,000 → 10,000. The cap does not bind.
    r = result(
        loan_amount=1_000_000, lpr=3, loan_date="2025-01-01", repaid_date="2025-12-27", interest_paid=10_000, **YES
    )
    assert (r["subsidy_before_cap"], r["subsidy"], r["capped"]) == ("10000.00", "10000.00", False)
    # Interest paid above the figure by the rate changes nothing.
    r = result(
        loan_amount=1_000_000, lpr=3, loan_date="2025-01-01", repaid_date="2025-12-27", interest_paid=40_000, **YES
    )
    assert r["subsidy"] == "12000.00"


def test_yearly_cap_of_100_000_per_firm() -> None:
    # 10,000,000 × 1.2 % × 360 / 360 = 120,000 > 100,000.
    common = {"lpr": 3, "loan_date": "2025-01-01", "repaid_date": "2025-12-27", **YES}
    r = result(loan_amount=10_000_000, **common)
    assert (r["subsidy_before_cap"], r["subsidy"], r["capped"]) == ("120000.00", "100000.00", True)
    # 100,000 − 95,000 received this year = 5,000 left < 12,000.
    r = result(loan_amount=1_000_000, received_this_year=95_000, **common)
    assert (r["subsidy"], r["capped"]) == ("5000.00", True)


def test_cap_reached_exactly_is_not_capped() -> None:
    # 100,000 − 88,000 = 12,000 left = exactly the 12,000 before the cap.
    r = result(
        loan_amount=1_000_000, lpr=3, loan_date="2025-01-01", repaid_date="2025-12-27", received_this_year=88_000, **YES
    )
    assert (r["subsidy"], r["capped"]) == ("12000.00", False)


def test_cap_exhausted_gives_nothing() -> None:
    r = result(
        loan_amount=1_000_000,
        lpr=3,
        loan_date="2025-01-01",
        repaid_date="2025-12-27",
        received_this_year=120_000,
        **YES,
    )
    assert (r["subsidy"], r["capped"]) == ("0.00", True)


def test_a_failed_condition_gives_nothing_and_says_which() -> None:
    common = {"loan_amount": 1_000_000, "lpr": 3, "loan_date": "2025-01-01", "repaid_date": "2025-12-27"}
    for name, label in (
        ("repaid_on_time", "条件：按期还清本息"),
        ("pledge_registered", "条件：办理了知识产权质押登记手续"),
        ("tech_sme", "条件：聊城市科技型中小微企业"),
    ):
        out = run(**common, **{**YES, name: False})
        assert out["ok"]
        r = out["result"]
        assert (r["eligible"], r["subsidy"], r["capped"]) == (False, "0.00", False)
        assert r["subsidy_before_cap"] == "12000.00"
        failed = next(s for s in out["trace"] if s["label"] == label)
        assert failed["value"] == "不满足" and failed["clause"] == "liaocheng-2024 一（一）"


def test_unanswered_conditions_are_not_known_and_amounts_are_shown() -> None:
    out = run(loan_amount=1_000_000, lpr=3, loan_date="2025-01-01", repaid_date="2025-12-27", tech_sme=True)
    assert out["ok"]
    assert (out["result"]["eligible"], out["result"]["subsidy"]) == (None, "12000.00")
    note = next(w for w in out["warnings"] if w.startswith("尚未确认"))
    assert "按期还清本息" in note and "知识产权质押登记" in note and "科技型中小微企业" not in note
    # A false answer wins over an unanswered one.
    r = result(loan_amount=1_000_000, lpr=3, loan_date="2025-01-01", repaid_date="2025-12-27", tech_sme=False)
    assert (r["eligible"], r["subsidy"]) == (False, "0.00")


def test_every_amount_comes_from_a_step_citing_its_clause() -> None:
    out = run(loan_amount=1_000_000, lpr=3, loan_date="2025-01-01", repaid_date="2025-12-27", **YES)
    assert {s["clause"] for s in out["trace"]} == {"liaocheng-2024 一（一）"}
    final = out["trace"][-1]
    assert final["label"] == "贴息额" and final["value"] == "12,000.00 元"


def test_repaid_date_outside_the_validity_window_warns() -> None:
    # The subsidy is for "按期还清本息的贷款": the window is checked on the repayment date.
    def warned(day: str) -> bool:
        out = run(loan_amount=1, lpr=3, loan_date="2024-01-02", repaid_date=day, **YES)
        assert out["ok"]
        return any("不在政策执行期" in w for w in out["warnings"])

    # 本措施自2024年５月20日起实施，有效期至2028年12月31日.
    assert warned("2024-05-19")
    assert not warned("2024-05-20")
    assert not warned("2028-12-31")
    assert warned("2029-01-01")


def test_loan_date_after_the_known_lpr_series_warns() -> None:
    out = run(loan_amount=1_000_000, loan_date="2026-06-01", repaid_date="2027-06-01", **YES)
    assert out["ok"] and any("LPR 数据确认有效的最后一天" in w for w in out["warnings"])


def test_loan_date_before_the_first_fixing_without_lpr_is_an_error() -> None:
    out = run(loan_amount=1_000_000, loan_date="2019-08-19", repaid_date="2020-08-19", **YES)
    assert not out["ok"] and out["errors"][0]["field"] == "loan_date"


def test_repaid_date_must_follow_the_loan_date() -> None:
    for repaid in ("2025-03-01", "2025-02-28"):
        out = run(loan_amount=1_000_000, lpr=3, loan_date="2025-03-01", repaid_date=repaid, **YES)
        assert not out["ok"] and out["errors"][0]["field"] == "repaid_date"
        assert out["errors"][0]["message"].startswith("还清本息日期：")


def test_errors_name_the_field_in_chinese() -> None:
    out = run(loan_amount=0, lpr=-1, loan_date="2025-02-30", received_this_year="abc", tech_sme="maybe")
    assert not out["ok"]
    by_field = {e["field"]: e["message"] for e in out["errors"]}
    assert by_field["loan_amount"].startswith("贷款金额：")
    assert by_field["lpr"].startswith("贷款市场报价利率（LPR）：")
    assert "没有这一天" in by_field["loan_date"]
    assert by_field["repaid_date"] == "还清本息日期：必填"
    assert by_field["received_this_year"].startswith("本年度已获得的专利权质押贷款贴息：")
    assert by_field["tech_sme"].startswith("是否为聊城市科技型中小微企业：")


money = st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False, allow_infinity=False)
positive_money = st.decimals(min_value="0.01", max_value=10**8, places=2, allow_nan=False, allow_infinity=False)
positive_rate = st.decimals(min_value="0.01", max_value=20, places=2, allow_nan=False, allow_infinity=False)
answer = st.sampled_from([True, False, None])


@settings(max_examples=300, deadline=None)
@given(
    loan=positive_money,
    lpr=positive_rate,
    days=st.integers(min_value=1, max_value=3650),
    paid=st.none() | money,
    received=money,
    flags=st.tuples(answer, answer, answer),
)
def test_subsidy_never_exceeds_its_cap_or_the_interest_paid(
    loan: Decimal,
    lpr: Decimal,
    days: int,
    paid: Decimal | None,
    received: Decimal,
    flags: tuple[bool | None, bool | None, bool | None],
) -> None:
    repaid = (date(2025, 1, 1) + timedelta(days=days)).isoformat()
    answers = dict(zip(("repaid_on_time", "pledge_registered", "tech_sme"), flags, strict=True))
    r = result(
        loan_amount=str(loan),
        lpr=str(lpr),
        loan_date="2025-01-01",
        repaid_date=repaid,
        interest_paid=None if paid is None else str(paid),
        received_this_year=str(received),
        **answers,
    )
    subsidy, before = Decimal(r["subsidy"]), Decimal(r["subsidy_before_cap"])
    assert Decimal(r["subsidy_rate"]) == Decimal("0.4") * lpr
    assert 0 <= subsidy <= before
    assert subsidy <= max(Decimal(0), 100_000 - received)
    assert before <= loan * Decimal("0.004") * lpr * days / 360 + Decimal("0.005")
    if paid is not None:
        assert before <= paid
    if False in flags:
        assert r["eligible"] is False and subsidy == 0
    elif None in flags:
        assert r["eligible"] is None
    else:
        assert r["eligible"] is True


@settings(max_examples=100, deadline=None)
@given(a=positive_money, b=positive_money, lpr=positive_rate, received=money)
def test_a_bigger_loan_never_means_less_subsidy(a: Decimal, b: Decimal, lpr: Decimal, received: Decimal) -> None:
    low, high = sorted((a, b))
    common = {
        "lpr": str(lpr),
        "loan_date": "2025-01-01",
        "repaid_date": "2025-07-01",
        "received_this_year": str(received),
        **YES,
    }
    assert Decimal(result(loan_amount=str(low), **common)["subsidy"]) <= Decimal(
        result(loan_amount=str(high), **common)["subsidy"]
    )
