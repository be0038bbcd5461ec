"""Line charts as static, accessible inline SVG, drawn at build time.

Indicator pages show every locality's targets and reported actuals by year.
They must work with no JavaScript, on cheap phones, in print and under
axe-core, so a chart is plain SVG: ``role="img"`` named by its own
``<title>``/``<desc>``, scaled by ``viewBox`` to any width, and drawn in
``currentColor`` so dark mode and print follow the page. The table beside it
remains the accessible source of the numbers; the chart shows their shape.

Every function is pure: the same arguments give byte-identical SVG, so a
rebuild changes no page whose data did not change.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Sequence

FONT = 18  # viewBox units: a 640-wide chart shrunk to a 360 px phone still shows ~10 px text
CHAR_W = 0.6 * FONT  # estimated advance of one character, for layout without fonts
LINE_H = round(1.6 * FONT)  # one legend row
NO_DATA = "Chưa có số liệu"
KINDS = ("target", "actual")
UNITS = ("percent", "count")
# Okabe–Ito hues, darkened where needed so every colour keeps >= 3:1 contrast
# on white paper and on a near-black dark-mode page (WCAG 1.4.11).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#7F7F7F", "#3A8FD0", "#A07800", "#8C6BB1")
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Series:
    """One line: a locality's (or the nation's) targets or reported actuals by year."""

    label: str
    points: tuple[tuple[int, float], ...]
    kind: str = "target"


def _regular(n: int, inner: float = 0.0, turn: float = 0.0) -> tuple[tuple[float, float], ...]:
    """Unit vertices of a regular polygon (a star when `inner` > 0), first one up;
    rounded so the output cannot depend on the platform's last bit of cos()."""
    count = 2 * n if inner else n
    vertices = []
    for k in range(count):
        angle, radius = math.radians(turn - 90 + 360 * k / count), inner if inner and k % 2 else 1.0
        vertices.append((round(radius * math.cos(angle), 4), round(radius * math.sin(angle), 4)))
    return tuple(vertices)


# Shape is the cue that survives colour blindness, greyscale print and forced colours.
SHAPES: tuple[tuple[str, tuple[tuple[float, float], ...] | None], ...] = (
    ("circle", None),
    ("square", _regular(4, turn=45)),
    ("triangle", _regular(3)),
    ("diamond", _regular(4)),
    ("triangle-down", _regular(3, turn=180)),
    ("star", _regular(5, inner=0.5)),
    ("plus", _regular(4, inner=0.35)),
    ("cross", _regular(4, inner=0.35, turn=45)),
)


def fmt(x: float) -> str:
    """One decimal with ".0" trimmed, so output is stable and never shows float noise."""
    text = f"{x:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def clean(text: object) -> str:
    """NFC text without characters XML 1.0 forbids, so any input still parses."""
    return unicodedata.normalize("NFC", _NOT_XML.sub("", str(text)))


def esc(text: object) -> str:
    """Cleaned text escaped for element content and double-quoted attributes."""
    out = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return out.replace('"', "&quot;")


def style(index: int) -> tuple[str, int]:
    """Colour and shape index of the n-th series; shifting the colour every full
    cycle of shapes keeps the first 64 series pairwise distinct."""
    return PALETTE[(index + index // len(SHAPES)) % len(PALETTE)], index % len(SHAPES)


def marker(shape: int, cx: float, cy: float, colour: str, filled: bool, tip: str = "", r: float = 5.5) -> str:
    """A point marker; hollow for targets, filled for actuals, so kind is not told by colour."""
    fill = colour if filled else "none"
    child = f"<title>{esc(tip)}</title>" if tip else ""
    _, vertices = SHAPES[shape]
    if vertices is None:
        head = f'<circle cx="{fmt(cx)}" cy="{fmt(cy)}" r="{fmt(r * 0.9)}" fill="{fill}"'
        return head + (f">{child}</circle>" if child else "/>")
    pts = " ".join(f"{fmt(cx + dx * r * 1.25)},{fmt(cy + dy * r * 1.25)}" for dx, dy in vertices)
    head = f'<polygon points="{pts}" fill="{fill}"'
    return head + (f">{child}</polygon>" if child else "/>")


def clean_points(points: Sequence[tuple[int, float | None]]) -> tuple[tuple[int, float], ...]:
    """Drop missing and non-finite values and sort, so input order never changes the output."""
    return tuple(sorted((int(y), float(v)) for y, v in points if v is not None and math.isfinite(v)))


def next_step(step: int) -> int:
    """The next of 1, 2, 5, 10, 20, 50, ...: steps a reader can add up at a glance."""
    return step * 5 // 2 if str(step)[0] == "2" else step * 2


def y_scale(unit: str, vmax: float) -> tuple[int, int]:
    """Axis top and tick step. Percent is 0-100 by 20 (beyond 100 only if data is);
    a count gets the smallest 1/2/5x10^k step giving at most five intervals."""
    if unit == "percent":
        return max(100, math.ceil(vmax / 20) * 20), 20
    step = 1  # counts are whole: no 0.5 ticks
    while step * 5 < vmax:
        step = next_step(step)
    return max(step, math.ceil(vmax / step) * step), step


def year_step(span: int, room: float) -> int:
    """Label every year if the labels ("2030" and a gap) fit, else every 2nd, 5th, 10th..."""
    step = 1
    while (span // step + 1) * (4 * CHAR_W + 6) > room:
        step = next_step(step)
    return step


def _cut(text: str, limit: int) -> str:
    """The longest start of `text` within `limit` characters ending with a whole word (a syllable is never cut),
    or cut at `limit` when its first word alone is longer."""
    head = text[:limit]
    if len(text) > limit and text[limit] != " " and " " in head:
        head = head[: head.rindex(" ")]
    return head.rstrip(" ,;:(-—")


def legend_layout(labels: Sequence[str], width: int) -> tuple[list[tuple[float, int, str]], int]:
    """(x, row, shown text) per item, and the row count. Items flow left to right and
    wrap; a label wider than a whole row is cut with "…" (the full label stays in a title)."""
    pad, swatch, gap = 8, 36, 20
    fit = max(4, int((width - 2 * pad - swatch) / CHAR_W))
    items, x, row = [], float(pad), 0
    for label in labels:
        text = label if len(label) <= fit else _cut(label, fit - 1) + "…"
        w = swatch + len(text) * CHAR_W
        if x > pad and x + w > width - pad:
            x, row = float(pad), row + 1
        items.append((x, row, text))
        x += w + gap
    return items, row + 1 if items else 0


def _open(chart_id: str, width: int, height: int, title: str, desc: str, css_class: str = "") -> str:
    """Root element named for assistive technology; width 100% and no height so it
    shrinks to any phone, keeping the viewBox aspect ratio. `css_class` says how wide the page
    may show it (`generator/charts.py` `layouts`), so its text never scales far from its size."""
    klass = f' class="{esc(css_class)}"' if css_class else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg"{klass} role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"'
        f' viewBox="0 0 {width} {height}" width="100%" font-size="{FONT}" fill="currentColor">\n'
        f'<title id="{chart_id}-title">{esc(title)}</title>\n<desc id="{chart_id}-desc">{esc(desc)}</desc>'
    )


def line_chart(series: Sequence[Series], *, title: str, desc: str, unit: str, chart_id: str,
               width: int = 640, height: int = 320, css_class: str = "") -> str:
    """Return an inline <svg> string: one dashed (target) or solid (actual) line per
    series over the years, y axis by `unit`, legend below. Raises ValueError for an
    unknown unit or kind, an id unusable in aria-labelledby, or a too small size."""
    if unit not in UNITS or any(s.kind not in KINDS for s in series):
        raise ValueError(f"unit must be one of {UNITS} and kind one of {KINDS}")
    if not _ID.fullmatch(chart_id):
        raise ValueError(f"chart_id must match {_ID.pattern}: {chart_id!r}")
    if width < 200 or height < 120:
        raise ValueError("chart needs at least 200 x 120 units")
    data = [clean_points(s.points) for s in series]
    values = [v for pts in data for _, v in pts]
    if not values:
        note = f"{clean(desc)} {NO_DATA}." if clean(desc).strip() else f"{NO_DATA}."
        return (_open(chart_id, width, 3 * LINE_H, title, note, css_class)
                + f'\n<text x="{width // 2}" y="{fmt(1.5 * LINE_H + 0.35 * FONT)}" text-anchor="middle">'
                f"{NO_DATA}</text>\n</svg>")

    top, ystep = y_scale(unit, max(values))
    suffix = "%" if unit == "percent" else ""
    ticks = range(0, top + 1, ystep)
    x0 = max(len(f"{t}{suffix}") for t in ticks) * CHAR_W + 12
    x1, y0, y1, pad = width - 24, FONT, height - FONT - 16, 16
    years = sorted({yr for pts in data for yr, _ in pts})
    first, span = years[0], years[-1] - years[0]

    def px(year: int) -> float:
        return (x0 + x1) / 2 if not span else x0 + pad + (year - first) * (x1 - x0 - 2 * pad) / span

    def py(value: float) -> float:
        return y1 - min(max(value, 0.0), top) / top * (y1 - y0)  # clamp: never draw off the plot

    out = ['<g class="grid" stroke="currentColor" stroke-opacity="0.25">']
    out += [f'<line x1="{fmt(x0)}" y1="{fmt(py(t))}" x2="{x1}" y2="{fmt(py(t))}"/>' for t in ticks]
    out += ['</g>', f'<line x1="{fmt(x0)}" y1="{y1}" x2="{x1}" y2="{y1}" stroke="currentColor"/>',
            '<g class="y-axis" text-anchor="end">']
    out += [f'<text x="{fmt(x0 - 8)}" y="{fmt(py(t) + 0.35 * FONT)}">{t}{suffix}</text>' for t in ticks]
    out += ['</g>', '<g class="x-axis" text-anchor="middle">']
    for year in range(first, first + span + 1, year_step(span, x1 - x0)):
        out.append(f'<line x1="{fmt(px(year))}" y1="{y1}" x2="{fmt(px(year))}" y2="{y1 + 5}" '
                   f'stroke="currentColor"/><text x="{fmt(px(year))}" y="{y1 + FONT + 8}">{year}</text>')
    out.append("</g>")

    for i, (s, pts) in enumerate(zip(series, data)):
        colour, shape = style(i)
        dash = ' stroke-dasharray="6 4"' if s.kind == "target" else ""
        out.append(f'<g class="series" stroke="{colour}" stroke-width="2">')
        if len(pts) > 1:
            line = " ".join(f"{fmt(px(yr))},{fmt(py(v))}" for yr, v in pts)
            out.append(f'<polyline points="{line}" fill="none" stroke-width="2.5"{dash}/>')
        out += [marker(shape, px(yr), py(v), colour, s.kind == "actual", f"{s.label} — {yr}: {fmt(v)}{suffix}")
                for yr, v in pts]
        out.append("</g>")

    labels = [clean(s.label) for s in series]
    items, rows = legend_layout(labels, width)
    out.append('<g class="legend">')
    for i, (s, label, (x, row, text)) in enumerate(zip(series, labels, items)):
        colour, shape = style(i)
        cy = height + 4 + row * LINE_H + LINE_H / 2
        dash = ' stroke-dasharray="6 4"' if s.kind == "target" else ""
        tip = f"<title>{esc(label)}</title>" if text != label else ""
        out.append(f'<g stroke="{colour}" stroke-width="2"><line x1="{fmt(x)}" y1="{fmt(cy)}" x2="{fmt(x + 28)}" '
                   f'y2="{fmt(cy)}" stroke-width="2.5"{dash}/>{marker(shape, x + 14, cy, colour, s.kind == "actual")}'
                   f'</g><text x="{fmt(x + 36)}" y="{fmt(cy + 0.35 * FONT)}">{tip}{esc(text)}</text>')
    out.append("</g>\n</svg>")
    return _open(chart_id, width, height + rows * LINE_H + 8, title, desc, css_class) + "\n" + "\n".join(out)


#: How a chart is drawn for the page, so its text reads at about its own size at every width (13 to 18 CSS px for
#: FONT = 18 units): (css class, viewBox width, height). The page (xhht.css) caps each class at a width where one
#: unit is at most one pixel and shows the wide drawing only where its box is at least 560 px, the narrow one below.
#: A chart of one or two years is compact: one drawing, small, for every width.
LAYOUTS = (("xhht-chart-wide", 760, 340), ("xhht-chart-narrow", 400, 260))
COMPACT = ("xhht-chart-compact", 420, 200)


def responsive_chart(series: Sequence[Series], *, title: str, desc: str, unit: str, chart_id: str) -> str:
    """The chart as a page shows it: a wide and a narrow drawing (the page shows one, by its width), or one
    compact drawing when it has at most two years. Ids stay unique: the narrow drawing's end in "-hep"."""
    years = {yr for s in series for yr, _ in clean_points(s.points)}
    if len(years) <= 2:
        css_class, width, height = COMPACT
        return line_chart(series, title=title, desc=desc, unit=unit, chart_id=chart_id, width=width, height=height,
                          css_class=css_class)
    return "\n".join(line_chart(series, title=title, desc=desc, unit=unit, width=width, height=height,
                                 chart_id=chart_id if i == 0 else f"{chart_id}-hep", css_class=css_class)
                      for i, (css_class, width, height) in enumerate(LAYOUTS))
