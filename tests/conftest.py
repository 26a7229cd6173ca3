"""Shared fixtures: the built site served on a free local port, and Chromium's launch arguments."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from build_scripts.serve import serve_in_background
from tests.chromium import launch_args

SITE = Path(__file__).resolve().parents[1] / "site"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make test` (it builds the site first)")
    return SITE


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site on http://127.0.0.1:<free port>/ (overrides pytest-base-url)."""
    server, url = serve_in_background(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, **launch_args()}
