"""Numbers shown beside the changes: mean score per persona and stage, and scorecard deltas."""

from __future__ import annotations

import datetime as dt
from typing import Any

from journeykit.diff.model import MapDiff, MeanCell, ScoreDelta
from journeykit.model import JourneyMap


def stage_means(journey: JourneyMap) -> dict[tuple[str, str], float]:
    """(persona id, stage id) -> the mean experience score there, where the persona has one."""
    totals: dict[tuple[str, str], list[int]] = {}
    for tp in journey.touchpoints:
        for exp in tp.experiences:
            totals.setdefault((exp.persona, tp.stage), []).append(exp.score)
    return {key: round(sum(v) / len(v), 2) for key, v in totals.items()}


def describe(result: MapDiff, old: JourneyMap | None, new: JourneyMap | None) -> None:
    """Fill the names, persona and stage order, and the mean table of ``result``."""
    for journey in (old, new):
        if journey is None:
            continue
        result.names[("map", journey.id)] = journey.title
        for persona in journey.personas:
            result.names[("persona", persona.id)] = persona.name
        for stage in journey.stages:
            result.names[("stage", stage.id)] = stage.name
        for tp in journey.touchpoints:
            result.names[("touchpoint", tp.id)] = tp.name
    result.personas = _ids(old, new, "personas")
    result.stages = _ids(old, new, "stages")
    before = stage_means(old) if old else {}
    after = stage_means(new) if new else {}
    result.means = [
        MeanCell(p, s, before.get((p, s)), after.get((p, s)))
        for p in result.personas
        for s in result.stages
        if (p, s) in before or (p, s) in after
    ]


def _ids(old: JourneyMap | None, new: JourneyMap | None, key: str) -> list[str]:
    ids: dict[str, None] = {}
    for journey in (new, old):
        if journey is not None:
            ids.update((item.id, None) for item in getattr(journey, key))
    return list(ids)


def score_deltas(
    old: JourneyMap | None, new: JourneyMap | None, today: dt.date, settings: Any = None
) -> list[ScoreDelta]:
    """The overall and part scores of the scorecard (``journeykit.score``), before and after.

    ``settings`` are the ``ScoreSettings`` of the config (weights, evidence age), default ones
    when None, so that the diff shows the numbers ``journey score`` prints.
    """
    from journeykit.score import score_map

    before = score_map(old, today=today, settings=settings).scores() if old else {}
    after = score_map(new, today=today, settings=settings).scores() if new else {}
    names = list(dict.fromkeys([*after, *before]))
    return [ScoreDelta(name, before.get(name), after.get(name)) for name in names]


__all__ = ["describe", "score_deltas", "stage_means"]
