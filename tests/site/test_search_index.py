"""The built search index holds every clause of every policy page, at its anchor (issue #11)."""

import json
import re
from pathlib import Path

from calc import policies
from tests import search_eval


def index(site_dir: Path) -> dict[str, dict]:
    data = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    return {doc["location"]: doc for doc in data["docs"]}


def anchors(site_dir: Path, policy_id: str) -> list[str]:
    html = (site_dir / "policies" / policy_id / "index.html").read_text("utf-8")
    article = html[html.find("<article") : html.find("</article>")]
    return re.findall(r'<(?:h[2-6]|p)\b[^>]*\bid="([^"]+)"', article)


def test_every_clause_anchor_is_an_entry(site_dir: Path) -> None:
    docs = index(site_dir)
    for policy_id in policies.ids():  # a new policy's page is indexed by the same build
        found = anchors(site_dir, policy_id)
        assert len(found) > 5, policy_id
        for anchor in found:
            doc = docs[f"policies/{policy_id}/#{anchor}"]
            assert doc["boost"] > docs[f"policies/{policy_id}/"]["boost"]


def test_glossary_entries_rank_below_clauses(site_dir: Path) -> None:
    docs = index(site_dir)
    glossary = [doc for location, doc in docs.items() if location.startswith("glossary/")]
    assert glossary
    assert all(doc["boost"] < 1 for doc in glossary)


def test_query_set_anchors_exist(site_dir: Path) -> None:
    docs = index(site_dir)
    missing = [(q.q, e) for q in search_eval.queries() for e in q.expect if e not in docs]
    assert not missing
    assert len(search_eval.queries()) >= 60


def test_pages_use_the_sites_search_worker(site_dir: Path) -> None:
    for page in ("index.html", "policies/sanming-ktd/index.html", "overview/index.html"):
        html = (site_dir / page).read_text("utf-8")
        assert re.search(r'"search":\s*"[^"]*assets/javascripts/workers/search_clauses\.js"', html), page
    assert (site_dir / "assets" / "javascripts" / "workers" / "search_clauses.js").is_file()
