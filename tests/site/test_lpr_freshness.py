"""The built site says up to which LPR fixing its data runs: on the LPR page, and on every
calculator that looks the LPR up when it is left blank, with the dates of calc.lpr."""

import re
from pathlib import Path

import pytest

import calc
from build_scripts.lpr_page import cn_date
from calc import lpr


LOOKS_UP_LPR = {
    e.id for e in calc.estimators() if any(p.get("x-lpr") for p in calc.schema(e.id)["properties"].values())
}


def visible_text(html: str) -> str:
    """The page's text without tags, scripts and styles (what a reader sees, roughly)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_the_lpr_page_shows_the_last_fixing_and_until_when_it_holds(site_dir: Path) -> None:
    text = visible_text((site_dir / "lpr" / "index.html").read_text("utf-8"))
    last = lpr.last_fixing()
    assert f"数据截至：{cn_date(last.date)}的报价" in text
    assert f"确认有效至：{cn_date(lpr.known_until())}" in text


def test_three_calculators_look_up_the_lpr() -> None:
    assert LOOKS_UP_LPR == {"sanming-ktd-eligibility", "sanming-ktd-subsidy", "liaocheng-patent-pledge"}


@pytest.mark.parametrize("estimator", [e.id for e in calc.estimators()])
def test_calculator_pages_that_look_up_the_lpr_show_the_data_end(site_dir: Path, estimator: str) -> None:
    html = (site_dir / "calculators" / estimator / "index.html").read_text("utf-8")
    note = re.search(r'<p class="calc-lpr-note" data-lpr-known-until="([\d-]+)">(.*?)</p>', html, re.S)
    if estimator not in LOOKS_UP_LPR:
        assert note is None
        return
    assert note, "no LPR note on the page"
    text = visible_text(note.group(2))
    assert note.group(1) == str(lpr.known_until())
    assert f"数据截至{cn_date(lpr.last_fixing().date)}的报价" in text
    assert f"确认有效至{cn_date(lpr.known_until())}" in text
    assert 'href="../../lpr/"' in note.group(2)
