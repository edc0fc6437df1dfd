"""Colours shared by every rendering: a colour-blind-safe diverging scale for scores, the
persona palette (Okabe–Ito) with a marker shape and dash pattern each, and WCAG contrast maths."""

from __future__ import annotations

# ColorBrewer RdYlBu, 5 classes: safe for the common colour-vision deficiencies. 1 red ... 5 blue.
SCORE_SCALE = ("#d7191c", "#fdae61", "#ffffbf", "#abd9e9", "#2c7bb6")
NO_SCORE = "#e5e7eb"
INK = "#1f2937"  # body text
PAPER = "#ffffff"

# Okabe & Ito (2008), minus yellow (too light on white); each persona also gets a marker shape and
# a dash pattern, so no line is told apart by colour alone.
PERSONA_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
PERSONA_MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down", "plus", "cross")
PERSONA_DASHES = ("", "8 4", "2 4", "10 4 2 4", "4 4", "12 3", "1 3")

SEVERITY_COLORS = {"critical": "#7f1d1d", "high": "#b91c1c", "medium": "#92400e", "low": "#374151"}
SEVERITY_FILLS = {"critical": "#fde2e2", "high": "#fdecea", "medium": "#fdf3e1", "low": "#f1f2f4"}


def _rgb(hex_color: str) -> tuple[int, int, int]:
    value = hex_color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb)


def score_color(score: float | None) -> str:
    """The fill for a (mean) score between 1 and 5, interpolated along :data:`SCORE_SCALE`."""
    if score is None:
        return NO_SCORE
    position = min(max(score, 1.0), 5.0) - 1.0
    low = min(int(position), len(SCORE_SCALE) - 2)
    share = position - low
    a, b = _rgb(SCORE_SCALE[low]), _rgb(SCORE_SCALE[low + 1])
    return _hex(tuple(x + (y - x) * share for x, y in zip(a, b, strict=True)))  # type: ignore[arg-type]


def luminance(hex_color: str) -> float:
    """WCAG 2 relative luminance."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(hex_color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two colours, 1 to 21."""
    hi, lo = sorted((luminance(first), luminance(second)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


ON_FILL_DARK = "#000000"  # black or white reach 4.5:1 on any fill; softer inks leave a gap


def text_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (always at least 4.58:1)."""
    return ON_FILL_DARK if contrast(ON_FILL_DARK, fill) >= contrast(PAPER, fill) else PAPER


def persona_style(position: int) -> tuple[str, str, str]:
    """(colour, marker, dash) of the persona at ``position`` in the map's persona list."""
    return (
        PERSONA_COLORS[position % len(PERSONA_COLORS)],
        PERSONA_MARKERS[position % len(PERSONA_MARKERS)],
        PERSONA_DASHES[position % len(PERSONA_DASHES)],
    )
