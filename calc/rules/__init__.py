"""The rules, one package per policy, one module per estimator; importing registers them."""

from . import cbirc_2021, liaocheng_2024, national_guarantee, policy_match, sanming_ktd  # noqa: F401
