"""Every calculator page in Chromium: the figures it shows are calc.run's, for the estimator's
example and for changed inputs typed into the form; the matcher leads to a prefilled calculator;
a shared link restores the result; the printed forms carry the computed amounts."""

import json
import time
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

import pytest
from playwright.sync_api import Browser, Page, expect

import calc
from calc import policies
from tests.page_run import page_run
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
    out = page_run(estimator_id, example)
    assert shown(tab) == as_page_values(out["result"])
    steps = tab.locator("ol.calc-trace > li").all_inner_texts()  # the trace as text, step by step
    assert len(steps) == len(out["trace"])
    for step, text in zip(out["trace"], steps, strict=True):
        assert step["label"] in text and step["value"] in text, (step, text)

    # Change one amount in the form, as a user would, and compare again.
    money = [
        n for n, p in calc.schema(estimator_id)["properties"].items() if p.get("x-kind") == "money" and n in example
    ]
    if money:
        changed = {**example, money[0]: str(example[money[0]]) + "0"}  # ten times as much
        tab.fill(f"#in-{money[0]}", changed[money[0]])
        tab.press(f"#in-{money[0]}", "Enter")
        again = page_run(estimator_id, changed)
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
    amount = page_run(estimator_id, inputs)["result"][result_field]
    sheet = tab.locator(".calc-print-form")
    # the forms ask for 万元, to four decimals at most (the exact amount is in 大写)
    in_wan = format(Decimal(amount).scaleb(-4).quantize(Decimal("0.0001"), ROUND_HALF_UP).normalize(), "f")
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


# What has the keyboard focus: enough to decide the next key press.
FOCUS = """() => {
    const e = document.activeElement;
    const group = e.tagName === "SUMMARY" && e.parentElement.matches("details.calc-group") ? e.parentElement : null;
    return {
        name: e.name || "", type: e.type || e.tagName.toLowerCase(), value: e.value ?? "", checked: Boolean(e.checked),
        inForm: Boolean(e.closest("form.calc-form")), submit: e.matches("form.calc-form button[type=submit]"),
        closedGroup: group && !group.open ? [...group.querySelectorAll("[name]")].map((c) => c.name) : [],
        options: e.tagName === "SELECT" ? [...e.options].map((o) => o.value) : [],
    };
}"""
# The first control a Tab reaches in the form, in document order.
FIRST_CONTROL = """form => [...form.querySelectorAll("input, select, summary, button")]
    .find((c) => !c.disabled && c.getClientRects().length).name"""
# The form's state as a page would send it: text, the checked radio, the ticked boxes.
FORM_STATE = """(form, names) => Object.fromEntries(names.map((name) => {
    const controls = [...form.querySelectorAll(`[name="${name}"]`)];
    const ticked = controls.filter((c) => c.checked).map((c) => c.value);
    if (controls[0].type === "checkbox") return [name, ticked.sort().join(",")];
    if (controls[0].type === "radio") return [name, ticked.join("")];
    return [name, controls[0].value];
}))"""


def as_text(value: object) -> str:
    """An example's value as the form holds it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return ",".join(sorted(value)) if isinstance(value, list) else str(value)


def set_by_keyboard(page: Page, focus: dict, wanted: str) -> None:
    """Give the focused control the wanted value with keys alone."""
    if focus["type"] == "checkbox":
        if focus["checked"] != (focus["value"] in wanted.split(",")):
            page.keyboard.press("Space")
    elif focus["type"] == "radio":  # arrows move through the group and check; Space checks the focused one
        for _ in range(4):
            focus = page.evaluate(FOCUS)
            if focus["value"] == wanted and focus["checked"]:
                break
            page.keyboard.press("Space" if focus["value"] == wanted else "ArrowDown")
    elif focus["type"].startswith("select"):
        steps = focus["options"].index(wanted) - focus["options"].index(focus["value"])
        for _ in range(abs(steps)):
            page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
    elif focus["value"] != wanted:
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.type(wanted)


@pytest.mark.parametrize("estimator_id", sorted(ESTIMATORS))
def test_keyboard_alone_completes_the_estimate(tab: Page, base_url: str, estimator_id: str) -> None:
    """From the top of the page: Tab to each field of the example, set it with keys, Enter."""
    example = {name: as_text(value) for name, value in ESTIMATORS[estimator_id].example.items()}
    tab.goto(f"{base_url}calculators/{estimator_id}/")
    first_control = tab.eval_on_selector("form.calc-form", FIRST_CONTROL)
    first_reached = None
    for _ in range(300):  # the header, the navigation, the clause links in the help, then the form
        tab.keyboard.press("Tab")
        focus = tab.evaluate(FOCUS)
        if focus["inForm"] and first_reached is None:
            first_reached = focus["name"]
        if set(focus["closedGroup"]) & example.keys():
            tab.keyboard.press("Enter")  # open the optional group that holds a field to fill
        elif focus["name"] in example:
            set_by_keyboard(tab, focus, example[focus["name"]])
        elif focus["submit"]:
            break
    assert first_reached == first_control
    assert focus["submit"], "Tab never reached the form's button"
    assert tab.eval_on_selector("form.calc-form", FORM_STATE, list(example)) == example
    tab.keyboard.press("Enter")
    wait_result(tab)
    out = page_run(estimator_id, example)
    wait_for_values(tab, as_page_values(out["result"]))
    assert tab.locator(".calc-trace li").count() == len(out["trace"])


PAGES = [
    "",
    "overview/",
    "glossary/",
    "lpr/",
    "calculators/",
    *[f"policies/{p}/" for p in policies.ids()],
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
