"""The rules that decide whether a change is a regression, a removal, a change or an improvement.

Kept apart from the walk over the maps so that each rule reads as one small function.
"""

from __future__ import annotations

import datetime as dt

from journeykit.diff.model import ChangeClass
from journeykit.diff.values import number
from journeykit.model import SEVERITY_RANK, relative_gap

SERIOUS = frozenset({"high", "critical"})
# Forward order of an action's status; `dropped` stands outside it.
STATUS_RANK = {"proposed": 0, "planned": 1, "in-progress": 2, "done": 3}


def score(old: int, new: int) -> tuple[ChangeClass, str]:
    """An experience score: lower is a regression, higher an improvement."""
    delta = new - old
    return (ChangeClass.REGRESSION if delta < 0 else ChangeClass.IMPROVEMENT), f"{delta:+d}"


def new_pain(severity: str) -> tuple[ChangeClass, str]:
    cls = ChangeClass.REGRESSION if severity in SERIOUS else ChangeClass.CHANGE
    return cls, f"new {severity} pain point"


def pain_status(new: str, resolved: dt.date | None) -> tuple[ChangeClass, str]:
    """A pain point resolved is an improvement; reopened, a regression."""
    if new == "resolved":
        return ChangeClass.IMPROVEMENT, "resolved" + (f" on {resolved}" if resolved else "")
    return ChangeClass.REGRESSION, "reopened"


def severity(old: str, new: str) -> tuple[ChangeClass, str]:
    """Up to high or critical is a regression, up to medium a change, down an improvement."""
    if SEVERITY_RANK[new] < SEVERITY_RANK[old]:
        return ChangeClass.IMPROVEMENT, "severity down"
    cls = ChangeClass.REGRESSION if new in SERIOUS else ChangeClass.CHANGE
    return cls, "severity up"


def status(old: str, new: str) -> tuple[ChangeClass, str]:
    """Forward is an improvement; dropped or moved back is a regression; revived an improvement."""
    if new == "dropped":
        return ChangeClass.REGRESSION, "dropped"
    if old == "dropped":
        return ChangeClass.IMPROVEMENT, "revived"
    if STATUS_RANK[new] > STATUS_RANK[old]:
        return ChangeClass.IMPROVEMENT, "moved forward"
    return ChangeClass.REGRESSION, "moved back"


def due(old: dt.date | None, new: dt.date | None) -> tuple[ChangeClass, str]:
    if old is None:
        return ChangeClass.CHANGE, "due date set"
    if new is None:
        return ChangeClass.CHANGE, "due date cleared"
    days = (new - old).days
    word = "later" if days > 0 else "earlier"
    return ChangeClass.CHANGE, f"moved {word} by {abs(days)} day{'s' if abs(days) != 1 else ''}"


def moment_of_truth(old: bool, new: bool) -> tuple[ChangeClass, str]:
    if old and not new:
        return ChangeClass.REGRESSION, "no longer a moment of truth"
    return ChangeClass.CHANGE, "now a moment of truth"


def actual(
    old: float, new: float, target: float | None, higher_is_better: bool | None
) -> tuple[ChangeClass, str]:
    """A measurement's actual value, direction-aware; the note says where it stands to target.

    ``higher_is_better`` is None when the metric's direction differs between the two sides: then
    the move is neither better nor worse, only a change (whichever side's direction were taken,
    the mirrored diff would call the same move an improvement both ways).
    """
    delta = new - old
    if higher_is_better is None:
        return ChangeClass.CHANGE, f"{_number(delta, signed=True)}, the metric's direction changed"
    better = delta > 0 if higher_is_better else delta < 0
    cls = ChangeClass.IMPROVEMENT if better else ChangeClass.REGRESSION
    note = f"{_number(delta, signed=True)}, {'better' if better else 'worse'}"
    if target is not None:
        gap_old = relative_gap(old, target, higher_is_better)
        gap_new = relative_gap(new, target, higher_is_better)
        shown = _number(target)
        if gap_new == 0:
            where = f"target {shown} still met" if gap_old == 0 else f"target {shown} reached"
        elif gap_old == 0:
            where = f"target {shown} no longer met"
        else:
            where = f"toward target {shown}" if gap_new < gap_old else f"away from target {shown}"
        note += f", {where}"
    return cls, note


def _number(value: float, *, signed: bool = False) -> str:
    return number(value, signed=signed)


__all__ = [
    "STATUS_RANK",
    "actual",
    "due",
    "moment_of_truth",
    "new_pain",
    "pain_status",
    "score",
    "severity",
    "status",
]
