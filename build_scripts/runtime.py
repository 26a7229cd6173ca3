"""The Pyodide runtime inside the site: version, location and what it ships.

The runtime comes from the npm package ``pyodide`` (pinned in ``package.json``); the wheels
the browser loads come from PyPI (pinned with hashes in ``browser-wheels.txt``) plus the
``calc`` wheel built from this repository. Everything lives under a versioned folder so that
a new runtime never mixes with a cached old one.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NPM_DIR = ROOT / "node_modules" / "pyodide"
WHEELS_DIR = ROOT / "build" / "wheels"
WHEEL_LIST = ROOT / "build_scripts" / "browser-wheels.txt"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
DECODER = ROOT / "node_modules" / "zstddec" / "dist" / "zstddec.mjs"  # zstd, for the engine's files
DECODER_SITE_PATH = "assets/calc/vendor/zstddec.mjs"  # where engine-worker.js imports it from
PACKAGES = ("calc",)  # what the page asks loadPackage for; the lock resolves the rest
# Wheels only the batch page loads (reading and writing Excel files), with loadPackage from the
# site's lock once the engine is up: calculator pages never fetch them, the snapshot holds none.
BATCH_PACKAGES = ("openpyxl", "et-xmlfile", "defusedxml", "xlsxwriter")


def version() -> str:
    """The pinned Pyodide version, from ``package.json``."""
    return json.loads((ROOT / "package.json").read_text("utf-8"))["dependencies"]["pyodide"]


def site_path() -> str:
    """The runtime's folder in the site, relative to the site root, with a trailing slash."""
    return f"pyodide/{version()}/"


def batch_only(wheel: str) -> bool:
    """Whether the wheel file named ``wheel`` is one of :data:`BATCH_PACKAGES`."""
    return wheel.split("-")[0].lower().replace("_", "-") in BATCH_PACKAGES
