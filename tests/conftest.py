"""Shared fixtures: the built site served on a free local port, and Chromium's launch arguments.

The unit tests also run inside Pyodide (tests/pyodide/run.mjs), where neither the site, the
server nor a browser exist: those are imported only by the fixtures that need them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

if sys.platform == "emscripten":  # inside Pyodide: the build tools (jinja2, mkdocs) are not there
    collect_ignore = [
        "unit/test_bench_stats.py",
        "unit/test_build_scripts.py",
        "unit/test_calculator_pages.py",
        "unit/test_cited_anchors.py",
        "unit/test_forms.py",
        "unit/test_glossary.py",
        "unit/test_lpr_page.py",
        "unit/test_new_policy.py",
        "unit/test_overview.py",
        "unit/test_plain_language.py",
        "unit/test_search_index.py",
    ]

SITE = Path(__file__).resolve().parents[1] / "site"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "cpython_only: needs the build tools or subprocesses, not run in Pyodide")


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make test` (it builds the site first)")
    return SITE


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site on http://127.0.0.1:<free port>/ (overrides pytest-base-url)."""
    from build_scripts.serve import serve_in_background

    server, url = serve_in_background(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    from tests.chromium import launch_args

    return {**browser_type_launch_args, **launch_args()}
