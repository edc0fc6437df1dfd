"""How `journey diff` classes a pain point resolved, reopened, recorded or removed."""

from __future__ import annotations

from journeykit.diff.compare import diff_maps
from journeykit.diff.model import ChangeClass, Kind
from journeykit.model import JourneyMap
from journeykit.validate import load

BASE = """\
journeykit: 1
id: m
title: M
personas: [{id: ann, name: Ann}]
stages: [{id: s, name: S}]
touchpoints: [{id: t, name: T, stage: s}]
"""


def journey(pains: str = "") -> JourneyMap:
    loaded = load("-", data=(BASE + pains).encode())
    assert loaded.journey is not None, [p.message for p in loaded.problems]
    return loaded.journey


OPEN = "pain_points: [{id: p, description: P, touchpoint: t, severity: high}]\n"
RESOLVED = (
    "pain_points: [{id: p, description: P, touchpoint: t, severity: high, status: resolved,"
    " resolved: 2026-11-02}]\n"
)


def test_resolving_is_an_improvement_and_reopening_a_regression() -> None:
    (resolved,) = diff_maps(journey(OPEN), journey(RESOLVED))
    assert (resolved.dotted, resolved.cls, resolved.note) == (
        "pain_points.p.status", ChangeClass.IMPROVEMENT, "resolved on 2026-11-02",
    )  # fmt: skip
    (reopened,) = diff_maps(journey(RESOLVED), journey(OPEN))
    assert (reopened.dotted, reopened.cls, reopened.note) == (
        "pain_points.p.status", ChangeClass.REGRESSION, "reopened",
    )  # fmt: skip


def test_removing_a_resolved_pain_point_removes_history() -> None:
    (removed,) = diff_maps(journey(RESOLVED), journey())
    assert (removed.kind, removed.cls) == (Kind.REMOVED, ChangeClass.REMOVAL)
    (deleted,) = diff_maps(journey(OPEN), journey())  # the old way to resolve one
    assert deleted.cls is ChangeClass.IMPROVEMENT


def test_recording_a_pain_point_already_resolved_is_no_regression() -> None:
    (added,) = diff_maps(journey(), journey(RESOLVED))
    assert (added.kind, added.cls) == (Kind.ADDED, ChangeClass.CHANGE)
    (new_open,) = diff_maps(journey(), journey(OPEN))
    assert new_open.cls is ChangeClass.REGRESSION  # a new high pain point
