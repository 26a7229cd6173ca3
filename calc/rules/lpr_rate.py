"""The LPR a rule uses: typed by the user, or looked up on a date, always explained."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .. import lpr
from ..errors import InputError
from ..numbers import rate_text
from ..trace import Trace

TENOR_NAMES = {"1y": "一年期", "5y": "五年期以上"}


def lpr_for(
    typed: Decimal | None,
    day: date | None,
    *,
    tenor: str,
    date_field: str,
    what: str,
    clause: str,
    trace: Trace,
) -> Decimal:
    """The LPR of ``tenor``: ``typed`` when given, else the fixing in force on ``day``.

    Without either, the latest known fixing is used and a warning says so; a day before the
    first fixing is an error on ``date_field``; a day after the series is certainly current
    gives a warning (contract, Conventions: "never a silent guess").
    """
    name = f"{TENOR_NAMES[tenor]}LPR"
    if typed is not None:
        trace.step(name, lambda: rate_text(typed), clause, "按填报")
        return typed
    if day is None:
        found = lpr.lookup(lpr.last_fixing().date, tenor)
        trace.warn(
            f"未填写{what}，{name}按最近一期报价（{found.fixing.date}）{rate_text(found.rate)} 估算，"
            "请按贷款实际发放日的报价核对。"
        )
    else:
        try:
            found = lpr.lookup(day, tenor)
        except lpr.OutOfRange:
            first = lpr.series()[0].date
            raise InputError(date_field, f"早于 LPR 首次报价日（{first}），请直接填写{name}") from None
        if found.stale:
            trace.warn(
                f"{what} {day} 晚于本站 LPR 数据确认有效的最后一天（{lpr.known_until()}），"
                f"已按最近一期报价（{found.fixing.date}）{rate_text(found.rate)} 估算，请核对当期 LPR。"
            )

    def basis() -> str:
        published = f"{found.fixing.date} 公布"
        return f"{found.on} 适用的报价（{published}）" if day else f"最近一期报价（{published}）"

    trace.step(name, lambda: rate_text(found.rate), clause, basis)
    return found.rate
