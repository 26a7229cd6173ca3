"""Reading a table from a file: CSV (UTF-8 or GBK, detected) or Excel ``.xlsx``, bounded against hostile files.

Nothing here knows an estimator: :func:`read_table` gives the header and the rows as cells, and
:mod:`calc.batch` maps the header to an estimator's fields. Whatever is wrong with the file as a
whole raises :class:`SheetError` with a Chinese message, within seconds, never anything else; a
cell that cannot be used (a formula without a saved result, an error value such as ``#DIV/0!``)
is an :class:`Unusable` value, which the row reports as its error.

The format is read from the content, not the name (an ``.xlsx`` is a zip, an encrypted workbook
or an old ``.xls`` an OLE compound file); a name that says otherwise is reported. openpyxl and
defusedxml are imported only when an ``.xlsx`` is read, so a calculator page never loads them.

Bounds, each with its reason:

- :data:`MAX_ROWS` data rows (100,000): the batch page must finish a file without freezing the
  tab (at ~1,000 rows/s in the browser, 100,000 rows take under two minutes, and the rows, their
  results and the output workbook stay within a few hundred MB); a larger book is split.
- :data:`MAX_INFLATED` bytes unzipped, summed over the workbook's parts as the zip declares them,
  and :data:`MAX_PARTS` parts: a zip bomb is refused before anything is inflated. Python's zip
  reader never inflates a part beyond its declared size (the part then fails its CRC check), so
  the declared sizes bound what is actually read. 100,000 rows of 20 columns take about 90 MB.
- XML is parsed by openpyxl through defusedxml: a document type with entities (the "billion
  laughs") is refused, not expanded.
- :data:`EMPTY_RUN` consecutive empty rows end the table: a sheet formatted down to row 1,048,576
  is not walked to its end.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from .numbers import excel_number

MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_INFLATED = 256 * 1024 * 1024
MAX_PARTS = 2_000
EMPTY_RUN = 1_000
HEADER_SEARCH = 20  # rows above the header (a title, a date line) that are passed over

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = bytes.fromhex("d0cf11e0a1b11ae1")
_EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xls", ".ods", ".et")

NO_HEADER = "没有找到表头行：第一行应为各列的名称（可从模板复制）。"
RESAVE = "请在 Excel 或 WPS 中打开后另存为 .xlsx 或 CSV（UTF-8）文件再上传。"


class SheetError(ValueError):
    """The file as a whole cannot be read; ``message`` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Unusable:
    """A cell whose value cannot be used: the row gets ``message`` as the field's error."""

    message: str


#: A formula cell saved without its result (a file written by a program, never opened in Excel).
FORMULA = Unusable("公式单元格没有计算结果，请在 Excel 中重新计算并保存，或复制后“选择性粘贴为数值”")


@dataclass
class Table:
    """A file's header and data rows (each with its row number in the file), and notes about the reading."""

    kind: str  # "csv" or "xlsx"
    columns: list[str]
    rows: list[tuple[int, list[Any]]]
    header_row: int = 1
    notes: list[str] = field(default_factory=list)


T = TypeVar("T")


def to_the_end(steps: Generator[Any, None, T], progress: Callable[[Any], None] | None = None) -> T:
    """Run a step-by-step reading or writing through, telling ``progress`` each step; its final value.

    The command line's way with what the batch page's worker steps a chunk at a time.
    """
    while True:
        try:
            step = next(steps)
        except StopIteration as finished:
            return finished.value
        if progress:
            progress(step)


def read_table(
    data: bytes, name: str = "", *, is_header: Callable[[list[str]], bool] | None = None, encoding: str | None = None
) -> Table:
    """The table in ``data`` (a CSV or an ``.xlsx``), read by its content; ``name`` is the file's name.

    ``is_header`` picks the header among the first :data:`HEADER_SEARCH` non-empty rows (rows above
    it, such as a title, are passed over with a note); without it the first non-empty row is the
    header. ``encoding`` forces a CSV's encoding instead of detecting it.
    """
    return to_the_end(reading_table(data, name, is_header=is_header, encoding=encoding))


def reading_table(
    data: bytes, name: str = "", *, is_header: Callable[[list[str]], bool] | None = None, encoding: str | None = None
) -> Generator[int, None, Table]:
    """:func:`read_table` a row at a time: yields the data rows read so far, returns the table.

    The batch page's worker steps it so that a long read (100,000 rows of ``.xlsx`` take seconds)
    shows its progress and can be cancelled; a :class:`SheetError` comes from the step that finds it.
    """
    if len(data) > MAX_FILE_BYTES:
        megabytes = MAX_FILE_BYTES // 1024 // 1024
        raise SheetError(f"文件超过 {megabytes} MB，请拆分为多个文件（每个不超过 {MAX_ROWS:,} 行）。")
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if data.startswith(_ZIP):
        return (yield from _read_xlsx(data, is_header))
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise SheetError("这个工作簿设有打开密码（已加密），无法读取。请在 Excel 中取消密码后另存为 .xlsx 再上传。")
        raise SheetError("这是旧版 Excel（.xls）或其他 Office 文件，暂不支持。" + RESAVE)
    if suffix in _EXCEL_SUFFIXES:
        raise SheetError(f"文件扩展名是 {suffix}，但内容不是 Excel 工作簿（可能已损坏或被改过扩展名）。" + RESAVE)
    return (yield from _read_csv(data, is_header, encoding))


# ---------------------------------------------------------------- CSV


def _decode(data: bytes, encoding: str | None) -> str:
    """The text of a CSV: UTF-8 (with or without a byte-order mark), UTF-16 with its mark, else GBK (GB18030)."""
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise SheetError(f"不认识的文字编码：{encoding}") from None
        except UnicodeDecodeError:
            raise SheetError(f"文件不是 {encoding} 编码的文本。") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SheetError("文件不是完整的 UTF-16 文本。" + RESAVE) from None
    if b"\x00" in data[:8192] or data.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise SheetError("文件不是 CSV 表格或 Excel 工作簿（含有二进制内容）。" + RESAVE)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")  # GBK and GB2312, as Excel and WPS save "CSV" on Chinese Windows
    except UnicodeDecodeError:
        raise SheetError("无法识别文件的文字编码（既不是 UTF-8 也不是 GBK）。" + RESAVE) from None


def _read_csv(
    data: bytes, is_header: Callable[[list[str]], bool] | None, encoding: str | None
) -> Generator[int, None, Table]:
    text = _decode(data, encoding)
    first = text[: text.find("\n")] if "\n" in text else text
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def numbered() -> Iterator[tuple[int, list[Any]]]:
        try:
            yield from enumerate(reader, start=1)
        except csv.Error as exc:
            raise SheetError(f"CSV 第 {reader.line_num} 行格式有误（{exc}）。" + RESAVE) from None

    return (yield from _collect("csv", numbered(), is_header))


# ---------------------------------------------------------------- the rows of any file


def _blank(cells: list[Any]) -> bool:
    """True for a row with nothing in it (empty cells, or only spaces)."""
    for cell in cells:
        if cell is not None and (type(cell) is not str or cell.strip()):
            return False
    return True


def _header_text(value: Any) -> str:
    if value is None or isinstance(value, Unusable):
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value).strip()


def _collect(
    kind: str,
    numbered: Iterable[tuple[int, list[Any]]],
    is_header: Callable[[list[str]], bool] | None,
) -> Generator[int, None, Table]:
    """Header and data rows from ``(row number, cells)``, blank rows skipped, bounded (see the module).

    Yields the number of data rows read after each one.
    """
    table = Table(kind, [], [])
    skipped: list[int] = []
    last = 0
    empty_run = 0
    for number, cells in numbered:
        empty_run += number - last - 1  # rows absent from an .xlsx are empty rows
        last = number
        blank = _blank(cells)
        empty_run += blank
        if empty_run >= EMPTY_RUN:
            table.notes.append(f"第 {number - empty_run + 1} 行起连续 {EMPTY_RUN:,} 行为空，其后的内容未读取。")
            break
        if blank:
            continue
        empty_run = 0
        if not table.columns:
            header = [_header_text(c) for c in cells]
            while header and not header[-1]:
                header.pop()
            if is_header is None or is_header(header):
                if len(header) > MAX_COLUMNS:
                    raise SheetError(f"表头超过 {MAX_COLUMNS} 列，请只保留需要的列。")
                table.columns, table.header_row = header, number
                if skipped:
                    table.notes.append(f"表头在第 {number} 行，其上的 {len(skipped)} 行（标题等）未读取。")
                continue
            skipped.append(number)
            if len(skipped) >= HEADER_SEARCH:
                break
            continue
        if len(table.rows) >= MAX_ROWS:
            raise SheetError(f"数据超过 {MAX_ROWS:,} 行，请拆分为多个文件，每个不超过 {MAX_ROWS:,} 行。")
        width = len(table.columns)
        row = list(cells[:width])
        if len(row) < width:
            row += [None] * (width - len(row))
        table.rows.append((number, row))
        yield len(table.rows)
    if not table.columns:
        raise SheetError(NO_HEADER)
    return table


# ---------------------------------------------------------------- xlsx


def _cell(value: Any) -> Any:
    """A cell as the batch reads it: numbers as Decimal (:func:`calc.numbers.excel_number`), dates as dates."""
    if isinstance(value, float):
        return excel_number(value)
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, bool | int | str | date | Unusable) or value is None:
        return value
    return str(value)  # a time or a duration: text, which a field refuses with its own message


def _check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SheetError("工作簿已损坏，无法打开（不是完整的 .xlsx 文件）。" + RESAVE) from None
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_INFLATED:
        raise SheetError(
            f"文件解压后超过 {MAX_INFLATED // 1024 // 1024} MB（可能是恶意构造的“压缩炸弹”），已拒绝读取。"
            f"正常的工作簿请拆分为每个不超过 {MAX_ROWS:,} 行。"
        )
    names = {p.filename: p for p in parts}
    mimetype = names.get("mimetype")
    if mimetype is not None and mimetype.file_size < 200:
        if archive.read(mimetype).startswith(b"application/vnd.oasis.opendocument"):
            raise SheetError("这是 OpenDocument 表格（.ods），暂不支持。" + RESAVE)
    if "xl/workbook.xml" not in names:
        raise SheetError("文件是 zip 压缩包，但不是 Excel 工作簿（.xlsx）。" + RESAVE)
    if any(p.flag_bits & 0x1 for p in parts):
        raise SheetError("工作簿的内容已加密，无法读取。请取消密码后另存为 .xlsx 再上传。")
    return archive


def _read_xlsx(data: bytes, is_header: Callable[[list[str]], bool] | None) -> Generator[int, None, Table]:
    """The first worksheet of an ``.xlsx``, read in openpyxl's read-only mode with cached formula results."""
    _check_zip(data)
    from defusedxml import DefusedXmlException
    from openpyxl.utils import range_boundaries
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:  # OPENPYXL_DEFUSEDXML=False in the environment: refuse rather than expand entities
        raise SheetError("读取 .xlsx 需要安全的 XML 解析（defusedxml），当前环境已关闭，无法读取。")
    try:
        parser = _parser(data)
        try:
            table = yield from _collect("xlsx", _sheet_rows(parser), is_header)
        finally:
            parser.source.close()
        merged = parser.merged_cells.mergeCell if parser.merged_cells else []
    except SheetError:
        raise
    except MemoryError:
        raise SheetError("工作簿过大，无法读取。请拆分为多个文件。") from None
    except Exception as exc:  # a damaged part: bad XML, a bad CRC, a missing part … the file, not the program
        if _caused_by(exc, DefusedXmlException):  # openpyxl wraps what its parser raised in a ValueError
            raise SheetError("工作簿含有不允许的 XML 实体声明（可能是恶意构造的文件），已拒绝读取。" + RESAVE) from None
        raise SheetError("工作簿已损坏或格式不规范，无法读取。" + RESAVE) from None
    for merge in merged:
        _, min_row, _, max_row = range_boundaries(str(merge.ref))
        if min_row <= table.header_row <= max_row:
            raise SheetError(
                f"表头（第 {table.header_row} 行）有合并单元格 {merge.ref}，请取消合并，使每一列各有一个表头。"
            )
        if max_row > table.header_row:
            table.notes.append(f"{merge.ref} 是合并单元格：只有其左上角的格有值，其余各格按未填写处理。")
    return table


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """True when ``exc`` or an exception it was raised from (or while handling) is a ``kind``."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _parser(data: bytes) -> Any:
    """The parser of the first worksheet (openpyxl's), marking formulas without a saved result and error values.

    The workbook's parts (shared strings, styles for the date formats, the 1900/1904 epoch) are read
    by openpyxl's own ``ExcelReader``; the worksheet is not opened through ``load_workbook``: its
    read-only sheet first looks for the sheet's size, which, in a sheet without a ``<dimension>``,
    parses every row (a million formatted empty rows: seconds before the first row is read). The
    parser (``WorkSheetParser``) yields each ``<row>`` with its number, absent rows costing nothing.
    These are openpyxl 3.1's internals (pinned; ``tests/unit/test_sheets.py`` covers them).
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell = super().parse_cell(element)
            if cell["data_type"] == "e":
                cell["value"] = Unusable(f"单元格是错误值 {cell['value']}（通常来自公式），请改为数值")
            elif cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = FORMULA
            return cell

    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    path = next(
        (
            rel.target
            for _, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        ),
        None,
    )
    if path is None:
        raise SheetError("工作簿中没有工作表。")
    book = reader.wb
    return Parser(
        reader.archive.open(path),
        reader.shared_strings,
        data_only=True,
        epoch=book.epoch,
        date_formats=book._date_formats,
        timedelta_formats=book._timedelta_formats,
    )


def _sheet_rows(parser: Any) -> Iterator[tuple[int, list[Any]]]:
    for number, cells in parser.parse():
        row: list[Any] = []
        for cell in cells:
            column = cell["column"]
            if column > MAX_COLUMNS:
                break
            if column > len(row) + 1:
                row += [None] * (column - len(row) - 1)
            row.append(_cell(cell["value"]))
        yield number, row
