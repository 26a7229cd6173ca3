"""Precompressed copies (``<file>.gz``) of the site's text and wasm files, for servers that send them.

nginx's ``gzip_static on``, Apache's ``mod_rewrite`` recipe and many object stores serve
``<file>.gz`` with ``Content-Encoding: gzip`` to browsers that accept it, instead of compressing
on every request (or not at all). Files that are already compressed (zips, wheels, the engine's
own ``.zst`` files) are left alone, and so is any file that would not shrink by a tenth.
"""

from __future__ import annotations

import gzip
from pathlib import Path

SUFFIXES = (".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt", ".map")
MIN_BYTES = 1024
MIN_SAVING = 0.1


def compress(path: Path) -> int:
    """Write ``<path>.gz`` if the file is worth it (removing a stale one otherwise); return the bytes saved."""
    packed_path = path.with_name(path.name + ".gz")
    packed_path.unlink(missing_ok=True)
    if path.suffix not in SUFFIXES or path.stat().st_size < MIN_BYTES:
        return 0
    data = path.read_bytes()
    packed = gzip.compress(data, 9, mtime=0)
    if len(packed) > len(data) * (1 - MIN_SAVING):
        return 0
    packed_path.write_bytes(packed)
    return len(data) - len(packed)


def precompress(site: Path) -> tuple[int, int]:
    """Write ``.gz`` beside every file worth it; return (files written, bytes saved)."""
    written = saved = 0
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in SUFFIXES:
            gained = compress(path)
            written += bool(gained)
            saved += gained
    return written, saved
