"""The map as a persona sees it (``journeykit.model.MapView``): one view for score, render and diff.

What the view picks (touchpoints, pains, opportunities), its key figures, the one error for a
persona the map does not have, and the severity and frequency orders every command shares.
"""

from __future__ import annotations

import typing

import pytest

from journeykit.errors import JourneyError
from journeykit.model import (
    FREQUENCIES,
    SEVERITIES,
    SEVERITY_RANK,
    KeyFigures,
    MapView,
    PainPoint,
    UnknownPersona,
)
from journeykit.render.html import IndexEntry
from journeykit.score.priorities import FREQUENCY_WEIGHT, SEVERITY_WEIGHT
from tests.render_helpers import journey_of

MAP = """\
journeykit: 1
id: view
title: View
personas:
  - {id: ann, name: Ann}
  - {id: bob, name: Bob}
stages:
  - {id: s1, name: One}
  - {id: s2, name: Two}
  - {id: s3, name: Three}
touchpoints:
  - {id: late, name: Late, stage: s2}
  - id: ad
    name: Ad
    stage: s1
    moment_of_truth: true
    experiences: [{persona: ann, score: 2}, {persona: bob, score: 5}]
  - id: shop
    name: Shop
    stage: s2
    personas: [ann]
    experiences: [{persona: ann, score: 4}]
pain_points:
  - {id: meh, description: Meh, touchpoint: ad, severity: low}
  - {id: bad, description: Bad, touchpoint: ad, severity: critical}
  - {id: old, description: Old, touchpoint: ad, severity: critical, status: resolved}
  - {id: mid, description: Mid, touchpoint: ad, severity: medium, personas: [bob]}
  - {id: hers, description: Hers, touchpoint: shop, severity: high}
opportunities:
  - {id: fix-ad, description: Fix the ad, addresses: [mid]}
  - {id: fix-shop, description: Fix the shop, addresses: [hers]}
actions:
  - {id: a1, description: Do it, opportunity: fix-shop, status: planned}
  - {id: a2, description: Done, opportunity: fix-ad, status: done}
"""


def test_every_persona_sees_every_touchpoint_in_journey_order() -> None:
    view = MapView(journey_of(MAP))
    assert [t.id for t in view.touchpoints] == ["ad", "late", "shop"]
    assert [p.id for p in view.personas] == ["ann", "bob"]
    assert [p.id for p in view.pain_points] == ["meh", "bad", "old", "mid", "hers"]


def test_one_persona_sees_its_path_and_the_pains_that_affect_it() -> None:
    view = MapView(journey_of(MAP), "bob")
    assert [t.id for t in view.touchpoints] == ["ad", "late"]
    assert [p.id for p in view.personas] == ["bob"]
    assert [p.id for p in view.pain_points] == ["meh", "bad", "old", "mid"]
    assert [(o.id, [p.id for p in pains]) for o, pains in view.addressed] == [("fix-ad", ["mid"])]
    assert [a.id for a in view.plan] == ["a2"]
    assert MapView(journey_of(MAP), "ann").pain_points[-1].id == "hers"


def test_pains_at_a_touchpoint_are_open_first_then_worst_first() -> None:
    journey = journey_of(MAP)
    ad = journey.touchpoints[1]
    assert [p.id for p in MapView(journey).pains(ad)] == ["bad", "mid", "meh", "old"]
    assert [p.id for p in MapView(journey, "ann").pains(ad)] == ["bad", "meh", "old"]


def test_cells_follow_the_persona_path_with_its_experiences() -> None:
    view = MapView(journey_of(MAP))
    cells = [(t.id, p, e.score if e else None) for t, p, e in view.cells("ann")]
    assert cells == [("ad", "ann", 2), ("late", "ann", None), ("shop", "ann", 4)]
    assert [t.id for t, _, _ in view.cells("ann", "s2")] == ["late", "shop"]


def test_key_figures_are_counted_once_for_the_page_and_the_index() -> None:
    journey = journey_of(MAP)
    assert MapView(journey).figures == KeyFigures(
        personas=2,
        stages=2,
        touchpoints=3,
        moments_of_truth=1,
        open_pains=4,
        resolved_pains=1,
        open_actions=1,
        mean=((2 + 5) / 2 + 4) / 2,
    )
    bob = MapView(journey, "bob").figures
    assert (bob.touchpoints, bob.open_pains, bob.open_actions, bob.mean) == (2, 3, 0, 5.0)
    entry = IndexEntry.of(journey, "view.html", "bob")
    assert (entry.stages, entry.touchpoints, entry.pains, entry.open_actions, entry.mean) == (
        bob.stages,
        bob.touchpoints,
        bob.open_pains,
        bob.open_actions,
        bob.mean,
    )


def test_a_missing_persona_is_one_error_with_exit_2_and_did_you_mean() -> None:
    with pytest.raises(UnknownPersona) as caught:
        MapView(journey_of(MAP), "anne")
    error = caught.value
    assert isinstance(error, JourneyError) and error.exit_code == 2
    assert (error.persona, error.known) == ("anne", ["ann", "bob"])
    assert error.short == "no persona `anne` in this map"
    assert str(error) == "no persona `anne` in this map; did you mean `ann`? (personas: ann, bob)"


def test_the_missing_persona_is_quoted_and_the_list_bounded() -> None:
    known = [f"p{i}" for i in range(20)]
    error = UnknownPersona("\x1b[2J`x", known, "any map")
    assert str(error) == (
        "no persona `\\x1b[2J'x` in any map (personas: p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, "
        "p10, p11, …)"
    )


def test_severity_and_frequency_orders_are_the_format_s_own() -> None:
    fields = PainPoint.model_fields
    assert typing.get_args(fields["severity"].annotation) == SEVERITIES
    assert typing.get_args(typing.get_args(fields["frequency"].annotation)[0]) == FREQUENCIES
    assert SEVERITIES == ("low", "medium", "high", "critical")  # least to most severe
    assert [SEVERITY_RANK[s] for s in SEVERITIES] == [0, 1, 2, 3]
    # the weights docs/score.md documents
    assert SEVERITY_WEIGHT == {"low": 1, "medium": 2, "high": 3, "critical": 4}
    assert FREQUENCY_WEIGHT == {"rare": 1, "occasional": 2, "frequent": 3, "constant": 4}
