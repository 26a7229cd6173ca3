"""三明市科技特派员创新创业贷款及贴息方案（“科特贷”）: policy ``sanming-ktd``."""

from . import compensation, eligibility, portfolio, subsidy  # noqa: F401
