"""The engine's start-up files: a memory snapshot of a warmed-up interpreter, and what it needs.

Written into ``site/pyodide/<version>/`` after the runtime is assembled (see ``snapshot.mjs``
and ``docs/assets/calc/engine-snapshot.mjs``):

- ``engine.json``, read by the worker first: names of the files below, the extension modules'
  addresses, the site-packages file list;
- ``engine/snapshot-<hash>.bin.gz``: the interpreter's memory, gzipped by us (any server can send it);
- ``engine/site-packages-<hash>.bin.gz``: every file of the shipped wheels but the extension modules;
- ``engine/<module>-<hash>.wasm``: each extension module, under a name servers send as
  ``application/wasm``, so browsers compile it while it downloads and cache the compiled code.

Hashed names never change meaning, so they may be cached for ever; ``engine.json`` may not. The
stdlib zip is named with its hash as a query (``python_stdlib.zip?v=…``) because the snapshot
remembers where in it each module lies.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

from . import runtime

SITE_PACKAGES = "/lib/python3.14/site-packages"
MAKE = ["node", str(runtime.ROOT / "build_scripts" / "snapshot.mjs")]
CACHE = runtime.ROOT / "build" / "snapshot"
TOOLS = [runtime.ROOT / "build_scripts" / name for name in ("snapshot.mjs", "warm_up.py", "engine_snapshot.py")] + [
    runtime.ROOT / "docs" / "assets" / "calc" / "engine-snapshot.mjs"
]
MANIFEST = "engine.json"
EXTENSION = ".so"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, 9, mtime=0)  # no timestamp: the same input gives the same name


def _publish(target: Path, stem: str, suffix: str, data: bytes) -> str:
    """Write ``data`` as ``engine/<stem>-<hash><suffix>``; return that name."""
    name = f"engine/{stem}-{_digest(data)}{suffix}"
    (target / name).write_bytes(data)
    return name


def unpack_wheels(wheels: list[Path]) -> tuple[list[tuple[str, int]], bytes, dict[str, bytes]]:
    """Every file of ``wheels``: (path, size) pairs with their bytes in order, and the extension modules."""
    manifest: list[tuple[str, int]] = []
    chunks: list[bytes] = []
    extensions: dict[str, bytes] = {}
    for wheel in sorted(wheels):
        with zipfile.ZipFile(wheel) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                path, data = f"{SITE_PACKAGES}/{info.filename}", archive.read(info)
                if info.filename.endswith(EXTENSION):
                    extensions[path] = data
                else:
                    manifest.append((path, len(data)))
                    chunks.append(data)
    return manifest, b"".join(chunks), extensions


def make(target: Path, work: Path, manifest: list[tuple[str, int]], files: bytes, extensions: dict[str, bytes]) -> None:
    """Run ``snapshot.mjs`` on the runtime in ``target``; it writes snapshot.bin and snapshot.json to ``work``."""
    shutil.rmtree(CACHE, ignore_errors=True)  # one snapshot is enough to keep
    work.mkdir(parents=True)
    (work / "files.json").write_text(json.dumps(manifest), "utf-8")
    (work / "files.bin").write_bytes(files)
    inputs = []
    for i, (path, data) in enumerate(sorted(extensions.items())):
        (work / f"lib{i}.so").write_bytes(data)
        inputs.append({"path": path, "file": f"lib{i}.so"})
    (work / "libraries-in.json").write_text(json.dumps(inputs), "utf-8")
    subprocess.run([*MAKE, str(target), str(work)], check=True)


def build(target: Path) -> dict[str, object]:
    """Make the snapshot for the runtime in ``target``; write the engine files; return the manifest."""
    wheels = sorted(target.glob("*.whl"))
    manifest, files, extensions = unpack_wheels(wheels)
    inputs = [*wheels, *(target / name for name in runtime.RUNTIME_FILES), *TOOLS]
    work = CACHE / _digest("".join(_digest(p.read_bytes()) for p in inputs).encode())
    if not (work / "snapshot.json").exists():
        make(target, work, manifest, files, extensions)
    made = json.loads((work / "snapshot.json").read_text("utf-8"))

    shutil.rmtree(target / "engine", ignore_errors=True)
    (target / "engine").mkdir()
    for lib in made["libraries"]:
        stem = Path(lib["path"]).name.split(".")[0].lstrip("_")
        lib["file"] = _publish(target, stem, ".wasm", extensions[lib["path"]])
    stdlib = (target / "python_stdlib.zip").read_bytes()
    engine = {
        "snapshot": _publish(target, "snapshot", ".bin.gz", _gzip((work / "snapshot.bin").read_bytes())),
        "stdlib": f"python_stdlib.zip?v={_digest(stdlib)}",
        "files": {"bundle": _publish(target, "site-packages", ".bin.gz", _gzip(files)), "manifest": manifest},
        "libraries": made["libraries"],
        "tableStart": made["tableStart"],
        "tableLength": made["tableLength"],
    }
    (target / MANIFEST).write_text(json.dumps(engine, ensure_ascii=False), "utf-8")
    return engine
