"""The LPR page (``lpr.md``): what the series is, where it comes from, a chart and every fixing.

Everything is generated from :mod:`calc.lpr` at build time, so the page always shows the data
the calculators use. The chart is inline SVG: no script, no font, no request; its axes and
labels use ``currentColor`` (the theme's text colour in light and dark schemes) and its two
lines mid-tone colours that read on both backgrounds, told apart by a dash pattern as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from itertools import pairwise

from calc import lpr
from calc.lpr import Fixing

from .templates import render

TENORS = (("1y", "1年期", "一年期"), ("5y", "5年期以上", "五年期以上"))  # id, chart label, table label
COLORS = {"1y": "#1e88e5", "5y": "#e8590c"}
DASHES = {"1y": "", "5y": "6 4"}

# Chart geometry, in viewBox units (the SVG scales to the width of the page).
WIDTH, HEIGHT = 560, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 60, 16, 36
Y_STEP = Decimal("0.5")  # percent between two horizontal grid lines
LABEL_GAP = 14  # least vertical distance between the two end labels


def rate(fixing: Fixing, tenor: str) -> Decimal:
    """The fixing's rate of a tenor (``"1y"`` or ``"5y"``), in %."""
    return fixing.lpr_1y if tenor == "1y" else fixing.lpr_5y


def cn_date(day: date) -> str:
    """``2026年2月24日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def basis_points(change: Decimal) -> int:
    """A change of rate in % as basis points (0.10 → 10)."""
    return int(change * 100)


# ---------- the table ----------


@dataclass(frozen=True)
class Row:
    """One fixing as the table shows it, with what changed since the previous one."""

    date: date
    lpr_1y: Decimal
    lpr_5y: Decimal
    changed_1y: bool
    changed_5y: bool
    change: str


def change_text(previous: Fixing | None, current: Fixing) -> str:
    """``一年期 ↓10 基点；五年期以上 ↓15 基点``, ``—`` when nothing changed."""
    if previous is None:
        return "改革后首次报价"
    parts = []
    for tenor, _, label in TENORS:
        delta = basis_points(rate(current, tenor) - rate(previous, tenor))
        if delta:
            parts.append(f"{label} {'↓' if delta < 0 else '↑'}{abs(delta)} 基点")
    return "；".join(parts) or "—"


def rows() -> list[Row]:
    """Every fixing, newest first."""
    fixings = lpr.series()
    previous: list[Fixing | None] = [None, *fixings[:-1]]
    out = [
        Row(
            f.date,
            f.lpr_1y,
            f.lpr_5y,
            before is not None and f.lpr_1y != before.lpr_1y,
            before is not None and f.lpr_5y != before.lpr_5y,
            change_text(before, f),
        )
        for before, f in zip(previous, fixings, strict=True)
    ]
    return out[::-1]


def total_change(first: Fixing, last: Fixing) -> str:
    """``一年期累计下降 125 基点，五年期以上累计下降 135 基点``."""
    parts = []
    for tenor, _, label in TENORS:
        delta = basis_points(rate(last, tenor) - rate(first, tenor))
        parts.append(f"{label}累计{'下降' if delta < 0 else '上升'} {abs(delta)} 基点" if delta else f"{label}不变")
    return "，".join(parts)


def adjustments() -> int:
    """How many fixings changed at least one rate."""
    return sum(a.lpr_1y != b.lpr_1y or a.lpr_5y != b.lpr_5y for a, b in pairwise(lpr.series()))


# ---------- the chart ----------


@dataclass(frozen=True)
class Line:
    """One tenor's step line and its labels."""

    tenor: str
    label: str
    color: str
    dash: str
    points: str  # the polyline's "x,y x,y …"
    end_x: float
    end_y: float
    end_label: str


@dataclass(frozen=True)
class Tick:
    """A tick of an axis: its position and its label."""

    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    """What the SVG template needs, every coordinate already in viewBox units."""

    width: int
    height: int
    left: int
    right: float
    top: int
    bottom: float
    lines: list[Line]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    title: str
    description: str


class Scale:
    """From dates and rates to viewBox coordinates."""

    def __init__(self, start: date, end: date, low: Decimal, high: Decimal) -> None:
        self.start, self.days = start, (end - start).days
        self.low, self.high = low, high

    def x(self, day: date) -> float:
        """Horizontal position of a date."""
        return round(LEFT + (day - self.start).days / self.days * (WIDTH - LEFT - RIGHT), 1)

    def y(self, value: Decimal) -> float:
        """Vertical position of a rate in %."""
        return round(TOP + float((self.high - value) / (self.high - self.low)) * (HEIGHT - TOP - BOTTOM), 1)


def rate_range(fixings: tuple[Fixing, ...]) -> tuple[Decimal, Decimal]:
    """Grid-aligned bounds around every rate, with a little room below and above."""
    values = [rate(f, tenor) for f in fixings for tenor, _, _ in TENORS]
    low = ((min(values) - Y_STEP / 2) / Y_STEP).to_integral_value(ROUND_FLOOR) * Y_STEP
    high = ((max(values) + Y_STEP / 5) / Y_STEP).to_integral_value(ROUND_CEILING) * Y_STEP
    return low, high


def step_points(fixings: tuple[Fixing, ...], tenor: str, scale: Scale, end: date) -> list[tuple[float, float]]:
    """Two points per fixing: where it takes effect and where the next one replaces it."""
    ends = [f.date for f in fixings[1:]] + [end]
    points: list[tuple[float, float]] = []
    for fixing, until in zip(fixings, ends, strict=True):
        y = scale.y(rate(fixing, tenor))
        points += [(scale.x(fixing.date), y), (scale.x(until), y)]
    return points


def end_label_positions(ys: list[float]) -> list[float]:
    """The lines' end labels, moved apart vertically when they would overlap (two lines)."""
    if len(ys) == 2 and abs(ys[0] - ys[1]) < LABEL_GAP:
        middle = (ys[0] + ys[1]) / 2
        upper, lower = middle - LABEL_GAP / 2, middle + LABEL_GAP / 2
        return [upper, lower] if ys[0] <= ys[1] else [lower, upper]
    return ys


def lines(fixings: tuple[Fixing, ...], scale: Scale, end: date) -> list[Line]:
    """The two step lines."""
    last = fixings[-1]
    label_ys = end_label_positions([scale.y(rate(last, tenor)) for tenor, _, _ in TENORS])
    out = []
    for (tenor, label, _), label_y in zip(TENORS, label_ys, strict=True):
        points = step_points(fixings, tenor, scale, end)
        out.append(
            Line(
                tenor,
                label,
                COLORS[tenor],
                DASHES[tenor],
                " ".join(f"{x:g},{y:g}" for x, y in points),
                scale.x(end),
                label_y,
                f"{rate(last, tenor)}%",
            )
        )
    return out


def y_ticks(scale: Scale) -> list[Tick]:
    """A horizontal grid line every :data:`Y_STEP` percent."""
    count = int((scale.high - scale.low) / Y_STEP)
    values = [scale.low + Y_STEP * i for i in range(count + 1)]
    return [Tick(scale.y(v), f"{v:.1f}%") for v in values]


def x_ticks(scale: Scale, start: date, end: date) -> list[Tick]:
    """A tick at every 1 January inside the chart."""
    return [Tick(scale.x(date(year, 1, 1)), str(year)) for year in range(start.year + 1, end.year + 1)]


def trend(fixings: tuple[Fixing, ...]) -> str:
    """The chart's summary for screen readers and as its title, in Chinese."""
    first, last = fixings[0], fixings[-1]
    parts = []
    for tenor, label, _ in TENORS:
        before, after = rate(first, tenor), rate(last, tenor)
        verb = "降至" if after < before else "升至" if after > before else "保持"
        parts.append(f"{label}从 {before}% {verb} {after}%" if verb != "保持" else f"{label}保持 {after}%")
    return f"LPR 走势（{cn_date(first.date)}至{cn_date(last.date)}）：{'，'.join(parts)}。"


def chart() -> Chart:
    """The chart of both tenors from the first fixing to the day the series is known to be current."""
    fixings = lpr.series()
    start, end = fixings[0].date, lpr.known_until()
    scale = Scale(start, end, *rate_range(fixings))
    description = f"共 {len(fixings)} 次报价，其中 {adjustments()} 次有调整。"
    return Chart(
        WIDTH,
        HEIGHT,
        LEFT,
        WIDTH - RIGHT,
        TOP,
        HEIGHT - BOTTOM,
        lines(fixings, scale, end),
        x_ticks(scale, start, end),
        y_ticks(scale),
        trend(fixings),
        description,
    )


# ---------- the page ----------


def lpr_page() -> str:
    """The Markdown of ``lpr.md``."""
    fixings = lpr.series()
    first, last = fixings[0], fixings[-1]
    return (
        render(
            "lpr.md.j2",
            source=lpr.SOURCE,
            first=first,
            last=last,
            cn_date=cn_date,
            known_until=lpr.known_until(),
            count=len(fixings),
            adjustments=adjustments(),
            total_change=total_change(first, last),
            chart=chart(),
            rows=rows(),
        ).rstrip()
        + "\n"
    )
