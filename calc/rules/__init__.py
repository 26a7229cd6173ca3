"""The rules, one package per policy, one module per estimator; importing registers them."""

from . import sanming_ktd  # noqa: F401
