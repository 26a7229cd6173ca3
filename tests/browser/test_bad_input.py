"""Bad and unusual input typed into calculator pages (the table of ``tests/bad_inputs.py``).

Each text is understood (the page shows calc.run's figures for the canonical value) or refused
with calc.run's Chinese message next to the field; the page never shows NaN, Infinity,
undefined or null, and the engine keeps answering: a valid value after the bad ones computes.
"""

import re
from collections.abc import Callable, Iterator
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.bad_inputs import TARGETS, Target, rejected, understood
from tests.browser.test_every_calculator import as_page_values, shown, wait_result
from tests.page_run import page_run
from tests.screenshots import as_query

TYPED = [t for t in TARGETS if t.kind in ("money", "rate", "date", "int")]  # fields with a text box
JUNK = re.compile(r"NaN|Infinity|undefined|null")


@pytest.fixture(scope="module")
def tab(browser: Browser) -> Iterator[Page]:
    page = browser.new_page()
    page.set_default_timeout(20_000)  # a frozen page fails instead of hanging the run
    yield page
    page.close()


def visible_text(page: Page) -> str:
    return page.evaluate("document.body.innerText")


def mark_old(page: Page) -> None:
    """Mark what the page shows now, so that the next answer can be told from it."""
    page.evaluate("""() => { for (const n of document.querySelectorAll('.calc-output *, [data-error-for]'))
                               n.__old = true; }""")


def wait_answer(page: Page, field: str) -> None:
    """Wait for a new result or a new error on ``field`` (nodes not marked by mark_old)."""
    page.wait_for_function(
        """(field) => [...document.querySelectorAll(
              `.calc-output [data-field], .calc-output .admonition, [data-error-for="${field}"]`)]
            .some((n) => !n.__old)""",
        arg=field,
    )


def type_and_compute(page: Page, field: str, text: str) -> None:
    box = page.locator(f"#in-{field}")
    group = page.locator(f"details.calc-group:has(#in-{field}):not([open]) > summary")
    if group.count():
        group.click()  # an optional group, still folded
    mark_old(page)
    box.fill(text)
    box.press("Enter")
    wait_answer(page, field)


def expect_result(page: Page, target: Target, value: str) -> None:
    out = page_run(target.estimator, target.inputs(value))
    assert out["ok"], out
    assert shown(page) == as_page_values(out["result"]), value
    assert page.locator(f'[data-error-for="{target.field}"]').count() == 0


def expect_refusal(page: Page, target: Target, value: str) -> None:
    out = page_run(target.estimator, target.inputs(value.strip()))
    assert not out["ok"]
    message = next(e["message"] for e in out["errors"] if e["field"] == target.field)
    error = page.locator(f'[data-error-for="{target.field}"]')
    expect(error).to_be_visible()
    expect(error).to_have_text(message)
    assert page.locator(".calc-output [data-field]").count() == 0, value
    expect(page.locator(f"#in-{target.field}")).to_have_attribute("aria-invalid", "true")


@pytest.mark.parametrize("target", TYPED, ids=str)
def test_typed_bad_input_is_understood_or_refused(tab: Page, base_url: str, target: Target) -> None:
    tab.goto(f"{base_url}calculators/{target.estimator}/?{as_query(target.inputs(target.canonical))}")
    wait_result(tab)
    good = understood(target.kind, target.canonical)
    bad = [v for v in rejected(target) if isinstance(v, str)]
    for text in [*bad, *good]:
        type_and_compute(tab, target.field, text)
        if text in good:
            expect_result(tab, target, target.canonical)
        else:
            expect_refusal(tab, target, text)
        assert not JUNK.search(visible_text(tab)), text
    if target.required:  # emptied: the field is required
        type_and_compute(tab, target.field, "")
        expect(tab.locator(f'[data-error-for="{target.field}"]')).to_have_text(f"{target.label}：必填")
    # The engine still answers, with calc.run's figures.
    type_and_compute(tab, target.field, target.canonical)
    expect_result(tab, target, target.canonical)
    expect(tab.locator(".calculator")).to_have_attribute("data-engine", "ready")


WAN = [
    ("６", "60000"),
    ("6e0", "60000"),  # an exponent must be converted too, not sent as 6 元
    ("0.6e1", "60000"),
    ("6,0", None),  # not a thousands grouping
    ("-6", None),
    ("6万", "60000"),  # a unit typed wins over the form's unit
    ("60000元", "60000"),
    ("1e9999", None),
]


@pytest.mark.parametrize(("typed", "canonical"), WAN)
def test_amounts_in_wan_yuan_are_read_as_the_engine_reads_them(
    tab: Page, base_url: str, typed: str, canonical: str | None
) -> None:
    # 6 万元 of interest is 60000 元, however it is spelled.
    target = next(t for t in TARGETS if (t.estimator, t.field) == ("sanming-ktd-subsidy", "interest_paid"))
    tab.goto(f"{base_url}calculators/{target.estimator}/?{as_query(target.inputs(target.canonical))}&unit=wan")
    wait_result(tab)
    type_and_compute(tab, target.field, typed)
    if canonical:
        expect_result(tab, target, canonical)
        assert f"interest_paid={canonical}" in tab.url  # the address keeps 元
    else:
        expect(tab.locator(f'[data-error-for="{target.field}"]')).to_be_visible()
        assert tab.locator(".calc-output [data-field]").count() == 0
    assert not JUNK.search(visible_text(tab))


LINKS = [  # estimator, field, value in the address, the part the form cannot show, a valid choice
    ("sanming-ktd-eligibility", "entity_type", "xyz", "xyz", lambda p: p.select_option("#in-entity_type", "other")),
    (
        "sanming-ktd-eligibility",
        "located_in_sanming",
        "maybe",
        "maybe",
        lambda p: p.check('input[name="located_in_sanming"][value="false"]'),
    ),
    ("liaocheng-listing", "venue", "IPO", "IPO", lambda p: p.select_option("#in-venue", "neeq_basic")),
    (
        "national-guarantee",
        "categories",
        "high_tech,bogus",
        "bogus",
        lambda p: p.check('input[name="categories"][value="tech_sme"]'),
    ),
    ("policy-match", "city", "北京", "北京", lambda p: p.select_option("#in-city", "liaocheng")),
]


@pytest.mark.parametrize(("estimator", "field", "value", "named", "fix"), LINKS)
def test_a_link_with_a_value_the_form_cannot_show_says_so(
    tab: Page, base_url: str, estimator: str, field: str, value: str, named: str, fix: Callable[[Page], None]
) -> None:
    target = next(t for t in TARGETS if t.estimator == estimator)
    inputs = {**target.base, field: value}
    tab.goto(f"{base_url}calculators/{estimator}/?{as_query(inputs)}")
    error = tab.locator(f'[data-error-for="{field}"]')
    expect(error).to_be_visible()
    expect(error).to_contain_text(f"“{named}”")
    assert tab.locator(".calc-output [data-field]").count() == 0  # no estimate without that value
    assert not JUNK.search(visible_text(tab))
    # Choosing a value computes, as calc.run does with what the form now holds.
    mark_old(tab)
    fix(tab)
    tab.locator("button[type=submit]").click()
    wait_answer(tab, field)
    wait_result(tab)
    sent = dict(parse_qsl(urlsplit(tab.url).query))  # what the form now holds, in 元
    out = page_run(estimator, {k: v for k, v in sent.items() if k != "unit"})
    assert out["ok"] and shown(tab) == as_page_values(out["result"])
    assert tab.locator(f'[data-error-for="{field}"]').count() == 0


def test_a_link_with_bad_text_shows_the_message_at_once(tab: Page, base_url: str) -> None:
    inputs = {"loan_amount": "一百万", "actual_rate": "3.45%", "interest_paid": "60000", "loan_date": "2025-02-30"}
    tab.goto(f"{base_url}calculators/sanming-ktd-subsidy/?{as_query(inputs)}")
    out = page_run("sanming-ktd-subsidy", inputs)
    for error in out["errors"]:
        expect(tab.locator(f'[data-error-for="{error["field"]}"]')).to_have_text(error["message"])
    assert {e["field"] for e in out["errors"]} == {"loan_amount", "loan_date"}  # 3.45% is understood
    assert not JUNK.search(visible_text(tab))
