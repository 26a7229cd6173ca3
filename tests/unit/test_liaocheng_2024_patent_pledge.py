"""一（一）专利权质押贷款贴息 of the Liaocheng measures, property tests and what the examples cannot say.

The worked examples are data: calc/policies/liaocheng_2024/examples/patent_pledge.toml.

一（一）: "鼓励科技型中小企业开展专利权质押融资，对我市科技型中小微企业以其合法有效的专利权出质或以
专利权出质、固定资产抵押等组合担保方式，获得金融机构贷款并办理了知识产权质押登记手续，按期还清本息的
贷款，按照贷款市场报价利率（LPR）的40%给予贴息补助，同一企业一个年度贴息额最高10万元。"
"""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calc
from calc import lpr

ID = "liaocheng-patent-pledge"
YES = {"repaid_on_time": True, "pledge_registered": True, "tech_sme": True}


def run(**inputs: object) -> dict:
    return calc.run(ID, inputs)


def result(**inputs: object) -> dict:
    out = run(**inputs)
    assert out["ok"], out
    return out["result"]


def test_unanswered_conditions_are_not_known_and_named() -> None:
    # 1,000,000 × 40 % × 3 % × 360 / 360 = 12,000 shown; the note names exactly the unanswered two.
    out = run(loan_amount=1_000_000, lpr=3, loan_date="2025-01-01", repaid_date="2025-12-27", tech_sme=True)
    assert out["ok"]
    assert (out["result"]["eligible"], out["result"]["subsidy"]) == (None, "12000.00")
    note = next(w for w in out["warnings"] if w.startswith("尚未确认"))
    assert "按期还清本息" in note and "知识产权质押登记" in note and "科技型中小微企业" not in note


def test_loan_date_after_the_known_lpr_series_warns() -> None:
    # A day after the last day the shipped series is certainly current (2026-06-01 when it ended
    # with the 2026-02-24 fixing): written against the series so that a new fixing cannot break it.
    day = lpr.known_until() + timedelta(days=1)
    out = run(
        loan_amount=1_000_000, loan_date=day.isoformat(), repaid_date=(day + timedelta(days=365)).isoformat(), **YES
    )
    assert out["ok"] and any("LPR 数据确认有效的最后一天" in w for w in out["warnings"])


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
