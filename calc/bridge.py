"""What the browser's engine worker calls: JSON text in, JSON text out."""

from __future__ import annotations

import json
from decimal import Decimal

from .clauses import href
from .engine import run


def run_json(estimator_id: str, inputs_json: str) -> str:
    """Run an estimator on a JSON object; return ``{"response": …, "links": {cite: href}}``.

    ``response`` is exactly what :func:`calc.run` returns; ``links`` maps every clause the
    trace cites to its address relative to the site root.
    """
    response = run(estimator_id, json.loads(inputs_json, parse_float=Decimal))
    links = {step["clause"]: href(step["clause"]) for step in response.get("trace", [])}
    return json.dumps({"response": response, "links": links}, ensure_ascii=False)
