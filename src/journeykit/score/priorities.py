"""The ranked opportunities: ``priority = impact × Σ pain weights ÷ effort`` (docs/score.md)."""

from __future__ import annotations

from journeykit.model import (
    FREQUENCIES,
    FREQUENCY_RANK,
    SEVERITIES,
    SEVERITY_RANK,
    MapIndex,
    MapView,
    Opportunity,
    PainPoint,
)
from journeykit.score.card import PainWeight, Priority

# The weight of each level: its place in the order, from 1 (documented in docs/score.md).
IMPACT_WEIGHT = {"low": 1, "medium": 2, "high": 3}
EFFORT_WEIGHT = {"low": 1, "medium": 2, "high": 3}
SEVERITY_WEIGHT: dict[str, int] = {s: SEVERITY_RANK[s] + 1 for s in SEVERITIES}
FREQUENCY_WEIGHT: dict[str, int] = {f: FREQUENCY_RANK[f] + 1 for f in FREQUENCIES}
UNKNOWN_LEVEL = "medium"  # impact or effort not given
UNKNOWN_FREQUENCY = "occasional"  # frequency not given
MOMENT_OF_TRUTH_FACTOR = 2


def resolved(pain: PainPoint) -> bool:
    return pain.status == "resolved"


def _finished(idx: MapIndex, opportunity: Opportunity) -> bool:
    """Every action not dropped is done (and there is at least one)."""
    live = [a for a in idx.actions_for(opportunity.id) if a.status != "dropped"]
    return bool(live) and all(a.status == "done" for a in live)


def _pain_weight(idx: MapIndex, pain: PainPoint) -> PainWeight:
    moment = idx.touchpoints[pain.touchpoint].moment_of_truth
    weight = SEVERITY_WEIGHT[pain.severity] * FREQUENCY_WEIGHT[pain.frequency or UNKNOWN_FREQUENCY]
    weight *= MOMENT_OF_TRUTH_FACTOR if moment else 1
    return PainWeight(
        pain.id, pain.touchpoint, pain.severity, pain.frequency, moment, float(weight)
    )


def _level(value: str | None, what: str) -> str:
    return f"{value} {what}" if value else f"{what} not given (counted as {UNKNOWN_LEVEL})"


def _pain_phrase(pain: PainWeight) -> str:
    frequency = pain.frequency or "frequency not given"
    where = f"at moment of truth {pain.touchpoint}" if pain.moment_of_truth else ""
    return f"{pain.pain} ({', '.join(x for x in (pain.severity, frequency, where) if x)})"


def priorities(view: MapView) -> tuple[Priority, ...]:
    idx = view.index
    ranked = []
    for position, (opp, addressed) in enumerate(view.addressed):
        pains = [p for p in addressed if not resolved(p)]
        if not pains or _finished(idx, opp):
            continue
        weights = tuple(_pain_weight(idx, p) for p in pains)
        impact = IMPACT_WEIGHT[opp.impact or UNKNOWN_LEVEL]
        effort = EFFORT_WEIGHT[opp.effort or UNKNOWN_LEVEL]
        total = sum(w.weight for w in weights)
        priority = impact * total / effort
        phrases = [_pain_phrase(w) for w in weights]
        listed = " and ".join([", ".join(phrases[:-1]), phrases[-1]] if phrases[1:] else phrases)
        reason = (
            f"{_level(opp.impact, 'impact')}, {_level(opp.effort, 'effort')}; addresses {listed}"
        )
        ranked.append((-priority, -impact, effort, position, opp, weights, total, priority, reason))
    ranked.sort(key=lambda row: row[:4])
    return tuple(
        Priority(rank, opp.id, opp.description, opp.impact, opp.effort, weights, total, prio, why)
        for rank, (*_, opp, weights, total, prio, why) in enumerate(ranked, start=1)
    )
