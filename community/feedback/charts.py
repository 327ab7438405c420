"""Server-drawn SVG charts for the quality dashboard: no JavaScript, no style attributes (the
CSP allows SVG presentation attributes such as fill=, and classes styled in harbor.css).
Each chart is `role="img"` with a <title> and <desc> naming what it shows; the page puts
the same numbers in a table beside it."""
from __future__ import annotations

from markupsafe import Markup, escape

from .rows import LABELS

COLOURS = {"positive": "#1b7f4b", "neutral": "#6b7280", "negative": "#b42318"}
W, H = 520, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 10, 44


def stacked_bars(*, chart_id: str, title: str, periods: list[str], series: dict[str, list[int]]) -> Markup:
    """Stacked bars: one per period, split by sentiment label (counts of records)."""
    totals = [sum(series[label][i] for label in LABELS) for i in range(len(periods))]
    top = max(totals, default=0) or 1
    desc = "; ".join(f"{p}: " + ", ".join(f"{series[label][i]} {label}" for label in LABELS) for i, p in enumerate(periods))
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM
    slot = plot_w / max(len(periods), 1)
    bar = max(min(slot * 0.7, 48), 2)
    step = max(1, len(periods) // 8)  # label at most about eight periods so they never overlap
    parts = [
        f'<svg class="chart" viewBox="0 0 {W} {H}" width="100%" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc or "No records.")}</desc>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{W - RIGHT}" y2="{TOP + plot_h}" stroke="#374151" stroke-width="1"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 10}" text-anchor="end" font-size="11" fill="#1f2937">{top}</text>',
        f'<text x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end" font-size="11" fill="#1f2937">0</text>',
    ]
    for i, period in enumerate(periods):
        x = LEFT + i * slot + (slot - bar) / 2
        y = TOP + plot_h
        for label in ("negative", "neutral", "positive"):
            n = series[label][i]
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            parts.append(f'<rect class="chart-{label}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{COLOURS[label]}"><title>{escape(period)}: {n} {label}</title></rect>')
        if i % step == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" font-size="11" '
                         f'fill="#1f2937">{escape(period)}</text>')
    parts.append(f'<g font-size="11" fill="#1f2937" transform="translate({LEFT},{H - 10})">')
    for j, label in enumerate(LABELS):
        parts.append(f'<rect x="{j * 110}" y="-9" width="10" height="10" fill="{COLOURS[label]}"/>'
                     f'<text x="{j * 110 + 14}" y="0">{label}</text>')
    parts.append("</g></svg>")
    return Markup("".join(parts))
