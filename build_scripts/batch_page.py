"""The batch page ``batch/`` (批量测算): many loans at once, from an Excel or CSV file, in the browser.

Generated like the calculator pages: the estimator list and each estimator's template come from
the package (``calc.workbooks.template_xlsx``), written into the site at build time as
``batch/templates/<id>.xlsx`` so that they download without the engine and work offline. The page
script is ``docs/assets/calc/batch.js``; the run itself is the engine worker's (``engine-worker.js``,
``calc.bridge.BatchJob``), with the Excel libraries of ``runtime.BATCH_PACKAGES``.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from calc import estimators, policies
from calc.workbooks import template_xlsx

from . import runtime
from .templates import render

SOURCE = "batch.md"
TEMPLATES = "batch/templates"  # relative to the site root; the page is batch/


def template_path(estimator_id: str) -> str:
    """Where an estimator's template is in the site, relative to its root."""
    return f"{TEMPLATES}/{estimator_id}.xlsx"


def templates(built: date) -> dict[str, bytes]:
    """Every estimator's template by its path in the site, dated ``built`` (the same bytes each build)."""
    created = datetime(built.year, built.month, built.day)
    return {template_path(e.id): template_xlsx(e.id, created) for e in estimators()}


def _policy_title(policy_id: str) -> str:
    return policies.get(policy_id).short_title if policy_id in policies.ids() else ""


def choices() -> list[tuple[str, str]]:
    """(estimator id, its full name): the title, with the policy's short title where it has one."""
    found = []
    for est in estimators():
        policy = _policy_title(est.policy)
        found.append((est.id, f"{est.title}（{policy}）" if policy else est.title))
    return found


def groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """The list as shown: one group per policy (its short title), each with its estimators' (id, title).

    Estimators of no single policy (政策匹配) come in a group of their own, 跨政策. Short options
    stay readable in a phone's narrow list; the full name is in ``choices``.
    """
    grouped: dict[str, list[tuple[str, str]]] = {}
    for est in estimators():
        grouped.setdefault(_policy_title(est.policy) or "跨政策", []).append((est.id, est.title))
    return list(grouped.items())


def page(runtime_path: str) -> str:
    """The Markdown source of the batch page."""
    options = choices()
    meta = {
        "runtime": runtime_path,
        "packages": list(runtime.PACKAGES),
        "batchPackages": list(runtime.BATCH_PACKAGES),
        "titles": dict(options),
    }
    return render(
        "batch.md.j2",
        runtime_path=runtime_path,
        packages=runtime.PACKAGES,
        groups=groups(),
        first=options[0][0],
        template_dir=TEMPLATES.removeprefix("batch/"),
        meta=json.dumps(meta, ensure_ascii=False),
    )
