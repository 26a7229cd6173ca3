"""The subsidy calculator in Chromium gives exactly what calc.run gives."""

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from tests.page_run import page_run

ID = "sanming-ktd-subsidy"
PAGE = f"calculators/{ID}/"
CASES = [
    {"loan_amount": "2000000", "actual_rate": "3", "interest_paid": "60000"},
    {"loan_amount": "1000000", "actual_rate": "4.2", "interest_paid": "42000", "lpr_1y": "3.45"},
    {"loan_amount": "1000000", "actual_rate": "3.6", "loan_date": "2024-01-01", "repaid_date": "2024-12-31"},
    {"loan_amount": "2000000", "actual_rate": "3", "interest_paid": "60000", "lpr_1y": "3", "prior_subsidy": "140000"},
    {"loan_amount": "500000", "actual_rate": "3.1", "interest_paid": "15500", "other_fiscal_subsidy": "true"},
]


def wait_for_result(page: Page) -> None:
    page.wait_for_selector(".calc-output [data-field][data-value]", timeout=90_000)


def shown_values(page: Page) -> dict[str, str]:
    return page.eval_on_selector_all(
        ".calc-output [data-field][data-value]",
        "els => Object.fromEntries(els.map(e => [e.dataset.field, e.dataset.value]))",
    )


def expected_values(inputs: dict) -> dict[str, str]:
    out = page_run(ID, inputs)
    assert out["ok"]
    return {k: (str(v).lower() if isinstance(v, bool) else str(v)) for k, v in out["result"].items()}


@pytest.mark.parametrize("inputs", CASES)
def test_address_fills_the_form_and_computes_as_calc_run(page: Page, base_url: str, inputs: dict) -> None:
    page.goto(f"{base_url}{PAGE}?{urlencode(inputs)}")
    wait_for_result(page)
    assert shown_values(page) == expected_values(inputs)
    out = page_run(ID, inputs)
    assert page.locator(".calc-trace li").count() == len(out["trace"])
    assert page.locator(".calc-warnings li").count() == len(out["warnings"])
    expect(page.locator(".calculator")).to_have_attribute("data-engine", "ready")


def test_typing_computes_and_keeps_the_address_in_step(page: Page, base_url: str) -> None:
    page.goto(base_url + PAGE)
    assert page.locator(".calc-output [data-field]").count() == 0
    page.fill("#in-loan_amount", "1,000,000")  # thousands separators are understood
    page.fill("#in-actual_rate", "4.2")
    page.fill("#in-interest_paid", "42000")
    page.fill("#in-lpr_1y", "3.45")
    page.click("button[type=submit]")
    wait_for_result(page)
    assert shown_values(page)["subsidy"] == "17250.00"
    assert page.inner_text('[data-field="subsidy"]') == "17,250.00 元"
    assert "loan_amount=1%2C000%2C000" in page.url and "lpr_1y=3.45" in page.url


def test_trace_links_to_the_clause_anchor(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{PAGE}?{urlencode(CASES[0])}")
    wait_for_result(page)
    link = page.locator(".calc-trace a", has_text="四（二）").first
    assert link.get_attribute("href").endswith("policies/sanming-ktd/#s4-2")
    link.click()
    page.wait_for_url("**/policies/sanming-ktd/#s4-2")
    expect(page.locator("#s4-2")).to_be_visible()


def test_bad_input_shows_a_field_message_and_no_result(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{PAGE}?{urlencode(CASES[0])}")
    wait_for_result(page)
    page.fill("#in-loan_amount", "abc")
    page.click("button[type=submit]")
    message = page.locator('[data-error-for="loan_amount"]')
    expect(message).to_contain_text("请输入数字")
    assert page.locator(".calc-output [data-field]").count() == 0
    expect(page.locator("#in-loan_amount")).to_have_attribute("aria-invalid", "true")
    # the engine keeps answering after an error
    page.fill("#in-loan_amount", "2000000")
    page.click("button[type=submit]")
    wait_for_result(page)
    assert page.locator('[data-error-for="loan_amount"]').count() == 0


def test_form_is_usable_before_the_engine_is_ready(page: Page, base_url: str) -> None:
    page.route("**/pyodide.asm.wasm", lambda route: None)  # hold the runtime back
    page.goto(base_url + PAGE)
    expect(page.locator(".engine-status")).to_contain_text("正在下载计算引擎（Python 运行环境与计算程序）")
    expect(page.locator(".calculator")).to_have_attribute("data-engine", "loading")
    page.fill("#in-loan_amount", "2000000")
    expect(page.locator("#in-loan_amount")).to_have_value("2000000")


def test_policy_clause_leads_to_the_calculator(page: Page, base_url: str) -> None:
    page.goto(base_url + "policies/sanming-ktd/#s4-2")
    page.locator(f'.calc-link a[href$="calculators/{ID}/"]').click()  # instant navigation
    page.wait_for_url(f"**/{PAGE}")
    page.fill("#in-loan_amount", "2000000")
    page.fill("#in-actual_rate", "3")
    page.fill("#in-interest_paid", "60000")
    page.press("#in-interest_paid", "Enter")
    wait_for_result(page)
    assert shown_values(page)["subsidy"] == "30000.00"


def test_yes_no_and_not_yet_known_read_in_the_packages_words(page: Page, base_url: str) -> None:
    # 启动补偿程序 is not known while the bank's declaration is unanswered: the page says 未确定
    # (calc.rules.conditions.YES_NO), as the trace does, and 是 / 否 for a known answer.
    from calc.rules.conditions import YES_NO

    inputs = {
        "overdue_principal": "1000000",
        "overdue_interest": "20000",
        "principal_overdue_date": "2025-06-01",
        "interest_overdue_date": "2025-06-01",
        "application_date": "2025-10-09",
        "reported": "true",  # left out, it would be unanswered too
    }
    for declared, expected in ((None, YES_NO[None]), ("true", YES_NO[True])):
        query = {**inputs, **({"acceleration_declared": declared} if declared else {})}
        page.goto(f"{base_url}calculators/sanming-ktd-compensation/?{urlencode(query)}")
        wait_for_result(page)
        assert page_run("sanming-ktd-compensation", query)["result"]["triggered"] is (True if declared else None)
        expect(page.locator('.calc-values [data-field="triggered"]')).to_have_text(expected)
