"""Compare two valid maps, matched by id everywhere (never by position): a pure function.

The walk follows the format's order: the map's own fields, objectives, metrics, personas, stages,
touchpoints (with their experiences, measurements and flow), pain points, opportunities, actions.
Within a list, changed and added items come in the new map's order, removed ones after them in the
old map's order. Formatting of the YAML plays no part: only the models are compared.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

from pydantic import BaseModel

from journeykit.diff import classify
from journeykit.diff.implied import fold_implied
from journeykit.diff.model import Change, ChangeClass, Kind
from journeykit.diff.plain import plain
from journeykit.model import (
    Action,
    Experience,
    JourneyMap,
    MapIndex,
    Measurement,
    PainPoint,
    Touchpoint,
)

Path = tuple[str, ...]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


# Fields compared elsewhere (identity, nested collections, fields with their own rules).
_MAP_SKIP = frozenset(
    {
        "journeykit",
        "include",
        "objectives",
        "metrics",
        "personas",
        "stages",
        "touchpoints",
        "pain_points",
        "opportunities",
        "actions",
    }
)
_TOUCHPOINT_SKIP = frozenset(
    {"id", "stage", "next", "moment_of_truth", "experiences", "measurements"}
)
_ID = frozenset({"id"})


def diff_maps(old: JourneyMap, new: JourneyMap) -> list[Change]:
    """Every difference between two valid maps, each with its dotted path and class.

    Flow edges that changed only because the order of touchpoints did (no ``next`` on either
    side) are folded into the change of order that caused them, as its ``implied`` detail.
    """
    walk = _Walk(old, new)
    changes = list(walk.run())
    return fold_implied(changes, walk.implied) if walk.implied else changes


class _Walk:
    def __init__(self, old: JourneyMap, new: JourneyMap) -> None:
        self.old, self.new = old, new
        self.oi, self.ni = MapIndex(old), MapIndex(new)
        # Per touchpoint without `next` on either side: its flow edges that changed.
        self.implied: list[tuple[str, list[Change]]] = []

    def run(self) -> Iterator[Change]:
        yield from self.fields((), self.old, self.new, _MAP_SKIP)
        yield from self.simple("objectives", self.old.objectives, self.new.objectives)
        yield from self.simple("metrics", self.old.metrics, self.new.metrics)
        yield from self.simple("personas", self.old.personas, self.new.personas)
        yield from self.simple("stages", self.old.stages, self.new.stages)
        yield from self.order(
            ("stages",), [s.id for s in self.old.stages], [s.id for s in self.new.stages]
        )
        old_in, new_in = _by_stage(self.old), _by_stage(self.new)
        for stage in self.new.stages:
            if stage.id in self.oi.stages:
                yield from self.order(
                    ("stages", stage.id, "touchpoints"),
                    old_in.get(stage.id, []),
                    new_in.get(stage.id, []),
                )
        yield from self.touchpoints()
        yield from self.matched(
            "pain_points",
            self.old.pain_points,
            self.new.pain_points,
            self.pain_added,
            self.pain_removed,
            self.pain,
        )
        yield from self.simple("opportunities", self.old.opportunities, self.new.opportunities)
        yield from self.matched(
            "actions", self.old.actions, self.new.actions, self.added, self.removed, self.action
        )

    # -- generic pieces ------------------------------------------------------------------------

    def fields(
        self, path: Path, old: BaseModel, new: BaseModel, skip: frozenset[str] = _ID
    ) -> Iterator[Change]:
        """Field by field in model order; mappings (demographics) key by key."""
        if old == new:
            return
        for name in type(new).model_fields:
            if name in skip:
                continue
            before, after = getattr(old, name), getattr(new, name)
            if before == after:
                continue
            if isinstance(before, dict) and isinstance(after, dict):
                for key in _union(before, after):
                    b, a = before.get(key), after.get(key)
                    if b != a:
                        yield Change(
                            (*path, name, key), Kind.CHANGED, ChangeClass.CHANGE, plain(b), plain(a)
                        )
                continue
            yield Change(
                (*path, name), Kind.CHANGED, ChangeClass.CHANGE, plain(before), plain(after)
            )

    def matched(
        self,
        key: str,
        old: Sequence[Any],
        new: Sequence[Any],
        on_added: Callable[[Path, Any], Iterable[Change]],
        on_removed: Callable[[Path, Any], Iterable[Change]],
        on_both: Callable[[Path, Any, Any], Iterable[Change]],
        ident: Callable[[Any], str] = lambda item: str(item.id),
        base: Path = (),
    ) -> Iterator[Change]:
        """Match two lists by identity: changed and added in new order, then removed ones."""
        before = {ident(item): item for item in old}
        seen: set[str] = set()
        for item in new:
            name = ident(item)
            seen.add(name)
            path = (*base, key, name)
            if name in before:
                if before[name] != item:
                    yield from on_both(path, before[name], item)
            else:
                yield from on_added(path, item)
        for item in old:
            if ident(item) not in seen:
                yield from on_removed((*base, key, ident(item)), item)

    def simple(self, key: str, old: Sequence[_HasId], new: Sequence[_HasId]) -> Iterator[Change]:
        yield from self.matched(key, old, new, self.added, self.removed, self.both)

    def added(self, path: Path, item: Any) -> Iterator[Change]:
        yield Change(path, Kind.ADDED, ChangeClass.CHANGE, None, plain(item))

    def removed(self, path: Path, item: Any) -> Iterator[Change]:
        yield Change(path, Kind.REMOVED, ChangeClass.REMOVAL, plain(item), None)

    def both(self, path: Path, old: BaseModel, new: BaseModel) -> Iterator[Change]:
        yield from self.fields(path, old, new)

    def order(self, path: Path, old: list[str], new: list[str]) -> Iterator[Change]:
        """Same ids in another relative order (additions and removals aside)."""
        common = set(old) & set(new)
        before = [i for i in old if i in common]
        after = [i for i in new if i in common]
        if before != after:
            yield Change(path, Kind.REORDERED, ChangeClass.CHANGE, before, after)

    # -- touchpoints ---------------------------------------------------------------------------

    def touchpoints(self) -> Iterator[Change]:
        """Each touchpoint's own changes followed by the changes of its flow edges."""
        before = self.oi.touchpoints
        for tp in self.new.touchpoints:
            path = ("touchpoints", tp.id)
            old = before.get(tp.id)
            if old is None:
                yield from self.touchpoint_added(path, tp)
                continue
            if old != tp:
                yield from self.touchpoint(path, old, tp)
            yield from self.flow(tp.id)
        for tp in self.old.touchpoints:
            if tp.id not in self.ni.touchpoints:
                yield from self.touchpoint_removed(("touchpoints", tp.id), tp)

    def touchpoint_added(self, path: Path, tp: Touchpoint) -> Iterator[Change]:
        note = f"in stage {tp.stage}" + (", a moment of truth" if tp.moment_of_truth else "")
        yield Change(path, Kind.ADDED, ChangeClass.CHANGE, None, plain(tp), note)

    def touchpoint_removed(self, path: Path, tp: Touchpoint) -> Iterator[Change]:
        if tp.moment_of_truth:
            yield Change(
                path,
                Kind.REMOVED,
                ChangeClass.REGRESSION,
                plain(tp),
                None,
                "a moment of truth removed",
            )
        else:
            yield Change(path, Kind.REMOVED, ChangeClass.REMOVAL, plain(tp), None)

    def touchpoint(self, path: Path, old: Touchpoint, new: Touchpoint) -> Iterator[Change]:
        if old.stage != new.stage:
            yield Change(
                (*path, "stage"),
                Kind.MOVED,
                ChangeClass.CHANGE,
                old.stage,
                new.stage,
                "moved between stages",
            )
        yield from self.fields(path, old, new, _TOUCHPOINT_SKIP)
        if old.moment_of_truth != new.moment_of_truth:
            cls, note = classify.moment_of_truth(old.moment_of_truth, new.moment_of_truth)
            yield Change(
                (*path, "moment_of_truth"),
                Kind.CHANGED,
                cls,
                old.moment_of_truth,
                new.moment_of_truth,
                note,
            )
        if old.experiences != new.experiences:
            yield from self.matched(
                "experiences",
                old.experiences,
                new.experiences,
                self.added,
                self.removed,
                self.experience,
                ident=lambda e: str(e.persona),
                base=path,
            )
        if old.measurements != new.measurements:
            yield from self.measurements(path, old, new)

    def experience(self, path: Path, old: Experience, new: Experience) -> Iterator[Change]:
        if old.score != new.score:
            cls, note = classify.score(old.score, new.score)
            yield Change((*path, "score"), Kind.CHANGED, cls, old.score, new.score, note)
        yield from self.fields(path, old, new, frozenset({"persona", "score"}))

    def flow(self, tp_id: str) -> Iterator[Change]:
        """Flow edges added to or removed from a touchpoint that exists on both sides."""
        before, after = self.oi.successors[tp_id], self.ni.successors[tp_id]
        if before == after:
            return
        path = ("touchpoints", tp_id, "next")
        edges = [
            Change((*path, t), Kind.ADDED, ChangeClass.CHANGE, None, t, f"flow {tp_id} → {t}")
            for t in after
            if t not in before
        ] + [
            Change((*path, t), Kind.REMOVED, ChangeClass.CHANGE, t, None, f"flow {tp_id} → {t}")
            for t in before
            if t not in after
        ]
        if self.oi.touchpoints[tp_id].next is None and self.ni.touchpoints[tp_id].next is None:
            self.implied.append((tp_id, edges))  # kept in place until a cause takes them
        yield from edges

    # -- measurements --------------------------------------------------------------------------

    def measurements(self, base: Path, old_tp: Touchpoint, new_tp: Touchpoint) -> Iterator[Change]:
        """Per metric: the current reading field by field, then the older readings by date."""
        old_by, new_by = _by_metric(old_tp.measurements), _by_metric(new_tp.measurements)
        old_now = {m.metric: m for m in self.oi.current_measurements(old_tp)}
        new_now = {m.metric: m for m in self.ni.current_measurements(new_tp)}
        for metric in _union(old_by, new_by):
            path = (*base, "measurements", metric)
            if metric not in old_by:
                yield Change(path, Kind.ADDED, ChangeClass.CHANGE, None, _readings(new_by[metric]))
                continue
            if metric not in new_by:
                yield Change(
                    path, Kind.REMOVED, ChangeClass.REMOVAL, _readings(old_by[metric]), None
                )
                continue
            if old_by[metric] == new_by[metric]:
                continue
            before, after = old_now[metric], new_now[metric]
            yield from self.reading(path, before, after, self.direction(metric))
            # Older readings, by date; a reading that is the other side's current one has only
            # moved between "current" and "history" and is not reported twice.
            old_hist = {_day(m): m for m in old_by[metric] if m is not before and m != after}
            new_hist = {_day(m): m for m in new_by[metric] if m is not after and m != before}
            yield from self.matched(
                "history",
                list(old_hist.values()),
                list(new_hist.values()),
                self.added,
                self.removed,
                self.both,
                ident=_day,
                base=path,
            )

    def direction(self, metric: str) -> bool | None:
        """True when higher is better on both sides, False when lower is; None if it changed."""
        higher = self.ni.higher_is_better(metric)
        return higher if higher == self.oi.higher_is_better(metric) else None

    def reading(
        self, path: Path, old: Measurement, new: Measurement, higher_is_better: bool | None
    ) -> Iterator[Change]:
        skip = frozenset({"metric", "actual"})
        if old.actual is None or new.actual is None:
            skip = frozenset({"metric"})  # a value set or cleared is a plain change
        elif not _same(old.actual, new.actual):
            target = new.target if new.target is not None else old.target
            cls, note = classify.actual(old.actual, new.actual, target, higher_is_better)
            yield Change((*path, "actual"), Kind.CHANGED, cls, old.actual, new.actual, note)
        yield from self.fields(path, old, new, skip)

    # -- pain points and actions ---------------------------------------------------------------

    def pain_added(self, path: Path, pain: PainPoint) -> Iterator[Change]:
        if pain.status == "resolved":
            cls, note = ChangeClass.CHANGE, f"{pain.severity} pain point, already resolved"
        else:
            cls, note = classify.new_pain(pain.severity)
        yield Change(path, Kind.ADDED, cls, None, plain(pain), note)

    def pain_removed(self, path: Path, pain: PainPoint) -> Iterator[Change]:
        if pain.status == "resolved":  # the record of a fix leaves the map
            cls, note = ChangeClass.REMOVAL, f"resolved {pain.severity} pain point removed"
        else:
            cls, note = ChangeClass.IMPROVEMENT, f"{pain.severity} pain point resolved"
        yield Change(path, Kind.REMOVED, cls, plain(pain), None, note)

    def pain(self, path: Path, old: PainPoint, new: PainPoint) -> Iterator[Change]:
        skip = {"id", "severity", "touchpoint", "status"}
        if old.status != new.status:
            cls, note = classify.pain_status(new.status, new.resolved)
            yield Change((*path, "status"), Kind.CHANGED, cls, old.status, new.status, note)
            skip.add("resolved")  # the date goes with the status change (validation pairs them)
        if old.severity != new.severity:
            cls, note = classify.severity(old.severity, new.severity)
            yield Change((*path, "severity"), Kind.CHANGED, cls, old.severity, new.severity, note)
        if old.touchpoint != new.touchpoint:
            yield Change(
                (*path, "touchpoint"),
                Kind.MOVED,
                ChangeClass.CHANGE,
                old.touchpoint,
                new.touchpoint,
                "moved to another touchpoint",
            )
        yield from self.fields(path, old, new, frozenset(skip))

    def action(self, path: Path, old: Action, new: Action) -> Iterator[Change]:
        if old.status != new.status:
            cls, note = classify.status(old.status, new.status)
            yield Change((*path, "status"), Kind.CHANGED, cls, old.status, new.status, note)
        if old.due != new.due:
            cls, note = classify.due(old.due, new.due)
            yield Change((*path, "due"), Kind.CHANGED, cls, plain(old.due), plain(new.due), note)
        yield from self.fields(path, old, new, frozenset({"id", "status", "due"}))


def _same(a: float, b: float) -> bool:
    """Equal numbers, NaN included (validation refuses .nan; this keeps the diff total anyway)."""
    return a == b or (math.isnan(a) and math.isnan(b))


def _union(old: Iterable[str], new: Iterable[str]) -> list[str]:
    """Keys of ``new`` in order, then those only in ``old``."""
    seen = dict.fromkeys(new)
    for key in old:
        seen.setdefault(key)
    return list(seen)


def _by_stage(journey: JourneyMap) -> dict[str, list[str]]:
    """Touchpoint ids per stage id, in file order."""
    grouped: dict[str, list[str]] = {}
    for tp in journey.touchpoints:
        grouped.setdefault(tp.stage, []).append(tp.id)
    return grouped


def _by_metric(readings: list[Measurement]) -> dict[str, list[Measurement]]:
    grouped: dict[str, list[Measurement]] = {}
    for reading in readings:
        grouped.setdefault(reading.metric, []).append(reading)
    return grouped


def _day(reading: Measurement) -> str:
    return reading.as_of.isoformat() if reading.as_of else "undated"


def _readings(readings: list[Measurement]) -> Any:
    return plain(readings[0]) if len(readings) == 1 else plain(readings)


__all__ = ["diff_maps"]
