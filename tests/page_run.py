"""``calc.run`` as a calculator page calls it, for the browser tests' expected figures.

The page answers no question for the user (issue 12): a yes/no question left unanswered goes to
the engine as ``null`` where the contract allows it (docs/assets/calc/app.js ``readForm``), so a
contract default never answers it. Links and forms that leave such a question out therefore
compute like ``calc.run`` with ``None`` for it.
"""

from __future__ import annotations

from typing import Any

import calc
from calc.schema_walk import walk


def page_inputs(estimator_id: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """The inputs the page sends for a form filled with ``inputs``."""
    sent = dict(inputs)
    for field in walk(calc.schema(estimator_id)):
        unanswered = field.name not in sent and not field.show_if
        if unanswered and field.kind == "bool" and field.nullable:
            sent[field.name] = None
    return sent


def page_run(estimator_id: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """What the page shows for ``inputs``: ``calc.run`` of what it sends."""
    return calc.run(estimator_id, page_inputs(estimator_id, inputs))
