"""What the browser's engine worker calls: JSON text in, JSON text out."""

from __future__ import annotations

import io
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


class BatchJob:
    """A batch run for the batch page's worker, stepped a chunk of rows at a time (see ``engine-worker.js``).

    Reads the file at once (a :class:`~calc.sheets.SheetError` carries the Chinese message for the
    whole file), then :meth:`step` computes and writes rows until :attr:`done`; the worker yields to
    its event loop between steps, so that progress is posted and a cancel is heard. The results are
    those of ``python -m calc batch`` (:func:`calc.workbooks.write_results`): the workbook and the
    same rows as CSV (UTF-8 with BOM).
    """

    def __init__(self, estimator_id: str, data: bytes, name: str) -> None:
        from . import batch, workbooks

        table, self.found = batch.read(estimator_id, data, name)
        self.total = len(table.rows)
        self.rows_done = 0
        self.csv = io.StringIO()
        self._rows = workbooks.write_results(self.found, batch.compute(table, self.found), self.csv)
        self.xlsx = b""
        self.summary: Any = None
        self.done = False

    def step(self, rows: int) -> bool:
        """Compute and write up to ``rows`` rows (all that is left, and the workbook, at the end); True when done."""
        try:
            for _ in range(rows):
                self.rows_done = next(self._rows)
        except StopIteration as finished:
            self.xlsx, self.summary = finished.value
            self.done = True
        return self.done

    def csv_bytes(self) -> bytes:
        """The rows as CSV, UTF-8 with a byte-order mark (Excel then reads the Chinese)."""
        return self.csv.getvalue().encode("utf-8-sig")

    def summary_json(self) -> str:
        """What the page shows when done: counts, money totals (labels without id and unit), the reading's notes."""
        from .batch import header_id

        summary = self.summary
        totals = []
        for label, value in summary.lines(self.found.estimator)[3:]:
            name = header_id(label)
            label = label.removesuffix(f" ({name})").removesuffix("（元）")  # the page says 元 with the figure
            totals.append({"label": label, "value": value})
        return json.dumps(
            {
                "rows": summary.rows,
                "computed": summary.computed,
                "invalid": summary.invalid,
                "totals": totals,
                "notes": [note for note in self.found.notes if note != self.found.mismatch],
                "mismatch": self.found.mismatch,
            },
            ensure_ascii=False,
        )


def batch_job(estimator_id: str, data: Any, name: str) -> BatchJob | str:
    """A :class:`BatchJob`, or the Chinese message saying why the file cannot be read.

    ``data`` is the file's bytes, or in the browser the worker's ``Uint8Array`` (copied in once).
    """
    from .sheets import SheetError

    raw = data.to_bytes() if hasattr(data, "to_bytes") else bytes(data)
    del data
    try:
        return BatchJob(estimator_id, raw, name)
    except SheetError as exc:
        return exc.message
