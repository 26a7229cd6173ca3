"""Pages of the memory snapshot that the runtime's wasm file already carries (its data segments).

A fresh ``pyodide.asm.wasm`` instance starts with its active data segments written into memory.
Much of that data (strings, tables, frozen bytecode) is never written afterwards, so the snapshot
holds a second copy of it: 3.2 MB of 3.2 MB in Pyodide 314. ``borrow_pages`` zeroes, in the
snapshot, every 4 KiB page equal to the segments' image, and lists those pages; the restore
(``engine-snapshot.mjs``) copies them from the fresh instance's memory, once their CRC-32 matches
the one recorded here (any difference: the restore fails and the engine starts the ordinary way).
"""

from __future__ import annotations

import struct
import zlib

PAGE = 4096
DATA_SECTION = 11


def _leb(data: bytes, at: int) -> tuple[int, int]:
    """An unsigned LEB128 number at ``at``: (value, position after it)."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


def _sleb(data: bytes, at: int) -> tuple[int, int]:
    """A signed LEB128 number at ``at``."""
    value, end = _leb(data, at)
    bits = 7 * (end - at)
    return (value - (1 << bits) if value & (1 << (bits - 1)) else value), end


def data_segments(wasm: bytes) -> list[tuple[int, bytes]]:
    """(address, bytes) of each active data segment placed by an ``i32.const`` (memory 0)."""
    if wasm[:4] != b"\0asm":
        raise ValueError("not a wasm module")
    segments = []
    at = 8
    while at < len(wasm):
        section = wasm[at]
        size, at = _leb(wasm, at + 1)
        end = at + size
        if section == DATA_SECTION:
            count, pos = _leb(wasm, at)
            for _ in range(count):
                flags, pos = _leb(wasm, pos)
                address = None
                if flags in (0, 2):
                    if flags == 2:
                        _, pos = _leb(wasm, pos)  # memory index
                    if wasm[pos] == 0x41:  # i32.const N end
                        address, pos = _sleb(wasm, pos + 1)
                    else:  # global.get: placed at run time
                        _, pos = _leb(wasm, pos + 1)
                    if wasm[pos] != 0x0B:
                        raise ValueError("unexpected data segment offset expression")
                    pos += 1
                length, pos = _leb(wasm, pos)
                if address is not None:
                    segments.append((address, wasm[pos : pos + length]))
                pos += length
        at = end
    return segments


def initial_image(wasm: bytes) -> bytearray:
    """Memory as the data segments leave it, up to the end of the last one."""
    segments = data_segments(wasm)
    image = bytearray(max((address + len(data) for address, data in segments), default=0))
    for address, data in segments:
        image[address : address + len(data)] = data
    return image


def borrow_pages(snapshot: bytearray, wasm: bytes) -> dict[str, object]:
    """Zero, in ``snapshot`` (Pyodide's: a header, then memory), the pages equal to ``wasm``'s data.

    Returns ``{"ranges": [[start, end], …], "crc32": n}`` in memory addresses: the restore copies
    those ranges from a fresh instance, whose bytes there must have this CRC-32.
    """
    header = struct.unpack_from("<I", snapshot, 4)[0]
    image = initial_image(wasm)
    ranges: list[list[int]] = []
    crc = 0
    zero = bytes(PAGE)
    for start in range(0, len(image) - PAGE + 1, PAGE):
        page = image[start : start + PAGE]
        if page == zero or snapshot[header + start : header + start + PAGE] != page:
            continue
        crc = zlib.crc32(page, crc)
        snapshot[header + start : header + start + PAGE] = zero
        if ranges and ranges[-1][1] == start:
            ranges[-1][1] = start + PAGE
        else:
            ranges.append([start, start + PAGE])
    return {"ranges": ranges, "crc32": crc}
