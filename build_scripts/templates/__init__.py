"""Jinja2 templates for generated page parts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from calc.clauses import source_address
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


def form(policy_id: str, name: str) -> str:
    """An attached form of a policy (``form1``, ``form2``) as an HTML table with empty slots.

    The forms live in the policy's folder: ``calc/policies/<policy>/forms/<name>.html.j2``.
    The policy page shows it empty; a calculator page fills the slots (``data-slot`` names a
    field of the inputs or the result, ``data-format`` says how: ``wan`` for 万元, ``rate``,
    ``words`` for the amount in Chinese capitals) to print the filled form.
    """
    return render(f"{package_of(policy_id)}/forms/{name}.html.j2", slot=_slot)


def _slot(field: str, fmt: str = "text") -> Markup:
    return Markup(f'<span class="form-slot" data-slot="{field}" data-format="{fmt}"></span>')
