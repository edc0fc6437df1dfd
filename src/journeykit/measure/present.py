"""What every human-facing format of ``journey measure`` shows, worked out once.

The stylish, Markdown and HTML formats all read a :class:`Report`: the result joined with the
map's own names and order (stage and touchpoint names, the flow), with numbers as people read
them. User text stays raw here; each format escapes it for its own medium.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeykit.measure.result import (
        MeasureResult,
        MetricValue,
        StageResult,
        TouchpointResult,
        TransitionResult,
    )
    from journeykit.model import JourneyMap

MAIN_TRANSITIONS = 12  # the moves a report lists (and the Sankey draws): the most frequent


def percent(value: float | None) -> str:
    """0.6667 -> ``66.7%``; None -> ``–``."""
    if value is None:
        return "–"
    text = f"{value * 100:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def duration(seconds: float | None) -> str:
    """Seconds as people read them: ``45 s``, ``5.2 min``, ``3.1 h``, ``2.4 d``; None -> ``–``."""
    if seconds is None:
        return "–"
    for size, unit in ((86400, "d"), (3600, "h"), (60, "min")):
        if abs(seconds) >= size:
            text = f"{seconds / size:.1f}".rstrip("0").rstrip(".")
            return f"{text} {unit}"
    return f"{seconds:.0f} s"


def number(value: float | None) -> str:
    """A mean or a metric value: up to 2 decimals, no trailing zeros; None -> ``–``."""
    if value is None:
        return "–"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class StageLine:
    id: str
    name: str
    result: StageResult
    touchpoints: list[TouchpointLine]


@dataclass(frozen=True)
class TouchpointLine:
    id: str
    name: str
    stage: str
    result: TouchpointResult | None


@dataclass(frozen=True)
class MetricLine:
    id: str
    name: str
    kind: str
    at: str
    value: str
    result: MetricValue


@dataclass(frozen=True)
class Report:
    title: str
    result: MeasureResult
    stages: list[StageLine]
    touchpoint_names: dict[str, str]
    transitions: list[TransitionResult]
    """The most frequent moves, most frequent first (ties by from, to)."""
    hidden_transitions: int
    metrics: list[MetricLine]

    def name(self, touchpoint: str) -> str:
        return self.touchpoint_names.get(touchpoint, touchpoint)


def metric_value(value: float | None, kind: str) -> str:
    """A metric as people read it: shares as %, durations humanised, NPS signed."""
    if value is None:
        return "–"
    if kind in ("conversion", "retention", "churn", "ratio"):
        return percent(value)
    if kind == "duration":
        return duration(value)
    if kind == "nps":
        return f"{value:+.1f}".rstrip("0").rstrip(".")
    return number(value)


def report(result: MeasureResult, journey: JourneyMap | None) -> Report:
    """The result in the map's terms (ids stand in for names when there is no map)."""
    from journeykit.model import MapIndex

    by_tp = {t.id: t for t in result.touchpoints}
    stage_names: dict[str, str] = {}
    tp_lines: list[TouchpointLine] = []
    metric_kinds: dict[str, tuple[str, str]] = {}
    if journey is not None:
        index = MapIndex(journey)
        stage_names = {s.id: s.name for s in journey.stages}
        tp_lines = [TouchpointLine(t.id, t.name, t.stage, by_tp.get(t.id)) for t in index.ordered]
        metric_kinds = {m.id: (m.name, m.kind) for m in journey.metrics}
    known = {t.id for t in tp_lines}
    tp_lines += [TouchpointLine(t.id, t.id, "", t) for t in result.touchpoints if t.id not in known]
    stages = [
        StageLine(
            s.id,
            stage_names.get(s.id, s.id),
            s,
            [t for t in tp_lines if t.stage == s.id],
        )
        for s in result.stages
    ]
    ordered = sorted(result.transitions, key=lambda t: (-t.count, t.source, t.target))
    metrics = []
    for m in result.metrics:
        name, kind = metric_kinds.get(m.id, (m.id, "custom"))
        metrics.append(MetricLine(m.id, name, kind, m.at, metric_value(m.value, kind), m))
    return Report(
        title=journey.title if journey is not None else result.map,
        result=result,
        stages=stages,
        touchpoint_names={t.id: t.name for t in tp_lines},
        transitions=ordered[:MAIN_TRANSITIONS],
        hidden_transitions=max(0, len(ordered) - MAIN_TRANSITIONS),
        metrics=metrics,
    )
