"""Calculator pages, generated from each estimator's JSON Schema with Jinja2.

The form is plain HTML (usable before the engine is ready); its fields, labels, help, units
and clause links come from the input model, the result slots from the result model. Nothing
here is written by hand per calculator.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from calc import clauses, estimators, policies, result_schema, schema
from calc.estimators import Estimator

from . import runtime
from .templates import render

INPUT_MODES = {"money": "decimal", "rate": "decimal", "int": "numeric", "date": "text"}


@dataclass(frozen=True)
class FormField:
    """One input of the form."""

    name: str
    label: str
    help: str
    kind: str
    unit: str
    required: bool
    default: Any
    clause_href: str
    clause: str
    choices: tuple[tuple[str, str], ...]

    @property
    def input_mode(self) -> str:
        """The virtual keyboard a phone shows for this field."""
        return INPUT_MODES.get(self.kind, "text")

    @property
    def default_text(self) -> str:
        """The default as the query string writes it, or empty."""
        if self.default is None:
            return ""
        if isinstance(self.default, bool):
            return "true" if self.default else "false"
        return str(self.default)


def _choices(prop: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """(value, Chinese label) pairs of a choice field, in the model's order."""
    return tuple(prop.get("x-choices", {}).items())


def form_fields(est: Estimator) -> list[FormField]:
    """The form's fields in the model's order."""
    sch = schema(est.id)
    required = set(sch.get("required", []))
    found = []
    for name, prop in sch["properties"].items():
        clause = prop.get("x-clause", "")
        found.append(
            FormField(
                name=name,
                label=prop["title"],
                help=prop.get("description", ""),
                kind=prop.get("x-kind", "text"),
                unit=prop.get("x-unit", ""),
                required=name in required,
                default=prop.get("default"),
                clause=clause,
                clause_href=f"../../policies/{est.policy}/#{clauses.anchor(clause)}" if clause else "",
                choices=_choices(prop),
            )
        )
    return found


def result_fields(est: Estimator) -> list[dict[str, Any]]:
    """Result slots: name, label, kind, headline."""
    sch = result_schema(est.id)
    return [
        {"name": n, "label": p["title"], "kind": p.get("x-kind", "text"), "headline": bool(p.get("x-headline"))}
        for n, p in sch["properties"].items()
    ]


def page_meta(est: Estimator, runtime_path: str) -> str:
    """The JSON the page script reads: runtime location, fields and result slots."""
    fields = form_fields(est)
    meta = {
        "estimator": est.id,
        "policy": est.policy,
        "runtime": runtime_path,
        "packages": list(runtime.PACKAGES),
        "required": [f.name for f in fields if f.required],
        "fields": {f.name: {"kind": f.kind, "label": f.label} for f in fields},
        "results": result_fields(est),
        "policies": {p.id: p.short_title for p in policies.all_policies()},
    }
    return json.dumps(meta, ensure_ascii=False).replace("</", "<\\/")


def page(est: Estimator, runtime_path: str) -> str:
    """The Markdown source of one calculator page."""
    policy = policies.get(est.policy) if est.policy in policies.POLICY_IDS else None
    sources = [(c, f"../../policies/{est.policy}/#{clauses.anchor(c)}") for c in est.clauses]
    return render(
        "calculator.md.j2",
        runtime_path=runtime_path,
        packages=runtime.PACKAGES,
        est=est,
        policy=policy,
        sources=sources,
        fields=form_fields(est),
        meta=page_meta(est, runtime_path),
    )


def index() -> str:
    """The Markdown source of the calculators' overview page."""
    by_policy = [(p, [e for e in estimators() if e.policy == p.id]) for p in policies.all_policies()]
    general = [e for e in estimators() if e.policy not in policies.POLICY_IDS]
    return render("calculators_index.md.j2", by_policy=by_policy, general=general)


def navigation() -> list[Any]:
    """The calculators' part of the site navigation: overview, matcher, then one group per policy."""
    nav: list[Any] = ["calculators/index.md"]
    nav += [f"calculators/{e.id}.md" for e in estimators() if e.policy not in policies.POLICY_IDS]
    for policy in policies.all_policies():
        pages = [f"calculators/{e.id}.md" for e in estimators() if e.policy == policy.id]
        if pages:
            nav.append({policy.short_title: pages})
    return nav
