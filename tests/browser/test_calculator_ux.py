"""Calculators a firm understands at a glance (issue 12): the headline says what it is and stays
in view, one unit everywhere, nothing answered for the user, errors when a field is left,
plausibility hints that never block, a form that does not shift as it mounts."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.page_run import page_run

SUBSIDY = "calculators/sanming-ktd-subsidy/"
SHARED = {"loan_amount": "2000000", "actual_rate": "3.6", "loan_date": "2025-03-01", "repaid_date": "2026-03-01"}
HEADLINE = ".calc-headline strong[data-field]"


def wait_for_result(page: Page) -> None:
    page.wait_for_selector(".calc-output [data-field][data-value]", timeout=90_000)


def headline_value(page: Page) -> str:
    return page.locator(HEADLINE).get_attribute("data-value") or ""


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["desktop", "phone"])
def test_a_shared_link_shows_the_headline_on_the_first_screen(browser: Browser, base_url: str, size: tuple) -> None:
    width, height = size
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{base_url}{SUBSIDY}?{urlencode(SHARED)}")
    wait_for_result(page)
    page.wait_for_timeout(300)  # the scroll into view follows the result
    box = page.locator(HEADLINE).bounding_box()
    assert box is not None
    assert 0 <= box["y"] and box["y"] + box["height"] <= height, box
    assert headline_value(page) == page_run("sanming-ktd-subsidy", SHARED)["result"]["subsidy"]
    page.close()


def test_on_a_phone_a_bar_leads_back_to_the_result(browser: Browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{base_url}{SUBSIDY}?{urlencode(SHARED)}")
    wait_for_result(page)
    jump = page.locator(".calc-jump")
    page.evaluate("window.scrollTo(0, 0)")
    expect(jump).to_be_visible()
    expect(jump).to_contain_text("申请贴息额度")
    jump.click()
    page.wait_for_timeout(500)
    box = page.locator(HEADLINE).bounding_box()
    assert box is not None and 0 <= box["y"] < 844
    expect(jump).to_be_hidden()
    page.close()


@pytest.mark.parametrize("typed", ["120万", "120 万元", "１２０万"])
def test_amounts_with_wan_are_understood(page: Page, base_url: str, typed: str) -> None:
    page.goto(f"{base_url}{SUBSIDY}?actual_rate=3&interest_paid=36000")
    page.fill("#in-loan_amount", typed)
    page.click("button[type=submit]")
    wait_for_result(page)
    expected = page_run("sanming-ktd-subsidy", {"loan_amount": "1200000", "actual_rate": "3", "interest_paid": "36000"})
    assert headline_value(page) == expected["result"]["subsidy"]
    assert "loan_amount=1200000" in page.url


def test_wan_mode_speaks_wan_everywhere(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}calculators/sanming-ktd-compensation/")
    page.check("input[name=_unit][value=wan]")
    expect(page.locator("label[for=in-pool_balance]")).to_contain_text("万元")
    help_text = page.locator("#help-pool_balance").inner_text()
    assert "300 万元" in help_text and "3,000,000 元" not in help_text, help_text
    page.fill("#in-overdue_principal", "120")
    page.fill("#in-overdue_interest", "1")
    page.fill("#in-application_date", "2025-06-01")
    page.fill("#in-principal_overdue_date", "2025-01-01")
    page.check("input[name=acceleration_declared][value=true]")
    page.click("button[type=submit]")
    wait_for_result(page)
    assert "overdue_principal=1200000" in page.url
    expected = page_run(
        "sanming-ktd-compensation",
        {
            "overdue_principal": "1200000",
            "overdue_interest": "10000",
            "application_date": "2025-06-01",
            "principal_overdue_date": "2025-01-01",
            "acceleration_declared": True,
        },
    )["result"]
    assert headline_value(page) == expected["pool_compensation"]
    # the policy's 附表 uses 万元: the result says both
    in_wan = format((Decimal(expected["pool_compensation"]) / 10000).normalize(), "f")
    expect(page.locator(".calc-headline__wan")).to_have_text(f"合 {in_wan} 万元")


def test_the_form_note_on_wan_only_where_there_is_a_form(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{SUBSIDY}")
    expect(page.locator(".calc-units")).to_contain_text("附表2按万元填写")
    page.goto(f"{base_url}calculators/national-guarantee/")
    expect(page.locator(".calc-units")).not_to_contain_text("附表")


def test_no_question_is_answered_for_the_user(page: Page, base_url: str) -> None:
    for estimator in ("sanming-ktd-eligibility", "policy-match", "national-guarantee"):
        page.goto(f"{base_url}calculators/{estimator}/")
        checked = page.eval_on_selector_all(
            "fieldset.calc-field--bool input[type=radio]:checked", "els => els.map(e => e.name + '=' + e.value)"
        )
        groups = page.locator("fieldset.calc-field--bool").count()
        assert groups and len(checked) == groups, (estimator, checked)
        assert all(item.endswith("=") for item in checked), (estimator, checked)
        assert page.locator("fieldset.calc-field--choices input:checked").count() == 0


def test_an_unanswered_condition_counts_as_unanswered(page: Page, base_url: str) -> None:
    """正常生产经营 is left unanswered: the check is not reported as met."""
    page.goto(
        f"{base_url}calculators/sanming-ktd-eligibility/?located_in_sanming=true&commissioner_service=municipal"
        "&major_issues=false&bad_credit_record=false&entity_type=enterprise"
    )
    wait_for_result(page)
    assert page.locator('[data-field="eligible"]').first.get_attribute("data-value") == ""
    expect(page.locator(".calc-headline")).to_have_class("calc-headline calc-headline--unknown")


def test_matcher_choices_read_in_a_human_order(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}calculators/policy-match/")
    options = page.locator("#in-city option").all_inner_texts()
    assert options[-1].startswith("其他"), options


def test_headline_follows_the_eligibility_state(page: Page, base_url: str) -> None:
    base = {"loan_amount": "1000000", "loan_date": "2025-01-01", "repaid_date": "2025-12-31"}
    page.goto(f"{base_url}calculators/liaocheng-patent-pledge/?{urlencode(base)}")
    wait_for_result(page)
    expect(page.locator(".calc-headline__state")).to_have_text("按符合条件估算：尚有条件未确定")
    page.goto(f"{base_url}calculators/liaocheng-patent-pledge/?{urlencode({**base, 'tech_sme': 'false'})}")
    wait_for_result(page)
    expect(page.locator(".calc-headline__state")).to_have_text("不符合条件")
    expect(page.locator(".calc-headline")).to_have_class("calc-headline calc-headline--no")
    both = {**base, "tech_sme": "true", "pledge_registered": "true", "repaid_on_time": "true"}
    page.goto(f"{base_url}calculators/liaocheng-patent-pledge/?{urlencode(both)}")
    wait_for_result(page)
    expect(page.locator(".calc-headline__state")).to_have_text("符合条件")
    # the warnings sit in the headline box, next to the figure
    warnings = page_run("liaocheng-patent-pledge", both)["warnings"]
    assert page.locator(".calc-headline .calc-warnings li").count() == len(warnings)


def test_guarantee_headline_moves_to_the_loss_and_none_of_the_categories(page: Page, base_url: str) -> None:
    inputs = {"loan_amount": "5000000", "categories": "tech_sme", "loss": "1000000"}
    page.goto(f"{base_url}calculators/national-guarantee/?{urlencode(inputs)}")
    wait_for_result(page)
    expected = page_run("national-guarantee", inputs)["result"]
    expect(page.locator(HEADLINE)).to_have_attribute("data-field", "loss_split.fund_amount")
    assert headline_value(page) == expected["loss_split"]["fund_amount"]
    page.goto(f"{base_url}calculators/national-guarantee/?loan_amount=5000000&categories=")
    wait_for_result(page)
    assert page.locator("input[name=categories][data-none]").is_checked()
    expect(page.locator(".calc-headline__state")).to_have_text("不符合条件")


def test_errors_wait_until_the_field_is_left(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{SUBSIDY}?loan_amount=1000000&actual_rate=3")
    date = page.locator("#in-loan_date")
    date.click()
    date.press_sequentially("2025-03-")
    page.wait_for_timeout(800)
    expect(page.locator('[data-error-for="loan_date"]')).to_have_count(0)
    page.locator("#in-repaid_date").click()  # leaves the date
    expect(page.locator('[data-error-for="loan_date"]')).to_be_visible()
    date.fill("")
    page.locator("#in-interest_paid").fill("")
    page.click("button[type=submit]")
    error = page.locator('[data-error-for="interest_paid"]')
    expect(error).to_be_visible()
    focused = page.evaluate("document.activeElement.name")
    assert focused == "interest_paid", focused
    # the "one of these" fields say so before anyone submits
    expect(page.locator("#help-interest_paid .calc-one-of")).to_contain_text("填写其一")


def test_an_implausible_rate_gets_a_hint_but_still_computes(page: Page, base_url: str) -> None:
    inputs = {"loan_amount": "1000000", "actual_rate": "0.035", "interest_paid": "350"}
    page.goto(f"{base_url}{SUBSIDY}?{urlencode(inputs)}")
    wait_for_result(page)
    expect(page.locator('[data-hint-for="actual_rate"]')).to_contain_text("是否应为 3.5？")
    assert headline_value(page) == page_run("sanming-ktd-subsidy", inputs)["result"]["subsidy"]
    page.fill("#in-actual_rate", "3.5")
    page.locator("#in-loan_amount").click()
    expect(page.locator('[data-hint-for="actual_rate"]')).to_have_count(0)


def test_a_part_unusually_large_against_its_whole_gets_a_hint(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{SUBSIDY}?loan_amount=100000&actual_rate=3&interest_paid=90000")
    wait_for_result(page)
    expect(page.locator('[data-hint-for="interest_paid"]')).to_contain_text("请核对")


def test_what_changed_is_marked_for_a_moment(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{SUBSIDY}?{urlencode(SHARED)}")
    wait_for_result(page)
    before = headline_value(page)
    page.fill("#in-loan_amount", "3000000")
    expect(page.locator(HEADLINE)).not_to_have_attribute("data-value", before)
    expect(page.locator(f"{HEADLINE}.calc-changed")).to_have_count(1)


def test_matcher_heading_is_not_one_character_per_line_on_a_phone(browser: Browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{base_url}calculators/policy-match/?city=sanming&sme=true")
    wait_for_result(page)
    caption = page.locator("table.calc-table caption").first
    box = caption.bounding_box()
    assert box is not None and box["width"] > 100, box
    page.close()


LAYOUT_SHIFT = """
new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(total), 1500);
})
"""


@pytest.mark.parametrize("size", [(390, 844), (1366, 768)], ids=["phone", "desktop"])
@pytest.mark.parametrize("estimator", ["sanming-ktd-subsidy", "sanming-ktd-eligibility", "national-guarantee"])
def test_the_form_does_not_shift_as_it_mounts(browser: Browser, base_url: str, size: tuple, estimator: str) -> None:
    width, height = size
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{base_url}calculators/{estimator}/")
    page.wait_for_selector(".calculator[data-engine=ready]", timeout=90_000)
    shift = page.evaluate(LAYOUT_SHIFT)
    assert shift <= 0.02, shift
    page.close()
