"""Amounts written with 万 or 万元 (contract, Conventions: "amounts with 万 or 万元"), money fields only."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calc
from calc.fields import _money

SUBSIDY = {"actual_rate": "3", "interest_paid": "1"}


def loan(value: object) -> dict:
    """The subsidy estimator's answer for a loan amount typed as ``value``."""
    return calc.run("sanming-ktd-subsidy", {**SUBSIDY, "loan_amount": value})


def amount_read(value: object) -> str:
    """The amount as an estimator read it: the formula of its last step shows it (风险补偿金额)."""
    out = calc.run("liaocheng-risk-compensation", {"npl_principal": value, "loan_kind": "tech_transfer"})
    assert out["ok"], out
    return out["trace"][-1]["formula"]


@pytest.mark.parametrize(
    ("typed", "yuan"),
    [
        ("120万", "1200000"),
        ("120万元", "1200000"),
        ("1.5万", "15000"),
        ("１２０万", "1200000"),  # full-width digits
        ("１２０万元", "1200000"),
        ("120 万元", "1200000"),  # with a space
        (" 1,200 万 ", "12000000"),
        ("0.01万", "100"),
        ("120元", "120"),
        ("120.50 元", "120.50"),
    ],
)
def test_wan_and_yuan_are_understood(typed: str, yuan: str) -> None:
    assert loan(typed) == loan(yuan)
    assert amount_read(typed) == amount_read(yuan)


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("一百二十万", "请用阿拉伯数字填写"),
        ("120万万", "请用阿拉伯数字填写"),
        ("万", "请用阿拉伯数字填写"),
        ("万元", "请用阿拉伯数字填写"),
        ("¥120万", "不要带货币符号"),
        ("120千元", "请用阿拉伯数字填写"),
        ("abc万", "请输入数字"),
        ("0.0000001万", "最多保留 2 位小数"),  # 0.001 元: below the fen
    ],
)
def test_garbage_with_wan_is_still_refused_in_chinese(typed: str, hint: str) -> None:
    out = loan(typed)
    assert not out["ok"] and hint in out["errors"][0]["message"], out


def test_wan_is_for_money_only() -> None:
    # A rate or a count has no 万: "3万" % or "12万" months is a slip, refused as before.
    rate = calc.run("sanming-ktd-subsidy", {"loan_amount": "1000000", "interest_paid": "1", "actual_rate": "3万"})
    assert not rate["ok"] and rate["errors"][0]["field"] == "actual_rate"
    term = calc.run("sanming-ktd-eligibility", {"term_months": "1万"})
    assert not term["ok"] and term["errors"][0]["field"] == "term_months"


@given(st.decimals(min_value=0, max_value=10**8, places=6, allow_nan=False, allow_infinity=False))
def test_x_wan_is_x_times_ten_thousand(x: Decimal) -> None:
    assert _money(f"{x}万") == x * 10000
    assert _money(f"{x} 万元") == x * 10000
    assert isinstance(_money(f"{x}万"), Decimal)
