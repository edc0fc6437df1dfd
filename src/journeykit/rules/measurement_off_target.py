"""A current reading that misses its target by more than `tolerance` (default 0.1, that is 10 %
of the target) deserves attention: a pain point and an opportunity, or a more honest target. The
comparison follows the metric's `direction`: for `lower-is-better` metrics (durations, churn) a
reading above the target misses it. Only the current reading of each metric at a touchpoint (the
latest `as_of`) counts, and only readings with both `actual` and `target`.

The miss is accounted for, and the rule stays quiet, when an open pain point at that touchpoint has
an opportunity with an action (not `dropped`) whose `target` is that metric. A resolved pain point
with such an action accounts for a reading taken on or before its `resolved` date (the fix is newer
than the reading). Otherwise the message names the one step still missing: the pain point, its
opportunity, an action, or the action's `target`.

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

Passing example (the miss is owned: pain point, opportunity, and an action targeting the metric):

```yaml
touchpoints:
  - id: connect-data
    name: Connect your POS
    stage: activate
    measurements:
      - {metric: activation-rate, actual: 0.52, target: 0.65, as_of: 2026-10-31}
pain_points:
  - {id: api-key-jargon, description: The API key is jargon., touchpoint: connect-data}
opportunities:
  - {id: guided-connect, description: A guided wizard., addresses: [api-key-jargon]}
actions:
  - id: wizard-beta
    description: Ship the wizard to beta owners.
    opportunity: guided-connect
    target: {metric: activation-rate, value: 0.65}
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
from typing import TYPE_CHECKING

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

if TYPE_CHECKING:
    from journeykit.model import MapIndex, Measurement, PainPoint

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
            advice = _missing(index, touchpoint.id, reading)
            if advice is None:
                continue
            yield ctx.problem(
                ("touchpoints", i, "measurements", position[id(reading)], "actual"),
                f"metric {quote(reading.metric)} at touchpoint {quote(touchpoint.id)} reads "
                f"{reading.actual:g}, {miss} its target of {reading.target:g} ({direction} is "
                f"better; tolerance {_percent(tolerance)}); {advice}, or revisit the target",
            )


def _targets(index: MapIndex, pain: PainPoint, metric: str) -> bool:
    """Some opportunity for ``pain`` has a live action whose target is ``metric``."""
    return any(
        a.target is not None and a.target.metric == metric and a.status != "dropped"
        for o in index.opportunities_for(pain.id)
        for a in index.actions_for(o.id)
    )


def _missing(index: MapIndex, touchpoint: str, reading: Measurement) -> str | None:
    """What the map lacks to account for a miss (``None``: nothing), as advice to the user.

    Only the furthest step along pain point → opportunity → action → target is named, so the
    advice never asks for what the map already has.
    """
    metric = quote(reading.metric)
    pains = index.pains_at(touchpoint)
    open_pains = [p for p in pains if p.status != "resolved"]
    if any(_targets(index, p, reading.metric) for p in open_pains):
        return None
    fixed = [p for p in pains if p.status == "resolved" and _targets(index, p, reading.metric)]
    for pain in fixed:
        if (
            pain.resolved is not None
            and reading.as_of is not None
            and reading.as_of <= pain.resolved
        ):
            return None
    opportunities = [o for p in open_pains for o in index.opportunities_for(p.id)]
    acted = [
        o for o in opportunities if any(a.status != "dropped" for a in index.actions_for(o.id))
    ]
    if acted:
        return f"give an action of opportunity {quote(acted[0].id)} a `target` on metric {metric}"
    if opportunities:
        return (
            f"add an action to opportunity {quote(opportunities[0].id)} whose `target` is "
            f"metric {metric}"
        )
    if open_pains:
        return (
            f"add an opportunity that addresses pain point {quote(open_pains[0].id)}, with an "
            f"action whose `target` is metric {metric}"
        )
    then = "now" if reading.as_of is None else f"on {reading.as_of}"
    reopen = (
        f"pain point {quote(fixed[0].id)} is resolved, yet the reading {then} still misses: "
        "reopen it (`status: open`) or record a new"
        if fixed
        else "record why as a"
    )
    return (
        f"{reopen} pain point here with an opportunity and an action whose `target` is "
        f"metric {metric}"
    )


def _percent(share: float) -> str:
    value = share * 100
    return f"{value:.0f} %" if value >= 10 else f"{value:.2g} %"
