"""The 政策要点 box (build_scripts/plain_language.py): figures from the parameter data, linked to
their clauses; the sentences are data in policy.toml, and a bad placeholder stops the build."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from build_scripts import plain_language
from build_scripts.overview import format_value
from build_scripts.plain_language import PlainLanguageError, box, sentence
from build_scripts.policy_pages import page_anchors
from calc import params, policies
from calc.policies import PlainItem

pytestmark = pytest.mark.cpython_only
TODAY = date(2026, 5, 28)


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        ("150000", "元", "15 万元"),
        ("30000000", "元", "3,000 万元"),
        ("5000", "元", "5,000 元"),
        ("50", "%", "50%"),
        ("0.5", "%", "0.5%"),
        ("10", "年", "10 年"),
        ("1", "月", "1 个月"),
        ("3", "个百分点", "3 个百分点"),
    ],
)
def test_figures_are_written_for_people(value: str, unit: str, shown: str) -> None:
    assert format_value(Decimal(value), unit, wan_only=True) == shown


@pytest.mark.parametrize("policy_id", policies.ids())
def test_every_policy_says_what_a_firm_gets_who_and_when(policy_id: str) -> None:
    policy = policies.get(policy_id)
    assert policy.plain_benefits and not policy.to_fill
    html = box(policy_id, TODAY)
    for part in ("企业能得到什么", "谁可以申请", "何时有效", policy.who_may_apply):
        assert part in html
    assert "{" not in html and "}" not in html  # every placeholder replaced


@pytest.mark.parametrize("policy_id", policies.ids())
def test_every_link_of_the_box_lands_on_an_anchor_or_a_calculator(policy_id: str) -> None:
    html = box(policy_id, TODAY)
    anchors = page_anchors(policy_id)
    for href in re.findall(r'href="([^"]+)"', html):
        if href.startswith("../../calculators/"):
            continue
        page, _, fragment = href.partition("#")
        assert page == f"../../policies/{policy_id}/" and fragment in anchors, href


def test_a_figure_is_the_parameter_value_in_force_linked_to_its_clause() -> None:
    html = box("sanming-ktd", TODAY)
    cap = params.get("sanming-ktd", "s4_2.cumulative_cap")
    assert cap.at(TODAY) == 150000
    figure = '<a class="plain-figure" href="../../policies/sanming-ktd/#s4-2" title="四（二）“15 万元”">15 万元</a>'
    assert figure in html
    assert 'href="../../calculators/sanming-ktd-subsidy/"' in html  # the calculator that computes it


def test_a_figure_follows_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new dated value shows from its date on: the box quotes the data, never a copy."""
    cap = params.get("sanming-ktd", "s4_2.cumulative_cap")
    later = replace(cap.values[0], start=date(2027, 1, 1), amount=Decimal(200000), text="20 万元")
    changed = {**params.parameters("sanming-ktd"), cap.name: replace(cap, values=(*cap.values, later))}
    monkeypatch.setattr(plain_language.params, "parameters", lambda policy_id: changed)
    assert "15 万元</a>" in box("sanming-ktd", date(2026, 12, 31))
    assert "20 万元</a>" in box("sanming-ktd", date(2027, 1, 1))


@pytest.mark.parametrize(
    ("text", "calculators", "message"),
    [
        ("最多 {s4_2.cumulative_capp}。", (), r"\{s4_2.cumulative_capp\} names no parameter"),
        ("最多 {s4_2.cumulative_cap。", (), "a brace without its pair"),
        ("最多 s4_2.cumulative_cap}。", (), "a brace without its pair"),
        ("贴息。", ("no-such-calculator",), "'no-such-calculator' is not a calculator of sanming-ktd"),
    ],
)
def test_a_bad_sentence_stops_the_build_with_a_clear_message(text: str, calculators: tuple, message: str) -> None:
    with pytest.raises(PlainLanguageError, match=message) as error:
        sentence(policies.get("sanming-ktd"), PlainItem(text, (), calculators), TODAY, "[[plain.benefits]] 1")
    assert "calc/policies/sanming_ktd/policy.toml [[plain.benefits]] 1" in str(error.value)


@pytest.mark.parametrize(
    ("policy_id", "day", "words"),
    [
        ("cbirc-2021", TODAY, "现行有效（未规定截止日期），自2021年11月26日起施行。"),
        ("sanming-ktd", TODAY, "现行有效，有效期至2027年7月8日。"),
        ("sanming-ktd", date(2022, 1, 1), "尚未生效，自2022年7月9日起施行。"),
        ("liaocheng-2024", date(2029, 1, 1), "已失效：有效期已于2028年12月31日结束。"),
    ],
)
def test_when_in_words_people_use(policy_id: str, day: date, words: str) -> None:
    assert plain_language.status_words(policies.get(policy_id), day) == words
