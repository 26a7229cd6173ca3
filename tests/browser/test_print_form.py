"""The printed 附表1/附表2: every cell the calculator knows, the applicant's own cells, one A4 page each."""

import re
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import SHARED
from tests.page_run import page_run

SUBSIDY = "sanming-ktd-subsidy"
COMPENSATION = "sanming-ktd-compensation"
# The contract's example: 1-year LPR looked up on the loan date, interest estimated from the dates.
SUBSIDY_INPUTS = {
    "loan_amount": "2000000",
    "actual_rate": "3.45",
    "loan_date": "2025-08-01",
    "repaid_date": "2026-07-31",
}
COMPENSATION_INPUTS = {
    "overdue_principal": "1000000",
    "overdue_interest": "30000",
    "principal_overdue_date": "2025-09-01",
    "interest_overdue_date": "2025-08-21",
    "application_date": "2025-10-15",
    "acceleration_declared": "true",
}
RESULT = ".calc-output [data-field][data-value]"
SHEET = ".calc-print-form"
LONG = "带动产值、利润、税收情况说明，" * 40


@pytest.fixture(scope="module")
def tab(browser: Browser) -> Iterator[Page]:
    """One tab for the module: the engine starts once."""
    page = browser.new_page()
    yield page
    page.close()


def open_calculator(page: Page, base_url: str, estimator_id: str, inputs: dict) -> None:
    page.emulate_media(media="screen")
    page.goto(f"{base_url}calculators/{estimator_id}/?{urlencode(inputs)}")
    page.wait_for_selector(RESULT, timeout=120_000)


def wan(yuan: str) -> str:
    """元 → 万元 as the forms want it: at most four decimals, half-up, no trailing zeros."""
    rounded = (Decimal(yuan) / 10_000).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    return format(rounded.normalize(), "f")


def cell(page: Page, slot: str, fmt: str) -> str:
    return page.locator(f'{SHEET} [data-slot="{slot}"][data-format="{fmt}"]').text_content()


def fill_entries(page: Page, long_text: bool = False) -> dict[str, str]:
    """Type into every optional cell of the form; return what was typed, by entry name."""
    page.click("details.calc-sheet-extra > summary")
    typed = {}
    for control in page.locator("details.calc-sheet-extra [data-entry]").all():
        name = control.get_attribute("data-entry")
        limit = control.get_attribute("maxlength")
        text = f"填写{name}"
        if long_text:  # as long as a person might type: the longest text allowed, or a long line
            text = LONG[: int(limit)] if limit else f"{text}某某某某科技有限公司第一分公司"
        control.fill(text)
        typed[name] = text
    return typed


@pytest.mark.parametrize(
    "inputs",
    [
        SUBSIDY_INPUTS,
        # 0.88885 万元: half-up gives 0.8889 where rounding half to even would give 0.8888.
        {
            "loan_amount": "300000",
            "actual_rate": "3",
            "interest_paid": "8888.50",
            "lpr_1y": "3.1",
            "loan_date": "2024-01-01",
            "repaid_date": "2024-03-01",
        },
    ],
)
def test_form2_carries_every_cell_the_calculator_knows(tab: Page, base_url: str, inputs: dict) -> None:
    open_calculator(tab, base_url, SUBSIDY, inputs)
    result = page_run(SUBSIDY, inputs)["result"]
    assert cell(tab, "lpr_1y", "rate") == f"{result['lpr_1y']}%"  # the LPR used, looked up or typed
    assert cell(tab, "actual_rate", "rate") == f"{inputs['actual_rate']}%"
    start, end = date.fromisoformat(inputs["loan_date"]), date.fromisoformat(inputs["repaid_date"])
    days = (end - start).days  # the interest's days (the first counted, the last not)
    assert cell(tab, "loan_date", "period") == (
        f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日（{days}天）"
    )
    assert cell(tab, "repaid_date", "date") == f"{end.year}年{end.month}月{end.day}日"
    amounts = {"loan_amount": inputs["loan_amount"]} | {
        name: result[name] for name in ("interest_paid", "interest_at_half_lpr", "subsidy")
    }
    for name, yuan in amounts.items():
        shown = cell(tab, name, "wan")
        assert shown == wan(yuan), name
        assert len(shown.partition(".")[2]) <= 4
    if inputs.get("interest_paid") == "8888.50":
        assert cell(tab, "interest_paid", "wan") == "0.8889"


def test_amounts_in_words_are_exact(tab: Page, base_url: str) -> None:
    open_calculator(tab, base_url, SUBSIDY, SUBSIDY_INPUTS)
    assert page_run(SUBSIDY, SUBSIDY_INPUTS)["result"]["subsidy"] == "30333.33"
    assert cell(tab, "subsidy", "wan") == "3.0333"
    assert cell(tab, "subsidy", "words") == "（大写：叁万零叁佰叁拾叁元叁角叁分）"
    open_calculator(tab, base_url, COMPENSATION, COMPENSATION_INPUTS)
    result = page_run(COMPENSATION, COMPENSATION_INPUTS)["result"]
    assert result["pool_compensation"] == "500000.00"
    assert cell(tab, "pool_compensation", "wan") == "50"
    assert cell(tab, "pool_compensation", "words") == "（大写：伍拾万元整）"
    assert cell(tab, "overdue_interest", "wan") == wan(COMPENSATION_INPUTS["overdue_interest"])
    assert cell(tab, "principal_overdue_date", "date") == "2025年9月1日"
    assert cell(tab, "principal_overdue_days", "text") == str(result["principal_overdue_days"])
    assert cell(tab, "application_date", "date") == "2025年10月15日"


@pytest.mark.parametrize(
    ("estimator_id", "inputs", "expected"),
    [
        (SUBSIDY, SUBSIDY_INPUTS, {"applicant", "bank", "contract_no", "contact", "benefits"}),
        (COMPENSATION, COMPENSATION_INPUTS, {"institution", "borrower", "loan_limit", "loan_rate", "overdue_reason"}),
    ],
)
def test_applicant_cells_are_typed_in_the_page_and_printed(
    tab: Page, base_url: str, estimator_id: str, inputs: dict, expected: set[str]
) -> None:
    open_calculator(tab, base_url, estimator_id, inputs)
    extra = tab.locator("details.calc-sheet-extra")
    expect(extra).to_be_visible()
    expect(extra.locator("summary")).to_have_text("填写申请表其他栏目（可选）")
    assert tab.locator("form.calc-form [data-entry]").count() == 0  # not read as calculator inputs
    for control in extra.locator("[data-entry]").all():  # each with its Chinese label
        label = tab.locator(f'label[for="{control.get_attribute("id")}"]').text_content()
        assert re.search(r"[\u4e00-\u9fff]", label)
    address = tab.url
    typed = fill_entries(tab)
    assert expected <= set(typed)
    assert tab.url == address  # kept in the page, never in the address
    for name, text in typed.items():
        assert tab.locator(f'{SHEET} [data-entry="{name}"]').text_content() == text
    # On paper: the form alone, with the typed cells in it.
    tab.evaluate("window.print = () => {}")
    tab.locator("details.calc-sheet-extra .calc-sheet-print").click()
    tab.emulate_media(media="print")
    expect(tab.locator(SHEET)).to_be_visible()
    expect(extra).to_be_hidden()
    printed = tab.locator(SHEET).inner_text()
    assert all(text in printed for text in typed.values())
    tab.emulate_media(media="screen")


def pdf_pages(pdf: bytes) -> int:
    """The number of pages of a PDF: its page objects (Chromium writes them uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.mark.parametrize(("estimator_id", "inputs"), [(SUBSIDY, SUBSIDY_INPUTS), (COMPENSATION, COMPENSATION_INPUTS)])
def test_each_form_prints_on_one_a4_page(tab: Page, base_url: str, estimator_id: str, inputs: dict) -> None:
    open_calculator(tab, base_url, estimator_id, inputs)
    fill_entries(tab, long_text=True)
    tab.evaluate("window.print = () => {}")  # what the button does, up to the browser's dialog
    tab.get_by_role("button", name=re.compile(r"^打印附表\d申请表$")).first.click()
    assert "print-form" in tab.evaluate("document.documentElement.className")
    tab.emulate_media(media="print")
    pages = pdf_pages(tab.pdf(format="A4"))
    assert pages == 1
    tab.emulate_media(media="screen")
    whole = pdf_pages(tab.pdf(format="A4"))
    assert whole > 1  # the count is not stuck at one: the whole page is longer


def test_the_form_keeps_its_own_lines(tab: Page, base_url: str) -> None:
    """附表 1 ends with a line of its own in the policy text; the printed form keeps it below the table."""
    source = (SHARED / "policies" / "001_2659b51cad5011fb.txt").read_text("utf-8")
    line = next(text for text in source.splitlines() if text.startswith("此表一式"))
    open_calculator(tab, base_url, COMPENSATION, COMPENSATION_INPUTS)
    expect(tab.locator(f"{SHEET} table.policy-form + .calc-form-note")).to_have_text(line)
    subsidy = tab.locator(".calc-form-note")
    open_calculator(tab, base_url, SUBSIDY, SUBSIDY_INPUTS)
    expect(subsidy).to_have_count(0)  # 附表 2 has no such line


def test_applicant_cells_from_the_keyboard(tab: Page, base_url: str) -> None:
    open_calculator(tab, base_url, SUBSIDY, SUBSIDY_INPUTS)
    extra = tab.locator("details.calc-sheet-extra")
    extra.locator("summary").focus()
    tab.keyboard.press("Enter")
    expect(extra).to_have_attribute("open", "")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.id") == "sheet-applicant"
    tab.keyboard.type("三明市某某科技有限公司")
    assert tab.locator(f'{SHEET} [data-entry="applicant"]').text_content() == "三明市某某科技有限公司"
