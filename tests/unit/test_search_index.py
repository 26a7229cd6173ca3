"""The search index's clause entries (build_scripts/search_index.py), on small inputs."""

import pytest

from build_scripts import search_index

pytestmark = pytest.mark.cpython_only

PAGE = """<html><body><article class="md-content__inner">
<h1 id="title">通知<a class="headerlink" href="#title">¶</a></h1>
<h3 id="s4">四、贷款贴息<a class="headerlink" href="#s4" title="本条链接">¶</a></h3>
<h4 id="s4-2">（二）贴息方案<a class="headerlink" href="#s4-2">¶</a></h4>
<p class="calc-link"><a href="../../calculators/x/">计算：贴息估算</a></p>
<p>贴息比例不高于一年期 <abbr title="贷款市场报价利率">LPR</abbr> 的 50%。</p>
<p>每家贷款单位享受贴息总额累计不超过 15 万元。</p>
<h4 id="s4-3">(三)贴息程序<a class="headerlink" href="#s4-3">¶</a></h4>
<p id="s4-3-1">1. 三明市科技局发布有关年度申报通知；</p>
</article></body></html>"""
NAMES = {"s4": "四", "s4-2": "四（二）", "s4-3": "四（三）", "s4-3-1": "四（三）1"}


def test_every_anchored_heading_and_paragraph_is_a_clause() -> None:
    found = search_index.clauses(PAGE, NAMES)
    assert [c.anchor for c in found] == ["s4", "s4-2", "s4-3", "s4-3-1"]
    subsidy = found[1]
    assert subsidy.title == "四（二） 贴息方案"
    assert subsidy.text == "贴息比例不高于一年期 LPR 的 50%。\n每家贷款单位享受贴息总额累计不超过 15 万元。"
    assert "计算" not in subsidy.text and "¶" not in subsidy.text  # calculator links, permalinks
    item = found[3]
    assert item.title == "四（三）1 三明市科技局发布有关年度申报通知；"
    assert item.section == "四（三） 贴息程序"  # the heading it stands under
    assert found[0].text == ""


def test_long_titles_are_cut() -> None:
    page = PAGE.replace(
        "三明市科技局发布有关年度申报通知", "三明市科技局根据本方案规定结合年度工作重点预算安排等发布有关年度申报通知"
    )
    title = search_index.clauses(page, NAMES)[3].title
    assert title.endswith("…") and len(title) == search_index.TITLE_WORDS + 1


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("首批（次）新材料", "首批次"),
        ("首批（次）新材料", "首批新材料"),
        ("首台（套）技术装备", "首台套"),
        ("股权及其受（收）益权在内", "收益权"),
        ("股权及其受（收）益权在内", "受益权"),
        ("合格抵（质）押物", "质押物"),
        ("合格抵（质）押物", "抵押物"),
    ],
)
def test_spellings_without_the_parenthesis(text: str, typed: str) -> None:
    assert any(typed in spelling for spelling in search_index.variants(text))


def test_clause_numbers_are_not_spellings() -> None:
    assert search_index.variants("一（三）发挥科技保险保障作用") == []


def test_pages_name_the_sites_search_worker() -> None:
    material = "../../assets/javascripts/workers/search.a7633da7.min.js"
    config = f'<script id="__config" type="application/json">{{"search": "{material}", "tags": null}}</script>'
    assert '"search": "../../assets/javascripts/workers/search_clauses.js"' in search_index.use_worker(config)
    with pytest.raises(ValueError):
        search_index.use_worker('{"search": "elsewhere.js"}')
