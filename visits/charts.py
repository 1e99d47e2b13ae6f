"""Server-rendered SVG charts: pure functions returning SVG markup, usable in pages and PDFs.

No JavaScript and no external CSS: colours and fonts are attributes, so WeasyPrint renders
the same chart as the browser. Each chart has a <title> and a <desc> (role="img"); pages and
reports show the same numbers in a table beside it, the alternative for screen readers.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from itertools import count

from django.utils.translation import gettext as _

# Colours with enough contrast on white (WCAG 1.4.11), told apart by dash pattern too.
PALETTE = ["#0059b3", "#b35900", "#008040", "#8c1aa6", "#a60000", "#3d3d3d"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"]
_ids = count(1)


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | int]
    dashed: bool = False  # e.g. the same period last year


def _nice_max(value: float) -> float:
    """A round axis maximum at or above value (1, 2, 2.5, 5 x 10^n)."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


FONT_SIZE = 12


def text_width(label: str) -> float:
    """A label's width in px at the charts' font size, on the safe side: digits and
    punctuation as DejaVu Sans's digits (0.64 em; the PDF's sans-serif), other characters as
    its widest capitals (1 em)."""
    return sum(0.64 if c.isdigit() or c in "/.,-: " else 1.0 for c in label) * FONT_SIZE


def _fmt(value: float) -> str:
    return f"{value:g}"


def line_chart(
    *,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[Series],
    width: int = 720,
    height: int = 300,
) -> str:
    """A line chart of one or more series over the same labels (e.g. days, weeks, months)."""
    uid = f"vs-chart-{next(_ids)}"
    # The last axis label is centred on the plot's right edge: the margin holds half of it,
    # or it is cut ("12/202", issue 19 item 11).
    last_half = int(text_width(labels[-1]) / 2) + 4 if labels else 0
    left, right, top, bottom = 48, max(16, last_half), 16, 56
    legend_height = 20 * len(series)
    plot_w, plot_h = width - left - right, height - top - bottom
    total_h = height + legend_height
    top_value = _nice_max(max((max(s.values, default=0) for s in series), default=0))
    n = max(len(labels), 1)

    def x(i: int) -> float:
        return left + (plot_w * (i / (n - 1)) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - plot_h * (v / top_value)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vs-chart" role="img" '
        f'viewBox="0 0 {width} {total_h}" width="{width}" height="{total_h}" '
        f'aria-labelledby="{uid}-title {uid}-desc" font-family="sans-serif" font-size="12">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{total_h}" fill="#ffffff"/>',
    ]
    for step in range(5):
        value = top_value * step / 4
        parts.append(
            f'<line x1="{left}" y1="{y(value):.1f}" x2="{left + plot_w}" y2="{y(value):.1f}" '
            f'stroke="#d9d9d9" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
            f'fill="#3d3d3d">{_fmt(value)}</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="#3d3d3d" stroke-width="1"/>'
    )
    every = max(1, -(-n // max(2, width // 60)))  # a label per 60 px at most: 12 on 720
    for i, label in enumerate(labels):
        # The last label always; a regular one only where it does not crowd the last.
        if i == n - 1 or (i % every == 0 and n - 1 - i >= max(1, every // 2 + 1)):
            parts.append(
                f'<text x="{x(i):.1f}" y="{top + plot_h + 18}" text-anchor="middle" '
                f'fill="#3d3d3d">{escape(label)}</text>'
            )
    for index, item in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        dash = "6 4" if item.dashed else DASHES[index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(item.values))
        if len(item.values) == 1:
            parts.append(
                f'<circle cx="{x(0):.1f}" cy="{y(item.values[0]):.1f}" r="4" fill="{colour}"/>'
            )
        elif item.values:
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"{dash_attr}/>'
            )
        legend_y = height - 8 + 20 * index
        parts.append(
            f'<line x1="{left}" y1="{legend_y - 4}" x2="{left + 28}" y2="{legend_y - 4}" '
            f'stroke="{colour}" stroke-width="3"{dash_attr}/>'
        )
        parts.append(
            f'<text x="{left + 36}" y="{legend_y}" fill="#1a1a1a">{escape(item.label)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def bar_chart(
    *,
    title: str,
    desc: str,
    labels: Sequence[str],
    values: Sequence[float | int],
    width: int = 720,
    bar_height: int = 24,
) -> str:
    """Horizontal bars with their value written at the end (e.g. visits per site)."""
    uid = f"vs-chart-{next(_ids)}"
    left, right, gap = 200, 64, 8
    height = max(len(labels), 1) * (bar_height + gap) + gap
    top_value = _nice_max(max(values, default=0))
    plot_w = width - left - right
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vs-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{uid}-title {uid}-desc" font-family="sans-serif" font-size="12">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        top = gap + i * (bar_height + gap)
        length = plot_w * (value / top_value)
        parts.append(
            f'<text x="{left - 8}" y="{top + bar_height * 0.7:.1f}" text-anchor="end" '
            f'fill="#1a1a1a">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{left}" y="{top}" width="{length:.1f}" height="{bar_height}" '
            f'fill="{PALETTE[0]}"/>'
        )
        parts.append(
            f'<text x="{left + length + 6:.1f}" y="{top + bar_height * 0.7:.1f}" '
            f'fill="#1a1a1a">{_fmt(value)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def period_label(start: datetime.date, period: str) -> str:
    """A short axis label: 23/11, uge 47 (W47), 11/2026."""
    if period == "month":
        return f"{start.month}/{start.year}"
    if period == "week":
        return _("W%(week)d") % {"week": start.isocalendar().week}
    return f"{start.day}/{start.month}"
