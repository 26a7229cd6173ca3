"""What the browser's engine worker calls: JSON text in, JSON text out."""

from __future__ import annotations

import json
from typing import Any

from . import jsonio
from .clauses import href
from .engine import failure, run


def run_json(estimator_id: str, inputs_json: str) -> str:
    """Run an estimator on a JSON object; return ``{"response": …, "links": {cite: href}}``.

    ``response`` is exactly what :func:`calc.run` returns; ``links`` maps every clause the
    trace cites to its address relative to the site root. It never raises: text that is not
    JSON, and any unexpected failure, come back as the contract's error shape, so that the page
    shows a Chinese message and the engine keeps answering.
    """
    response: dict[str, Any]
    try:
        inputs = jsonio.loads(inputs_json)
    except (ValueError, TypeError, RecursionError):  # ValueError includes JSONDecodeError
        response = failure(estimator_id, [{"field": None, "message": "输入不是有效的 JSON 对象"}])
    else:
        try:
            response = run(estimator_id, inputs)
        except Exception as exc:  # a bug, not the user's input: say so instead of a traceback
            response = failure(estimator_id, [{"field": None, "message": f"内部错误：{type(exc).__name__}"}])
    links = {step["clause"]: href(step["clause"]) for step in response.get("trace", [])}
    return json.dumps({"response": response, "links": links}, ensure_ascii=False)
