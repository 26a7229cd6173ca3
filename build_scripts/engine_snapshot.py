"""The engine's start-up files: a memory snapshot of a warmed-up interpreter, and what it needs.

Written into ``site/pyodide/<version>/`` after the runtime is assembled (see ``snapshot.mjs``
and ``docs/assets/calc/engine-snapshot.mjs``):

- ``engine.json``, read by the worker first: names of the files below, the extension modules'
  addresses, the site-packages file lists;
- ``engine/snapshot-<hash>.bin.zst``: the interpreter's memory, zstd-compressed by us (any server
  can send it; the worker decodes it with zstddec's wasm decoder), in frames of ``FRAME`` bytes
  (``snapshotFrames``: each frame's size and its decoded size) so that the decoder never holds
  more than one frame. Pages that hold exactly the runtime's own
  initial data (``pyodide.asm.wasm``'s data segments, unchanged since start-up) are zeroed here
  and listed in ``borrowed``: the restore copies them from the fresh module's memory, after
  checking their checksum, instead of downloading them a second time;
- ``engine/site-packages-data-<hash>.bin.zst``: the data files of the shipped wheels (written at
  every start: a program may read them at any time);
- ``engine/site-packages-code-<hash>.bin.zst``: their modules, and ``python_stdlib.zip``: fetched
  only when a module that the snapshot does not hold is imported (``warm_up.py``'s ``LazyFiles``);
  an empty zip (``engine/stdlib-empty.zip``) stands in for the stdlib until then;
- ``engine/<module>-<hash>.wasm``: each extension module, under a name servers send as
  ``application/wasm``, so browsers compile it while it downloads and cache the compiled code;
- ``engine/<module>-<hash>.wasm.zst`` and ``engine/pyodide.asm-<hash>.wasm.zst``: the same and the
  runtime's wasm, zstd-compressed (0.99 and 2.89 MB where gzip sends 1.40 and 3.53 MB). The first
  visit fetches these; a visit that has the offline copy uses the plain files, whose compiled
  code the browser keeps (``engine-worker.js``).

Hashed names never change meaning, so they may be cached for ever; ``engine.json`` may not. The
stdlib zip is named with its hash as a query (``python_stdlib.zip?v=…``) because the snapshot
remembers where in it each module lies.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import zstandard

from . import runtime, wasm_data

SITE_PACKAGES = "/lib/python3.14/site-packages"
MAKE = ["node", str(runtime.ROOT / "build_scripts" / "snapshot.mjs")]
CACHE = runtime.ROOT / "build" / "snapshot"
TOOLS = [runtime.ROOT / "build_scripts" / name for name in ("snapshot.mjs", "warm_up.py", "engine_snapshot.py")] + [
    runtime.ROOT / "docs" / "assets" / "calc" / "engine-snapshot.mjs"
]
MANIFEST = "engine.json"
EXTENSION = ".so"
CODE = (".pyc", ".py", ".pyi")  # fetched on the first import the snapshot cannot answer
ZSTD_LEVEL = 19  # 6.35 MB for the snapshot against gzip -9's 8.7 MB (issue 13)
FRAME = 16 << 20  # 3 frames: 55 kB more than one, and the decoder's memory stays near 20 MB
EMPTY_ZIP = b"PK\x05\x06" + bytes(18)  # end of central directory, no entries


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _zstd(data: bytes) -> bytes:
    return zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(data)  # the frame records the size


def _zstd_frames(data: bytes) -> tuple[bytes, list[list[int]]]:
    """``data`` as zstd frames of ``FRAME`` bytes each; the frames and their [size, decoded size]."""
    frames = [_zstd(data[start : start + FRAME]) for start in range(0, len(data), FRAME)]
    sizes = [[len(frame), min(FRAME, len(data) - i * FRAME)] for i, frame in enumerate(frames)]
    return b"".join(frames), sizes


def _publish(target: Path, stem: str, suffix: str, data: bytes) -> str:
    """Write ``data`` as ``engine/<stem>-<hash><suffix>``; return that name."""
    name = f"engine/{stem}-{_digest(data)}{suffix}"
    (target / name).write_bytes(data)
    return name


def split_files(manifest: list[tuple[str, int]], files: bytes) -> dict[str, tuple[list[tuple[str, int]], bytes]]:
    """The bundle in two: ``data`` (written at every start) and ``code`` (fetched on a first import)."""
    parts: dict[str, tuple[list[tuple[str, int]], list[bytes]]] = {"data": ([], []), "code": ([], [])}
    offset = 0
    for path, size in manifest:
        listed, chunks = parts["code" if path.endswith(CODE) else "data"]
        listed.append((path, size))
        chunks.append(files[offset : offset + size])
        offset += size
    return {name: (listed, b"".join(chunks)) for name, (listed, chunks) in parts.items()}


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
    wheels = sorted(w for w in target.glob("*.whl") if not runtime.batch_only(w.name))
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
        lib["packed"] = _publish(target, stem, ".wasm.zst", _zstd(extensions[lib["path"]]))
    stdlib = (target / "python_stdlib.zip").read_bytes()
    snapshot = bytearray((work / "snapshot.bin").read_bytes())
    borrowed = wasm_data.borrow_pages(snapshot, (target / "pyodide.asm.wasm").read_bytes())
    packed, frames = _zstd_frames(bytes(snapshot))
    bundles = {
        name: {"bundle": _publish(target, f"site-packages-{name}", ".bin.zst", _zstd(data)), "manifest": listed}
        for name, (listed, data) in split_files(manifest, files).items()
    }
    engine = {
        "runtimeWasm": {
            "file": "pyodide.asm.wasm",
            "packed": _publish(target, "pyodide.asm", ".wasm.zst", _zstd((target / "pyodide.asm.wasm").read_bytes())),
        },
        "snapshot": _publish(target, "snapshot", ".bin.zst", packed),
        "snapshotBytes": len(snapshot),
        "snapshotFrames": frames,
        "borrowed": borrowed,
        "stdlib": f"python_stdlib.zip?v={_digest(stdlib)}",
        "stdlibStandIn": _publish(target, "stdlib-empty", ".zip", EMPTY_ZIP),
        "files": bundles["data"],
        "lazyFiles": bundles["code"],
        "libraries": made["libraries"],
        "tableStart": made["tableStart"],
        "tableLength": made["tableLength"],
    }
    (target / MANIFEST).write_text(json.dumps(engine, ensure_ascii=False), "utf-8")
    return engine
