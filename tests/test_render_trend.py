"""The HTML map shows each KPI's measurement history as a small trend line against its target."""

from __future__ import annotations

import datetime as dt
import re

from journeykit.render import FORMATS
from journeykit.render.svg import trend_line
from tests.conftest import MINIMAL
from tests.render_helpers import journey_of, options

HISTORY = MINIMAL.replace(
    "personas:\n",
    "metrics:\n"
    "  - {id: ctr, name: Click rate, kind: ratio}\n"
    "  - {id: wait, name: Wait, kind: duration, direction: lower-is-better}\n"
    "personas:\n",
).replace(
    "      - {persona: ann, score: 4, emotion: curious}\n",
    "      - {persona: ann, score: 4, emotion: curious}\n"
    "    measurements:\n"
    "      - {metric: ctr, actual: 0.05, target: 0.1, as_of: 2026-01-31, sample: 10}\n"
    "      - {metric: ctr, actual: 0.08, target: 0.1, as_of: 2026-02-28, sample: 12}\n"
    "      - {metric: ctr, actual: 0.12, target: 0.1, as_of: 2026-03-31, sample: 9}\n"
    "      - {metric: wait, actual: 50, target: 30, as_of: 2026-03-31}\n",
)


def test_a_kpi_with_history_gets_a_trend_line_and_one_reading_does_not() -> None:
    page = FORMATS["html"].render(journey_of(HISTORY), options()).decode("utf-8")
    trends = re.findall(r'<svg class="trend".*?</svg>', page)
    assert len(trends) == 1  # ctr has three dated readings; wait has one
    trend = trends[0]
    assert 'aria-label="3 readings from 2026-01-31 to 2026-03-31, dashed line: target"' in trend
    points = re.search(r'<polyline points="([^"]+)"', trend)
    assert points is not None
    ys = [float(p.split(",")[1]) for p in points.group(1).split()]
    assert ys[0] > ys[1] > ys[2]  # rising values climb (SVG y grows downwards)
    target_y = float(re.search(r'class="target" x1="0" y1="([\d.]+)"', trend).group(1))  # type: ignore[union-attr]
    assert ys[2] < target_y < ys[1]  # the last reading is above the target, the one before below
    assert trend.endswith('fill="#047857"/></svg>')  # the last point: on target


def test_trend_colours_the_last_point_by_direction() -> None:
    days = [dt.date(2026, 1, 1), dt.date(2026, 2, 1)]
    lower = trend_line(list(zip(days, [50.0, 40.0], strict=True)), 30.0, higher_is_better=False)
    higher = trend_line(list(zip(days, [0.1, 0.2], strict=True)), 0.15, higher_is_better=True)
    assert lower is not None and 'fill="#b91c1c"/></svg>' in lower  # 40 is still above 30
    assert higher is not None and 'fill="#047857"/></svg>' in higher
    assert trend_line([(days[0], 1.0)], 2.0, higher_is_better=True) is None
    flat = trend_line(list(zip(days, [1.0, 1.0], strict=True)), None, higher_is_better=True)
    assert flat is not None and "target" not in flat and "nan" not in flat
