"""Every clause the estimators cite goes to a real policy page and anchor (issue 12: policies/all/#s2-1).

Through calc.clauses, as the pages make their links: every step of every trace of every worked
example and estimator example (``href``), and every input field's clause on its calculator page
(``site_address(est.policy, x-clause)``), lands on a policy id that exists, at an anchor its page has.
"""

import re
from functools import cache

import pytest

import calc
from calc import examples, policies
from calc.clauses import anchor, href, resolve, site_address, split_cite
from calc.schema_walk import walk

pytestmark = pytest.mark.cpython_only  # reads the pages' anchors with the build tools


@cache
def anchors(policy_id: str) -> frozenset[str]:
    """The clause anchors of a policy's page, as the build gives them (numbered parts and 附表)."""
    from build_scripts import policy_pages
    from build_scripts.search_index import clause_names

    markdown, _ = policy_pages.source(policy_id)
    forms = re.findall(r"\{#(form\d+)", policy_pages.add_forms(markdown, policy_id))
    return frozenset(clause_names(policy_id)) | frozenset(forms)


def lands(address: str) -> bool:
    """True when ``policies/<id>/#anchor`` (or ``policies/<id>/``) is a page, and an anchor of it."""
    page, _, fragment = address.partition("#")
    parts = page.split("/")
    ok = len(parts) == 3 and parts[0] == "policies" and parts[1] in policies.ids() and parts[2] == ""
    return ok and (not fragment or fragment in anchors(parts[1]))


RUNS = [(e.estimator, e.inputs) for e in examples.all_examples()] + [(e.id, e.example) for e in calc.estimators()]


def test_every_clause_cited_in_a_trace_is_a_real_policy_anchor() -> None:
    cited = {step["clause"] for est_id, inputs in RUNS for step in calc.run(est_id, inputs).get("trace", [])}
    assert cited
    assert sorted(c for c in cited if split_cite(c)[0] not in policies.ids()) == []
    assert sorted(c for c in cited if not lands(href(c))) == []


def test_every_fields_clause_links_to_a_real_policy_anchor() -> None:
    broken = [
        f"{est.id}.{field.name}: {field.clause} → {site_address(est.policy, field.clause)}"
        for est in calc.estimators()
        for field in walk(calc.schema(est.id))
        if field.clause and not lands(site_address(est.policy, field.clause))
    ]
    assert broken == []


def test_the_matchers_categories_cite_the_national_plan() -> None:
    field = next(f for f in walk(calc.schema("policy-match")) if f.name == "categories")
    assert site_address("all", field.clause) == "policies/national-guarantee/#s2-1"
    assert resolve("all", field.clause) == ("national-guarantee", "二（一）")
    assert resolve("sanming-ktd", "四（二）") == ("sanming-ktd", "四（二）") and anchor("四（二）") == "s4-2"
