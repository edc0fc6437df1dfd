"""What a score is made of: criteria, parts, the experience table, KPI readings, priorities,
the scorecard that holds them, and the minimums it falls short of."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from journeykit.score.settings import OVERALL, PARTS, ScoreSettings


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
