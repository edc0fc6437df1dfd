"""The scorecard of a valid map: completeness, evidence, experience, KPI attainment, priorities.

Pure functions over a :class:`~journeykit.model.JourneyMap`; no I/O, no printing. The formulas are
documented in ``docs/score.md`` (with a worked example that a test checks).

Every part is scored 0–100 from *criteria*; each criterion keeps the counts behind it
(``numerator`` / ``denominator``) so that a reader can redo the arithmetic. A criterion whose
denominator is 0 does not apply (its score is ``None``) and is left out of its part's mean; a part
with no applicable criterion is ``None`` and is left out of the weighted overall.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from journeykit.model import (
    Experience,
    JourneyMap,
    MapIndex,
    Opportunity,
    PainPoint,
    Touchpoint,
    meets_target,
    relative_gap,
)

if TYPE_CHECKING:
    from journeykit.config import Config

PARTS = ("completeness", "evidence", "experience", "kpi")
OVERALL = "overall"
PART_TITLES = {
    "completeness": "Completeness",
    "evidence": "Evidence",
    "experience": "Experience",
    "kpi": "KPI attainment",
    OVERALL: "Overall",
}
DEFAULT_WEIGHTS: Mapping[str, float] = {part: 1.0 for part in PARTS}
DEFAULT_MAX_AGE_DAYS = 365
LOW_SCORE = 2  # an experience scored this or less counts as a low point

# Priorities: the weight of each level (documented in docs/score.md).
IMPACT_WEIGHT = {"low": 1, "medium": 2, "high": 3}
EFFORT_WEIGHT = {"low": 1, "medium": 2, "high": 3}
SEVERITY_WEIGHT = {"low": 1, "medium": 2, "high": 3, "critical": 4}
FREQUENCY_WEIGHT = {"rare": 1, "occasional": 2, "frequent": 3, "constant": 4}
UNKNOWN_LEVEL = "medium"  # impact or effort not given
UNKNOWN_FREQUENCY = "occasional"  # frequency not given
MOMENT_OF_TRUTH_FACTOR = 2


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class ScoreSettings:
    """The ``score:`` section of ``journeykit.yaml``.

    ``weights`` are relative (normalised over the parts that apply); ``minimums`` maps a part or
    ``overall`` to the lowest acceptable score; ``sources`` says where each minimum was set (for
    messages such as "score.min.kpi in journeykit.yaml" or "--min-score").
    """

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    max_age_days: int = DEFAULT_MAX_AGE_DAYS
    minimums: Mapping[str, float] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)

    def weight(self, part: str) -> float:
        """The weight of ``part`` (a part missing from ``weights`` keeps its default of 1)."""
        return self.weights.get(part, DEFAULT_WEIGHTS[part])

    def with_minimum(self, part: str, value: float, source: str) -> ScoreSettings:
        return dataclasses.replace(
            self,
            minimums={**self.minimums, part: value},
            sources={**self.sources, part: source},
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "weights": {part: self.weight(part) for part in PARTS},
            "max_age_days": self.max_age_days,
            "min": {k: self.minimums[k] for k in (OVERALL, *PARTS) if k in self.minimums},
        }

    @classmethod
    def from_config(cls, config: Config) -> ScoreSettings:
        """Read the ``score:`` section (its model, ``config.score``, raises ``ConfigError`` with
        every located problem); a setting the file leaves out keeps its default."""
        section = config.score
        shown = config.path or "journeykit.yaml"
        minimums = section.min.given()
        max_age = section.max_age_days
        return cls(
            weights={**DEFAULT_WEIGHTS, **section.weights.given()},
            max_age_days=DEFAULT_MAX_AGE_DAYS if max_age is None else max_age,
            minimums=minimums,
            sources={part: f"score.min.{part} in {shown}" for part in minimums},
        )


SECTION_KEYS = ("weights", "max_age_days", "min")


def _number(value: Any) -> bool:
    """A finite number that converts to a float (a 400-digit integer does not)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return abs(value) <= sys.float_info.max if isinstance(value, int) else math.isfinite(value)


def _unknown(what: str, name: object, known: Iterable[str]) -> str:
    from journeykit.problems import quote
    from journeykit.validate import suggest

    choices = list(known)
    hint = suggest(name, choices) if isinstance(name, str) else ""
    return f"unknown {what} {quote(name)}{hint} (known: {', '.join(choices)})"


def _mapping(
    value: Any,
    loc: tuple[str, ...],
    known: Iterable[str],
    complain: Callable[..., None],
) -> dict[str, Any]:
    """The entries of a settings mapping whose keys are known; complain about the rest."""
    if not isinstance(value, dict):
        complain(loc, f"`{loc[-1]}` must be a mapping of {', '.join(known)}")
        return {}
    allowed = tuple(known)
    good = {}
    for key, item in value.items():
        if key in allowed:
            good[key] = item
        else:
            complain((*loc, key), _unknown(f"key in `{loc[-1]}`:", key, allowed), key=True)
    return good


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Criterion:
    """One measured aspect of a part: ``numerator / denominator`` and its 0–100 ``score``.

    ``value`` is the raw figure (a share 0–1, a mean score 1–5 or a mean gap); ``score`` maps it to
    0–100 as documented per criterion. Both are ``None`` when the denominator is 0 (not applicable).
    """

    id: str
    label: str
    kind: str  # "share" (hits/total), "mean" (sum of scores/count) or "gap" (sum of gaps/count)
    numerator: float
    denominator: int
    value: float | None
    score: float | None


@dataclass(frozen=True)
class Part:
    """A part: the mean of its applicable criteria, or ``None`` when none applies."""

    id: str
    title: str
    score: float | None
    weight: float
    criteria: tuple[Criterion, ...]
    note: str | None = None

    def criterion(self, criterion_id: str) -> Criterion:
        for item in self.criteria:
            if item.id == criterion_id:
                return item
        raise KeyError(criterion_id)


@dataclass(frozen=True)
class LowPoint:
    """The lowest-scored touchpoint of a row (the first in journey order on a tie)."""

    touchpoint: str
    name: str
    persona: str
    score: int


@dataclass(frozen=True)
class ExperienceStats:
    """How a row of persona × touchpoint cells feels.

    ``cells``: cells in the row (persona passes touchpoint); ``scored``: cells with an experience;
    ``mean``: mean score 1–5; ``moments``/``moments_mean``: scored cells at moments of truth and
    their mean; ``low``/``low_share``: scored cells at 2 or less and their share of ``scored``.
    """

    cells: int
    scored: int
    mean: float | None
    lowest: LowPoint | None
    moments: int
    moments_mean: float | None
    low: int
    low_share: float | None


@dataclass(frozen=True)
class StageExperience:
    stage: str
    name: str
    stats: ExperienceStats


@dataclass(frozen=True)
class PersonaExperience:
    """One persona's row of the experience table: the whole journey and each stage it passes."""

    persona: str
    name: str
    overall: ExperienceStats
    stages: tuple[StageExperience, ...]


@dataclass(frozen=True)
class KpiReading:
    """A current measurement (latest per metric and touchpoint) with both actual and target."""

    touchpoint: str
    metric: str
    actual: float
    target: float
    higher_is_better: bool
    met: bool
    gap: float
    as_of: dt.date | None


@dataclass(frozen=True)
class PainWeight:
    """A pain an opportunity addresses: severity × frequency × (2 at a moment of truth)."""

    pain: str
    touchpoint: str
    severity: str
    frequency: str | None
    moment_of_truth: bool
    weight: float


@dataclass(frozen=True)
class Priority:
    """A ranked opportunity: ``priority = impact × Σ pain weights ÷ effort``."""

    rank: int
    opportunity: str
    description: str
    impact: str | None
    effort: str | None
    pains: tuple[PainWeight, ...]
    pain_weight: float
    priority: float
    reason: str


@dataclass(frozen=True)
class Scorecard:
    """The score of one map (or of one persona's view of it, when ``persona`` is set)."""

    map_id: str
    title: str
    persona: str | None
    today: dt.date
    max_age_days: int
    overall: float | None
    parts: tuple[Part, ...]
    by_persona: tuple[PersonaExperience, ...]
    by_stage: tuple[StageExperience, ...]
    kpis: tuple[KpiReading, ...]
    priorities: tuple[Priority, ...]

    def part(self, part_id: str) -> Part:
        for item in self.parts:
            if item.id == part_id:
                return item
        raise KeyError(part_id)

    @property
    def completeness(self) -> Part:
        return self.part("completeness")

    @property
    def evidence(self) -> Part:
        return self.part("evidence")

    @property
    def experience(self) -> Part:
        return self.part("experience")

    @property
    def kpi(self) -> Part:
        return self.part("kpi")

    def scores(self) -> dict[str, float | None]:
        """``{"overall": …, "completeness": …, …}``: what a diff compares."""
        return {OVERALL: self.overall, **{p.id: p.score for p in self.parts}}

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, stable: keys in declaration order, floats rounded to 4 decimals."""
        plain = _plain(self)
        assert isinstance(plain, dict)
        return plain


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, float):  # JSON has no infinity: an overflowing gap is written as text
        return round(value, 4) if math.isfinite(value) else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def shown(score: float) -> float:
    """A score as displayed and as compared with thresholds: one decimal."""
    return round(score, 1)


@dataclass(frozen=True)
class Shortfall:
    """A part (or ``overall``) under its minimum; ``score`` is ``None`` when it did not apply."""

    part: str
    score: float | None
    minimum: float
    source: str


def shortfalls(card: Scorecard, settings: ScoreSettings) -> tuple[list[Shortfall], list[Shortfall]]:
    """``(under, unchecked)``: minimums not met, and minimums on parts that do not apply.

    Scores are compared as shown (one decimal), so 69.96 shows as 70.0 and meets a minimum of 70.
    """
    scores = card.scores()
    under, unchecked = [], []
    for part in (OVERALL, *PARTS):
        if part not in settings.minimums:
            continue
        minimum, source = settings.minimums[part], settings.sources.get(part, "settings")
        score = scores[part]
        if score is None:
            unchecked.append(Shortfall(part, None, minimum, source))
        elif shown(score) < minimum:
            under.append(Shortfall(part, shown(score), minimum, source))
    return under, unchecked


def persona_hint(persona: str, known: list[str], limit: int = 12) -> str:
    """``; did you mean `ann`? (personas: ann, bob, …)``: the closest id, then at most ``limit``
    ids, for the message about an unknown ``--persona``."""
    from journeykit.validate import suggest

    listed = ", ".join(known[:limit]) + (", …" if len(known) > limit else "")
    return f"{suggest(persona, known)} (personas: {listed})"


class UnknownPersona(ValueError):
    """``persona`` names no persona of the map."""

    def __init__(self, persona: str, known: list[str]) -> None:
        from journeykit.problems import quote

        super().__init__(f"no persona {quote(persona)} in this map{persona_hint(persona, known)}")
        self.persona = persona
        self.known = known


# --------------------------------------------------------------------------- scoring


def score_map(
    journey: JourneyMap,
    *,
    today: dt.date,
    persona: str | None = None,
    settings: ScoreSettings | None = None,
) -> Scorecard:
    """Score a valid map, for every persona or for ``persona`` only (``UnknownPersona`` if absent).

    With ``persona``, the map is seen through that persona: its cells, the touchpoints and moments
    of truth it passes (and their measurements), the pains that affect it, the opportunities that
    address those pains, and its own evidence.
    """
    settings = settings or ScoreSettings()
    idx = MapIndex(journey)
    if persona is not None and persona not in idx.personas:
        raise UnknownPersona(persona, list(idx.personas))
    view = _View(idx, persona)
    by_persona = tuple(_persona_row(view, p) for p in view.personas)
    by_stage = tuple(
        StageExperience(stage.id, stage.name, _stats(cells))
        for stage in journey.stages
        if (cells := [c for p in view.personas for c in view.cells(p, stage.id)])
    )
    kpis = _kpi_readings(view)
    all_cells = [c for p in view.personas for c in view.cells(p)]
    parts = (
        _part("completeness", settings, _completeness(view)),
        _part("evidence", settings, _evidence(view, today, settings.max_age_days)),
        _part("experience", settings, _experience(all_cells)),
        _part("kpi", settings, _kpi(kpis), "no measurements with both actual and target"),
    )
    return Scorecard(
        map_id=journey.id,
        title=journey.title,
        persona=persona,
        today=today,
        max_age_days=settings.max_age_days,
        overall=_weighted(parts),
        parts=parts,
        by_persona=by_persona,
        by_stage=by_stage,
        kpis=kpis,
        priorities=_priorities(view),
    )


Cell = tuple[Touchpoint, str, Experience | None]


class _View:
    """The map as seen by every persona, or by one."""

    def __init__(self, idx: MapIndex, persona: str | None) -> None:
        self.idx = idx
        self.persona = persona
        self.personas = [persona] if persona is not None else list(idx.personas)

    def touchpoints(self) -> list[Touchpoint]:
        if self.persona is None:
            return list(self.idx.ordered)
        return self.idx.path_of(self.persona)

    def cells(self, persona: str, stage: str | None = None) -> list[Cell]:
        return [
            (t, persona, self.idx.experience(t, persona))
            for t in self.idx.path_of(persona)
            if stage is None or t.stage == stage
        ]

    def pains(self) -> list[PainPoint]:
        pains = self.idx.map.pain_points
        if self.persona is None:
            return list(pains)
        return [p for p in pains if self.persona in self.idx.pain_personas(p)]

    def opportunities(self) -> list[tuple[Opportunity, list[PainPoint]]]:
        """Opportunities with the in-view pains they address (those addressing none left out)."""
        pains = {p.id: p for p in self.pains()}
        found = []
        for opp in self.idx.map.opportunities:
            addressed = [pains[pid] for pid in opp.addresses if pid in pains]
            if addressed:
                found.append((opp, addressed))
        return found


def _ratio(cid: str, label: str, hits: int, total: int) -> Criterion:
    """A share criterion: score = 100 × hits ÷ total."""
    if total == 0:
        return Criterion(cid, label, "share", hits, total, None, None)
    share = hits / total
    return Criterion(cid, label, "share", hits, total, share, 100 * share)


def _part(
    part_id: str, settings: ScoreSettings, criteria: list[Criterion], empty_note: str | None = None
) -> Part:
    applicable = [c.score for c in criteria if c.score is not None]
    score = sum(applicable) / len(applicable) if applicable else None
    note = None if applicable else (empty_note or "nothing to score")
    return Part(
        part_id, PART_TITLES[part_id], score, settings.weight(part_id), tuple(criteria), note
    )


def _weighted(parts: Iterable[Part]) -> float | None:
    """Σ weight × score ÷ Σ weight over the parts that apply (score not None).

    Weights are relative, so they are scaled to the largest first: weights near the float limit
    (``1e308``) would otherwise overflow to ``inf / inf``, an overall of NaN that meets any minimum.
    """
    pairs = [(p.weight, p.score) for p in parts if p.score is not None and p.weight > 0]
    if not pairs:
        return None
    top = max(w for w, _ in pairs)
    return sum(w / top * s for w, s in pairs) / sum(w / top for w, _ in pairs)


def _completeness(view: _View) -> list[Criterion]:
    idx = view.idx
    cells = [c for p in view.personas for c in view.cells(p)]
    touchpoints = view.touchpoints()
    pains = view.pains()
    opportunities = view.opportunities()
    moments = [t for t in touchpoints if t.moment_of_truth]
    return [
        _ratio("experience_cells", "persona × touchpoint cells with an experience",
               sum(1 for _, _, e in cells if e is not None), len(cells)),
        _ratio("touchpoints_owned", "touchpoints with an owner and a channel",
               sum(1 for t in touchpoints if t.owner and t.channel), len(touchpoints)),
        _ratio("pains_with_opportunity", "pain points with an opportunity, or resolved",
               sum(1 for p in pains if _resolved(p) or idx.opportunities_for(p.id)), len(pains)),
        _ratio("opportunities_with_action",
               "opportunities with an action, or pains resolved",
               sum(1 for o, addressed in opportunities
                   if all(_resolved(p) for p in addressed)
                   or any(a.status != "dropped" for a in idx.actions_for(o.id))),
               len(opportunities)),
        _ratio("moments_measured", "moments of truth with a measured KPI",
               sum(1 for t in moments if any(m.actual is not None for m in t.measurements)),
               len(moments)),
    ]  # fmt: skip


def _evidence(view: _View, today: dt.date, max_age_days: int) -> list[Criterion]:
    personas = [view.idx.personas[p] for p in view.personas]
    experiences = [e for p in view.personas for _, _, e in view.cells(p) if e is not None]
    pains = view.pains()
    return [
        _ratio("personas_with_evidence", "personas with evidence",
               sum(1 for p in personas if p.evidence), len(personas)),
        _ratio("personas_reviewed", f"personas reviewed in the last {max_age_days} days",
               sum(1 for p in personas
                   if p.reviewed is not None and (today - p.reviewed).days <= max_age_days),
               len(personas)),
        _ratio("experiences_with_evidence", "experiences with evidence",
               sum(1 for e in experiences if e.evidence), len(experiences)),
        _ratio("pains_with_evidence", "pain points with evidence",
               sum(1 for p in pains if p.evidence), len(pains)),
    ]  # fmt: skip


def _stats(cells: list[Cell]) -> ExperienceStats:
    scored = [(t, p, e) for t, p, e in cells if e is not None]
    if not scored:
        return ExperienceStats(len(cells), 0, None, None, 0, None, 0, None)
    scores = [e.score for _, _, e in scored]
    low_t, low_p, low_e = min(scored, key=lambda c: c[2].score)
    moments = [e.score for t, _, e in scored if t.moment_of_truth]
    low = sum(1 for s in scores if s <= LOW_SCORE)
    return ExperienceStats(
        cells=len(cells),
        scored=len(scored),
        mean=sum(scores) / len(scores),
        lowest=LowPoint(low_t.id, low_t.name, low_p, low_e.score),
        moments=len(moments),
        moments_mean=sum(moments) / len(moments) if moments else None,
        low=low,
        low_share=low / len(scores),
    )


def _persona_row(view: _View, persona: str) -> PersonaExperience:
    stages = tuple(
        StageExperience(stage.id, stage.name, _stats(cells))
        for stage in view.idx.map.stages
        if (cells := view.cells(persona, stage.id))
    )
    name = view.idx.personas[persona].name
    return PersonaExperience(persona, name, _stats(view.cells(persona)), stages)


def _mean_criterion(cid: str, label: str, scores: list[int]) -> Criterion:
    """A mean-score criterion: value = mean 1–5, score = (mean − 1) ÷ 4 × 100."""
    if not scores:
        return Criterion(cid, label, "mean", 0, 0, None, None)
    mean = sum(scores) / len(scores)
    return Criterion(cid, label, "mean", sum(scores), len(scores), mean, (mean - 1) / 4 * 100)


def _experience(cells: list[Cell]) -> list[Criterion]:
    scored = [(t, e) for t, _, e in cells if e is not None]
    scores = [e.score for _, e in scored]
    low = sum(1 for s in scores if s <= LOW_SCORE)
    low_criterion = Criterion(
        "scored_2_or_less",
        "experiences scored 2 or less (fewer is better)",
        "share",
        low,
        len(scores),
        low / len(scores) if scores else None,
        100 * (1 - low / len(scores)) if scores else None,
    )
    return [
        _mean_criterion("mean_score", "mean experience score (1–5)", scores),
        _mean_criterion("moments_of_truth_mean", "mean score at moments of truth (1–5)",
                        [e.score for t, e in scored if t.moment_of_truth]),
        low_criterion,
    ]  # fmt: skip


def _kpi_readings(view: _View) -> tuple[KpiReading, ...]:
    readings = []
    for t in view.touchpoints():
        for m in view.idx.current_measurements(t):
            if m.actual is None or m.target is None:
                continue
            better = view.idx.higher_is_better(m.metric)
            readings.append(KpiReading(
                t.id, m.metric, m.actual, m.target, better,
                meets_target(m.actual, m.target, better),
                relative_gap(m.actual, m.target, better), m.as_of,
            ))  # fmt: skip
    return tuple(readings)


def _kpi(readings: tuple[KpiReading, ...]) -> list[Criterion]:
    gaps = [min(r.gap, 1.0) for r in readings]
    mean_gap = sum(gaps) / len(gaps) if gaps else None
    return [
        _ratio("meeting_target", "current measurements meeting their target",
               sum(1 for r in readings if r.met), len(readings)),
        Criterion("relative_gap", "mean relative gap to target (smaller is better)", "gap",
                  sum(gaps), len(gaps), mean_gap,
                  None if mean_gap is None else 100 * (1 - mean_gap)),
    ]  # fmt: skip


def _resolved(pain: PainPoint) -> bool:
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


def _priorities(view: _View) -> tuple[Priority, ...]:
    idx = view.idx
    ranked = []
    for position, (opp, addressed) in enumerate(view.opportunities()):
        pains = [p for p in addressed if not _resolved(p)]
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


__all__ = [
    "DEFAULT_MAX_AGE_DAYS", "DEFAULT_WEIGHTS", "OVERALL", "PARTS", "Criterion", "ExperienceStats",
    "KpiReading", "LowPoint", "PainWeight", "Part", "PersonaExperience", "Priority",
    "ScoreSettings", "Scorecard", "Shortfall", "StageExperience", "UnknownPersona",
    "persona_hint", "score_map", "shortfalls", "shown",
]  # fmt: skip
