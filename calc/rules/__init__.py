"""Where each estimator's module is: in its policy's folder, or here for estimators across policies.

A policy's estimators are listed in its ``policy.toml`` (``estimator id = module``) and live in
``calc/policies/<policy>/<module>.py``; the estimators that span every policy (the matcher) live
in this package. A module registers its estimator when imported. Modules are imported on first
use, so the browser, which runs one calculator, imports one rule module; listing the estimators
imports them all.

This package also holds the vocabulary the rules share: conditions (yes/no/unknown), validity
windows, LPR look-ups, caps.
"""

from __future__ import annotations

import importlib
from functools import cache

from .. import policies

#: Estimators across policies: id → module of this package.
GENERAL = {"policy-match": "policy_match"}


@cache
def modules() -> dict[str, str]:
    """Estimator id → full module name, policies in the site's order, then the general ones."""
    found = {
        estimator_id: f"{policies.__name__}.{policy.package}.{module}"
        for policy in policies.all_policies()
        for estimator_id, module in policy.estimators.items()
    }
    return found | {estimator_id: f"{__name__}.{module}" for estimator_id, module in GENERAL.items()}


def load(estimator_id: str) -> None:
    """Import the module of one estimator (registering it); unknown ids are left alone."""
    module = modules().get(estimator_id) if isinstance(estimator_id, str) else None
    if module:
        importlib.import_module(module)


def load_all() -> None:
    """Import every rule module, in the site's order."""
    for estimator_id in modules():
        load(estimator_id)
