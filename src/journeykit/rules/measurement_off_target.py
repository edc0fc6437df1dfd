"""A current reading that misses its target by more than `tolerance` (default 0.1, that is 10 %
of the target) deserves attention: a pain point and an opportunity, or a more honest target. The
comparison follows the metric's `direction`: for `lower-is-better` metrics (durations, churn) a
reading above the target misses it. Only the current reading of each metric at a touchpoint (the
latest `as_of`) counts, and only readings with both `actual` and `target`.

The finding points at the reading's `actual`.

Configuration:

```yaml
rules:
  measurement-off-target: {tolerance: 0.05}   # a share of the target: 0.05 is 5 %
```

Failing example (0.52 is 20 % short of 0.65):

```yaml
touchpoints:
  - id: connect-data
    name: Connect your POS
    stage: activate
    measurements:
      - {metric: activation-rate, actual: 0.52, target: 0.65, as_of: 2026-10-31}
```

Passing example (5 % short is within the tolerance):

```yaml
touchpoints:
  - id: connect-data
    name: Connect your POS
    stage: activate
    measurements:
      - {metric: activation-rate, actual: 0.62, target: 0.65, as_of: 2026-10-31}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "measurement-off-target"
LEVEL = Severity.WARNING
SUMMARY = "A current reading misses its target (direction-aware) by more than `tolerance` (10 %)."
OPTIONS = {
    "tolerance": Option(0.1, "how far a reading may miss its target, as a share of the target"),
}


def check(ctx: RuleContext) -> Iterator[Problem]:
    from journeykit.model import relative_gap  # pydantic-heavy: not for `journey rules`

    tolerance = ctx.number("tolerance")
    index = ctx.index
    for i, touchpoint in enumerate(ctx.journey.touchpoints):
        if not touchpoint.measurements:
            continue
        position = {id(m): j for j, m in enumerate(touchpoint.measurements)}
        for reading in index.current_measurements(touchpoint):
            if reading.actual is None or reading.target is None:
                continue
            higher = index.higher_is_better(reading.metric)
            gap = relative_gap(reading.actual, reading.target, higher)
            if gap <= tolerance:
                continue
            side = "below" if higher else "above"
            direction = "higher" if higher else "lower"
            miss = f"{_percent(gap)} {side}" if reading.target else f"{gap:g} {side}"
            yield ctx.problem(
                ("touchpoints", i, "measurements", position[id(reading)], "actual"),
                f"metric {quote(reading.metric)} at touchpoint {quote(touchpoint.id)} reads "
                f"{reading.actual:g}, {miss} its target of {reading.target:g} ({direction} is "
                f"better; tolerance {_percent(tolerance)}); record why as a pain point with an "
                "opportunity, or revisit the target",
            )


def _percent(share: float) -> str:
    value = share * 100
    return f"{value:.0f} %" if value >= 10 else f"{value:.2g} %"
