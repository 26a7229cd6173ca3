"""The rules, one package per policy, one module per estimator.

A module registers its estimator when imported. Modules are imported on first use, so the
browser, which runs one calculator, imports one rule module and not thirteen; listing the
estimators imports them all.
"""

from __future__ import annotations

import importlib

MODULES = {
    "sanming-ktd-eligibility": "sanming_ktd.eligibility",
    "sanming-ktd-subsidy": "sanming_ktd.subsidy",
    "sanming-ktd-compensation": "sanming_ktd.compensation",
    "sanming-ktd-portfolio": "sanming_ktd.portfolio",
    "national-guarantee": "national_guarantee.guarantee",
    "liaocheng-patent-pledge": "liaocheng_2024.patent_pledge",
    "liaocheng-guarantee-fee": "liaocheng_2024.guarantee_fee",
    "liaocheng-insurance": "liaocheng_2024.insurance",
    "liaocheng-listing": "liaocheng_2024.listing",
    "liaocheng-risk-compensation": "liaocheng_2024.risk_compensation",
    "liaocheng-transfer-loan-topup": "liaocheng_2024.transfer_loan_topup",
    "cbirc-npl-tolerance": "cbirc_2021.npl_tolerance",
    "policy-match": "policy_match",
}


def load(estimator_id: str) -> None:
    """Import the module of one estimator (registering it); unknown ids are left alone."""
    if estimator_id in MODULES:
        importlib.import_module(f"{__name__}.{MODULES[estimator_id]}")


def load_all() -> None:
    """Import every rule module, in the contract's order."""
    for estimator_id in MODULES:
        load(estimator_id)
