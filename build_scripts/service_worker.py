"""Write ``site/sw.js``: the service worker of ``templates/sw.js`` with this build's file list.

Every file of the site is listed by its address relative to the site root (pages by their
folder, as browsers ask for them), except the precompressed copies, source maps, dot files,
Material's lunr search (the site's own search worker replaces it: see search_index.py), and what
only the engine's ordinary start uses (the wheels: the snapshot carries their contents; the batch
page's wheels are kept, since it installs them into a started engine), and the
zstd copies of the wasm files (a visit with the offline copy uses the plain ones, whose compiled
code the browser keeps).
``python_stdlib.zip`` is listed under the versioned address the engine asks for. VERSION is a hash of every listed file,
so any change gives a new worker, and with it a fresh copy of the site. SIZES gives, for each
file, its bytes and the bytes a ``gzip_static`` server sends (see downloads.py), so that the
worker can tell the page how far the copy got; their sum is the size the page announces before
it asks whether to keep the copy.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from . import runtime
from .downloads import sent

TEMPLATE = Path(__file__).resolve().parent / "templates" / "sw.js"
LEFT_OUT = (".whl", ".map", "sw.js", ".wasm.zst")  # a visit with the copy compiles the plain .wasm
# Material's lunr worker and its language files: no page loads them since the site's search
# worker took its place (the offline search test fails if the site's worker needed one of them).
LUNR = "assets/javascripts/lunr/"
LUNR_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")


def address(rel: str, stdlib: str) -> str:
    """The address a browser asks for, relative to the site root, of the file at ``rel``."""
    if rel.endswith("/python_stdlib.zip"):
        return rel.removesuffix("python_stdlib.zip") + stdlib
    if rel == "index.html":
        return "./"
    return rel.removesuffix("index.html") if rel.endswith("/index.html") else rel


def site_files(site: Path, stdlib: str) -> dict[str, Path]:
    """Address → file, for every file the worker keeps."""
    files = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        precompressed = rel.endswith(".gz") and path.with_suffix("").is_file()  # a copy of the file beside it
        unused = rel.startswith(LUNR) or LUNR_WORKER.fullmatch(rel)
        left_out = rel.endswith(LEFT_OUT) and not (rel.endswith(".whl") and runtime.batch_only(path.name))
        if not (precompressed or unused or left_out or path.name.startswith(".")):
            files[address(rel, stdlib)] = path
    return files


def offline_bytes(site: Path, stdlib: str) -> int:
    """Bytes the worker downloads for its copy (``.gz`` copies where a server can send them)."""
    return sum(sent(path) for path in site_files(site, stdlib).values())


def write(site: Path, stdlib: str) -> int:
    """Write ``site/sw.js``; ``stdlib`` is the stdlib's versioned name. Return the number of files kept."""
    files = site_files(site, stdlib)
    digest = hashlib.sha256()
    for rel, path in files.items():
        digest.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    sizes = [[path.stat().st_size, sent(path)] for path in files.values()]
    header = (
        f"const VERSION = {json.dumps(digest.hexdigest()[:16])};\n"
        f"const FILES = {json.dumps(list(files))};\n"
        f"const SIZES = {json.dumps(sizes)};\n"
    )
    (site / "sw.js").write_text(header + TEMPLATE.read_text("utf-8"), "utf-8")
    return len(files)
