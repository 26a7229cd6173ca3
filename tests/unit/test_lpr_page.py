"""The LPR page: its facts come from calc.lpr, its chart is valid SVG, its table has every fixing."""

import re
import sys
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from itertools import pairwise

import pytest

if sys.platform == "emscripten":  # the build tools (jinja2, markdown) are not in Pyodide
    pytest.skip("build tools only", allow_module_level=True)

import markdown

import calc
from build_scripts.calculator_pages import lpr_note
from build_scripts.lpr_page import Row, change_text, chart, cn_date, lpr_page, rows
from calc import lpr
from calc.lpr import Fixing
from calc.registry import Estimator

pytestmark = pytest.mark.cpython_only

SVG = "{http://www.w3.org/2000/svg}"
ROW = re.compile(r"^\| (\d{4}-\d{2}-\d{2}) \| \**([\d.]+)\** \| \**([\d.]+)\** \| (.+) \|$", re.M)


@pytest.fixture(scope="module")
def page() -> str:
    return lpr_page()


@pytest.fixture(scope="module")
def svg(page: str) -> ET.Element:
    found = re.search(r"<svg\b.*?</svg>", page, re.S)
    assert found
    return ET.fromstring(found.group())


def points(polyline: ET.Element) -> list[tuple[float, float]]:
    pairs = (p.split(",") for p in (polyline.get("points") or "").split())
    return [(float(x), float(y)) for x, y in pairs]


def test_page_title_source_and_dates(page: str) -> None:
    assert re.search(r"^# 贷款市场报价利率（LPR）$", page, re.M)
    assert lpr.SOURCE in page
    assert "公开数据集" in page  # says the values were cross-checked
    last = lpr.last_fixing()
    assert cn_date(last.date) in page and str(last.date) in page
    assert cn_date(lpr.known_until()) in page


def test_svg_is_an_accessible_self_contained_image(svg: ET.Element, page: str) -> None:
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    assert svg.get("viewBox") and svg.get("width") == "100%"
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text
    assert cn_date(lpr.last_fixing().date) in title.text and "降至" in title.text
    assert (svg.get("aria-label") or "").startswith(title.text)
    chart_markup = re.search(r"<svg\b.*?</svg>", page, re.S).group()  # type: ignore[union-attr]
    assert "<script" not in chart_markup and "href" not in chart_markup and "@import" not in chart_markup
    assert "currentColor" in chart_markup
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert "1年期" in labels and "5年期以上" in labels  # the legend
    assert "2020" in labels and "2025" in labels  # year ticks
    assert "3.0%" in labels and "4.5%" in labels  # percent ticks


def test_each_line_steps_through_every_fixing(svg: ET.Element) -> None:
    fixings = lpr.series()
    width = float((svg.get("viewBox") or "").split()[2])
    for tenor, attribute in (("1y", "lpr_1y"), ("5y", "lpr_5y")):
        line = svg.find(f"{SVG}polyline[@class='lpr-{tenor}']")
        assert line is not None
        pts = points(line)
        assert len(pts) == 2 * len(fixings)
        starts, ends = pts[0::2], pts[1::2]
        assert all(s[1] == e[1] for s, e in zip(starts, ends, strict=True))  # flat while a fixing is in force
        assert all(e[0] == s[0] for e, s in zip(ends, starts[1:], strict=False))  # the next starts where it ends
        assert all(a[0] < b[0] for a, b in pairwise(starts))
        assert all(0 <= x <= width for x, _ in pts)
        # same rate, same height; a lower rate is drawn lower (larger y)
        rates = [getattr(f, attribute) for f in fixings]
        height = dict(zip(rates, (y for _, y in starts), strict=False))
        assert all(height[r] == y for r, (_, y) in zip(rates, starts, strict=True))
        ordered = sorted(height)
        assert all(height[a] > height[b] for a, b in pairwise(ordered))


def test_the_table_has_one_row_per_fixing_newest_first(page: str) -> None:
    found = ROW.findall(page)
    fixings = lpr.series()
    assert len(found) == len(fixings)
    assert [d for d, *_ in found] == [str(f.date) for f in reversed(fixings)]
    assert [(Decimal(a), Decimal(b)) for _, a, b, _ in found] == [(f.lpr_1y, f.lpr_5y) for f in reversed(fixings)]
    assert found[0][0] == str(lpr.last_fixing().date)


def test_changes_are_shown_in_basis_points(page: str) -> None:
    by_date = {d: change for d, _, _, change in ROW.findall(page)}
    assert by_date["2025-05-20"] == "一年期 ↓10 基点；五年期以上 ↓10 基点"
    assert by_date["2024-02-20"] == "五年期以上 ↓25 基点"
    assert by_date["2026-02-24"] == "—"
    assert "| 2025-05-20 | **3.00** | **3.50** |" in page
    assert "| 2026-02-24 | 3.00 | 3.50 |" in page


def test_change_text_and_rows() -> None:
    a = Fixing(date(2020, 1, 20), Decimal("4.15"), Decimal("4.80"))
    b = Fixing(date(2020, 2, 20), Decimal("4.20"), Decimal("4.80"))
    assert change_text(None, a) == "改革后首次报价"
    assert change_text(a, b) == "一年期 ↑5 基点"
    assert change_text(b, b) == "—"
    assert isinstance(rows()[0], Row) and rows()[0].date == lpr.last_fixing().date


def test_chart_runs_to_the_day_the_series_is_known_current() -> None:
    drawn = chart()
    assert all(line.end_x == drawn.right for line in drawn.lines)
    assert [t.label for t in drawn.x_ticks] == [str(y) for y in range(2020, lpr.known_until().year + 1)]


def test_rendered_with_the_site_extensions_the_chart_and_table_survive(page: str) -> None:
    html = markdown.markdown(page.split("---", 2)[2], extensions=["attr_list", "md_in_html", "tables", "toc"])
    svg_html = re.search(r"<svg\b.*?</svg>", html, re.S)
    assert svg_html and ET.fromstring(svg_html.group()) is not None
    assert "<p><svg" not in html  # a raw HTML block, not wrapped in a paragraph
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    assert body and body.group(1).count("<tr>") == len(lpr.series())


@pytest.mark.parametrize("estimator", calc.estimators(), ids=lambda e: e.id)
def test_calculators_that_look_up_the_lpr_say_how_far_the_data_runs(estimator: Estimator) -> None:
    note = lpr_note(estimator)
    marked = [p["title"] for p in calc.schema(estimator.id)["properties"].values() if p.get("x-lpr")]
    if not marked:
        assert note == ""
        return
    last = lpr.last_fixing()
    assert all(f"“{title}”" in note for title in marked)
    assert f"数据截至{cn_date(last.date)}的报价" in note
    assert f"一年期 {last.lpr_1y}%" in note and f"五年期以上 {last.lpr_5y}%" in note
    assert f"确认有效至{cn_date(lpr.known_until())}" in note
