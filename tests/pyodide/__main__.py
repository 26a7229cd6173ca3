"""Run the unit tests inside Pyodide: ``python -m tests.pyodide [PYTEST_ARG...]``.

Uses the built site's runtime and wheels (run ``make site`` first) and the pinned test wheels
of ``test-wheels.txt``, with the batch page's Excel libraries; tests marked ``cpython_only``
(subprocesses, build tools) are left out.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from build_scripts import runtime
from build_scripts.build import SITE, download_wheels

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    """Download the test wheels if needed, then run pytest in Pyodide under Node."""
    wheels = download_wheels(HERE / "test-wheels.txt", runtime.ROOT / "build" / "test-wheels")
    pytest_args = [
        "/repo/tests/unit",
        "--rootdir=/repo",
        "-q",
        "-p",
        "no:cacheprovider",
        "-m",
        "not cpython_only",
        "-o",
        "markers=cpython_only: not run in Pyodide",
        *argv,
    ]
    command = ["node", str(HERE / "run.mjs"), str(SITE / runtime.site_path()), *map(str, wheels), "--", *pytest_args]
    env = {**os.environ, "CALC_BATCH_PACKAGES": ",".join(runtime.BATCH_PACKAGES)}
    return subprocess.run(command, check=False, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
