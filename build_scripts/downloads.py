"""What a visitor downloads, in bytes, written where the browser can read it before it starts.

The calculator page says how large the engine's download is while it arrives, and how large the
offline copy is before it asks to store it. Both figures are known here, once the ``.gz`` copies
exist (``precompress.py``):

- ``engine.json`` gets ``download``: for each way the engine starts (``snapshot``; the same with
  the offline copy, ``snapshotWithCopy``, which takes the plain wasm files instead of their zstd
  copies; and ``fallback``, the ordinary start from the lock and the wheels), the files it fetches
  as ``[address relative to the runtime folder, bytes of the file, bytes sent]``; and ``offline``,
  the bytes of the service worker's copy. The worker fetches ``engine.json`` first, so it knows
  the total before the large files arrive.
- ``sw.js`` lists each file's two sizes next to its address (``service_worker.py``), so that it
  can report how far the copy got.

"Bytes sent" is what a server with ``gzip_static`` (or the Apache recipe in the README) sends:
the ``.gz`` copy's size where the build wrote one, otherwise the file's own size. Headers are not
counted. A browser reads a gzip-encoded body decoded, so the worker measures how much of the
file's own bytes arrived and scales it to the bytes sent; the page calls the total approximate.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import runtime


def sent(path: Path) -> int:
    """Bytes a ``gzip_static`` server sends for ``path``: its ``.gz`` copy when there is one."""
    packed = path.with_name(path.name + ".gz")
    return packed.stat().st_size if packed.is_file() else path.stat().st_size


def entry(target: Path, address: str) -> list[object]:
    """``[address, bytes, bytes sent]`` of the file at ``address`` (relative to ``target``, query ignored)."""
    path = target / address.split("?")[0]
    return [address, path.stat().st_size, sent(path)]


def engine_files(target: Path, engine: dict) -> dict[str, list[list[object]]]:
    """The files each start fetches, in the runtime folder ``target``, with their sizes."""
    runtime_files = [name for name in runtime.RUNTIME_FILES if name != "python_stdlib.zip"]
    snapshot = [
        *(engine["runtimeWasm"]["packed"] if name == "pyodide.asm.wasm" else name for name in runtime_files),
        "pyodide-lock.json",  # loadPyodide reads it on every start
        str(engine["stdlibStandIn"]),  # the stdlib itself only if an import needs it (engine_snapshot.py)
        str(engine["snapshot"]),
        str(engine["files"]["bundle"]),
        *(str(lib["packed"]) for lib in engine["libraries"]),
    ]
    lock = json.loads((target / "pyodide-lock.json").read_text("utf-8"))
    wheels = sorted(p["file_name"] for p in lock["packages"].values() if not runtime.batch_only(p["file_name"]))
    fallback = [*runtime_files, "python_stdlib.zip", "pyodide-lock.json", *wheels]
    batch = sorted(p["file_name"] for p in lock["packages"].values() if runtime.batch_only(p["file_name"]))
    plain = {lib["packed"]: lib["file"] for lib in engine["libraries"]}
    plain[engine["runtimeWasm"]["packed"]] = "pyodide.asm.wasm"
    return {
        "snapshot": [entry(target, name) for name in snapshot],
        "snapshotWithCopy": [entry(target, plain.get(name, name)) for name in snapshot],
        "fallback": [entry(target, name) for name in fallback],
        "batch": [entry(target, name) for name in batch],  # the batch page's wheels, on top of a start
    }


def write(target: Path, engine: dict, offline: int) -> dict:
    """Add the download sizes and the offline copy's size to ``target/engine.json``; return them."""
    download = {**engine_files(target, engine), "offline": offline}
    manifest = target / "engine.json"
    data = json.loads(manifest.read_text("utf-8"))
    data["download"] = download
    manifest.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return download


def total(files: list[list[object]]) -> int:
    """Bytes sent for a list of ``engine_files`` entries."""
    return sum(int(str(file[2])) for file in files)
