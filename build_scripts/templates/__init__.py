"""Jinja2 templates for generated page parts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from calc.clauses import anchor, source_address
from calc.policies import package_of

POLICIES = Path(__file__).resolve().parents[2] / "calc" / "policies"

_ENV = Environment(
    loader=FileSystemLoader([Path(__file__).parent, POLICIES]),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)
_ENV.globals["source_address"] = source_address  # Markdown links to a policy page or clause


def render(name: str, **context: Any) -> str:
    """Render one template of this folder."""
    return _ENV.get_template(name).render(**context)


@dataclass(frozen=True)
class Entry:
    """A cell of an attached form that only the applicant knows (借款单位, 贷款合同号…)."""

    name: str
    label: str
    fmt: str = "text"
    long: bool = False  # a few lines of text (逾期原因说明), typed in a textarea


def form(policy_id: str, name: str) -> str:
    """An attached form of a policy (``form1``, ``form2``) as an HTML table with empty slots.

    The forms live in the policy's folder: ``calc/policies/<policy>/forms/<name>.html.j2``.
    The policy page shows it empty; a calculator page fills the slots to print the filled form:
    ``slot(field, format)`` takes a field of the inputs or the result (``data-format`` says how:
    ``wan`` for 万元, ``rate``, ``date``, ``words`` for the amount in Chinese capitals, ``period``
    for the days from ``field`` to ``until``), ``entry(name, label)`` what only the applicant
    knows, typed into the page's ``sheet_extra`` group.
    """
    return _render_form(policy_id, name, [])


def form_entries(policy_id: str, name: str) -> list[Entry]:
    """The cells of a form that only the applicant can fill, in the form's order."""
    found: list[Entry] = []
    _render_form(policy_id, name, found)
    return found


def sheet_extra(policy_id: str, form_clause: str) -> Markup:
    """The page's optional inputs for a form's applicant-only cells (``details.calc-sheet-extra``)."""
    return Markup(render("sheet_extra.html.j2", form=form_clause, entries=form_entries(policy_id, anchor(form_clause))))


def _render_form(policy_id: str, name: str, entries: list[Entry]) -> str:
    def entry(field: str, label: str, fmt: str = "text", long: bool = False) -> Markup:
        entries.append(Entry(field, label, fmt, long))
        return Markup(f'<span class="form-slot form-entry" data-entry="{field}" data-format="{fmt}"></span>')

    return render(f"{package_of(policy_id)}/forms/{name}.html.j2", slot=_slot, entry=entry)


def _slot(field: str, fmt: str = "text", until: str | None = None) -> Markup:
    words = " form-words" if fmt == "words" else ""
    end = f' data-until="{until}"' if until else ""
    return Markup(f'<span class="form-slot{words}" data-slot="{field}" data-format="{fmt}"{end}></span>')


_ENV.globals["sheet_extra"] = sheet_extra  # calculator.md.j2: the inputs beside the printable form
