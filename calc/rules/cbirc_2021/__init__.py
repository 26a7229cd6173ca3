"""银保监会关于银行业保险业支持高水平科技自立自强的指导意见: policy ``cbirc-2021``."""

from . import npl_tolerance  # noqa: F401
