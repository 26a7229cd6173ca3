"""What the browser's engine worker calls: JSON text in, JSON text out."""

from __future__ import annotations

import io
import json
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

from . import jsonio
from .clauses import href
from .engine import failure, run

if TYPE_CHECKING:
    from .batch import Plan, Summary
    from .sheets import Table


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

    :meth:`step` first reads the file (:func:`calc.batch.reading`, :attr:`rows_read` so far), then
    computes and writes rows (:attr:`rows_done` of :attr:`total`) until :attr:`done`; the worker
    yields to its event loop between steps, so that progress is posted and a cancel is heard, in
    the read too. Whatever makes the whole file unreadable ends the run with :attr:`error`, its
    Chinese message (a :class:`~calc.sheets.SheetError`). The results are those of
    ``python -m calc batch`` (:func:`calc.workbooks.write_results`): the workbook and the same rows
    as CSV (UTF-8 with BOM).
    """

    def __init__(self, estimator_id: str, data: bytes, name: str) -> None:
        from . import batch

        self._reading: Generator[int, None, tuple[Table, Plan]] | None = batch.reading(estimator_id, data, name)
        self._rows: Generator[int, None, tuple[bytes, Summary]] | None = None
        self.rows_read = 0
        self.total: int | None = None  # the data rows, once read
        self.rows_done = 0
        self.csv = io.StringIO()
        self.xlsx = b""
        self.summary: Any = None
        self.error = ""
        self.done = False

    def step(self, rows: int) -> bool:
        """Read, or compute and write, up to ``rows`` rows (the workbook at the end); True when done."""
        from . import batch, workbooks
        from .sheets import SheetError

        try:
            for _ in range(rows):
                if self._reading is not None:
                    self.rows_read = next(self._reading)
                elif self._rows is not None:
                    self.rows_done = next(self._rows)
        except StopIteration as finished:
            if self._reading is not None:  # read: compute from the next step on
                table, self.found = finished.value
                self._reading = None
                self.total = len(table.rows)
                self._rows = workbooks.write_results(self.found, batch.compute(table, self.found), self.csv)
            else:
                self.xlsx, self.summary = finished.value
                self.done = True
        except SheetError as unreadable:
            self.error, self.done = unreadable.message, True
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


def batch_job(estimator_id: str, data: Any, name: str) -> BatchJob:
    """A :class:`BatchJob` of the file's bytes, or in the browser of the worker's ``Uint8Array`` (copied in once)."""
    raw = data.to_bytes() if hasattr(data, "to_bytes") else bytes(data)
    del data
    return BatchJob(estimator_id, raw, name)
