"""Every calculator page in Chromium: the figures it shows are calc.run's, for the estimator's
example and for changed inputs typed into the form; the matcher leads to a prefilled calculator;
a shared link restores the result; the printed forms carry the computed amounts."""

import json
import time
from collections.abc import Iterator
from decimal import Decimal

import pytest
from playwright.sync_api import Browser, Page, expect

import calc
from tests.screenshots import as_query

ESTIMATORS = {e.id: e for e in calc.estimators()}
RESULT = ".calc-output [data-field][data-value]"


@pytest.fixture(scope="module")
def tab(browser: Browser) -> Iterator[Page]:
    """One tab for the module: the browser's cache stays warm between calculators."""
    page = browser.new_page()
    yield page
    page.close()


def shown(page: Page) -> dict[str, object]:
    """What the page shows: data-field → data-value (tables as parsed JSON)."""
    found = page.eval_on_selector_all(
        ".calc-output [data-field][data-value]", "els => els.map(e => [e.dataset.field, e.dataset.value])"
    )
    return {name: json.loads(value) if value.startswith(("[", "{")) else value for name, value in found}


def as_page_values(result: dict) -> dict[str, object]:
    """calc.run's result as the page writes it (booleans true/false, nested objects flattened)."""
    values: dict[str, object] = {}
    for name, value in result.items():
        if isinstance(value, dict):
            values.update({f"{name}.{sub}": _text(v) for sub, v in value.items()})
        elif isinstance(value, list):
            values[name] = value
        else:
            values[name] = _text(value)
    return values


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def wait_result(page: Page) -> None:
    page.wait_for_selector(RESULT, timeout=120_000)


def wait_for_values(page: Page, values: dict[str, object], seconds: float = 15) -> None:
    """Wait until the page shows exactly these values (a recompute is debounced and asynchronous)."""
    deadline = time.monotonic() + seconds
    while shown(page) != values and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert shown(page) == values


@pytest.mark.parametrize("estimator_id", sorted(ESTIMATORS))
def test_page_shows_what_calc_run_gives(tab: Page, base_url: str, estimator_id: str) -> None:
    example = ESTIMATORS[estimator_id].example
    tab.goto(f"{base_url}calculators/{estimator_id}/?{as_query(example)}")
    wait_result(tab)
    out = calc.run(estimator_id, example)
    assert shown(tab) == as_page_values(out["result"])
    assert tab.locator(".calc-trace li").count() == len(out["trace"])

    # Change one amount in the form, as a user would, and compare again.
    money = [
        n for n, p in calc.schema(estimator_id)["properties"].items() if p.get("x-kind") == "money" and n in example
    ]
    if money:
        changed = {**example, money[0]: str(example[money[0]]) + "0"}  # ten times as much
        tab.fill(f"#in-{money[0]}", changed[money[0]])
        tab.press(f"#in-{money[0]}", "Enter")
        again = calc.run(estimator_id, changed)
        if again["ok"]:
            wait_for_values(tab, as_page_values(again["result"]))
        else:
            expect(tab.locator(f'[data-error-for="{again["errors"][0]["field"]}"]')).to_be_visible()


def test_matcher_leads_to_a_prefilled_calculator(tab: Page, base_url: str) -> None:
    profile = {"city": "sanming", "commissioner_service": "municipal", "needs_loan": "true"}
    tab.goto(f"{base_url}calculators/policy-match/?{as_query(profile)}")
    wait_result(tab)
    first = tab.locator(".calc-table tbody tr").first
    expect(first.locator(".calc-status")).to_have_text("可能符合")
    first.locator("a", has_text="申请条件").click()
    tab.wait_for_url("**/calculators/sanming-ktd-eligibility/**")
    assert "located_in_sanming=true" in tab.url and "commissioner_service=municipal" in tab.url
    expect(tab.locator('input[name="located_in_sanming"][value="true"]')).to_be_checked()
    expect(tab.locator("#in-commissioner_service")).to_have_value("municipal")


def test_a_shared_link_restores_the_result(browser: Browser, base_url: str) -> None:
    first = browser.new_page()
    first.goto(f"{base_url}calculators/sanming-ktd-subsidy/")
    first.fill("#in-loan_amount", "1000000")
    first.fill("#in-actual_rate", "4.2")
    first.fill("#in-interest_paid", "42000")
    first.fill("#in-lpr_1y", "3.45")
    first.press("#in-lpr_1y", "Enter")
    wait_result(first)
    values, link = shown(first), first.url
    first.close()
    second = browser.new_page()
    second.goto(link)
    wait_result(second)
    assert shown(second) == values and values["subsidy"] == "17250.00"
    second.close()


def test_amounts_in_wan_yuan_are_sent_in_yuan(tab: Page, base_url: str) -> None:
    tab.goto(f"{base_url}calculators/sanming-ktd-subsidy/")
    tab.check('input[name="_unit"][value="wan"]')
    expect(tab.locator(".calc-money-unit").first).to_have_text("万元")
    tab.fill("#in-loan_amount", "200")
    tab.fill("#in-actual_rate", "3")
    tab.fill("#in-interest_paid", "6")
    tab.fill("#in-lpr_1y", "3")
    tab.press("#in-lpr_1y", "Enter")
    wait_result(tab)
    assert "loan_amount=2000000" in tab.url and "interest_paid=60000" in tab.url and "unit=wan" in tab.url
    assert shown(tab)["subsidy"] == "30000.00"


@pytest.mark.parametrize(
    ("estimator_id", "result_field", "inputs"),
    [
        (
            "sanming-ktd-subsidy",
            "subsidy",
            {"loan_amount": "2000000", "actual_rate": "3", "interest_paid": "60666.66", "lpr_1y": "3.45"},
        ),
        (
            "sanming-ktd-compensation",
            "pool_compensation",
            {
                "overdue_principal": "1000000",
                "overdue_interest": "30000",
                "principal_overdue_date": "2025-01-31",
                "application_date": "2025-02-28",
                "acceleration_declared": "true",
                "pool_balance": "3000000",
            },
        ),
    ],
)
def test_printed_form_carries_the_computed_amounts(
    tab: Page, base_url: str, estimator_id: str, result_field: str, inputs: dict
) -> None:
    tab.goto(f"{base_url}calculators/{estimator_id}/?{as_query(inputs)}")
    wait_result(tab)
    amount = calc.run(estimator_id, inputs)["result"][result_field]
    sheet = tab.locator(".calc-print-form")
    in_wan = format(Decimal(amount).scaleb(-4).normalize(), "f")  # the forms ask for 万元
    expect(sheet.locator(f'[data-slot="{result_field}"][data-format="wan"]')).to_have_text(in_wan)
    expect(sheet.locator(f'[data-slot="{result_field}"][data-format="words"]')).to_contain_text("大写")
    # Printing the form shows the form alone.
    tab.evaluate("""() => { document.documentElement.classList.add('print-form');
                            document.querySelector('.calc-print-form').hidden = false; }""")
    tab.emulate_media(media="print")
    expect(sheet).to_be_visible()
    expect(tab.locator(".calc-form")).to_be_hidden()
    tab.emulate_media(media="screen")


def test_fields_appear_when_they_matter(tab: Page, base_url: str) -> None:
    tab.goto(f"{base_url}calculators/liaocheng-insurance/")
    tab.select_option("#in-product", "lukebao")
    expect(tab.locator("#in-provincial_subsidy")).to_be_visible()
    expect(tab.locator("#in-premium")).to_be_hidden()
    tab.select_option("#in-product", "first_set")
    expect(tab.locator("#in-premium")).to_be_visible()
    expect(tab.locator("#in-provincial_subsidy")).to_be_hidden()


def test_keyboard_alone_completes_the_subsidy_estimate(tab: Page, base_url: str) -> None:
    tab.goto(f"{base_url}calculators/sanming-ktd-subsidy/")
    tab.locator("body").focus()
    for field, value in (("in-loan_amount", "2000000"), ("in-actual_rate", "3"), ("in-interest_paid", "60000")):
        for _ in range(80):  # Tab through the header, the navigation and the clause links in the help
            tab.keyboard.press("Tab")
            if tab.evaluate("document.activeElement.id") == field:
                break
        assert tab.evaluate("document.activeElement.id") == field
        tab.keyboard.type(value)
    tab.keyboard.press("Enter")
    wait_result(tab)
    assert shown(tab)["subsidy"] == "30000.00"


PAGES = [
    "",
    "overview/",
    "glossary/",
    "lpr/",
    "calculators/",
    *[f"policies/{p}/" for p in ("sanming-ktd", "national-guarantee", "cbirc-2021", "liaocheng-2024")],
]


@pytest.mark.parametrize("url", PAGES + [f"calculators/{i}/" for i in sorted(ESTIMATORS)])
def test_phone_width_needs_no_horizontal_scrolling(browser: Browser, base_url: str, url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    if url.startswith("calculators/") and url != "calculators/":
        url += "?" + as_query(ESTIMATORS[url.split("/")[1]].example)
    page.goto(base_url + url)
    if "?" in url:
        wait_result(page)  # with its result shown, the widest state of the page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()
