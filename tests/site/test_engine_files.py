"""A restored engine needs no file beyond its start: every calculator runs from the snapshot alone.

The browser starts the engine without the stdlib zip and the shipped modules (engine_snapshot.py);
an import outside the snapshot fetches them (warm_up.py's LazyFiles). Every estimator's example,
an empty input, and every spelling of ``tests/bad_inputs.py`` (understood and rejected) run in the
engine restored under Node exactly as the worker restores it: none may fetch a file, or fail
inside. Importing a stdlib module that no calculator uses then fails while the network is cut,
and fetches both, once, and works when it is back.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import calc
from build_scripts import runtime
from tests.bad_inputs import TARGETS, rejected, understood

pytestmark = pytest.mark.cpython_only
SCRIPT = Path(__file__).resolve().parents[1] / "pyodide" / "engine_files.mjs"


def cases() -> list[list[str]]:
    """[estimator id, inputs as JSON] for every example, empty inputs and every bad-input spelling."""
    found = []
    for estimator in calc.engine.estimators():
        found += [[estimator.id, json.dumps(estimator.example, default=str)], [estimator.id, "{}"]]
    for target in TARGETS:
        values = [target.canonical, *understood(target.kind, target.canonical), *rejected(target)]
        found += [[target.estimator, json.dumps(target.inputs(value))] for value in values]
    return found


def test_calculators_need_no_file_beyond_the_start(site_dir: Path, tmp_path: Path) -> None:
    all_cases = cases()
    (tmp_path / "cases.json").write_text(json.dumps(all_cases), "utf-8")
    out = subprocess.run(
        ["node", str(SCRIPT), str(site_dir / runtime.site_path()), str(tmp_path / "cases.json")],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(all_cases) > 300
    assert found["duringRuns"] == [], "a calculator imported a module the snapshot does not hold"
    assert found["internal"] == []
    assert sorted(name.split("-")[0].split("?")[0] for name in found["afterImport"]) == [
        "python_stdlib.zip",
        "site",
    ]
    assert found["cutOff"] == "failed"  # no file: the import fails, and the finder stays for the next one
    assert found["imported"] == "- a+ b"
