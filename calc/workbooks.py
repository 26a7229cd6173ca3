"""Writing Excel workbooks: a batch's results (:func:`results_xlsx`) and each estimator's template.

Written with XlsxWriter (pure Python, write-only, rows streamed to a temporary file in its
``constant_memory`` mode), imported only here, when a workbook is written. Text is always written
as text, never as a formula (a cell ``=HYPERLINK(…)`` in a loan file stays text). The headers are
those of :mod:`calc.batch` (label and id), so that a program reads a template or a result back.

Money and rates leave :class:`~decimal.Decimal` only here, as the binary numbers a spreadsheet
stores: the contract's ``"30000.00"`` becomes the double nearest 30000.00, shown with two places
(``#,##0.00``); read back, :func:`calc.numbers.excel_number` gives the same decimal again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Generator, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TextIO

from . import batch
from .clauses import cite
from .engine import get, schema
from .rules.defaults import said, shown_default
from .schema_walk import SchemaField, walk
from .sheets import MAX_ROWS, Unusable, to_the_end

MONEY_FORMAT = "#,##0.00"
RATE_FORMAT = "0.00####"
DATE_FORMAT = "yyyy-mm-dd"
_OPTIONS = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}


def _book(buffer: io.BytesIO, **options: Any) -> Any:
    import xlsxwriter

    return xlsxwriter.Workbook(buffer, {**_OPTIONS, **options})


def _width(text: str) -> float:
    """A column width that shows a header: Chinese characters count double."""
    return min(40.0, max(10.0, sum(2 if ord(ch) > 0x2E7F else 1 for ch in text) * 0.9 + 2))


def _write(sheet: Any, row: int, col: int, value: Any, kind: str, formats: dict[str, Any]) -> None:
    """One cell, typed by the column's kind (money and rates as numbers, dates as dates, text as text)."""
    if value is None or isinstance(value, Unusable) or value == "":
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif kind in ("money", "rate") and isinstance(value, str):
        sheet.write_number(row, col, float(Decimal(value)), formats[kind])
    elif isinstance(value, Decimal | int | float):
        sheet.write_number(row, col, float(value), formats.get(kind))
    elif isinstance(value, datetime | date):
        sheet.write_datetime(row, col, datetime(value.year, value.month, value.day), formats["date"])
    elif isinstance(value, list | dict):
        sheet.write_string(row, col, batch.text(value))
    else:
        sheet.write_string(row, col, str(value))


def _formats(book: Any) -> dict[str, Any]:
    return {
        "money": book.add_format({"num_format": MONEY_FORMAT}),
        "rate": book.add_format({"num_format": RATE_FORMAT}),
        "date": book.add_format({"num_format": DATE_FORMAT}),
        "header": book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#EEF2F7"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
    }


def results_xlsx(
    found: batch.Plan,
    outcomes: Iterable[batch.Outcome],
    progress: Callable[[int], None] | None = None,
    csv_out: TextIO | None = None,
) -> tuple[bytes, batch.Summary]:
    """The results workbook and the summary.

    Sheet 结果: the columns of :func:`calc.batch.output_columns`; sheet 汇总: the counts, the totals of
    each money result and the notes of the reading (``found.notes``). With ``csv_out``, the same rows
    are written there as CSV in the same pass (the batch page offers both without keeping every
    row's outcome in memory).
    """
    return to_the_end(write_results(found, outcomes, csv_out), progress)


def write_results(
    found: batch.Plan, outcomes: Iterable[batch.Outcome], csv_out: TextIO | None = None
) -> Generator[int, None, tuple[bytes, batch.Summary]]:
    """:func:`results_xlsx` one row at a time: yields each row's number, returns (workbook, summary).

    The batch page's worker steps it a chunk of rows at a time, and hears of a cancel in between.
    """
    estimator_id = found.estimator
    notes = found.notes
    buffer = io.BytesIO()
    book = _book(buffer, constant_memory=True)
    formats = _formats(book)
    sheet = book.add_worksheet("结果")
    columns = batch.output_columns(found)
    money = [c.id for c in columns if c.kind == "money"]
    for col, column in enumerate(columns):
        sheet.set_column(col, col, _width(column.header))
        sheet.write_string(0, col, column.header, formats["header"])
    sheet.freeze_panes(1, 0)
    summary = batch.Summary()
    writer = csv.writer(csv_out) if csv_out is not None else None
    if writer:
        writer.writerow([c.header for c in columns])
    for row, outcome in enumerate(outcomes, start=1):
        cells = batch.by_id(outcome)
        summary.add(cells, money)
        line = batch.values(outcome, columns, cells)
        for col, (column, value) in enumerate(zip(columns, line, strict=True)):
            _write(sheet, row, col, value, column.kind, formats)
        if writer:
            writer.writerow([batch.text(v) for v in line])
        yield row
    totals = book.add_worksheet("汇总")
    totals.set_column(0, 0, 48)
    totals.set_column(1, 1, 20)
    for row, (label, value) in enumerate(summary.lines(estimator_id)):
        totals.write_string(row, 0, label)
        _write(totals, row, 1, value, "money" if isinstance(value, str) else "count", formats)
    for row, note in enumerate(notes or [], start=len(summary.lines(estimator_id)) + 1):
        totals.write_string(row, 0, note, formats["wrap"])
    book.close()
    return buffer.getvalue(), summary


# ---------------------------------------------------------------- templates

_FORMAT_WORDS = {
    "money": "数字，单位元；也可写 1,200,000 或 120万",
    "rate": "数字，单位 %（3.45 表示 3.45%）",
    "date": "日期：Excel 日期，或文字 2025-08-01、2025/8/1、2025年8月1日",
    "bool": "从下拉列表选择：是 / 否",
    "choice": "从下拉列表选择（也可填写英文代码）",
    "choices": "可多选：用顿号或逗号分隔，如 科技型中小企业、高新技术企业",
    "int": "整数",
}


def _example_value(item: SchemaField, value: Any) -> Any:
    """An example input as a spreadsheet holds it: numbers, dates, 是/否, choices by their labels."""
    labels = dict(item.choices)
    if value is None:
        return None
    if item.kind in ("money", "rate"):
        return Decimal(str(value))
    if item.kind == "int":
        return int(value)
    if item.kind == "date":
        return date.fromisoformat(str(value))
    if item.kind == "bool":
        return batch.YES if value in (True, "true") else batch.NO
    if item.kind == "choices":
        items = value.split(",") if isinstance(value, str) else list(value)
        return "、".join(labels.get(v, v) for v in items)
    if item.kind == "choice":
        return labels.get(value, value)
    return value


def _requirement(est: Any, item: SchemaField) -> str:
    """必填, or what an empty cell means, in the words the trace uses for a default (:mod:`calc.rules.defaults`)."""
    if item.required:
        return "必填"
    info = est.inputs.model_fields[item.name]
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if info.default is None or info.default == []:
        return "可不填"
    return "可不填；" + said(shown_default(info.default, extra))


def template_xlsx(estimator_id: str, created: datetime | None = None) -> bytes:
    """An estimator's template: sheet 填写 (header, one example row, lists for choices), sheet 说明 (every field).

    ``created`` is the date the file says it was made (the site's build date: the same bytes each build).
    """
    est = get(estimator_id)
    fields = walk(schema(estimator_id))
    buffer = io.BytesIO()
    book = _book(buffer, in_memory=True)
    if created is not None:
        book.set_properties({"created": created})
    formats = _formats(book)
    sheet = book.add_worksheet("填写")
    notes = book.add_worksheet("说明")
    lists = book.add_worksheet("选项")
    lists.hide()
    list_col = 0
    for col, item in enumerate(fields):
        kind = item.kind
        title = batch.input_header(item)
        sheet.set_column(col, col, _width(title), formats.get(kind if kind in ("money", "rate", "date") else ""))
        sheet.write_string(0, col, title, formats["header"])
        _write(sheet, 1, col, _example_value(item, est.example.get(item.name)), kind, formats)
        options = [batch.YES, batch.NO] if kind == "bool" else [label for _, label in item.choices]
        if options and kind != "choices":
            for row, option in enumerate(options):
                lists.write_string(row, list_col, option)
            letter = _column_letter(list_col)
            sheet.data_validation(
                1,
                col,
                MAX_ROWS,
                col,
                {
                    "validate": "list",
                    "source": f"=选项!${letter}$1:${letter}${len(options)}",
                    "error_title": item.title,
                    "error_message": "请从下拉列表中选择",
                },
            )
            list_col += 1
    sheet.freeze_panes(1, 0)
    header = ["表头", "字段代码", "含义", "单位", "填写格式", "可选值", "是否必填", "依据条款"]
    widths = [30, 22, 50, 8, 34, 40, 22, 22]
    for col, (text, width) in enumerate(zip(header, widths, strict=True)):
        notes.set_column(col, col, width, formats["wrap"])
        notes.write_string(0, col, text, formats["header"])
    for row, item in enumerate(fields, start=1):
        choices = "、".join(f"{label}（{name}）" for name, label in item.choices)
        line = [
            batch.input_header(item),
            item.name,
            item.help,
            batch.unit_of(item),
            _FORMAT_WORDS.get(item.kind, "文字"),
            choices or ("是、否" if item.kind == "bool" else ""),
            _requirement(est, item),
            cite(est.policy, item.clause) if item.clause else "",
        ]
        for col, value in enumerate(line):
            notes.write_string(row, col, value, formats["wrap"])
    end = len(fields) + 2
    notes.write_string(
        end, 0, f"说明：第 2 行是示例，可直接改写或删除。每行一笔，最多 {MAX_ROWS:,} 行。", formats["wrap"]
    )
    notes.write_string(
        end + 1, 0, "其他列（如贷款编号、支行）可以保留，计算时原样带回、不参与计算。各列顺序不限。", formats["wrap"]
    )
    book.close()
    return buffer.getvalue()


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
