"""Small files that are hostile or broken, made on the spot (none is larger than a few hundred kB).

Each builder returns ``(bytes, file name)``. The workbooks are made by hand from a minimal
``.xlsx`` (the parts openpyxl itself writes), with the worksheet's XML replaced, so that a test
says exactly what the sheet holds (a formula without a cached value, a million empty rows …).
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
from collections.abc import Callable, Iterable
from importlib.util import find_spec

import pytest

#: For tests that read or write .xlsx: in Pyodide only once the batch page's Excel libraries are
#: installed (``python -m tests.pyodide`` installs them, as the batch page does). Never skipped in CPython.
needs_excel = pytest.mark.skipif(
    sys.platform == "emscripten" and not all(find_spec(m) for m in ("openpyxl", "xlsxwriter", "defusedxml")),
    reason="openpyxl, XlsxWriter and defusedxml are not installed in this Pyodide",
)

SHEET = "xl/worksheets/sheet1.xml"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'

_BASE: bytes | None = None


def base_workbook() -> bytes:
    """An empty workbook as openpyxl writes it."""
    global _BASE
    if _BASE is None:
        from openpyxl import Workbook

        buffer = io.BytesIO()
        Workbook().save(buffer)
        _BASE = buffer.getvalue()
    return _BASE


def with_sheet(sheet_xml: bytes | Iterable[bytes], extra: dict[str, bytes] | None = None) -> bytes:
    """The base workbook with its first sheet's XML replaced (given whole, or in pieces to stream)."""
    source = zipfile.ZipFile(io.BytesIO(base_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == SHEET:
                with target.open(SHEET, "w") as part:
                    for piece in [sheet_xml] if isinstance(sheet_xml, bytes) else sheet_xml:
                        part.write(piece)
            elif info.filename not in (extra or {}):
                target.writestr(info.filename, source.read(info.filename))
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def sheet(rows: str, after: str = "") -> bytes:
    """A worksheet's XML with these ``<row>`` elements (inline strings: ``t="inlineStr"``)."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>'
    return f"{head}<sheetData>{rows}</sheetData>{after}</worksheet>".encode()


def text_cell(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


HEADER = (
    '<row r="1">'
    + text_cell("A1", "loan_amount")
    + text_cell("B1", "actual_rate")
    + text_cell("C1", "interest_paid")
    + text_cell("D1", "lpr_1y")
    + "</row>"
)


def formula_without_value() -> tuple[bytes, str]:
    """Row 2's amount is a formula saved without its result; row 3's has its cached result."""
    rows = (
        HEADER + '<row r="2"><c r="A2"><f>1000000*2</f></c><c r="B2"><v>3</v></c><c r="C2"><v>60000</v></c>'
        '<c r="D2"><v>3.45</v></c></row>'
        '<row r="3"><c r="A3"><f>1000000*2</f><v>2000000</v></c><c r="B3"><v>3</v></c><c r="C3"><v>60000</v></c>'
        '<c r="D3"><v>3.45</v></c></row>'
        '<row r="4"><c r="A4" t="e"><v>#DIV/0!</v></c><c r="B4"><v>3</v></c><c r="C4"><v>60000</v></c></row>'
    )
    return with_sheet(sheet(rows)), "formula.xlsx"


def million_empty_rows(count: int = 1_000_000) -> tuple[bytes, str]:
    """One data row, then ``count`` rows that hold only a formatted empty cell (as a sheet formatted to its end)."""

    def pieces() -> Iterable[bytes]:
        head = sheet(
            HEADER + '<row r="2"><c r="A2"><v>2000000</v></c><c r="B2"><v>3</v></c>'
            '<c r="C2"><v>60000</v></c><c r="D2"><v>3.45</v></c></row>'
        )
        start, end = head.split(b"</sheetData>")
        yield start
        chunk = b'<row><c s="0"/></row>' * 10_000  # rows numbered by their place, as the format allows
        for _ in range(count // 10_000):
            yield chunk
        yield b"</sheetData>" + end

    return with_sheet(pieces()), "empty-rows.xlsx"


def entity_bomb() -> tuple[bytes, str]:
    """The "billion laughs": ten levels of ten entities, in the sheet's XML."""
    lol = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{lol}]><worksheet {NS}><sheetData>'
        + HEADER
        + '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    return with_sheet(xml.encode()), "bomb.xlsx"


def zip_bomb(inflated: int = 300 * 1024 * 1024) -> tuple[bytes, str]:
    """A workbook whose sheet declares ``inflated`` bytes (its central directory says so; the data is small)."""
    data = bytearray(with_sheet(sheet(HEADER)))
    return bytes(_patch_sizes(data, SHEET, inflated)), "zip-bomb.xlsx"


def lying_zip() -> tuple[bytes, str]:
    """A sheet of 2 MB that declares 1,000 bytes: the reader must not inflate past what is declared."""
    padding = b" " * (2 * 1024 * 1024)
    data = bytearray(with_sheet(sheet(HEADER).replace(b"<sheetData>", b"<sheetData>" + padding)))
    return bytes(_patch_sizes(data, SHEET, 1_000)), "lying.xlsx"


def _patch_sizes(data: bytearray, name: str, size: int) -> bytearray:
    """Write ``size`` as the uncompressed size of ``name`` in its local header and the central directory."""
    encoded = name.encode()
    local = data.find(b"PK\x03\x04" + b"", 0)
    while local != -1:
        name_len = struct.unpack_from("<H", data, local + 26)[0]
        if data[local + 30 : local + 30 + name_len] == encoded:
            struct.pack_into("<I", data, local + 22, size)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_len] == encoded:
            struct.pack_into("<I", data, central + 24, size)
        central = data.find(b"PK\x01\x02", central + 4)
    return data


def merged_header() -> tuple[bytes, str]:
    """A header whose first two cells are merged (a group title over two columns)."""
    rows = (
        '<row r="1">' + text_cell("A1", "贷款信息") + text_cell("C1", "interest_paid") + "</row>"
        '<row r="2"><c r="A2"><v>2000000</v></c><c r="B2"><v>3</v></c><c r="C2"><v>60000</v></c></row>'
    )
    return with_sheet(sheet(rows, '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>')), "merged.xlsx"


def encrypted_workbook() -> tuple[bytes, str]:
    """What Excel saves for a workbook with an open password: an OLE compound file holding EncryptedPackage."""
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
    directory = "EncryptionInfo".encode("utf-16-le").ljust(128, b"\0") + "EncryptedPackage".encode("utf-16-le")
    return header + directory.ljust(1024, b"\0"), "protected.xlsx"


def old_xls() -> tuple[bytes, str]:
    """An OLE compound file without an encrypted package (a BIFF .xls)."""
    return bytes.fromhex("d0cf11e0a1b11ae1") + "Workbook".encode("utf-16-le").ljust(1024, b"\0"), "old.xls"


def png_named_xlsx() -> tuple[bytes, str]:
    return b"\x89PNG\r\n\x1a\n" + bytes(200), "loans.xlsx"


def text_named_xlsx() -> tuple[bytes, str]:
    return b"loan_amount,actual_rate\n2000000,3\n", "loans.xlsx"


def pdf_named_csv() -> tuple[bytes, str]:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "loans.csv"


def truncated_workbook() -> tuple[bytes, str]:
    whole = with_sheet(sheet(HEADER))
    return whole[: len(whole) // 2], "truncated.xlsx"


def broken_xml() -> tuple[bytes, str]:
    return with_sheet(b'<?xml version="1.0"?><worksheet ' + NS.encode() + b'><sheetData><row r="1"><c'), "broken.xlsx"


def zip_not_workbook() -> tuple[bytes, str]:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue(), "loans.xlsx"


def ods() -> tuple[bytes, str]:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue(), "loans.ods"


#: Every hostile or broken file, with a word its Chinese message must contain.
HOSTILE: dict[str, tuple[Callable[[], tuple[bytes, str]], str]] = {
    "entity bomb": (entity_bomb, "实体"),
    "zip bomb": (zip_bomb, "压缩炸弹"),
    "lying zip": (lying_zip, "损坏"),
    "merged header": (merged_header, "合并单元格"),
    "password-protected": (encrypted_workbook, "密码"),
    "old xls": (old_xls, ".xls"),
    "png named xlsx": (png_named_xlsx, "不是 Excel 工作簿"),
    "text named xlsx": (text_named_xlsx, "不是 Excel 工作簿"),
    "pdf named csv": (pdf_named_csv, "二进制"),
    "truncated workbook": (truncated_workbook, "损坏"),
    "broken xml": (broken_xml, "损坏"),
    "zip that is not a workbook": (zip_not_workbook, "不是 Excel 工作簿"),
    "ods": (ods, ".ods"),
}
