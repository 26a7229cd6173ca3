"""What the benchmark reads from the built site before it starts."""

from __future__ import annotations

import json
import re
from pathlib import Path

from build_scripts import runtime
from tests.bench.errors import BenchError
from tests.bench.settings import CALC_PATH, LIGHT_PAGES


def check_site(site: Path) -> None:
    """Fail early, with a hint, if the site or its runtime is missing."""
    needed = [
        site / "index.html",
        site / "sw.js",
        *(site / path / "index.html" for path in LIGHT_PAGES),
        site / CALC_PATH.split("?")[0] / "index.html",
        site / runtime.site_path() / "pyodide.mjs",
    ]
    missing = [str(path) for path in needed if not path.exists()]
    if missing:
        raise BenchError(f"the site is not built (missing {', '.join(missing)}): run `make site`")


def precache_files(site: Path) -> int:
    """How many files sw.js precaches (its FILES list)."""
    found = re.search(r"^const FILES = (.*);$", (site / "sw.js").read_text("utf-8"), re.MULTILINE)
    if not found:
        raise BenchError(f"{site / 'sw.js'} has no FILES list")
    return len(json.loads(found.group(1)))


def sitemap_pages(site: Path) -> int:
    """Pages listed in sitemap.xml (Material's instant navigation intercepts links to these only)."""
    path = site / "sitemap.xml"
    return path.read_text("utf-8").count("<loc>") if path.exists() else 0
