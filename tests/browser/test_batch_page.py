"""The batch page ``batch/`` (批量测算, issue 14) in Chromium.

A 10,000-row loan book (``.xlsx``, a loan-number column, a few invalid rows) goes in through the
file input and comes back as ``.xlsx`` and CSV with every figure equal to ``calc.run``'s, every row in
order with its loan number, and the invalid rows flagged; every estimator's template, filled with
its example, computes; a GBK CSV works; each hostile file of ``tests/hostile_files.py`` gets its
Chinese message and the page stays usable; no request leaves the origin; calculator pages never
fetch the Excel libraries; after one visit with the offline copy kept, it works with the server
stopped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

import calc
from build_scripts import runtime
from build_scripts.serve import serve_in_background
from calc import batch
from tests.browser.test_offline import save_offline_copy
from tests.hostile_files import HOSTILE
from tests.unit.test_batch_tables import BOOK, HEADER, book_xlsx, by_id, expected_cell, inputs_of, read_xlsx

ID = "sanming-ktd-subsidy"
ROWS = 10_000
TIMEOUT = 180_000
#: The distribution names of the batch wheels, as their files begin (``et_xmlfile-2.0.0-…``).
WHEELS = tuple(name.replace("-", "_") for name in runtime.BATCH_PACKAGES)


def invalid(i: int) -> bool:
    """Whether the loan book's row ``i`` (from 0) is one of test_batch_tables' invalid rows."""
    return i % 1000 == 999


def loan_book(rows: int = ROWS) -> list[list[Any]]:
    """``rows`` loans in the shape of test_batch_tables' BOOK (rows 1 and 3 invalid there, 0, 2, 4 valid)."""
    book = []
    for i in range(rows):
        typed = list(BOOK[(1 if i % 2 else 3) if invalid(i) else (0, 2, 4)[i % 3]])
        typed[0] = f"KTD-{i + 1:05d}"
        if isinstance(typed[3], int):
            typed[3] += 37 * i  # amounts differ from row to row
        book.append(typed)
    return book


@pytest.fixture(scope="module")
def requests() -> list[str]:
    return []


@pytest.fixture(scope="module")
def tab(browser: Browser, base_url: str, requests: list[str]) -> Iterator[Page]:
    """One tab on the batch page, its engine ready; every request it makes is recorded."""
    context = browser.new_context(service_workers="block", accept_downloads=True)
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(f"{base_url}batch/")
    expect(page.locator("[data-batch]")).to_have_attribute("data-engine", "ready", timeout=TIMEOUT)
    yield page
    context.close()


#: Records the state a run ends in (however quick it is): the first change away from "running".
WATCH_RUN = """() => {
  const root = document.querySelector("[data-batch]");
  window.__batchEnd = null;
  new MutationObserver((records, observer) => {
    if (records.some((r) => r.oldValue === "running")) {
      window.__batchEnd = root.dataset.batch;
      observer.disconnect();
    }
  }).observe(root, { attributes: true, attributeFilter: ["data-batch"], attributeOldValue: true });
}"""


def upload(page: Page, estimator_id: str, data: bytes, name: str, mime: str = "application/octet-stream") -> str:
    """Choose the estimator and the file; return the state the run ends in (done, error or idle)."""
    page.select_option("[data-batch-estimator]", estimator_id)
    page.evaluate(WATCH_RUN)
    page.set_input_files("[data-batch-file]", files=[{"name": name, "mimeType": mime, "buffer": data}])
    return str(page.wait_for_function("() => window.__batchEnd", timeout=TIMEOUT).json_value())


def download(page: Page, selector: str) -> bytes:
    if selector == "a[data-batch-template]":  # offered as a Blob once fetched (batch.js): offline, the only way
        expect(page.locator(selector)).to_have_attribute("href", re.compile(r"^blob:"))
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_bytes()


def count(page: Page, hook: str) -> int:
    return int(page.get_attribute(f"[{hook}]", "data-value") or -1)


def test_ten_thousand_loans_come_back_with_calc_runs_figures(tab: Page) -> None:
    book = loan_book()
    assert upload(tab, ID, book_xlsx(book), "贷款台账.xlsx") == "done"
    flagged = sum(map(invalid, range(ROWS)))
    assert count(tab, "data-batch-ok") == ROWS - flagged
    assert count(tab, "data-batch-errors") == flagged
    header, rows, _ = read_xlsx(download(tab, "a[data-batch-download='xlsx']"))
    csv_rows = batch.read_back(download(tab, "a[data-batch-download='csv']").decode("utf-8-sig"))
    assert header[: len(HEADER)] == HEADER
    assert len(rows) == len(csv_rows) == ROWS
    kinds = {c.id: c.kind for c in batch.result_fields(ID)}
    total = Decimal(0)
    for i, (typed, row, line) in enumerate(zip(book, rows, csv_rows, strict=True)):
        cells = by_id(header, row)
        assert row[0] == line["贷款编号"] == typed[0]  # in order, with its loan number
        answer = calc.run(ID, inputs_of(typed))
        assert cells["ok"] is answer["ok"] is not invalid(i)
        assert line["ok"] == ("true" if answer["ok"] else "false")
        if answer["ok"]:
            for name, value in batch.flatten(answer["result"]).items():
                assert cells[name] == expected_cell(value, kinds[name]), (typed[0], name)
                assert line[name] == batch.text(value), (typed[0], name)
            total += Decimal(answer["result"]["subsidy"])
        else:
            assert cells["errors"] == line["errors"] == "；".join(e["message"] for e in answer["errors"])
    assert not tab.locator(".batch-result").is_hidden()
    expect(tab.locator(".batch-result")).to_contain_text(f"{total:,}")


def test_the_list_offers_every_estimator_under_its_policy(tab: Page) -> None:
    """Short options a phone can show whole: each estimator's title, grouped by its policy's short title."""
    shown = tab.evaluate(
        """() => [...document.querySelectorAll("[data-batch-estimator] optgroup")]
             .map((group) => [group.label, [...group.children].map((o) => [o.value, o.textContent])])"""
    )
    expected: dict[str, list[list[str]]] = {}
    for est in calc.estimators():
        group = calc.policies.get(est.policy).short_title if est.policy in calc.policies.ids() else "跨政策"
        expected.setdefault(group, []).append([est.id, est.title])
    assert shown == [[group, options] for group, options in expected.items()]


@pytest.mark.parametrize("estimator_id", sorted(e.id for e in calc.estimators()))
def test_every_template_filled_with_its_example_computes(tab: Page, estimator_id: str) -> None:
    tab.select_option("[data-batch-estimator]", estimator_id)
    template = download(tab, "a[data-batch-template]")
    assert upload(tab, estimator_id, template, f"{estimator_id}-模板.xlsx") == "done"
    assert (count(tab, "data-batch-ok"), count(tab, "data-batch-errors")) == (1, 0)
    (line,) = batch.read_back(download(tab, "a[data-batch-download='csv']").decode("utf-8-sig"))
    answer = calc.run(estimator_id, calc.engine.get(estimator_id).example)
    assert {k: line[k] for k in batch.result_columns(estimator_id)} == {
        k: batch.text(v) for k, v in batch.flatten(answer["result"]).items()
    }


def test_another_calculators_file_is_said_to_be_so(tab: Page) -> None:
    tab.select_option("[data-batch-estimator]", ID)
    template = download(tab, "a[data-batch-template]")
    assert upload(tab, "sanming-ktd-eligibility", template, f"{ID}-模板.xlsx") == "done"
    warning = tab.locator(".batch-result .batch-mismatch[role=alert]")
    expect(warning).to_contain_text(f"「{calc.engine.get(ID).title}」")
    expect(warning).to_contain_text("请确认是否选错了计算器")


def test_a_gbk_csv_works(tab: Page) -> None:
    text = (
        "实际还贷日期,支行,本次申请贴息的贷款金额,贷款编号,贷款实际利率,贷款发放日期\n"
        "2026-07-31,三元支行,2000000,KTD-001,3.45,2025-08-01\n"
        "2026-07-31,沙县支行,-5,KTD-002,3.45,2025-08-01\n"
    )
    assert upload(tab, ID, text.encode("gbk"), "贷款.csv", "text/csv") == "done"
    assert (count(tab, "data-batch-ok"), count(tab, "data-batch-errors")) == (1, 1)
    rows = batch.read_back(download(tab, "a[data-batch-download='csv']").decode("utf-8-sig"))
    assert [r["支行"] for r in rows] == ["三元支行", "沙县支行"]
    inputs = {"repaid_date": "2026-07-31", "loan_amount": "2000000", "actual_rate": "3.45", "loan_date": "2025-08-01"}
    assert rows[0]["result.subsidy"] == calc.run(ID, inputs)["result"]["subsidy"]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_gets_its_message_and_the_page_stays_usable(tab: Page, name: str) -> None:
    build, word = HOSTILE[name]
    data, file_name = build()
    assert upload(tab, ID, data, file_name) == "error"
    message = tab.locator(".batch-message")
    expect(message).to_contain_text(word)
    expect(message).to_contain_text("无法处理这个文件")
    assert tab.locator("[data-batch-download]").count() == 0
    # usable: the next file is read
    assert upload(tab, ID, book_xlsx(BOOK[:1]), "ok.xlsx") == "done"
    assert count(tab, "data-batch-ok") == 1


def test_no_request_leaves_the_origin(tab: Page, base_url: str, requests: list[str]) -> None:
    assert requests
    assert [url for url in requests if not url.startswith((base_url, "blob:", "data:"))] == []
    assert [url for url in requests if "/batch/" in url or url.endswith(".whl")]  # what the page did need


def test_calculator_pages_do_not_fetch_the_batch_libraries(browser: Browser, base_url: str) -> None:
    context = browser.new_context(service_workers="block")
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    page = context.new_page()
    example = calc.engine.get(ID).example
    page.goto(f"{base_url}calculators/{ID}/?" + "&".join(f"{k}={v}" for k, v in example.items()))
    page.wait_for_selector(".calc-output [data-field][data-value]", timeout=TIMEOUT)
    assert str(page.get_attribute(".calc-batch-link a", "href")).endswith(f"/batch/?estimator={ID}")
    context.close()
    assert not [url for url in seen if url.rsplit("/", 1)[-1].startswith(WHEELS) or url.endswith("batch.js")]


def test_the_batch_page_works_offline_after_one_visit(browser: Browser, site_dir: Path) -> None:
    server, base = serve_in_background(site_dir)
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{base}batch/?estimator={ID}")
        assert upload(page, ID, book_xlsx(BOOK), "贷款.xlsx") == "done"
        save_offline_copy(page, site_dir, TIMEOUT)
    finally:
        server.shutdown()
        server.server_close()
    try:
        page.goto(f"{base}batch/")
        expect(page.locator("[data-batch]")).to_have_attribute("data-engine", "ready", timeout=TIMEOUT)
        assert upload(page, ID, book_xlsx(BOOK), "贷款.xlsx") == "done"
        assert (count(page, "data-batch-ok"), count(page, "data-batch-errors")) == (3, 2)
        template = download(page, "a[data-batch-template]")
        assert template.startswith(b"PK")
        build, word = HOSTILE["old xls"]
        assert upload(page, ID, *build()) == "error"  # its message, offline too
        expect(page.locator(".batch-message")).to_contain_text(word)
    finally:
        context.close()


@pytest.mark.parametrize("phase", ["已读取", "已完成"])  # while the file is read; while its rows are computed
def test_a_run_can_be_cancelled(tab: Page, phase: str) -> None:
    tab.select_option("[data-batch-estimator]", ID)
    big = book_xlsx(loan_book(20_000))
    tab.set_input_files("[data-batch-file]", files=[{"name": "big.xlsx", "mimeType": "", "buffer": big}])
    expect(tab.locator(".batch-progress-text")).to_contain_text(phase, timeout=TIMEOUT)
    tab.click(".batch-cancel")
    expect(tab.locator("[data-batch]")).to_have_attribute("data-batch", "idle", timeout=30_000)
    expect(tab.locator(".batch-message")).to_contain_text("已取消")
    assert upload(tab, ID, book_xlsx(BOOK[:1]), "ok.xlsx") == "done"
