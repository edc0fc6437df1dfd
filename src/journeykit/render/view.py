"""What every rendering shows of a map, computed once: the personas in view, the touchpoints they
pass, the scores there, the flow between them and the pains at each, all in a stable order."""

from __future__ import annotations

import math
from functools import cached_property

from journeykit.model import (
    Action,
    Experience,
    JourneyMap,
    MapIndex,
    Opportunity,
    PainPoint,
    Persona,
    Stage,
    Touchpoint,
)

SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}
OPEN_STATUSES = frozenset({"proposed", "planned", "in-progress"})


def round_half_up(value: float) -> int:
    """2.5 -> 3 (Python's ``round`` would give 2): scores read as people round them."""
    return math.floor(value + 0.5)


class MapView:
    """A read-only view of a valid map, limited to one persona when ``persona`` is given."""

    def __init__(self, journey: JourneyMap, persona: str | None = None) -> None:
        self.map = journey
        self.index = MapIndex(journey)
        self.persona = persona
        if persona is not None and persona not in self.index.personas:
            raise KeyError(persona)

    @cached_property
    def personas(self) -> list[Persona]:
        if self.persona is None:
            return list(self.map.personas)
        return [self.index.personas[self.persona]]

    @cached_property
    def touchpoints(self) -> list[Touchpoint]:
        """Touchpoints in journey order: all of them, or the one persona's path."""
        if self.persona is None:
            return list(self.index.ordered)
        return self.index.path_of(self.persona)

    @cached_property
    def stages(self) -> list[tuple[Stage, list[Touchpoint]]]:
        """Every stage in order with the touchpoints in view there (possibly none)."""
        by_stage: dict[str, list[Touchpoint]] = {s.id: [] for s in self.map.stages}
        for t in self.touchpoints:
            by_stage[t.stage].append(t)
        return [(s, by_stage[s.id]) for s in self.map.stages]

    def personas_at(self, touchpoint: Touchpoint) -> list[Persona]:
        ids = set(self.index.personas_at(touchpoint))
        return [p for p in self.personas if p.id in ids]

    def experiences(self, touchpoint: Touchpoint) -> list[tuple[Persona, Experience]]:
        """The experiences in view at ``touchpoint``, in persona order."""
        found = []
        for persona in self.personas:
            exp = self.index.experience(touchpoint, persona.id)
            if exp is not None:
                found.append((persona, exp))
        return found

    def mean_score(self, touchpoint: Touchpoint) -> float | None:
        scores = [exp.score for _, exp in self.experiences(touchpoint)]
        return sum(scores) / len(scores) if scores else None

    def map_mean(self) -> float | None:
        """The headline score of the map: the mean of its touchpoints' mean scores (each
        touchpoint counts once however many personas scored it)."""
        means = [m for t in self.touchpoints if (m := self.mean_score(t)) is not None]
        return sum(means) / len(means) if means else None

    def pains(self, touchpoint: Touchpoint) -> list[PainPoint]:
        """Pain points at ``touchpoint`` that touch a persona in view: open ones first, worst
        first (stable); resolved ones after them, kept as the record of what was fixed."""
        pains = self.index.pains_at(touchpoint.id)
        if self.persona is not None:
            pains = [p for p in pains if self.persona in self.index.pain_personas(p)]
        return sorted(pains, key=lambda p: (p.status == "resolved", SEVERITY_RANK[p.severity]))

    def opportunities(self, touchpoint: Touchpoint) -> list[Opportunity]:
        seen: dict[str, Opportunity] = {}
        for pain in self.pains(touchpoint):
            for opp in self.index.opportunities_for(pain.id):
                seen.setdefault(opp.id, opp)
        return list(seen.values())

    def actions(self, opportunity: Opportunity) -> list[Action]:
        return self.index.actions_for(opportunity.id)

    @cached_property
    def plan(self) -> list[Action]:
        """The action plan in view: every action, or those for the one persona's pain points."""
        if self.persona is None:
            return list(self.map.actions)
        wanted = {o.id for t in self.touchpoints for o in self.opportunities(t)}
        return [a for a in self.map.actions if a.opportunity in wanted]

    @cached_property
    def open_actions(self) -> list[Action]:
        return [a for a in self.plan if a.status in OPEN_STATUSES]

    @cached_property
    def edges(self) -> list[tuple[str, str]]:
        """The flow between touchpoints in view.

        With one persona, a step through touchpoints that persona does not pass is shortened to an
        edge between the two it does pass, so the path stays connected. A touchpoint that may
        follow itself (``next`` naming its own id: a retry) keeps its loop.
        """
        shown = {t.id for t in self.touchpoints}
        successors = self.index.successors
        edges: list[tuple[str, str]] = []
        for t in self.touchpoints:
            targets: list[str] = []
            stack, visited = list(reversed(successors[t.id])), set[str]()
            while stack:
                current = stack.pop()
                if current in visited:
                    continue
                visited.add(current)
                if current in shown:
                    targets.append(current)
                else:
                    stack.extend(reversed(successors[current]))
            edges.extend((t.id, target) for target in targets)
        return edges
