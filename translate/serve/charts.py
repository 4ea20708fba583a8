"""Small inline SVG charts (no script, no network, no style attributes): every label is escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR_H, GAP, LABEL_W, PLOT_W = 18, 6, 150, 260


def bar_chart(
    title: str, items: Sequence[tuple[str, float]], *, unit: str = "", scale: float | None = None
) -> str:
    """Horizontal bars, one per ``(label, value)``; ``scale`` is the value of a full bar (default: max)."""
    top = max([scale or 0.0, *[v for _, v in items]]) or 1.0
    height = len(items) * (BAR_H + GAP) + 28
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {LABEL_W + PLOT_W + 70} {height}" '
        f'width="{LABEL_W + PLOT_W + 70}" height="{height}" aria-label="{escape(title)}">',
        f'<text x="0" y="14" font-weight="bold" font-size="13">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(items):
        y = 24 + i * (BAR_H + GAP)
        width = 0 if value <= 0 else max(1, round(PLOT_W * value / top))
        shown = f"{value:g}{unit}" if isinstance(value, float) else f"{value}{unit}"
        parts += [
            f'<text x="{LABEL_W - 6}" y="{y + 13}" text-anchor="end" font-size="12">{escape(label)}</text>',
            f'<rect x="{LABEL_W}" y="{y}" width="{width}" height="{BAR_H}" fill="#3a6ea5"><title>'
            f"{escape(label)}: {escape(shown)}</title></rect>",
            f'<text x="{LABEL_W + width + 4}" y="{y + 13}" font-size="12">{escape(shown)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def histogram(title: str, values: Sequence[float], edges: Sequence[float]) -> str:
    """Counts of ``values`` in the bins between ``edges`` (the last bin is open: ``≥ edges[-1]``)."""
    bins = [0] * len(edges)
    for value in values:
        k = len(edges) - 1
        for j in range(len(edges) - 1):
            if value < edges[j + 1]:
                k = j
                break
        bins[k] += 1
    labels = [f"{edges[j]:g}–{edges[j + 1]:g}" for j in range(len(edges) - 1)] + [f"≥ {edges[-1]:g}"]
    return bar_chart(title, list(zip(labels, bins, strict=True)))
