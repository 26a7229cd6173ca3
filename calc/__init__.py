"""Calculators of China's science-and-technology finance policies.

Public contract: ``estimators.md``. ``run(id, inputs)`` returns the JSON-ready result,
``schema(id)`` the JSON Schema of the inputs, ``catalogue()`` the list of estimators. The same
code runs in CPython and in the browser under Pyodide.
"""

from .engine import catalogue, estimators, result_schema, run, schema

__all__ = ["catalogue", "estimators", "result_schema", "run", "schema"]
__version__ = "0.1.0"
