"""The map as a persona sees it: what ``score``, ``render`` and ``diff`` show of a valid map.

Every touchpoint and pain point, or (with a persona) the touchpoints on that persona's path and the
pain points that affect it, in a stable order. A persona the map does not have is one error,
:class:`UnknownPersona`, raised when the view is made.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from journeykit.errors import JourneyError
from journeykit.model.index import MapIndex
from journeykit.model.map import (
    OPEN_STATUSES,
    SEVERITY_RANK,
    Action,
    Experience,
    JourneyMap,
    Opportunity,
    PainPoint,
    Persona,
    Stage,
    Touchpoint,
)
from journeykit.problems import quote

# A persona × touchpoint cell: the touchpoint, the persona's id and its experience there, if any.
Cell = tuple[Touchpoint, str, Experience | None]

PERSONAS_LISTED = 12  # how many persona ids the message about an unknown persona lists


class UnknownPersona(JourneyError):
    """``persona`` names no persona of the map (of any map, when ``where`` says so): exit 2.

    ``short`` is the message without the did-you-mean and the list of personas.
    """

    def __init__(self, persona: str, known: Sequence[str], where: str = "this map") -> None:
        self.persona = persona
        self.known = list(known)
        self.short = f"no persona {quote(persona)} in {where}"
        close = difflib.get_close_matches(persona, self.known, n=1, cutoff=0.6)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        listed = ", ".join(self.known[:PERSONAS_LISTED])
        more = ", …" if len(self.known) > PERSONAS_LISTED else ""
        super().__init__(f"{self.short}{hint} (personas: {listed}{more})")


@dataclass(frozen=True)
class KeyFigures:
    """The headline numbers of a view, as the map's page and a folder's index show them."""

    personas: int
    stages: int  # stages with at least one touchpoint in view
    touchpoints: int
    moments_of_truth: int
    open_pains: int
    resolved_pains: int
    open_actions: int
    mean: float | None  # the map's headline score (see MapView.map_mean)


class MapView:
    """A read-only view of a valid map, limited to one persona when ``persona`` is given."""

    def __init__(self, journey: JourneyMap, persona: str | None = None) -> None:
        self.map = journey
        self.index = MapIndex(journey)
        self.persona = persona
        if persona is not None and persona not in self.index.personas:
            raise UnknownPersona(persona, list(self.index.personas))

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

    def cells(self, persona_id: str, stage: str | None = None) -> list[Cell]:
        """The persona's cells along its path (in ``stage`` only, when given)."""
        return [
            (t, persona_id, self.index.experience(t, persona_id))
            for t in self.index.path_of(persona_id)
            if stage is None or t.stage == stage
        ]

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

    def _affects(self, pain: PainPoint) -> bool:
        return self.persona is None or self.persona in self.index.pain_personas(pain)

    @cached_property
    def pain_points(self) -> list[PainPoint]:
        """Every pain point that affects a persona in view, in file order."""
        return [p for p in self.map.pain_points if self._affects(p)]

    def pains(self, touchpoint: Touchpoint) -> list[PainPoint]:
        """Pain points at ``touchpoint`` that touch a persona in view: open ones first, worst
        first (stable); resolved ones after them, kept as the record of what was fixed."""
        pains = [p for p in self.index.pains_at(touchpoint.id) if self._affects(p)]
        return sorted(pains, key=lambda p: (p.status == "resolved", -SEVERITY_RANK[p.severity]))

    def opportunities(self, touchpoint: Touchpoint) -> list[Opportunity]:
        seen: dict[str, Opportunity] = {}
        for pain in self.pains(touchpoint):
            for opp in self.index.opportunities_for(pain.id):
                seen.setdefault(opp.id, opp)
        return list(seen.values())

    @cached_property
    def addressed(self) -> list[tuple[Opportunity, list[PainPoint]]]:
        """Opportunities with the pain points in view they address (those addressing none of
        them left out), in file order."""
        pains = {p.id: p for p in self.pain_points}
        found = []
        for opp in self.map.opportunities:
            addressed = [pains[pid] for pid in opp.addresses if pid in pains]
            if addressed:
                found.append((opp, addressed))
        return found

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
    def figures(self) -> KeyFigures:
        pains = [p for t in self.touchpoints for p in self.pains(t)]
        resolved = sum(1 for p in pains if p.status == "resolved")
        return KeyFigures(
            personas=len(self.personas),
            stages=sum(1 for _, touchpoints in self.stages if touchpoints),
            touchpoints=len(self.touchpoints),
            moments_of_truth=sum(1 for t in self.touchpoints if t.moment_of_truth),
            open_pains=len(pains) - resolved,
            resolved_pains=resolved,
            open_actions=len(self.open_actions),
            mean=self.map_mean(),
        )

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


__all__ = ["Cell", "KeyFigures", "MapView", "UnknownPersona"]
