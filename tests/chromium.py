"""How tests and the benchmark launch Debian's Chromium (Playwright cannot download browsers here)."""

from __future__ import annotations

import os

EXECUTABLE = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts at start.
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


def launch_args() -> dict:
    """Keyword arguments for ``browser_type.launch``."""
    return {"executable_path": EXECUTABLE, "args": ARGS}
