"""The glossary: its data against the policy texts, its page, and definitions inserted in pages."""

import re
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

if sys.platform == "emscripten":  # the build tools (jinja2, markdown) are not in Pyodide
    pytest.skip("build tools only", allow_module_level=True)

import markdown

from build_scripts import policy_pages
from build_scripts.glossary import Glossary, Term, add_definitions, check, glossary_page, load, terms
from calc import clauses

pytestmark = pytest.mark.cpython_only

ROOT = Path(__file__).resolve().parents[2]
POLICY_TEXTS = {p.stem: p.read_text("utf-8") for p in sorted((ROOT / "docs" / "policies").glob("*.md"))}
REQUIRED = {
    "LPR",
    "贴息",
    "风险补偿",
    "代偿",
    "再担保",
    "融担基金",
    "分险比例",
    "不良贷款容忍度",
    "专精特新",
    "科技特派员",
    "科特贷",
    "风险分担资金池",
    "科技型中小企业",
    "高新技术企业",
    "新三板",
    "首台（套）",
    "鲁科担",
    "鲁科保",
    "知识产权质押",
    "反担保",
    "在保余额",
}
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "abbr", "toc"]  # as in mkdocs.yml
TAG = re.compile(r"<[^>]*>")
ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.S)


def text_of(html: str) -> str:
    return TAG.sub("", html)


def wrapped(html: str) -> list[str]:
    """The texts wrapped in <abbr>, in page order."""
    return [m.group(2) for m in ABBR.finditer(html)]


def definition(name: str) -> str:
    return next(t.definition for t in terms() if t.name == name)


def policy_html(policy_id: str) -> str:
    """A policy page's content as MkDocs renders it (anchors, header and calculator links included)."""
    markdown_text, continuous = policy_pages.source(policy_id)
    body = policy_pages.transform(
        markdown_text.split("---", 2)[2], policy_id, continuous=continuous, today=date(2026, 1, 1)
    )
    return markdown.markdown(body, extensions=EXTENSIONS)


# ---------- data ----------


def test_the_glossary_has_the_required_terms() -> None:
    names = {t.name for t in terms()}
    assert REQUIRED <= names
    assert 15 <= len(terms()) <= 25


@pytest.mark.parametrize("term", terms(), ids=lambda t: t.slug)
def test_every_name_and_alias_occurs_verbatim_in_a_policy_text(term: Term) -> None:
    for spelling in term.spellings:
        assert any(spelling in text for text in POLICY_TEXTS.values()), spelling


@pytest.mark.parametrize("term", terms(), ids=lambda t: t.slug)
def test_definitions_are_one_or_two_plain_sentences(term: Term) -> None:
    assert term.definition.endswith("。")
    assert 1 <= term.definition.count("。") <= 2
    assert len(term.definition) <= 160
    assert not re.search(r"[<>*_`\[\]]", term.definition)  # plain text: no markup to escape or render


@pytest.mark.parametrize("term", [t for t in terms() if t.source], ids=lambda t: t.slug)
def test_a_cited_clause_exists_and_uses_the_term(term: Term) -> None:
    policy_id, clause = clauses.split_cite(term.source or "")
    texts = policy_pages.clause_texts(policy_id)
    anchor = clauses.anchor(clause)
    assert anchor in texts, term.source
    assert any(s in texts[anchor] for s in term.spellings), term.source


def test_slugs_are_unique_ascii_and_every_topic_is_used() -> None:
    glossary = load()
    slugs = [t.slug for t in glossary.terms]
    assert len(slugs) == len(set(slugs))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in slugs)
    assert {t.topic for t in glossary.terms} == set(glossary.topics)


def test_check_rejects_duplicates_and_bad_citations() -> None:
    term = Term("贴息", "tiexi", "甲", "定义。")
    with pytest.raises(ValueError, match="slug"):
        check(Glossary(("甲",), (term, Term("贴息资金", "tiexi", "甲", "定义。"))))
    with pytest.raises(ValueError, match="spelling"):
        check(Glossary(("甲",), (term, Term("其他", "qita", "甲", "定义。", aliases=("贴 息",)))))
    with pytest.raises(ValueError, match="topic"):
        check(Glossary(("乙",), (term,)))
    with pytest.raises(ValueError):
        check(Glossary(("甲",), (Term("贴息", "tiexi", "甲", "定义。", source="sanming-ktd 第四条x"),)))


# ---------- the page ----------


def test_page_has_a_title_and_every_term_under_its_topic_with_an_ascii_id() -> None:
    page = glossary_page()
    assert re.search(r"^# 术语表$", page, re.M)
    headings = re.findall(r"^(##+) (.+)$", page, re.M)
    glossary = load()
    assert [h for level, h in headings if level == "##"] == list(glossary.topics)
    for term in glossary.terms:
        assert f"### {term.name} {{#term-{term.slug}}}" in page
        assert term.definition in page
    topic_of_heading: dict[str, str] = {}
    current = ""
    for level, heading in headings:
        if level == "##":
            current = heading
        else:
            topic_of_heading[heading.split(" {#")[0]] = current
    assert topic_of_heading == {t.name: t.topic for t in glossary.terms}


def test_page_links_the_cited_clauses_as_md_links() -> None:
    page = glossary_page()
    assert "(policies/sanming-ktd.md#s1)" in page  # 科特贷, sanming-ktd 一
    for term in terms():
        if term.source:
            policy_id, clause = clauses.split_cite(term.source)
            assert f"(policies/{policy_id}.md#{clauses.anchor(clause)})" in page
    for target in re.findall(r"\]\((policies/[^)#]+\.md)", page):
        assert (ROOT / "docs" / target).is_file(), target


# ---------- definitions in pages ----------


def test_first_occurrence_only_and_the_text_is_unchanged() -> None:
    html = "<p>申请贴息。</p><p>贴息资金与贴息。</p>"
    out = add_definitions(html, page_url="policies/sanming-ktd/")
    assert wrapped(out) == ["贴息"]
    assert out.startswith(f'<p>申请<abbr title="{definition("贴息")}">贴息</abbr>。</p>')
    assert text_of(out) == text_of(html)


def test_the_longest_spelling_wins_and_the_term_is_then_done() -> None:
    html = "<p>不高于一年期 LPR 的 50%，即 LPR 的一半；一年期LPR 另计。</p>"
    out = add_definitions(html, page_url="calculators/x/")
    assert wrapped(out) == ["一年期 LPR"]
    assert "一年期LPR" in add_definitions("<p>按一年期LPR计算</p>", page_url="x/")  # spaces are optional
    assert wrapped(add_definitions("<p>按一年期LPR计算</p>", page_url="x/")) == ["一年期LPR"]


def test_ascii_terms_match_whole_words_only() -> None:
    assert wrapped(add_definitions("<p>LPRS 与 XLPR 不是 LPR。</p>", page_url="x/")) == ["LPR"]


@pytest.mark.parametrize(
    "html",
    [
        '<a href="#s1">贴息</a>',
        '<abbr title="已有">贴息</abbr>',
        "<h2>贴息</h2>",
        "<h6>贴息<span>贴息</span></h6>",
        "<code>贴息</code>",
        "<pre>贴息</pre>",
        "<script>var a = '贴息';</script>",
        "<style>/* 贴息 */</style>",
        '<table class="policy-form"><tr><th>贴息</th></tr></table>',
        '<table class="wide policy-form"><tr><td><p>贴息</p></td></tr></table>',
        '<span data-field="x">贴息</span>',
        '<strong data-value="1">贴息</strong>',
        "<svg><title>贴息</title><text>贴息</text></svg>",
        '<p title="贴息" data-x="贴息"><img alt="贴息"></p>',
        "<!-- 贴息 -->",
        "<p>《关于贴息的通知》</p>",
        "<p>《关于<em>贴息</em>的通知》</p>",
    ],
)
def test_nothing_is_wrapped_where_it_must_not_be(html: str) -> None:
    assert add_definitions(html, page_url="x/") == html


def test_text_after_a_skipped_element_is_still_considered() -> None:
    html = '<p><a href="#">贴息</a><code>LPR</code>，再看贴息与<br/>LPR。</p><h2>x</h2><p>《办法》外的代偿</p>'
    out = add_definitions(html, page_url="x/")
    assert wrapped(out) == ["贴息", "LPR", "代偿"]
    assert text_of(out) == text_of(html)


def test_an_unclosed_book_title_does_not_hide_the_following_blocks() -> None:
    out = add_definitions("<p>见《某通知</p><p>贴息</p>", page_url="x/")
    assert wrapped(out) == ["贴息"]


def test_entities_comments_and_line_ends_are_kept_as_written() -> None:
    html = "<div>\r\n<p>A &amp; B&nbsp;贴息 &#x4EE3;偿<!-- 代偿 --></p>\n<p>代偿 &lt;LPR&gt;</p></div>"
    out = add_definitions(html, page_url="x/")
    assert wrapped(out) == ["贴息", "代偿", "LPR"]
    assert text_of(out) == text_of(html)
    assert out.replace(f'<abbr title="{definition("贴息")}">', "").count("&amp;") == 1


def test_the_glossary_page_itself_is_left_alone() -> None:
    html = "<p>贴息与代偿</p>"
    for url in ("glossary/", "/glossary/", "glossary.html", "glossary/index.html"):
        assert add_definitions(html, page_url=url) == html
    assert add_definitions(html, page_url="glossary-old/") != html


def test_the_title_is_escaped_and_reads_back_as_the_definition() -> None:
    tricky = Term("贴息", "tiexi", "甲", "A \"quoted\" <b> & 'apostrophe' 定义。")
    out = add_definitions("<p>贴息</p>", page_url="x/", glossary_terms=[tricky])
    assert "&quot;quoted&quot;" in out and "&lt;b&gt;" in out and "&amp;" in out and "&#x27;" in out

    class Titles(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.titles: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.titles += [v or "" for k, v in attrs if tag == "abbr" and k == "title"]

    parser = Titles()
    parser.feed(out)
    assert parser.titles == [tricky.definition]


@pytest.mark.parametrize("policy_id", sorted(POLICY_TEXTS))
def test_a_rendered_policy_page_keeps_every_character(policy_id: str) -> None:
    html = policy_html(policy_id)
    out = add_definitions(html, page_url=f"policies/{policy_id}/")
    assert text_of(out) == text_of(html)
    found = wrapped(out)
    assert found and len(found) == len(set(found))
    # one <abbr> per term at most, each with its term's definition
    by_spelling = {re.sub(r"\s+", "", s): t for t in terms() for s in t.spellings}
    explained = [by_spelling[re.sub(r"\s+", "", w)] for w in found]
    assert len({t.slug for t in explained}) == len(explained)
    assert [m.group(1) for m in ABBR.finditer(out)] == [
        t.definition.replace('"', "&quot;").replace("'", "&#x27;") for t in explained
    ]
    # nothing inside headings, links or the attached forms
    for element in ("h1", "h2", "h3", "h4", "a", "table"):
        for inner in re.findall(rf"<{element}\b[^>]*>(.*?)</{element}>", out, re.S):
            assert "<abbr" not in inner, (element, inner[:80])


def test_the_sanming_page_explains_its_own_terms_where_they_are_introduced() -> None:
    out = add_definitions(policy_html("sanming-ktd"), page_url="policies/sanming-ktd/")
    assert "（以下简称“<abbr" in out  # “科特贷” where the plan introduces it
    assert "风险分担资金池" in wrapped(out)
    assert "贷款市场报价利率（LPR）" in wrapped(out)


def test_definitions_do_not_restate_the_policies_numbers() -> None:
    """Numbers of the policies live once, in calc/params; definitions explain, they do not quote."""
    from calc import params, policies
    from tests.policy_text import normalize

    texts = {normalize(p.text) for pid in policies.ids() for p in params.parameters(pid).values()}
    for term in load().terms:
        definition = normalize(term.definition)
        assert not [t for t in texts if t in definition], term.name
