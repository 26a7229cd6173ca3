"""聊城市加强科技财政金融协同服务企业创新发展的若干措施: policy ``liaocheng-2024``."""

from . import (  # noqa: F401
    guarantee_fee,
    insurance,
    listing,
    patent_pledge,
    risk_compensation,
    transfer_loan_topup,
)
