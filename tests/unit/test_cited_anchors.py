"""Every clause the calculators cite leads to its anchor on a published policy page.

The browser builds these links at run time (a trace step's clause, a matcher row's, a check's),
so no check of the built HTML can see them: here every citation of every worked example's run,
every estimator's declared clauses and every field's clause go through :func:`calc.clauses.href`
(what :mod:`calc.bridge` sends the page) and must land on an id that
:func:`build_scripts.policy_pages.page_anchors` gives that page.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest

import calc
from build_scripts.policy_pages import page_anchors
from calc import estimators, policies, schema
from calc.clauses import cite, href, resolve
from calc.examples import all_examples
from calc.schema_walk import walk

pytestmark = pytest.mark.cpython_only  # reads the policy pages' Markdown with the build tools


def citations_in(value: Any) -> Iterator[str]:
    """Every ``clause`` string in a result (checks, matcher rows), at any depth."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "clause" and isinstance(item, str):
                yield item
            else:
                yield from citations_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from citations_in(item)


def estimators_by_id() -> dict[str, Any]:
    """Every estimator by id."""
    return {e.id: e for e in estimators()}


@cache
def cited() -> dict[str, str]:
    """Every citation the calculators can show, with where it comes from."""
    found: dict[str, str] = {}
    for example in all_examples():
        out = calc.run(example.estimator, example.inputs)
        where = f"{example.source}: {example.name}"
        for step in out.get("trace", []):
            found.setdefault(step["clause"], where)
        for citation in citations_in(out.get("result", {})):  # a check's clause is its own policy's
            found.setdefault(cite(*resolve(estimators_by_id()[example.estimator].policy, citation)), where)
        for citation in example.trace_clauses:
            found.setdefault(citation, where)
    for est in estimators():
        out = calc.run(est.id, est.example)
        for step in out.get("trace", []):
            found.setdefault(step["clause"], f"{est.id} (its example)")
        for citation in citations_in(out.get("result", {})):
            found.setdefault(cite(*resolve(est.policy, citation)), f"{est.id} (its example)")
        for clause in est.clauses:
            found.setdefault(cite(est.policy, clause), f"{est.id} (declared clauses)")
        for field in walk(schema(est.id)):
            if field.clause:
                found.setdefault(cite(*resolve(est.policy, field.clause)), f"{est.id} field {field.name}")
    return found


def test_the_citations_cover_every_policy_and_the_matcher() -> None:
    pages = {href(c).split("/")[1] for c in cited()}
    assert set(policies.ids()) <= pages
    assert "national-guarantee 二（一）" in cited()  # the matcher's categories field


@pytest.mark.parametrize("citation", sorted(cited()))
def test_every_citation_has_its_anchor(citation: str) -> None:
    address = href(citation)  # policies/<id>/#<anchor>, as the page receives it
    page, _, fragment = address.partition("#")
    policy_id = page.removeprefix("policies/").rstrip("/")
    assert page == f"policies/{policy_id}/" and policy_id in policies.ids(), (citation, cited()[citation])
    if fragment:
        assert fragment in page_anchors(policy_id), (citation, address, cited()[citation])
