"""Questions every command asks of a valid map: who passes where, what follows what."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from journeykit.model.map import (
    METRIC_RANGES,
    Action,
    Experience,
    JourneyMap,
    Measurement,
    Metric,
    Opportunity,
    PainPoint,
    Persona,
    Stage,
    Touchpoint,
)


class MapIndex:
    """Lookups over a validated :class:`JourneyMap` (references are known to resolve)."""

    def __init__(self, journey: JourneyMap) -> None:
        self.map = journey

    @cached_property
    def personas(self) -> dict[str, Persona]:
        return {p.id: p for p in self.map.personas}

    @cached_property
    def stages(self) -> dict[str, Stage]:
        return {s.id: s for s in self.map.stages}

    @cached_property
    def stage_position(self) -> dict[str, int]:
        return {s.id: i for i, s in enumerate(self.map.stages)}

    @cached_property
    def touchpoints(self) -> dict[str, Touchpoint]:
        return {t.id: t for t in self.map.touchpoints}

    @cached_property
    def metrics(self) -> dict[str, Metric]:
        return {m.id: m for m in self.map.metrics}

    @cached_property
    def pain_points(self) -> dict[str, PainPoint]:
        return {p.id: p for p in self.map.pain_points}

    @cached_property
    def opportunities(self) -> dict[str, Opportunity]:
        return {o.id: o for o in self.map.opportunities}

    @cached_property
    def ordered(self) -> list[Touchpoint]:
        """Touchpoints in journey order: by stage, then in file order within a stage."""
        pos = self.stage_position
        numbered = sorted(enumerate(self.map.touchpoints), key=lambda it: (pos[it[1].stage], it[0]))
        return [t for _, t in numbered]

    def in_stage(self, stage_id: str) -> list[Touchpoint]:
        return [t for t in self.ordered if t.stage == stage_id]

    def personas_at(self, touchpoint: Touchpoint) -> list[str]:
        """Ids of the personas who pass at ``touchpoint``, in persona order."""
        if touchpoint.personas is None:
            return list(self.personas)
        allowed = set(touchpoint.personas)
        return [p for p in self.personas if p in allowed]

    def passes(self, persona_id: str, touchpoint: Touchpoint) -> bool:
        return touchpoint.personas is None or persona_id in touchpoint.personas

    def path_of(self, persona_id: str) -> list[Touchpoint]:
        """The touchpoints a persona passes, in journey order."""
        return [t for t in self.ordered if self.passes(persona_id, t)]

    @cached_property
    def _experiences(self) -> dict[tuple[str, str], Experience]:
        return {(t.id, e.persona): e for t in self.map.touchpoints for e in t.experiences}

    def experience(self, touchpoint: Touchpoint, persona_id: str) -> Experience | None:
        return self._experiences.get((touchpoint.id, persona_id))

    @cached_property
    def successors(self) -> dict[str, list[str]]:
        """The flow: ``next`` where given, else the following touchpoint in journey order."""
        order = self.ordered
        flow: dict[str, list[str]] = {}
        for i, t in enumerate(order):
            if t.next is not None:
                flow[t.id] = list(t.next)
            else:
                flow[t.id] = [order[i + 1].id] if i + 1 < len(order) else []
        return flow

    @cached_property
    def predecessors(self) -> dict[str, list[str]]:
        back: dict[str, list[str]] = defaultdict(list)
        for source, targets in self.successors.items():
            for target in targets:
                back[target].append(source)
        return dict(back)

    @cached_property
    def _pains_by_touchpoint(self) -> dict[str, list[PainPoint]]:
        found: dict[str, list[PainPoint]] = defaultdict(list)
        for pain in self.map.pain_points:
            found[pain.touchpoint].append(pain)
        return dict(found)

    def pains_at(self, touchpoint_id: str) -> list[PainPoint]:
        return list(self._pains_by_touchpoint.get(touchpoint_id, ()))

    def pain_personas(self, pain: PainPoint) -> list[str]:
        """The personas a pain point affects (absent ``personas``: all of its touchpoint's)."""
        if pain.personas is not None:
            return list(pain.personas)
        return self.personas_at(self.touchpoints[pain.touchpoint])

    def opportunities_for(self, pain_id: str) -> list[Opportunity]:
        return [o for o in self.map.opportunities if pain_id in o.addresses]

    def actions_for(self, opportunity_id: str) -> list[Action]:
        return [a for a in self.map.actions if a.opportunity == opportunity_id]

    def current_measurements(self, touchpoint: Touchpoint) -> list[Measurement]:
        """One measurement per metric: the latest by ``as_of`` (a history keeps only its newest)."""
        latest: dict[str, Measurement] = {}
        for m in touchpoint.measurements:
            seen = latest.get(m.metric)
            if seen is None or (m.as_of and (seen.as_of is None or m.as_of > seen.as_of)):
                latest[m.metric] = m
        return list(latest.values())

    def higher_is_better(self, metric_id: str) -> bool:
        metric = self.metrics.get(metric_id)
        return metric is None or metric.direction == "higher-is-better"


def meets_target(actual: float, target: float, higher_is_better: bool) -> bool:
    return actual >= target if higher_is_better else actual <= target


def relative_gap(actual: float, target: float, higher_is_better: bool) -> float:
    """How far ``actual`` falls short of ``target`` as a share of the target (0 when met).

    With a target of 0 the gap is the absolute shortfall.
    """
    shortfall = (target - actual) if higher_is_better else (actual - target)
    if shortfall <= 0:
        return 0.0
    return shortfall / abs(target) if target else shortfall


__all__ = ["METRIC_RANGES", "MapIndex", "meets_target", "relative_gap"]
