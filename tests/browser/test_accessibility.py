"""Accessibility of every page type in Chromium.

axe-core (an npm devDependency, injected at test time only, never shipped in ``site/``) runs with
its default rules on every kind of page, in the light and the dark colour scheme, and no
violation of impact "serious" or "critical" is allowed. Beyond what axe can see: every field of
every calculator has an accessible name, a field's error is announced and tied to its field, and
the trace and the bars are there as text.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

import calc
from calc import policies
from tests.browser.test_every_calculator import wait_result
from tests.page_run import page_run
from tests.screenshots import as_query, example_url

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
ESTIMATORS = {e.id: e for e in calc.estimators()}
POLICIES = policies.ids()
STATIC_PAGES = {
    "home": "",
    "overview": "overview/",
    "glossary": "glossary/",
    "lpr": "lpr/",
    "calculators-index": "calculators/",
    "batch": "batch/",
    "404": "404.html",  # the test server answers a missing page with its own text, not the site's 404
    **{f"policy-{p}": f"policies/{p}/" for p in POLICIES},
}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (make setup does)")
    return AXE.read_text("utf-8")


@pytest.fixture(scope="module", params=["light", "dark"])
def scheme(request: pytest.FixtureRequest) -> str:
    """Both colour schemes the site offers (mkdocs-material follows the system's preference)."""
    return request.param


@pytest.fixture(scope="module")
def context(browser: Browser, scheme: str) -> Iterator[BrowserContext]:
    """A context that ignores a Content-Security-Policy, so axe can be injected as an inline script."""
    ctx = browser.new_context(bypass_csp=True, color_scheme=scheme)
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def tab(context: BrowserContext) -> Iterator[Page]:
    """One tab per colour scheme for the axe runs: the browser's cache stays warm."""
    page = context.new_page()
    yield page
    page.close()


@pytest.fixture(scope="module")
def plain(browser: Browser) -> Iterator[Page]:
    """One tab for the checks that do not depend on the colour scheme."""
    page = browser.new_page()
    yield page
    page.close()


def axe_violations(page: Page, axe_source: str) -> list[dict]:
    """axe-core's violations on the page as it is now (default rules: WCAG 2 A/AA and best practices)."""
    # Colours are measured once transitions have ended (the search results fade in)
    page.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")
    # and once Material has sized its sidebars to the page's new height (from script, a moment after
    # the content changes): until then a sidebar link can stand over the dark footer (seen in CI).
    sizes = "() => [...document.querySelectorAll('.md-sidebar__scrollwrap')].map((e) => e.style.height).join()"
    before, deadline = page.evaluate(sizes), time.monotonic() + 5
    while time.monotonic() < deadline:
        page.wait_for_timeout(250)
        now = page.evaluate(sizes)
        if now == before:
            break
        before = now
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, { resultTypes: ["violations"] });
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map((n) => n.target.join(" ")),
            }));
        }"""
    )


def assert_accessible(page: Page, axe_source: str, what: str) -> None:
    blocking = [v for v in axe_violations(page, axe_source) if v["impact"] in BLOCKING]
    report = "\n".join(
        f"  {v['id']} ({v['impact']}, {len(v['targets'])}×): {v['help']} — {', '.join(v['targets'][:5])}"
        for v in blocking
    )
    assert not blocking, f"axe on {what}:\n{report}"


# ---------------------------------------------------------------- axe on every page type


@pytest.mark.parametrize("name", sorted(STATIC_PAGES))
def test_static_page_passes_axe(tab: Page, base_url: str, axe_source: str, name: str) -> None:
    tab.goto(base_url + STATIC_PAGES[name])
    expect(tab.locator("h1").first).to_be_visible()
    assert_accessible(tab, axe_source, name)


@pytest.mark.parametrize("estimator_id", sorted(ESTIMATORS))
def test_calculator_with_its_result_passes_axe(tab: Page, base_url: str, axe_source: str, estimator_id: str) -> None:
    tab.goto(base_url + example_url(estimator_id))
    wait_result(tab)
    expect(tab.locator(".calculator")).to_have_attribute("data-engine", "ready")
    assert_accessible(tab, axe_source, f"{estimator_id} with its example's result")


def test_batch_page_with_its_results_and_with_an_error_passes_axe(tab: Page, base_url: str, axe_source: str) -> None:
    from tests.browser.test_batch_page import upload
    from tests.hostile_files import HOSTILE
    from tests.unit.test_batch_tables import BOOK, book_xlsx

    tab.goto(f"{base_url}batch/")
    expect(tab.locator("[data-batch]")).to_have_attribute("data-engine", "ready", timeout=120_000)
    assert upload(tab, "sanming-ktd-subsidy", book_xlsx(BOOK), "loans.xlsx") == "done"
    assert_accessible(tab, axe_source, "the batch page with its results")
    build, _ = HOSTILE["old xls"]
    assert upload(tab, "sanming-ktd-subsidy", *build()) == "error"
    assert_accessible(tab, axe_source, "the batch page with a file refused")


def test_calculator_with_a_field_error_passes_axe(tab: Page, base_url: str, axe_source: str) -> None:
    tab.goto(f"{base_url}calculators/sanming-ktd-subsidy/?loan_amount=abc&actual_rate=3&interest_paid=60000")
    expect(tab.locator('[data-error-for="loan_amount"]')).to_be_visible(timeout=120_000)
    assert_accessible(tab, axe_source, "a calculator showing a field error")


def test_calculator_with_its_engine_loading_passes_axe(
    browser: Browser, base_url: str, axe_source: str, scheme: str
) -> None:
    # A context of its own: no service worker from earlier pages, and the runtime held back.
    ctx = browser.new_context(bypass_csp=True, color_scheme=scheme, service_workers="block")
    ctx.route("**/pyodide/**", lambda route: None)
    page = ctx.new_page()
    page.goto(f"{base_url}calculators/sanming-ktd-subsidy/?loan_amount=2000000")
    calculator = page.locator(".calculator")
    expect(calculator).to_have_attribute("data-engine", "loading")
    expect(page.locator(".engine-progress")).to_be_visible()
    assert_accessible(page, axe_source, "a calculator whose engine is still loading")
    expect(calculator).to_have_attribute("data-engine", "loading")
    ctx.close()


def test_search_with_results_passes_axe(tab: Page, base_url: str, axe_source: str) -> None:
    tab.goto(base_url)
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill("贴息")
    box.press("End")  # fill() fires no keyup, which the search box listens to
    expect(tab.locator(".md-search-result__item a").first).to_be_visible()
    assert_accessible(tab, axe_source, "the search with its results open")


# ---------------------------------------------------------------- what axe cannot see

LABELS = """form => [...form.querySelectorAll("input, select, textarea")].map((c) => {
    const text = (node) => (node ? node.textContent.replace(/\\s+/g, " ").trim() : "");
    const ids = (attr) => (c.getAttribute(attr) || "").split(/\\s+/).filter(Boolean);
    const label = [...(c.labels || [])].map(text).join(" ")
        || (c.getAttribute("aria-label") || "").trim()
        || ids("aria-labelledby").map((id) => text(document.getElementById(id))).join(" ");
    const box = c.closest("[data-input]");
    const group = ["radio", "checkbox"].includes(c.type) ? text(c.closest("fieldset")?.querySelector("legend")) : null;
    return { name: c.name, type: c.type, field: box ? box.dataset.input : null, label, group };
})"""


@pytest.mark.parametrize("estimator_id", sorted(ESTIMATORS))
def test_every_form_field_has_an_accessible_name(plain: Page, base_url: str, estimator_id: str) -> None:
    """Every control, shown or not yet (optional groups, fields that appear when they matter)."""
    plain.goto(f"{base_url}calculators/{estimator_id}/")
    controls = plain.eval_on_selector("form.calc-form", LABELS)
    properties = calc.schema(estimator_id)["properties"]
    assert {c["name"] for c in controls} - {"_unit"} == set(properties)  # every input of the model is there
    for c in controls:
        assert c["label"], f"{estimator_id}: {c['name']} ({c['type']}) has no label"
        if c["group"] is not None:  # a radio or a checkbox: its question is the fieldset's legend
            assert c["group"], f"{estimator_id}: the {c['name']} group has no legend"
        title = properties.get(c["field"], {}).get("title")
        if title:  # the label (or the group's legend) says what the model calls the field
            assert title in (c["group"] or c["label"]), (estimator_id, c)
    # Chromium's own accessible-name computation agrees for the fields shown.
    for name, prop in properties.items():
        control = plain.locator(f'form.calc-form [name="{name}"]').first
        if control.is_visible():
            expect(control).to_have_accessible_name(re.compile(r"\S"))
            if control.get_attribute("type") not in ("radio", "checkbox"):
                expect(control).to_have_accessible_name(re.compile(re.escape(prop["title"])))


ERRORS = [
    ("sanming-ktd-subsidy", "#in-loan_amount", {"loan_amount": "abc", "actual_rate": "3", "interest_paid": "60000"}),
    ("liaocheng-guarantee-fee", "#in-counter_guarantee", {"guarantee_amount": "5000000", "fee_rate": "0.5"}),
    ("national-guarantee", 'input[name="categories"]', {"loan_amount": "10000000"}),
]


@pytest.mark.parametrize(("estimator_id", "control", "inputs"), ERRORS, ids=["text", "select", "checkboxes"])
def test_a_field_error_is_announced_and_tied_to_its_field(
    plain: Page, base_url: str, estimator_id: str, control: str, inputs: dict
) -> None:
    expected = page_run(estimator_id, inputs)["errors"][0]
    plain.goto(f"{base_url}calculators/{estimator_id}/?{as_query(inputs)}")
    plain.locator("form.calc-form button[type=submit]").press("Enter")
    message = plain.locator(f'[data-error-for="{expected["field"]}"]')
    expect(message).to_have_text(expected["message"], timeout=120_000)
    announced = message.evaluate(
        """e => e.getAttribute("role") === "alert"
                || Boolean(e.closest('[aria-live]:not([aria-live="off"]), [role="alert"], [role="status"]'))"""
    )
    assert announced, "the message is neither an alert nor inside a live region"
    error_id = message.get_attribute("id")
    assert error_id and plain.locator(f"#{error_id}").count() == 1
    fields = plain.locator(control)
    for i in range(fields.count()):
        field = fields.nth(i)
        expect(field).to_have_attribute("aria-invalid", "true")
        assert error_id in (field.get_attribute("aria-describedby") or "").split()
    expect(fields.first).to_have_accessible_description(re.compile(re.escape(expected["message"])))
    # Corrected, the field is valid again and no longer described by the message.
    example = {k: v for k, v in ESTIMATORS[estimator_id].example.items() if k == expected["field"]}
    plain.goto(f"{base_url}calculators/{estimator_id}/?{as_query({**inputs, **example})}")
    wait_result(plain)
    for i in range(fields.count()):
        expect(fields.nth(i)).not_to_have_attribute("aria-invalid", "true")
        assert error_id not in (fields.nth(i).get_attribute("aria-describedby") or "").split()


def money(text: str) -> str:
    """A result amount as the page writes it: ``2000000.00`` → ``2,000,000.00 元``."""
    whole, _, frac = text.partition(".")
    return f"{int(whole):,}{'.' + frac if frac else ''} 元"


@pytest.mark.parametrize("estimator_id", ["national-guarantee", "sanming-ktd-compensation", "sanming-ktd-subsidy"])
def test_trace_and_bars_are_there_as_text(plain: Page, base_url: str, estimator_id: str) -> None:
    example = ESTIMATORS[estimator_id].example
    out = page_run(estimator_id, example)
    plain.goto(base_url + example_url(estimator_id))
    wait_result(plain)

    # The trace: an ordered list, one item per step, its label and value as text.
    steps = plain.locator("ol.calc-trace > li")
    expect(steps).to_have_count(len(out["trace"]))
    for i, step in enumerate(out["trace"]):
        text = steps.nth(i).inner_text()
        assert step["label"] in text and step["value"] in text, (step, text)

    # The bars: the figures of each part as text in the accessibility tree; the coloured track is
    # either hidden from it or an image with those figures as its name.
    specs = calc.result_schema(estimator_id).get("x-bars", [])
    drawn = [
        spec for spec in specs if sum(Decimal(str(_path(out["result"], p["field"]) or 0)) for p in spec["parts"]) > 0
    ]
    figures = plain.locator("figure.calc-bar")
    expect(figures).to_have_count(len(drawn))
    for i, spec in enumerate(drawn):
        figure = figures.nth(i)
        expect(figure.locator("figcaption")).to_have_text(spec["title"])
        tree = figure.aria_snapshot()
        for part in spec["parts"]:
            assert f"{part['label']} {money(str(_path(out['result'], part['field'])))}" in tree, (part, tree)
        track = figure.locator(".calc-bar__track")
        if track.get_attribute("aria-hidden") != "true":
            expect(track).to_have_attribute("role", "img")
            expect(track).to_have_accessible_name(re.compile(re.escape(spec["title"])))
    if estimator_id in ("national-guarantee", "sanming-ktd-compensation"):
        assert drawn, "the example should draw its split"


def _path(result: dict, dotted: str) -> object:
    value: object = result
    for key in dotted.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def test_axe_is_not_shipped(site_dir: Path) -> None:
    """axe-core is a test tool: nothing of it is copied into the site."""
    shipped = [p for p in site_dir.rglob("*") if "axe" in p.name.lower()]
    assert not shipped, shipped
    for script in site_dir.rglob("*.js"):
        assert "axe-core" not in script.read_text("utf-8", errors="ignore"), script


def test_a_new_result_is_announced_by_its_headline(plain: Page, base_url: str) -> None:
    """The result area is not a live region (it would read everything at each recompute); a
    status line says the headline figure instead."""
    plain.goto(base_url + example_url("sanming-ktd-subsidy"))
    wait_result(plain)
    label = plain.locator(".calc-headline__label").inner_text()
    value = plain.locator(".calc-headline strong").inner_text()
    expect(plain.locator(".calc-announce")).to_have_text(f"{label}：{value}。详情见计算结果。")
    assert plain.locator(".calc-output").get_attribute("aria-live") is None
    plain.fill("#in-loan_amount", "-1")
    plain.press("#in-loan_amount", "Enter")
    expect(plain.locator('[data-error-for="loan_amount"]')).to_be_visible()
    expect(plain.locator(".calc-announce")).to_have_text("")  # the error itself is an alert
