"""Batch runs for banks and the bureau: one estimate per row of a table, the same on the page and the command line.

Each data row of the input gives one output row, in order; a row with invalid input gets its
Chinese error messages, and the other rows are still computed. Blank rows are not loans and are
skipped. The batch page (in Pyodide) and ``python -m calc batch`` call the same functions:

1. :func:`read` reads a file (:mod:`calc.sheets`: CSV in UTF-8 or GBK, or ``.xlsx``) and maps its
   header to the estimator's fields (:func:`plan`): a header cell may be the field's id
   (``loan_amount``), its Chinese label (``本次申请贴息的贷款金额``), or the template's header, which
   carries both (``本次申请贴息的贷款金额（元） (loan_amount)``: :func:`header`), in any column order.
   Other columns (a loan number, a branch) are kept, returned unchanged in their place, and not
   used.
2. :func:`compute` runs each row (:func:`calc.engine.evaluate` without the trace, which a batch
   needs only on demand: the same figures, warnings and errors as :func:`calc.run`) and yields an
   :class:`Outcome` per row, so that a caller can report progress and stop between rows.
3. :func:`output_columns` and :func:`values` flatten the results: the input columns, then
   ``result.<field>`` (nested ones ``result.loss_split.bank_amount``), then ``ok``, ``errors`` and
   ``warnings``, each header the field's label with its id in brackets; :class:`Summary` counts
   and totals; :func:`to_csv` and :func:`calc.workbooks.results_xlsx` write them (the latter both
   at once, in one pass over the outcomes).

The batch page, in its engine's worker (:class:`calc.bridge.BatchJob`): :func:`reading` (``read``
a row at a time; a :class:`~calc.sheets.SheetError` carries the Chinese message for the whole
file), then :func:`calc.workbooks.write_results` over ``compute(table, found)``, both stepped a
chunk of rows at a time so that the page shows progress and can stop the run.

JSON lines in → JSON lines out is kept for programs: the contract's response plus ``row``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from . import jsonio
from .engine import estimators, evaluate, get, result_schema, schema
from .errors import error
from .numbers import money_str
from .schema_walk import SchemaField, walk
from .sheets import HEADER_SEARCH, NO_HEADER, SheetError, Table, Unusable, reading_table, to_the_end

#: The units a header shows after a field's label, by the field's kind.
UNITS = {"money": "元", "rate": "%", "days": "天"}
STATUS = (("ok", "计算成功"), ("errors", "输入错误"), ("warnings", "提示"))
_ID_IN_HEADER = re.compile(r"\(\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\)\s*$")
_UNIT_IN_HEADER = re.compile(r"[（(]\s*([^（）()]*?)\s*[）)]\s*$")
_LIST_SEPARATORS = re.compile(r"[,，、;；\s]+")
YES, NO = "是", "否"
#: The kind of an output column that repeats a column of the input file (not a result kind of :mod:`calc.outputs`).
SOURCE = "source"


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


# ---------------------------------------------------------------- headers


def header(title: str, name: str, unit: str = "") -> str:
    """A column's header as templates and outputs write it: ``贴息比例（%） (result.subsidy_rate)``.

    The label for people, then the id in ASCII brackets for programs (:func:`header_id` reads it back).
    """
    return f"{title}（{unit}） ({name})" if unit else f"{title} ({name})"


def header_id(text: str) -> str | None:
    """The id a header carries in brackets at its end (``… (loan_amount)`` → ``loan_amount``), if any."""
    found = _ID_IN_HEADER.search(text)
    return found.group(1) if found else None


def unit_of(item: SchemaField) -> str:
    """The unit a header shows for a field: its own (``x-unit``: 元, %, 个月), else its kind's."""
    return item.unit or UNITS.get(item.kind, "")


def input_header(item: SchemaField) -> str:
    """The template's header of an input field."""
    return header(item.title, item.name, unit_of(item))


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


@dataclass(frozen=True)
class Column:
    """One column of the input file: its header, and the field it feeds (``None``: kept, not used)."""

    index: int
    header: str
    field: SchemaField | None


@dataclass
class Plan:
    """How a file's columns feed an estimator, and what was noticed on the way (notes in Chinese)."""

    estimator: str
    columns: list[Column]
    notes: list[str] = field(default_factory=list)
    mismatch: str | None = None  # said when the header is another estimator's (a wrong choice, likely)

    @property
    def used(self) -> list[Column]:
        """The columns that feed a field."""
        return [c for c in self.columns if c.field is not None]


def _match(text: str, fields: dict[str, SchemaField]) -> tuple[SchemaField | None, str | None]:
    """The field a header names, or (None, why not) when it names one in another unit."""
    if not text:
        return None, None
    named = header_id(text)
    if named in fields:
        return fields[named], None
    plain = _plain(text)
    for item in fields.values():
        if plain == item.name.lower() or plain == _plain(item.title):
            return item, None
        unit = _UNIT_IN_HEADER.search(text)
        if unit and _plain(text[: unit.start()]) == _plain(item.title):
            written, own = _plain(unit.group(1)), unit_of(item)
            if written in ("", own.lower()):
                return item, None
            unit_words = own or "规定单位"
            return None, f"“{text}”的单位不是{unit_words}，未使用该列：请换算为{unit_words}，或在单元格中写“200万”"
    return None, None


def _is_result_column(text: str) -> bool:
    """A column of an earlier output (``… (result.subsidy)``, ``(ok)``…): dropped when a result file is read again."""
    named = header_id(text) or ""
    return named.startswith("result.") or named in {name for name, _ in STATUS}


def _mismatch(estimator_id: str, columns: list[str], used: int) -> str | None:
    """A warning when another estimator's inputs are named by more columns: the file was made for it."""
    best, most = None, used
    for other in estimators():
        if other.id != estimator_id:
            fields = {item.name: item for item in walk(schema(other.id))}
            named = sum(_match(text, fields)[0] is not None for text in columns)
            if named > most:
                best, most = other, named
    if best is None:
        return None
    return (
        f"此文件的表头有 {most} 列是计算器「{best.title}」的输入项，本计算器只用到其中 {used} 列："
        "请确认是否选错了计算器。"
    )


def plan(estimator_id: str, columns: list[str]) -> Plan:
    """Map a file's header to the estimator's input fields (see the module); duplicates are refused."""
    fields = {item.name: item for item in walk(schema(estimator_id))}
    found = Plan(estimator_id, [])
    kept, units, dropped = [], [], []
    for index, text in enumerate(columns):
        if _is_result_column(text):
            dropped.append(text)
            continue
        item, why = _match(text, fields)
        if item is not None and any(c.field is item for c in found.columns):
            first = next(c.header for c in found.columns if c.field is item)
            raise SheetError(f"“{item.title}”出现在两列（“{first}”和“{text}”），请只保留一列。")
        found.columns.append(Column(index, text or f"第 {index + 1} 列", item))
        if why:
            units.append(why)
        elif item is None:
            kept.append(text or f"第 {index + 1} 列")
    if not found.used:
        raise SheetError(f"表头中没有本计算器的输入项。{_expected(estimator_id)}")
    if kept:
        found.mismatch = _mismatch(estimator_id, columns, len(found.used))
        found.notes += [found.mismatch] if found.mismatch else []
        found.notes.append(f"以下列不是本计算器的输入项，已原样保留、不参与计算：{'、'.join(kept)}")
    found.notes += units
    if dropped:
        found.notes.append(f"以下列是上次计算结果，已忽略（将重新计算）：{'、'.join(dropped)}")
    return found


def _expected(estimator_id: str) -> str:
    names = "、".join(input_header(item) for item in walk(schema(estimator_id)))
    return f"应有的列（可从模板复制，顺序不限）：{names}"


def recognises(estimator_id: str) -> Callable[[list[str]], bool]:
    """True for a row that names at least one input field of the estimator (the header row)."""
    fields = {item.name: item for item in walk(schema(estimator_id))}
    return lambda cells: any(_match(text, fields)[0] is not None for text in cells)


def read(estimator_id: str, data: bytes, name: str = "", encoding: str | None = None) -> tuple[Table, Plan]:
    """Read a file (:func:`calc.sheets.read_table`) and map its header; :class:`SheetError` when unreadable."""
    return to_the_end(reading(estimator_id, data, name, encoding))


def reading(
    estimator_id: str, data: bytes, name: str = "", encoding: str | None = None
) -> Generator[int, None, tuple[Table, Plan]]:
    """:func:`read` a row at a time (:func:`calc.sheets.reading_table`: yields the data rows read so far)."""
    get(estimator_id)
    try:
        table = yield from reading_table(data, name, is_header=recognises(estimator_id), encoding=encoding)
    except SheetError as exc:
        if exc.message != NO_HEADER:
            raise
        raise SheetError(f"前 {HEADER_SEARCH} 行中没有本计算器的表头。{_expected(estimator_id)}") from None
    found = plan(estimator_id, table.columns)
    found.notes = table.notes + found.notes
    return table, found


# ---------------------------------------------------------------- rows


def _choice(value: Any, item: SchemaField) -> Any:
    """A choice given by its Chinese label (as the template's list offers it) becomes its id."""
    if not isinstance(value, str):
        return value
    by_label = {_plain(label): name for name, label in item.choices}
    if item.kind == "choices":
        parts = [p for p in _LIST_SEPARATORS.split(value.strip()) if p]
        return [by_label.get(_plain(p), p) for p in parts]
    return by_label.get(_plain(value), value.strip())


def row_inputs(found: Plan, cells: list[Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The inputs of a row, and the messages of its unusable cells by field (a formula without a result …).

    An empty cell means "not given" (the field's default applies, as on the command line).
    """
    inputs: dict[str, Any] = {}
    unusable: dict[str, str] = {}
    for column in found.used:
        value = cells[column.index] if column.index < len(cells) else None
        item = column.field
        assert item is not None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, Unusable):
            unusable[item.name] = value.message
        elif item.choices:
            inputs[item.name] = _choice(value, item)
        else:
            inputs[item.name] = value
    return inputs, unusable


@dataclass(frozen=True)
class Outcome:
    """One row: its number in the file, its cells as read, and the contract's response (without trace)."""

    row: int
    cells: list[Any]
    response: dict[str, Any]


def compute(table: Table, found: Plan) -> Iterator[Outcome]:
    """The outcome of every data row, in order (a generator: report progress or stop between rows)."""
    est = get(found.estimator)
    for number, cells in table.rows:
        inputs, unusable = row_inputs(found, cells)
        response = evaluate(est, inputs, explain=False)
        if unusable:
            errors = [error(est.inputs, name, message) for name, message in unusable.items()]
            errors += [e for e in response.get("errors", []) if e["field"] not in unusable]
            response = {"ok": False, "estimator": est.id, "errors": errors}
        yield Outcome(number, cells, response)


# ---------------------------------------------------------------- output columns


@dataclass(frozen=True)
class OutColumn:
    """An output column: its id (``result.subsidy``, ``ok`` …), its header, and its kind (``money`` …).

    A column of the input file has the kind :data:`SOURCE` and its ``index`` in the input rows.
    """

    id: str
    header: str
    kind: str
    index: int = -1


def result_fields(estimator_id: str) -> list[OutColumn]:
    """The result columns: every result field, nested ones flattened with dots."""
    found = []
    for item in walk(result_schema(estimator_id)):
        for sub in item.fields or (item,):
            name = f"result.{item.name}.{sub.name}" if item.fields else f"result.{item.name}"
            title = f"{item.title}：{sub.title}" if item.fields else item.title
            kind = "list" if sub.items or (not item.fields and item.items) else sub.kind
            found.append(OutColumn(name, header(title, name, UNITS.get(kind, "")), kind))
    return found


def result_columns(estimator_id: str) -> list[str]:
    """The ids of the result columns (``result.subsidy`` …)."""
    return [c.id for c in result_fields(estimator_id)]


def output_columns(found: Plan) -> list[OutColumn]:
    """Every output column: the input file's columns as they were, the results, then ok, errors, warnings.

    The columns of an earlier output (read again) are left out: they are computed anew.
    """
    estimator_id = found.estimator
    inputs = [OutColumn(f"input.{c.index}", c.header, SOURCE, c.index) for c in found.columns]
    status = [OutColumn(name, header(title, name), name) for name, title in STATUS]
    return [*inputs, *result_fields(estimator_id), *status]


def flatten(result: dict[str, Any]) -> dict[str, Any]:
    """A result by column id (``{"loss_split": {"bank_amount": …}}`` → ``result.loss_split.bank_amount``)."""
    cells: dict[str, Any] = {}
    for name, value in result.items():
        if isinstance(value, dict):
            cells.update({f"result.{name}.{sub}": v for sub, v in value.items()})
        else:
            cells[f"result.{name}"] = value
    return cells


def by_id(outcome: Outcome) -> dict[str, Any]:
    """An outcome's values by output column id (results, ``ok``, ``errors``, ``warnings``), as the contract has them."""
    response = outcome.response
    found = flatten(response["result"]) if response["ok"] else {}
    found["ok"] = response["ok"]
    found["errors"] = "；".join(e["message"] for e in response.get("errors", ()))
    found["warnings"] = "；".join(response.get("warnings", ()))
    return found


def values(outcome: Outcome, columns: list[OutColumn], found: dict[str, Any] | None = None) -> list[Any]:
    """An outcome's values in the order of ``columns`` (money as ``"30000.00"``, input cells as read)."""
    found = by_id(outcome) if found is None else found
    cells = outcome.cells
    return [
        (cells[c.index] if c.index < len(cells) else None) if c.kind == SOURCE else found.get(c.id) for c in columns
    ]


def text(value: Any) -> str:
    """A value as a CSV cell: money and rates as the contract writes them, ``true``/``false``, lists as JSON."""
    if type(value) is str:
        return value
    if value is None or isinstance(value, Unusable):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass
class Summary:
    """Counts and the totals of each money result over the computed rows."""

    rows: int = 0
    computed: int = 0
    invalid: int = 0
    totals: dict[str, Decimal] = field(default_factory=dict)  # result column id → total

    def add(self, cells: dict[str, Any], money: list[str]) -> None:
        """Count one outcome, given by column id (:func:`by_id`)."""
        self.rows += 1
        if not cells["ok"]:
            self.invalid += 1
            return
        self.computed += 1
        for name in money:
            if cells.get(name) is not None:
                self.totals[name] = self.totals.get(name, Decimal(0)) + Decimal(cells[name])

    def lines(self, estimator_id: str) -> list[tuple[str, Any]]:
        """The summary as (label, value) lines, totals as the contract's money strings."""
        found: list[tuple[str, Any]] = [("行数", self.rows), ("计算成功", self.computed), ("输入有误", self.invalid)]
        for column in result_fields(estimator_id):
            if column.kind == "money":
                found.append((f"合计：{column.header}", money_str(self.totals.get(column.id, Decimal(0)))))
        return found


def to_csv(
    out: TextIO, found: Plan, outcomes: Iterable[Outcome], progress: Callable[[int], None] | None = None
) -> Summary:
    """Write the output as CSV (write the byte-order mark yourself: ``utf-8-sig``); return the summary."""
    columns = output_columns(found)
    money = [c.id for c in columns if c.kind == "money"]
    writer = csv.writer(out)
    writer.writerow([c.header for c in columns])
    summary = Summary()
    for outcome in outcomes:
        found = by_id(outcome)
        summary.add(found, money)
        writer.writerow([text(v) for v in values(outcome, columns, found)])
        if progress:
            progress(summary.rows)
    return summary


def read_back(content: str) -> list[dict[str, str]]:
    """An output CSV's rows keyed by column id (``result.subsidy``, ``ok`` …; an input column by its header)."""
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))
    if not rows:
        return []
    keys = [header_id(h) if _is_result_column(h) else h for h in rows[0]]
    return [dict(zip(keys, row, strict=True)) for row in rows[1:]]


# ---------------------------------------------------------------- JSON lines (programs)


def input_format(path: str, forced: str | None) -> str:
    """``jsonl`` for ``.jsonl``/``.ndjson``/``.json`` (or ``--format jsonl``), else ``table`` (CSV or xlsx)."""
    if forced:
        return "jsonl" if forced == "jsonl" else "table"
    return "jsonl" if Path(path).suffix.lower() in (".jsonl", ".ndjson", ".json") else "table"


def json_lines(handle: TextIO) -> Iterator[tuple[dict[str, Any] | None, str | None]]:
    """Each line as (inputs, None), or (None, error) for a line that is not a JSON object."""
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


def run_rows(
    estimator_id: str,
    rows: Iterable[tuple[dict[str, Any] | None, str | None]],
    progress: Callable[[int], None] = lambda n: None,
) -> Iterator[dict[str, Any]]:
    """The response for each JSON line (the contract's shape with its trace, plus ``row``)."""
    est = get(estimator_id)
    for number, (inputs, problem) in enumerate(rows, start=1):
        if problem is not None:
            response = {"ok": False, "estimator": estimator_id, "errors": [{"field": None, "message": problem}]}
        else:
            response = evaluate(est, inputs or {})
        progress(number)
        yield {"row": number, **response}


def write_jsonl(out: TextIO, responses: Iterable[dict[str, Any]]) -> int:
    """Write responses as JSON lines; return how many rows had errors."""
    failed = 0
    for response in responses:
        failed += not response["ok"]
        out.write(dumps(response, default=str) + "\n")
    return failed
