"""Draws the benchmark ratios as an SVG bar chart: one bar per row, its target as a tick."""

from html import escape

ROW_HEIGHT = 22
LABEL_WIDTH = 430
BAR_WIDTH = 380
VALUE_WIDTH = 150
TOP = 46
COLOURS = {True: "#2e7d32", False: "#c62828", None: "#78909c"}


def svg(rows: list[dict], title: str) -> str:
    rows = [r for r in rows if r.get("ratio") is not None]
    scale_max = max([1.0] + [r["ratio"] for r in rows]
                    + [r["target_ratio"] for r in rows if r.get("target_ratio")]) * 1.05
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = TOP + ROW_HEIGHT * len(rows) + 30
    x = lambda ratio: LABEL_WIDTH + BAR_WIDTH * ratio / scale_max  # noqa: E731
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="10" y="20" font-size="14" font-weight="bold">{escape(title)}</text>',
        f'<text x="10" y="36" fill="#555">ours / competitor in the same run (lower is faster); '
        f'tick = target; green met, red missed</text>',
        f'<line x1="{x(1.0):.1f}" y1="{TOP - 4}" x2="{x(1.0):.1f}" '
        f'y2="{height - 26}" stroke="#999" stroke-dasharray="3,3"/>',
        f'<text x="{x(1.0):.1f}" y="{height - 12}" text-anchor="middle" fill="#555">1.0 = as fast '
        f'as the competitor</text>',
    ]
    labels = [f"{row['language']}: {row['call']}" for row in rows]
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        label = labels[index]
        if labels.count(label) > 1:  # one call measured against two competitors
            label = f"{label} vs {row['competitor'].split(' (')[0]}"
        if len(label) > 68:
            label = label[:67] + "…"
        colour = COLOURS[row.get("met")]
        parts += [
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>',
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{max(x(row["ratio"]) - LABEL_WIDTH, 1):.1f}" '
            f'height="{ROW_HEIGHT - 8}" fill="{colour}"/>',
            f'<text x="{max(x(row["ratio"]), x(row.get("target_ratio") or 0)) + 6:.1f}" '
            f'y="{y + 15}">{row["ratio"]:.3f}</text>',
        ]
        if row.get("target_ratio"):
            tx = x(row["target_ratio"])
            parts.append(f'<line x1="{tx:.1f}" y1="{y + 1}" x2="{tx:.1f}" y2="{y + ROW_HEIGHT - 1}" '
                         f'stroke="black" stroke-width="2"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
