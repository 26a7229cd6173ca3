"""Batch runs for institutions: one estimate per row of a CSV or JSON-lines file.

Each input row gives one output row, in order; a row with invalid input gets its Chinese error
messages instead of stopping the batch.

- CSV in → CSV out: the input columns (those that are not inputs of the estimator, such as a
  loan number, are kept but not used), then ``ok``, the result's fields as ``result.<field>``
  (nested ones as ``result.loss_split.bank_amount``, lists as JSON), then ``errors`` and
  ``warnings``.
- JSON lines in → JSON lines out: the contract's response plus ``row``; unknown keys are errors.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from . import jsonio
from .engine import result_schema, run, schema
from .schema_walk import walk


class BatchInputError(ValueError):
    """The file itself cannot be read (not a row: the whole batch)."""


def dumps(obj: Any, **options: Any) -> str:
    r"""JSON text with Chinese as it is, or escaped when UTF-8 cannot encode it.

    A lone surrogate (JSON ``\ud800``) in a field name that an error message echoes would
    otherwise fail on writing, after the rest of the output.
    """
    text = json.dumps(obj, ensure_ascii=False, **options)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(obj, ensure_ascii=True, **options)
    return text


def input_format(path: str, forced: str | None) -> str:
    """``csv`` or ``jsonl``, from ``--format`` or the file's extension."""
    if forced:
        return forced
    return "jsonl" if Path(path).suffix.lower() in (".jsonl", ".ndjson", ".json") else "csv"


def read_rows(handle: TextIO, fmt: str) -> tuple[list[str], Iterator[tuple[dict[str, Any] | None, str | None]]]:
    """The input columns (CSV) and each row as (inputs, None), or (None, error) for an unreadable row.

    In CSV, an empty cell means "not given".
    """
    if fmt == "csv":
        reader = csv.DictReader(handle)
        if not reader.fieldnames:
            raise BatchInputError("CSV 文件没有表头行")
        columns = [name.strip() for name in reader.fieldnames]
        rows = (
            ({k.strip(): v for k, v in row.items() if k and v is not None and v.strip() != ""}, None) for row in reader
        )
        return columns, rows
    return [], _json_lines(handle)


def _json_lines(handle: TextIO) -> Iterator[tuple[dict[str, Any] | None, str | None]]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            data = jsonio.loads(line)
        except json.JSONDecodeError as exc:
            yield None, f"第 {number} 行不是有效的 JSON：{exc.msg}"
            continue
        except (ValueError, RecursionError):  # a number of thousands of digits, [[[[… nested too deep
            yield None, f"第 {number} 行不是可处理的 JSON（数字位数或嵌套层数过多）"
            continue
        yield (data, None) if isinstance(data, dict) else (None, f"第 {number} 行应为一个 JSON 对象")


def result_columns(estimator_id: str) -> list[str]:
    """The CSV columns of a result, nested objects flattened with dots."""
    columns = []
    for field in walk(result_schema(estimator_id)):
        if field.fields:
            columns += [f"result.{field.name}.{sub.name}" for sub in field.fields]
        else:
            columns.append(f"result.{field.name}")
    return columns


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def flatten(result: dict[str, Any]) -> dict[str, str]:
    """A result as CSV cells (``{"loss_split": {"bank_amount": …}}`` → ``result.loss_split.bank_amount``)."""
    cells: dict[str, str] = {}
    for name, value in result.items():
        if isinstance(value, dict):
            cells.update({f"result.{name}.{sub}": _cell(v) for sub, v in value.items()})
        else:
            cells[f"result.{name}"] = _cell(value)
    return cells


def extra_columns(estimator_id: str, columns: list[str]) -> list[str]:
    """CSV columns that are not inputs of the estimator (a loan number, a customer name …)."""
    known = {field.name for field in walk(schema(estimator_id))}
    return [c for c in columns if c not in known]


def run_rows(
    estimator_id: str,
    rows: Iterable[tuple[dict[str, Any] | None, str | None]],
    progress: Callable[[int], None] = lambda n: None,
    ignore: Iterable[str] = (),
) -> Iterator[dict[str, Any]]:
    """The response for each row (the contract's shape, plus ``row`` and the row's inputs).

    Columns in ``ignore`` are kept in the output but not given to the estimator.
    """
    ignored = set(ignore)
    for number, (inputs, problem) in enumerate(rows, start=1):
        if problem is not None:
            response = {"ok": False, "estimator": estimator_id, "errors": [{"field": None, "message": problem}]}
        else:
            response = run(estimator_id, {k: v for k, v in (inputs or {}).items() if k not in ignored})
        progress(number)
        yield {"row": number, "inputs": inputs or {}, **response}


def write_csv(out: TextIO, estimator_id: str, responses: Iterable[dict[str, Any]], input_columns: list[str]) -> int:
    """Write responses as CSV rows; return how many rows had errors."""
    columns = [*input_columns, "ok", *result_columns(estimator_id), "errors", "warnings"]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    failed = 0
    for response in responses:
        cells = {k: _cell(v) for k, v in response["inputs"].items()}
        cells["ok"] = _cell(response["ok"])
        if response["ok"]:
            cells.update(flatten(response["result"]))
            cells["warnings"] = "；".join(response["warnings"])
        else:
            failed += 1
            cells["errors"] = "；".join(e["message"] for e in response["errors"])
        writer.writerow(cells)
    return failed


def write_jsonl(out: TextIO, responses: Iterable[dict[str, Any]]) -> int:
    """Write responses as JSON lines; return how many rows had errors."""
    failed = 0
    for response in responses:
        failed += not response["ok"]
        response = {k: v for k, v in response.items() if k != "inputs"}
        out.write(dumps(response, default=str) + "\n")
    return failed
