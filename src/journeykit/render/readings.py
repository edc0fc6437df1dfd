"""Numbers as people read them: scores rounded half up, numbers grouped in threes, shares as %,
durations in s/min/h/d, and each metric's current reading with its trend. Shared by the HTML
page, the poster and Mermaid (no jinja2 here)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from markupsafe import Markup

from journeykit.model import MapView, Measurement, Metric, meets_target
from journeykit.render.svg import trend_line


def round_half_up(value: float) -> int:
    """2.5 -> 3 (Python's ``round`` would give 2): scores read as people round them."""
    return math.floor(value + 0.5)


THOUSANDS = "\u202f"  # narrow no-break space: ISO 80000's digit grouping, the same in every locale


def number(value: float) -> str:
    """12, 0.5, 4.25, 2 500 000: no trailing zeros, digits grouped in threes by a narrow
    no-break space (it never wraps and reads the same in every locale), no exponent but for the
    very large or small (1e+308, which would otherwise print 309 digits, and 1e-05, which would
    print 0)."""
    if value and not 1e-4 <= abs(value) < 1e15:
        try:
            return f"{value:.4g}"
        except OverflowError:  # a whole number past the float range: its digits, shortened
            digits = str(abs(int(value)))
            return f"{'-' if value < 0 else ''}{digits[0]}.{digits[1:4]}e+{len(digits) - 1}"
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    if text == "-0":
        return "0"
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, fraction = digits.partition(".")
    return sign + f"{int(whole):,}".replace(",", THOUSANDS) + dot + fraction


def format_value(value: float, metric: Metric | None) -> str:
    """A measurement as people read it: shares as %, durations in s/min/h/d, the unit after."""
    kind = metric.kind if metric else "custom"
    if kind in ("conversion", "retention", "churn", "ratio"):
        return f"{number(round(value * 100, 1))}%"
    if kind == "duration":
        for size, unit in ((86400, "d"), (3600, "h"), (60, "min")):
            if value >= size:
                return f"{number(round(value / size, 1))} {unit}"
        return f"{number(value)} s"
    if kind == "nps":
        return f"{value:+g}"
    unit = f" {metric.unit}" if metric and metric.unit and kind in ("count", "custom") else ""
    return f"{number(value)}{unit}"


@dataclass(frozen=True)
class Kpi:
    name: str
    actual: str | None
    target: str | None
    met: bool | None
    as_of: dt.date | None
    sample: int | None
    lower_is_better: bool
    trend: Markup | None = None


def kpis(
    view: MapView, measurements: list[Measurement], history: list[Measurement] | None = None
) -> list[Kpi]:
    """The current reading of each metric, with the trend of its dated ``history``."""
    found = []
    for m in measurements:
        metric = view.index.metrics.get(m.metric)
        higher = view.index.higher_is_better(m.metric)
        met = None
        if m.actual is not None and m.target is not None:
            met = meets_target(m.actual, m.target, higher)
        found.append(
            Kpi(
                name=metric.name if metric else m.metric,
                actual=None if m.actual is None else format_value(m.actual, metric),
                target=None if m.target is None else format_value(m.target, metric),
                met=met,
                as_of=m.as_of,
                sample=m.sample,
                lower_is_better=not higher,
                trend=trend_line(
                    [
                        (h.as_of, h.actual)
                        for h in history or ()
                        if h.metric == m.metric and h.as_of and h.actual is not None
                    ],
                    m.target,
                    higher,
                ),
            )
        )
    return found
