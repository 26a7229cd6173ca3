"""Run inside Pyodide before the engine's memory snapshot is taken (see snapshot.mjs).

Everything imported or built here is in the snapshot, so a restored engine answers its first
request without importing or compiling anything: the bridge, every rule module, every
estimator's pydantic model (validators are built on first use) and the LPR series.

A restored engine starts without the stdlib zip and the shipped modules (engine_snapshot.py):
the snapshot holds every module a calculator needs. ``LazyFiles`` stands in front of the path
finder for the rest: the first import of a module that could be in those files asks the page's
``calc_engine_files`` module (engine-snapshot.mjs) to write them, synchronously, and then steps
aside. ``tests/site/test_engine_files.py`` checks that no calculator run needs them.
"""

import gc
import importlib
import json
import os
import sys
import zipfile

from calc import lpr
from calc.bridge import run_json
from calc.engine import estimators


class LazyFiles:
    """Meta path finder: on the first import the snapshot cannot answer, bring the files, then step aside."""

    def __init__(self, names: frozenset[str], stdlib: str) -> None:
        self.names = names  # top-level names of the stdlib zip and site-packages
        self.stdlib = stdlib

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        """Fetch the files if ``name`` may be in them; the path finder then does the import."""
        if name.partition(".")[0] not in self.names:
            return None  # an optional module that is nowhere: nothing to fetch
        import calc_engine_files  # registered by the restore (engine-snapshot.mjs); not in self.names

        calc_engine_files.load(self.stdlib)  # if it fails (no network), the import fails; the next one retries
        sys.meta_path.remove(self)
        importlib.invalidate_caches()
        return None


def top_level_names(stdlib: str, site_packages: str) -> frozenset[str]:
    """Importable top-level names in the stdlib zip and in site-packages."""
    with zipfile.ZipFile(stdlib) as archive:
        entries = [name.split("/")[0] for name in archive.namelist()]
    entries += os.listdir(site_packages)
    return frozenset(entry.split(".")[0] for entry in entries)


lpr.series()
for estimator in estimators():  # imports every rule module
    run_json(estimator.id, json.dumps(estimator.example, default=str))
    run_json(estimator.id, "{}")
STDLIB = next(entry for entry in sys.path if entry.endswith(".zip"))
SITE_PACKAGES = next(entry for entry in sys.path if entry.endswith("site-packages"))
finder = next(i for i, f in enumerate(sys.meta_path) if getattr(f, "__name__", "") == "PathFinder")
sys.meta_path.insert(finder, LazyFiles(top_level_names(STDLIB, SITE_PACKAGES), STDLIB))
gc.collect()
