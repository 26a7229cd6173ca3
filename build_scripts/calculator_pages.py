"""Calculator pages, generated from each estimator's JSON Schema with Jinja2.

The form is plain HTML (usable before the engine is ready); its fields, labels, help, units
and clause links come from the input model, the result slots from the result model. Nothing
here is written by hand per calculator.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from calc import clauses, estimators, lpr, policies, result_schema, schema
from calc.registry import Estimator
from calc.rules.conditions import MET, YES_NO
from calc.rules.defaults import SAID, said, shown_default
from calc.schema_walk import SchemaField, walk

from . import batch_page, runtime
from .lpr_page import cn_date
from .policy_pages import clause_texts
from .templates import form, render

PAGE_BASE = "../../"  # from calculators/<id>/ to the site root
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
    group: str | None
    show_if: str  # JSON of x-show-if, or empty
    nullable: bool
    one_of: int | None
    plausible: dict[str, str] | None
    usual_share: dict[str, str] | None

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

    @property
    def default_note(self) -> str:
        """What the rule assumes for a blank field, said before anyone computes, as the trace says it.

        The words are :mod:`calc.rules.defaults`'.

        A question that may stay unanswered (``nullable``) is counted as unanswered, not as its
        default: the page answers nothing for the user (issue 12).
        """
        if self.default is None or self.kind == "choices" or (self.kind == "bool" and self.nullable):
            return ""
        value = Decimal(str(self.default)) if self.kind in ("money", "rate") else self.default
        return said(shown_default(value, {"x-kind": self.kind, "x-choices": dict(self.choices)})) + "。"


def clause_text(est: Estimator, clause: str) -> str:
    """A field's clause as its help text shows it: ``二（一）``, or another policy's with its title.

    The matcher's fields cite the policies they come from (``national-guarantee 二（一）``).
    """
    policy_id, bare = clauses.resolve(est.policy, clause)
    return bare if policy_id == est.policy or not clause else f"{policies.get(policy_id).short_title} {bare}"


def clause_href(est: Estimator, clause: str) -> str:
    """A field's clause as a link from its calculator page ("" for none).

    The clause must be on a published policy page: an estimator of no policy page (the matcher,
    ``all``) cites its fields' clauses in full (``national-guarantee 二（一）``).
    """
    if not clause:
        return ""
    policy_id, bare = clauses.resolve(est.policy, clause)
    if policy_id not in policies.ids():
        raise ValueError(f"{est.id}: the clause {clause!r} of a field is on no policy page: cite it in full")
    return clauses.site_address(policy_id, bare, base=PAGE_BASE)


def form_fields(est: Estimator) -> list[FormField]:
    """The form's fields in the model's order."""
    return [
        FormField(
            name=f.name,
            label=f.title,
            help=f.help,
            kind=f.kind,
            unit=f.unit,
            required=f.required,
            default=f.default,
            clause=clause_text(est, f.clause),
            clause_href=clause_href(est, f.clause),
            choices=f.choices,
            group=f.group,
            show_if=json.dumps(f.show_if, ensure_ascii=False) if f.show_if else "",
            nullable=f.nullable,
            one_of=f.one_of,
            plausible=f.plausible,
            usual_share=f.usual_share,
        )
        for f in walk(schema(est.id))
    ]


def _slot(field: SchemaField) -> dict[str, Any]:
    """A result value as the page script reads it: name, label, kind (see calc.outputs.KINDS), headline.

    A ``status`` value's Chinese names come along as ``labels``.
    """
    slot = {"name": field.name, "label": field.title, "kind": field.kind, "headline": field.headline}
    if field.choices:
        slot["labels"] = dict(field.choices)
    return slot


def result_fields(est: Estimator) -> list[dict[str, Any]]:
    """Result slots: name, label, kind, headline.

    Nested results become ``object`` slots with their fields, lists of results ``table`` slots
    with their columns.
    """
    slots = []
    for field in walk(result_schema(est.id)):
        slot = _slot(field)
        if field.fields:
            slot.update(kind="object", fields=[_slot(f) for f in field.fields])
        elif field.items:
            slot.update(kind="table", columns=[_slot(f) for f in field.items])
        slots.append(slot)
    return slots


def form_heading(policy_id: str, form_clause: str) -> str:
    """The heading of an attached form as the policy page has it (附表 2 三明市“科特贷”贴息申请表)."""
    heading = next(line for line in _form_lines(policy_id, form_clause) if line.startswith("#"))
    return heading.lstrip("#").strip()


def form_notes(policy_id: str, form_clause: str) -> list[str]:
    """The form's own lines below its table (附表 1: 此表一式 3 份…), printed with the filled form."""
    return [line for line in _form_lines(policy_id, form_clause) if not line.startswith(("#", "<!--"))]


def _form_lines(policy_id: str, form_clause: str) -> list[str]:
    text = clause_texts(policy_id)[clauses.anchor(form_clause)]
    return [line.strip() for line in text.splitlines() if line.strip()]


def sections(fields: list[FormField]) -> list[tuple[str | None, list[FormField]]]:
    """Consecutive fields grouped by their ``x-group`` (None: not in a group)."""
    grouped: list[tuple[str | None, list[FormField]]] = []
    for field in fields:
        if grouped and grouped[-1][0] == field.group:
            grouped[-1][1].append(field)
        else:
            grouped.append((field.group, [field]))
    return grouped


def one_of_note(est: Estimator) -> str:
    """The sentence naming the alternative sets of inputs of ``PAGE.one_of`` (empty: none)."""
    labels = {f.name: f.label for f in form_fields(est)}
    alternatives = ["与".join(f"“{labels[n]}”" for n in names) for names in est.page.one_of]
    return f"{'，或'.join(alternatives)}，填写其一" if alternatives else ""


def _field_meta(f: FormField) -> dict[str, Any]:
    """A field as the page script needs it: kind, label, and the hints it acts on."""
    meta: dict[str, Any] = {"kind": f.kind, "label": f.label}
    if f.nullable:
        meta["nullable"] = True
    for key in ("plausible", "usual_share"):
        if getattr(f, key) is not None:
            meta[key] = getattr(f, key)
    return meta


def page_meta(est: Estimator, runtime_path: str) -> str:
    """The JSON the page script reads: runtime location, fields, result slots and their words."""
    fields = form_fields(est)
    schema = result_schema(est.id)
    meta = {
        "estimator": est.id,
        "policy": est.policy,
        "runtime": runtime_path,
        "packages": list(runtime.PACKAGES),
        "required": [f.name for f in fields if f.required],
        "fields": {f.name: _field_meta(f) for f in fields},
        "results": result_fields(est),
        "bars": schema.get("x-bars", []),
        "gate": schema.get("x-gate"),
        "headlines": schema.get("x-headlines", []),
        "wan_too": bool(est.page.form),  # the policy's form states amounts in 万元
        "default_said": SAID,  # how a trace step that says a default was applied begins
        "met": {json.dumps(answer): words for answer, words in MET.items()},  # "true", "false", "null"
        "yes_no": {json.dumps(answer): words for answer, words in YES_NO.items()},
        "titles": {e.id: e.title for e in estimators()},
        "policies": {p.id: p.short_title for p in policies.all_policies()},
    }
    return json.dumps(meta, ensure_ascii=False)


def lpr_note(est: Estimator) -> str:
    """The note on how far the LPR data runs, for a calculator that looks the LPR up.

    For ``x-lpr`` fields left blank: up to which fixing the shipped series runs and until when it
    is certainly current, from :mod:`calc.lpr` at build time (contract, Conventions: never a
    silent guess). Empty for other calculators.
    """
    labels = [f"“{f.title}”" for f in walk(schema(est.id)) if f.lpr]
    if not labels:
        return ""
    last, until = lpr.last_fixing(), lpr.known_until()
    return (
        f"{'、'.join(labels)}不填时，按日期从本站 LPR 数据中查找。数据截至{cn_date(last.date)}的报价"
        f"（一年期 {last.lpr_1y}%，五年期以上 {last.lpr_5y}%），确认有效至{cn_date(until)}；"
        "晚于这一天的日期仍按最近一期报价估算，并给出提示，请核对当期 LPR。"
    )


def page(est: Estimator, runtime_path: str) -> str:
    """The Markdown source of one calculator page."""
    policy = policies.get(est.policy) if est.policy in policies.ids() else None
    sources = [(c, clauses.site_address(est.policy, c, base=PAGE_BASE)) for c in est.clauses]
    return render(
        "calculator.md.j2",
        runtime_path=runtime_path,
        packages=runtime.PACKAGES,
        est=est,
        policy=policy,
        sources=sources,
        fields=form_fields(est),
        sections=sections(form_fields(est)),
        has_money=any(f.kind == "money" for f in form_fields(est)),
        has_required=any(f.required for f in form_fields(est)),
        one_of_note=one_of_note(est),
        form=est.page.form,
        form_table=form(est.policy, clauses.anchor(est.page.form)) if est.page.form else None,
        form_heading=form_heading(est.policy, est.page.form) if est.page.form else None,
        form_notes=form_notes(est.policy, est.page.form) if est.page.form else [],
        meta=page_meta(est, runtime_path),
        lpr_note=lpr_note(est),
        lpr_known_until=lpr.known_until(),
    )


def index() -> str:
    """The Markdown source of the calculators' overview page."""
    by_policy = [(p, [e for e in estimators() if e.policy == p.id]) for p in policies.all_policies()]
    general = [e for e in estimators() if e.policy not in policies.ids()]
    return render("calculators_index.md.j2", by_policy=by_policy, general=general)


def navigation() -> list[Any]:
    """The calculators' part of the site navigation: overview, matcher, 批量测算, then one group per policy."""
    nav: list[Any] = ["calculators/index.md"]
    nav += [f"calculators/{e.id}.md" for e in estimators() if e.policy not in policies.ids()]
    nav.append(batch_page.SOURCE)
    for policy in policies.all_policies():
        pages = [f"calculators/{e.id}.md" for e in estimators() if e.policy == policy.id]
        if pages:
            nav.append({policy.short_title: pages})
    return nav
