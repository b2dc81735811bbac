"""Charts as server-drawn SVG: no JavaScript, readable without colour (each line has its own dash pattern
and a label at its end), named for assistive technology (role img, a title and a summary). The figures are
always in a data table beside the chart; the chart only shows their shape.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from markupsafe import Markup

WIDTH, HEIGHT = 680, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 150, 16, 40
COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#f47738", "#505a5f")  # GOV.UK colours
DASHES = ("", "8 4", "2 4", "12 4 2 4", "4 4", "1 3")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class Band:
    """A shaded range, such as a forecast's 80% interval."""

    name: str
    low: Sequence[float]
    high: Sequence[float]
    opacity: float = 0.18


@dataclass
class _Scale:
    low: float
    high: float
    ticks: list[float] = field(default_factory=list)

    def y(self, value: float) -> float:
        span = (self.high - self.low) or 1
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (value - self.low) / span)


def _nice_scale(values: Sequence[float], *, include_zero: bool) -> _Scale:
    low, high = min(values), max(values)
    if include_zero:
        low, high = min(low, 0), max(high, 0)
    if low == high:
        high = low + 1
    raw = (high - low) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start, end = math.floor(low / step) * step, math.ceil(high / step) * step
    ticks = [start + i * step for i in range(round((end - start) / step) + 1)]
    return _Scale(start, end, ticks)


def _x(i: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT
    return LEFT + (inner * i / (count - 1) if count > 1 else inner / 2)


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10 or value == int(value) else f"{value:,.1f}"


def _frame(chart_id: str, title: str, summary: str, scale: _Scale, x_labels: Sequence[str],
           x_at: Sequence[float]) -> list[str]:  # fmt: skip
    parts = [
        f'<svg class="hearth-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" font-family="arial, sans-serif" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(summary)}</desc>',
    ]
    for tick in scale.ticks:
        y = scale.y(tick)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b1b4b6" '
                     f'stroke-width="{1.5 if tick == 0 else 0.5}"/>'
                     f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12">{_number(tick)}</text>')  # fmt: skip
    step = max(1, math.ceil(len(x_labels) / 8))
    for i, label in enumerate(x_labels):
        if i % step == 0 or i == len(x_labels) - 1:
            parts.append(f'<text x="{x_at[i]:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
                         f'font-size="12">{escape(label)}</text>')  # fmt: skip
    return parts


def line_chart(*, chart_id: str, title: str, summary: str, x_labels: Sequence[str], series: Sequence[Series],
               bands: Sequence[Band] = (), include_zero: bool = True) -> Markup:  # fmt: skip
    """Lines over the same x labels, with optional shaded bands behind them."""
    values = [v for s in series for v in s.values if v is not None]
    values += [v for b in bands for v in (*b.low, *b.high)]
    if not values or not x_labels:
        return Markup("")
    scale = _nice_scale(values, include_zero=include_zero)
    x_at = [_x(i, len(x_labels)) for i in range(len(x_labels))]
    parts = _frame(chart_id, title, summary, scale, x_labels, x_at)
    for n, band in enumerate(bands):
        upper = [f"{x_at[i]:.1f},{scale.y(v):.1f}" for i, v in enumerate(band.high)]
        lower = [f"{x_at[i]:.1f},{scale.y(v):.1f}" for i, v in reversed(list(enumerate(band.low)))]
        parts.append(f'<polygon points="{" ".join(upper + lower)}" fill="{COLOURS[0]}" '
                     f'fill-opacity="{band.opacity + 0.1 * n:.2f}" stroke="none"/>')  # fmt: skip
    for n, line in enumerate(series):
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        points = [(x_at[i], scale.y(v)) for i, v in enumerate(line.values) if v is not None]
        if not points:
            continue
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3"{dash_attr}/>')
        x, y = points[-1]
        parts.append(
            f'<text x="{x + 8:.1f}" y="{y + 4:.1f}" font-size="13" fill="#0b0c0c">{escape(line.name)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 (every text put in is escaped above)


def bar_chart(*, chart_id: str, title: str, summary: str, x_labels: Sequence[str], values: Sequence[float],
              name: str, colour: str = "") -> Markup:  # fmt: skip
    """One bar per label, up from zero or down below it (a surplus is drawn below the line). Counts take one
    `colour`; without it a bar above zero is red and one below green, as a cost and a saving. When the labels
    are too long to sit under their bars (district names, say), the bars run across instead, each label
    beside its bar, so that no two labels overlap."""
    if not values:
        return Markup("")
    inner = WIDTH - LEFT - RIGHT
    slot = inner / len(values)
    if max(len(label) for label in x_labels) * CHAR_WIDTH > slot:
        return _across(chart_id, title, summary, x_labels, values, name, colour)
    scale = _nice_scale(values, include_zero=True)
    x_at = [LEFT + slot * (i + 0.5) for i in range(len(values))]
    parts = _frame(chart_id, title, summary, scale, x_labels, x_at)
    zero = scale.y(0)
    for i, value in enumerate(values):
        top = min(zero, scale.y(value))
        height = abs(scale.y(value) - zero)
        parts.append(f'<rect x="{x_at[i] - slot * 0.3:.1f}" y="{top:.1f}" width="{slot * 0.6:.1f}" '
                     f'height="{height:.1f}" fill="{_bar_colour(value, colour)}"/>')  # fmt: skip
    parts.append(f'<text x="{WIDTH - RIGHT + 8}" y="{TOP + 12}" font-size="13">{escape(name)}</text></svg>')
    return Markup("".join(parts))  # noqa: S704 (every text put in is escaped above)


CHAR_WIDTH = 6.6  # roughly, at the charts' 12px Arial


def _bar_colour(value: float, colour: str) -> str:
    return colour or (COLOURS[1] if value > 0 else COLOURS[2])


def _across(chart_id: str, title: str, summary: str, labels: Sequence[str], values: Sequence[float], name: str,
            colour: str) -> Markup:  # fmt: skip
    """Bars running left to right, one row per label, the label on the left and the figure at the bar's end."""
    label_width = min(260, max(len(label) for label in labels) * CHAR_WIDTH + 12)
    row = 28
    height = TOP + row * len(values) + 40
    scale = _nice_scale(values, include_zero=True)
    left, right = label_width, WIDTH - 80
    span = (scale.high - scale.low) or 1

    def x(value: float) -> float:
        return left + (right - left) * (value - scale.low) / span

    parts = [
        f'<svg class="hearth-chart" viewBox="0 0 {WIDTH} {height}" role="img" font-family="arial, sans-serif" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(summary)}</desc>',
    ]
    for tick in scale.ticks:
        parts.append(f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{TOP}" y2="{TOP + row * len(values)}" '
                     f'stroke="#b1b4b6" stroke-width="{1.5 if tick == 0 else 0.5}"/>'
                     f'<text x="{x(tick):.1f}" y="{TOP + row * len(values) + 18}" text-anchor="middle" '
                     f'font-size="12">{_number(tick)}</text>')  # fmt: skip
    zero = x(0)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = TOP + row * i
        start, end = sorted((zero, x(value)))
        parts.append(f'<text x="{left - 8:.1f}" y="{y + row / 2 + 4:.1f}" text-anchor="end" font-size="12">'
                     f'{escape(label)}</text>'
                     f'<rect x="{start:.1f}" y="{y + 5:.1f}" width="{end - start:.1f}" height="{row - 10}" '
                     f'fill="{_bar_colour(value, colour)}"/>'
                     f'<text x="{end + 6:.1f}" y="{y + row / 2 + 4:.1f}" font-size="12">{_number(value)}</text>')  # fmt: skip
    parts.append(f'<text x="{left:.1f}" y="{height - 6}" font-size="13">{escape(name)}</text></svg>')
    return Markup("".join(parts))  # noqa: S704 (every text put in is escaped above)
