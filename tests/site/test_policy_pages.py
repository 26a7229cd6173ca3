"""The four policies as published: faithful text, stable anchors, metadata, forms, links."""

import re
from datetime import date
from pathlib import Path

import pytest

import calc

from calc import params, policies
from calc.clauses import anchor, split_cite
from calc import estimators
from tests.conftest import SHARED

from tests.policy_text import first_difference, normalize
from tests.site.html_text import read

POLICY_IDS = policies.ids()


def page(site_dir: Path, policy_id: str) -> str:
    return (site_dir / "policies" / policy_id / "index.html").read_text("utf-8")


@pytest.mark.parametrize("policy_id", POLICY_IDS)
def test_published_text_is_the_source_text(site_dir: Path, policy_id: str) -> None:
    """Wording, numbers and punctuation exactly as in the source; only the layout differs."""
    source = source_text(policy_id)
    article = read(page(site_dir, policy_id))
    title = "".join(article.h1)
    assert first_difference("".join(article.parts), source, title) is None


@pytest.mark.parametrize("policy_id", POLICY_IDS)
def test_page_shows_metadata_and_status(site_dir: Path, policy_id: str) -> None:
    html = page(site_dir, policy_id)
    policy = policies.get(policy_id)
    meta = re.search(r'<div class="policy-meta">(.*?)</div>', html, re.S).group(1)
    for issuer in policy.issuers:
        assert issuer in meta
    for number in policy.doc_numbers:
        assert number in meta
    for window in policy.windows:
        assert str(window.start) in meta
    built = date.fromisoformat(re.search(r"<dt>状态（(\d{4}-\d\d-\d\d)）</dt>", meta).group(1))
    status = re.search(r'data-status="(有效|已失效|尚未生效|待填写)">([^<]*)<', meta)
    assert status and status.group(2) == policy.status_text(built)  # 现行有效（未规定截止日期）, not a code


def cited_clauses() -> set[tuple[str, str]]:
    """Every (policy, clause) that a parameter, a validity window or an estimator cites."""
    cited = {(p.policy, p.clause) for pid in POLICY_IDS for p in params.parameters(pid).values()}
    cited |= {(pid, w.clause) for pid in POLICY_IDS for w in policies.get(pid).windows}
    cited |= {(e.policy, c) for e in estimators() for c in e.clauses}
    # and every clause a trace cites, from one run of each estimator
    for e in estimators():
        out = calc.run(e.id, e.example)
        assert out["ok"], (e.id, out)
        cited |= {split_cite(step["clause"]) for step in out["trace"]}
    return cited


@pytest.mark.parametrize(("policy_id", "clause"), sorted(cited_clauses()))
def test_every_cited_clause_has_its_anchor(site_dir: Path, policy_id: str, clause: str) -> None:
    assert anchor(clause) in read(page(site_dir, policy_id)).ids


@pytest.mark.parametrize("policy_id", POLICY_IDS)
def test_anchors_are_unique_and_ascii(site_dir: Path, policy_id: str) -> None:
    """Every numbered heading and item of the text has its clause anchor on the page, once."""
    from build_scripts.policy_pages import add_anchors, source

    markdown, continuous = source(policy_id)
    numbered = add_anchors(markdown, continuous=continuous)[1]
    ids = read(page(site_dir, policy_id)).ids
    assert len(numbered) >= 5 and all(a.isascii() for a in numbered)
    assert [i for i in ids if i in numbered] == [i for i in dict.fromkeys(ids) if i in numbered]  # no duplicate
    assert set(numbered) <= set(ids)


def test_well_known_anchors(site_dir: Path) -> None:
    sanming = read(page(site_dir, "sanming-ktd")).ids
    for known in ("s4-2", "s3-2", "s3-3-4", "s3-4-4", "s3-5-2", "s3-1-1-1", "form1", "form2", "notice", "plan"):
        assert known in sanming
    assert {"p12", "s5"} <= set(read(page(site_dir, "cbirc-2021")).ids)
    assert {"s2-1", "s2-2-1", "s2-5"} <= set(read(page(site_dir, "national-guarantee")).ids)
    assert {"s1-1", "s2-3", "closing"} <= set(read(page(site_dir, "liaocheng-2024")).ids)


@pytest.mark.parametrize("estimator", [e for e in estimators() if e.policy in POLICY_IDS], ids=lambda e: e.id)
def test_every_implemented_clause_links_to_its_calculator(site_dir: Path, estimator: object) -> None:
    html = page(site_dir, estimator.policy)
    for clause in estimator.clauses:
        start = html.index(f'id="{anchor(clause)}"')
        following = html[start : start + 20_000]
        link = f'href="../../calculators/{estimator.id}/"'
        assert link in following[: following.find('class="calc-link"') + 400], clause


def test_forms_are_real_tables(site_dir: Path) -> None:
    html = page(site_dir, "sanming-ktd")
    for form_id, label in (("form1", "申请补偿金额"), ("form2", "申请贴息额度")):
        part = html[html.index(f'id="{form_id}"') :]
        table = part[part.index("<table") : part.index("</table>")]
        assert label in table and table.count("<tr") >= 8


def test_home_lists_every_policy(site_dir: Path) -> None:
    html = (site_dir / "index.html").read_text("utf-8")
    for policy in policies.all_policies():
        assert f'href="policies/{policy.id}/"' in html and policy.short_title in html


def source_text(policy_id: str) -> str:
    """The plain-text extraction a policy's page is checked against (its folder's source.txt)."""
    return policies.get(policy_id).folder().joinpath("source.txt").read_text("utf-8")


def test_every_shared_text_is_a_policy_source() -> None:
    shared = sorted((SHARED / "policies").glob("*.txt"))
    if not shared:
        pytest.skip("the shared policy texts are not next to this checkout")
    sources = {policies.get(pid).folder().joinpath("source.txt").read_bytes() for pid in POLICY_IDS}
    for path in shared:
        assert path.read_bytes() in sources, f"{path.name} is not the source.txt of any policy folder"


def test_cite_format() -> None:
    assert split_cite("sanming-ktd 四（二）") == ("sanming-ktd", "四（二）")
