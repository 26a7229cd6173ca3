"""Ship bytecode instead of Python sources to the browser, where compiling costs time.

Pyodide compiles ``.py`` files on import; that was most of the time pydantic and the stdlib
modules ``calc`` needs took to import in the browser (Pyodide's own ``python_stdlib.zip``
holds sources). The bytecode must come from the runtime's Python (3.14), so this module runs
*inside Pyodide under Node* (``precompile.mjs``) at build time.

- :func:`precompile_wheel`: every ``.py`` of a wheel replaced by its ``.pyc``, RECORD rewritten;
- :func:`precompile_modules`: in a zip of modules (the stdlib), the listed ``.py`` replaced.

The ``.pyc`` files use unchecked hashes (PEP 552), so they never look for a source file, and
zip entries get a fixed timestamp so the output is reproducible.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import marshal
import zipfile
from collections.abc import Callable

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
OPTIMIZE = 0  # keep docstrings and asserts: calc reads docstrings, pydantic may assert


def _pyc(source: bytes, path: str) -> bytes:
    code = compile(source, path, "exec", dont_inherit=True, optimize=OPTIMIZE)
    header = importlib.util.MAGIC_NUMBER + (0b01).to_bytes(4, "little") + importlib.util.source_hash(source)
    return header + marshal.dumps(code)


def _rewrite(data: bytes, compile_it: Callable[[str], bool]) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Rewrite a zip, compiling the ``.py`` entries ``compile_it`` selects; return it and its entries."""
    out = io.BytesIO()
    entries: list[tuple[str, bytes]] = []
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            name, content = info.filename, src.read(info)
            if name.endswith(".dist-info/RECORD") or info.is_dir():
                continue
            if name.endswith(".py") and compile_it(name):
                content, name = _pyc(content, name), name + "c"
            dst.writestr(zipfile.ZipInfo(name, FIXED_TIME), content, zipfile.ZIP_DEFLATED)
            entries.append((name, content))
    return out.getvalue(), entries


def precompile_wheel(wheel: bytes) -> bytes:
    """The same wheel with every ``.py`` replaced by ``.pyc`` and its RECORD rewritten."""
    with zipfile.ZipFile(io.BytesIO(wheel)) as src:
        record = next(n for n in src.namelist() if n.endswith(".dist-info/RECORD"))
    data, entries = _rewrite(wheel, lambda name: True)
    lines = []
    for name, content in entries:
        digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
        lines.append(f"{name},sha256={digest},{len(content)}")
    lines.append(f"{record},,")
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as dst:
        dst.writestr(zipfile.ZipInfo(record, FIXED_TIME), "\n".join(lines) + "\n", zipfile.ZIP_DEFLATED)
    return out.getvalue()


def precompile_modules(archive: bytes, names: set[str]) -> bytes:
    """The same zip with the listed ``.py`` entries (paths inside the zip) replaced by ``.pyc``."""
    return _rewrite(archive, lambda name: name in names)[0]
