"""Run inside Pyodide before the engine's memory snapshot is taken (see snapshot.mjs).

Everything imported or built here is in the snapshot, so a restored engine answers its first
request without importing or compiling anything: the bridge, every rule module, every
estimator's pydantic model (validators are built on first use) and the LPR series.
"""

import gc
import json

from calc import lpr
from calc.bridge import run_json
from calc.engine import estimators

lpr.series()
for estimator in estimators():  # imports every rule module
    run_json(estimator.id, json.dumps(estimator.example, default=str))
    run_json(estimator.id, "{}")
gc.collect()
