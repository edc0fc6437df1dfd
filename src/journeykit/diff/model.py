"""The typed result of a diff: changes with a dotted path, old and new value, kind and class.

Values are plain JSON data (text, numbers, booleans, null, lists, mappings; dates as ISO text), so
that every formatter, the JSON output included, can print them without knowing the model.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

FORMAT_VERSION = 1


class ChangeClass(enum.StrEnum):
    """How a change matters to a reviewer. Ordered: regression > removal > change > improvement."""

    REGRESSION = "regression"
    REMOVAL = "removal"
    CHANGE = "change"
    IMPROVEMENT = "improvement"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {
    ChangeClass.IMPROVEMENT: 0,
    ChangeClass.CHANGE: 1,
    ChangeClass.REMOVAL: 2,
    ChangeClass.REGRESSION: 3,
}

# `--fail-on X` exits 1 when a change of class X or of a more serious class is found.
FAIL_ON: dict[str, ChangeClass] = {
    "regression": ChangeClass.REGRESSION,
    "removal": ChangeClass.REMOVAL,
    "change": ChangeClass.CHANGE,
    "any": ChangeClass.IMPROVEMENT,
}


class Kind(enum.StrEnum):
    """What happened at a path."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"  # a touchpoint moved to another stage
    REORDERED = "reordered"  # the same ids in another order (stages, touchpoints in a stage)

    @property
    def mirror(self) -> Kind:
        """The kind of the same change seen from the other side."""
        return {Kind.ADDED: Kind.REMOVED, Kind.REMOVED: Kind.ADDED}.get(self, self)


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: ``path`` is made of keys and ids, never list positions."""

    path: tuple[str, ...]
    kind: Kind
    cls: ChangeClass
    old: Any = None
    new: Any = None
    note: str = ""
    # Flow edges that changed only because of this move, reorder, addition or removal.
    implied: tuple[Change, ...] = ()

    @property
    def dotted(self) -> str:
        return ".".join(self.path)

    @property
    def delta(self) -> float | None:
        """``new - old`` when both are numbers (scores, measurements), else None."""
        if _number(self.old) and _number(self.new):
            return float(self.new) - float(self.old)
        return None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.dotted,
            "segments": list(self.path),
            "kind": str(self.kind),
            "class": str(self.cls),
            "old": self.old,
            "new": self.new,
        }
        delta = self.delta
        if delta is not None:
            out["delta"] = round(delta, 6)
        if self.note:
            out["note"] = self.note
        if self.implied:
            out["implied"] = [change.as_dict() for change in self.implied]
        return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def count_classes(changes: list[Change]) -> dict[ChangeClass, int]:
    """How many changes of each class, every class present, most serious first."""
    counts = dict.fromkeys(ChangeClass, 0)
    for change in changes:
        counts[change.cls] += 1
    return counts


@dataclass(frozen=True, slots=True)
class MeanCell:
    """The mean experience score of one persona in one stage, before and after (None: no score)."""

    persona: str
    stage: str
    old: float | None
    new: float | None

    def as_dict(self) -> dict[str, Any]:
        return {"persona": self.persona, "stage": self.stage, "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class ScoreDelta:
    """One number of the scorecard (overall or a part), before and after."""

    name: str
    old: float | None
    new: float | None

    def as_dict(self) -> dict[str, Any]:
        delta = None if self.old is None or self.new is None else round(self.new - self.old, 4)
        return {"name": self.name, "old": _round(self.old), "new": _round(self.new), "delta": delta}


@dataclass
class MapDiff:
    """The differences of one map, matched by id between the two sides."""

    map_id: str
    old_path: str | None
    new_path: str | None
    changes: list[Change] = field(default_factory=list)
    # Labels for ids, for people: persona and stage names (new side first, then old).
    names: dict[tuple[str, str], str] = field(default_factory=dict)
    personas: list[str] = field(default_factory=list)  # persona ids, new order then removed
    stages: list[str] = field(default_factory=list)  # stage ids, new order then removed
    means: list[MeanCell] = field(default_factory=list)
    scores: list[ScoreDelta] | None = None  # the scorecard before and after; None: no changes

    @property
    def status(self) -> str:
        if self.old_path is None:
            return "added"
        if self.new_path is None:
            return "removed"
        return "changed" if self.changes else "unchanged"

    def name(self, kind: str, ident: str) -> str:
        return self.names.get((kind, ident), ident)


@dataclass
class DiffResult:
    """Every map compared, in a stable order (by id)."""

    old_label: str
    new_label: str
    maps: list[MapDiff] = field(default_factory=list)

    @property
    def changes(self) -> list[Change]:
        return [c for m in self.maps for c in m.changes]

    def counts(self) -> dict[ChangeClass, int]:
        return count_classes(self.changes)

    def crosses(self, fail_on: ChangeClass) -> bool:
        """True when a change at or above ``fail_on`` was found (``--fail-on``)."""
        return any(c.cls.rank >= fail_on.rank for c in self.changes)


__all__ = [
    "FAIL_ON",
    "FORMAT_VERSION",
    "Change",
    "ChangeClass",
    "DiffResult",
    "Kind",
    "MapDiff",
    "MeanCell",
    "ScoreDelta",
    "count_classes",
]
