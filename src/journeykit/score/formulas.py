"""The formulas: each part's criteria over the map as seen by every persona or one, and the
weighted overall (docs/score.md documents each, with a worked example that a test checks).

Every part is scored 0–100 from *criteria*; each criterion keeps the counts behind it
(``numerator`` / ``denominator``) so that a reader can redo the arithmetic. A criterion whose
denominator is 0 does not apply (its score is ``None``) and is left out of its part's mean; a part
with no applicable criterion is ``None`` and is left out of the weighted overall.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from journeykit.model import (
    Cell,
    Experience,
    JourneyMap,
    MapView,
    Opportunity,
    PainPoint,
    Persona,
    meets_target,
    relative_gap,
)
from journeykit.score.card import (
    Criterion,
    ExperienceStats,
    KpiReading,
    LowPoint,
    Part,
    PersonaExperience,
    Scorecard,
    StageExperience,
)
from journeykit.score.priorities import priorities, resolved
from journeykit.score.settings import PART_TITLES, ScoreSettings

LOW_SCORE = 2  # an experience scored this or less counts as a low point
T = TypeVar("T")


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
    view = MapView(journey, persona)
    ids = [p.id for p in view.personas]
    by_persona = tuple(_persona_row(view, p) for p in ids)
    by_stage = tuple(
        StageExperience(stage.id, stage.name, _stats(cells))
        for stage in journey.stages
        if (cells := [c for p in ids for c in view.cells(p, stage.id)])
    )
    kpis = _kpi_readings(view)
    all_cells = [c for p in ids for c in view.cells(p)]
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
        priorities=priorities(view),
    )


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


def _share(cid: str, label: str, items: Sequence[T], hit: Callable[[T], object]) -> Criterion:
    """A share criterion over ``items``: score = 100 × (the items that ``hit``) ÷ items."""
    return _ratio(cid, label, sum(1 for item in items if hit(item)), len(items))


def _completeness(view: MapView) -> list[Criterion]:
    idx = view.index
    cells = [c for p in view.personas for c in view.cells(p.id)]
    moments = [t for t in view.touchpoints if t.moment_of_truth]

    def acted_on(item: tuple[Opportunity, list[PainPoint]]) -> bool:
        opp, addressed = item
        live = any(a.status != "dropped" for a in idx.actions_for(opp.id))
        return live or all(resolved(p) for p in addressed)

    return [
        _share(
            "experience_cells",
            "persona × touchpoint cells with an experience",
            cells,
            lambda c: c[2] is not None,
        ),
        _share(
            "touchpoints_owned",
            "touchpoints with an owner and a channel",
            view.touchpoints,
            lambda t: t.owner and t.channel,
        ),
        _share(
            "pains_with_opportunity",
            "pain points with an opportunity, or resolved",
            view.pain_points,
            lambda p: resolved(p) or idx.opportunities_for(p.id),
        ),
        _share(
            "opportunities_with_action",
            "opportunities with an action, or pains resolved",
            view.addressed,
            acted_on,
        ),
        _share(
            "moments_measured",
            "moments of truth with a measured KPI",
            moments,
            lambda t: any(m.actual is not None for m in t.measurements),
        ),
    ]


def _evidence(view: MapView, today: dt.date, max_age_days: int) -> list[Criterion]:
    personas = view.personas
    experiences = [e for p in personas for _, _, e in view.cells(p.id) if e is not None]

    def recent(persona: Persona) -> bool:
        return persona.reviewed is not None and (today - persona.reviewed).days <= max_age_days

    return [
        _share("personas_with_evidence", "personas with evidence", personas, _evidenced),
        _share(
            "personas_reviewed",
            f"personas reviewed in the last {max_age_days} days",
            personas,
            recent,
        ),
        _share("experiences_with_evidence", "experiences with evidence", experiences, _evidenced),
        _share("pains_with_evidence", "pain points with evidence", view.pain_points, _evidenced),
    ]


def _evidenced(item: Persona | Experience | PainPoint) -> bool:
    return bool(item.evidence)


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


def _persona_row(view: MapView, persona: str) -> PersonaExperience:
    stages = tuple(
        StageExperience(stage.id, stage.name, _stats(cells))
        for stage in view.map.stages
        if (cells := view.cells(persona, stage.id))
    )
    name = view.index.personas[persona].name
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
        _mean_criterion(
            "moments_of_truth_mean",
            "mean score at moments of truth (1–5)",
            [e.score for t, e in scored if t.moment_of_truth],
        ),
        low_criterion,
    ]


def _kpi_readings(view: MapView) -> tuple[KpiReading, ...]:
    readings = []
    for t in view.touchpoints:
        for m in view.index.current_measurements(t):
            if m.actual is None or m.target is None:
                continue
            better = view.index.higher_is_better(m.metric)
            readings.append(
                KpiReading(
                    t.id,
                    m.metric,
                    m.actual,
                    m.target,
                    better,
                    meets_target(m.actual, m.target, better),
                    relative_gap(m.actual, m.target, better),
                    m.as_of,
                )
            )
    return tuple(readings)


def _kpi(readings: tuple[KpiReading, ...]) -> list[Criterion]:
    gaps = [min(r.gap, 1.0) for r in readings]
    mean_gap = sum(gaps) / len(gaps) if gaps else None
    return [
        _share(
            "meeting_target", "current measurements meeting their target", readings, lambda r: r.met
        ),
        Criterion(
            "relative_gap",
            "mean relative gap to target (smaller is better)",
            "gap",
            sum(gaps),
            len(gaps),
            mean_gap,
            None if mean_gap is None else 100 * (1 - mean_gap),
        ),
    ]
