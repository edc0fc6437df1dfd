"""The scorecard's formulas, checked against arithmetic done by hand in each test.

``MAP_A`` is the worked example of docs/score.md (a test keeps the two identical). Two personas:
Ann passes every touchpoint; Bob does not pass ``shop`` (a touchpoint limited to Ann). Pain
points without ``personas`` affect every persona of their touchpoint.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from journeykit.config import ConfigError, load_config
from journeykit.model import JourneyMap, UnknownPersona
from journeykit.score import (
    Scorecard,
    ScoreSettings,
    score_map,
    shortfalls,
)
from journeykit.validate import load

from .conftest import MINIMAL, ROOT

TODAY = dt.date(2026, 11, 22)

MAP_A = """\
journeykit: 1
id: corner-shop
title: Corner shop
metrics:
  - {id: conv, name: Checkout conversion, kind: conversion}
  - {id: wait, name: Wait at the till, kind: duration, direction: lower-is-better}
personas:
  - id: ann
    name: Ann
    evidence: [{kind: interview, n: 6}]
    reviewed: 2026-06-01
  - id: bob
    name: Bob
    reviewed: 2025-01-01
stages:
  - {id: look, name: Look}
  - {id: buy, name: Buy}
touchpoints:
  - id: ad
    name: Ad
    stage: look
    channel: social
    owner: Marketing
    experiences:
      - {persona: ann, score: 4, evidence: [{kind: survey, n: 40}]}
      - {persona: bob, score: 2}
  - id: shop
    name: Shop window
    stage: look
    channel: in-store
    personas: [ann]
    experiences:
      - {persona: ann, score: 5}
  - id: pay
    name: Pay
    stage: buy
    channel: in-store
    owner: Shop floor
    moment_of_truth: true
    experiences:
      - {persona: ann, score: 1}
    measurements:
      - {metric: conv, actual: 0.6, target: 0.8, as_of: 2026-10-01}
      - {metric: conv, actual: 0.9, target: 0.8, as_of: 2026-01-01}
      - {metric: wait, actual: 30, target: 40}
pain_points:
  - id: slow
    description: The queue at the till is slow
    touchpoint: pay
    severity: high
    frequency: frequent
    evidence: [{kind: analytics}]
  - {id: dusty, description: The window looks dusty, touchpoint: shop}
  - {id: noisy, description: The ad is loud, touchpoint: ad, personas: [bob], severity: low,
     frequency: rare}
  - {id: lost, description: The ad does not say where the shop is, touchpoint: ad,
     severity: critical}
opportunities:
  - {id: fast-till, description: A second till, addresses: [slow], impact: high, effort: low}
  - {id: clean-up, description: Clean the window and quiet the ad, addresses: [dusty, noisy],
     impact: low, effort: high}
actions:
  - {id: hire, description: Hire a cashier, opportunity: fast-till, status: dropped}
"""


@pytest.fixture
def journey(tmp_path: Path) -> Callable[[str], JourneyMap]:
    def make(text: str) -> JourneyMap:
        path = tmp_path / "m.journey.yaml"
        path.write_text(text, encoding="utf-8")
        loaded = load(path)
        assert loaded.valid, [p.message for p in loaded.problems]
        assert isinstance(loaded.journey, JourneyMap)
        return loaded.journey

    return make


@pytest.fixture
def card_a(journey: Callable[[str], JourneyMap]) -> Scorecard:
    return score_map(journey(MAP_A), today=TODAY)


def counts(card: Scorecard, part: str) -> dict[str, tuple[float, int]]:
    return {c.id: (c.numerator, c.denominator) for c in card.part(part).criteria}


# --------------------------------------------------------------------------- the four parts


def test_completeness_counts_cells_owners_opportunities_actions_and_moments(
    card_a: Scorecard,
) -> None:
    # cells: ad×ann, ad×bob, shop×ann (shop is Ann's only), pay×ann, pay×bob -> 5; Bob's pay empty
    # owner and channel: ad yes, shop no owner, pay yes
    # pains with an opportunity: slow, dusty, noisy yes; lost no
    # opportunities with a live action: fast-till's only action is dropped; clean-up has none
    # moments of truth measured: pay
    assert counts(card_a, "completeness") == {
        "experience_cells": (4, 5),
        "touchpoints_owned": (2, 3),
        "pains_with_opportunity": (3, 4),
        "opportunities_with_action": (0, 2),
        "moments_measured": (1, 1),
    }
    expected = (100 * 4 / 5 + 100 * 2 / 3 + 100 * 3 / 4 + 0 + 100) / 5  # 64.333…
    assert card_a.completeness.score == pytest.approx(expected)
    assert card_a.completeness.score == pytest.approx(64.3333, abs=1e-4)


def test_evidence_counts_personas_review_age_experiences_and_pains(card_a: Scorecard) -> None:
    # Ann has evidence and was reviewed 174 days ago (≤ 365); Bob has neither (690 days ago)
    assert (TODAY - dt.date(2026, 6, 1)).days == 174
    assert (TODAY - dt.date(2025, 1, 1)).days == 690
    assert counts(card_a, "evidence") == {
        "personas_with_evidence": (1, 2),
        "personas_reviewed": (1, 2),
        "experiences_with_evidence": (1, 4),
        "pains_with_evidence": (1, 4),
    }
    assert card_a.evidence.score == pytest.approx((50 + 50 + 25 + 25) / 4)  # 37.5


def test_experience_maps_mean_moments_and_low_share_to_100(card_a: Scorecard) -> None:
    # scores 4, 2, 5, 1: mean 3 -> (3 - 1) / 4 × 100 = 50
    # moments of truth: pay, Ann 1 -> (1 - 1) / 4 × 100 = 0
    # scored ≤ 2: 2 of 4 -> 100 × (1 - 0.5) = 50
    part = card_a.experience
    assert [(c.numerator, c.denominator) for c in part.criteria] == [(12, 4), (1, 1), (2, 4)]
    assert [c.score for c in part.criteria] == [50, 0, 50]
    assert part.score == pytest.approx(100 / 3)


def test_kpi_uses_current_readings_direction_and_capped_gaps(card_a: Scorecard) -> None:
    # conv: the reading of 2026-10-01 is current (0.9 of January is history): 0.6 < 0.8, not met,
    #       gap (0.8 - 0.6) / 0.8 = 0.25
    # wait: lower is better, 30 ≤ 40, met, gap 0
    readings = {(k.touchpoint, k.metric): (k.actual, k.met, k.gap) for k in card_a.kpis}
    assert readings == {
        ("pay", "conv"): (0.6, False, pytest.approx(0.25)),
        ("pay", "wait"): (30, True, 0),
    }
    assert counts(card_a, "kpi") == {
        "meeting_target": (1, 2),
        "relative_gap": (pytest.approx(0.25), 2),
    }
    # share met 1/2 -> 50; mean gap 0.125 -> 100 × (1 - 0.125) = 87.5; part (50 + 87.5) / 2
    assert card_a.kpi.score == pytest.approx(68.75)


def test_overall_is_the_weighted_mean_of_the_parts(card_a: Scorecard) -> None:
    completeness = (80 + 200 / 3 + 75 + 0 + 100) / 5
    expected = (completeness + 37.5 + 100 / 3 + 68.75) / 4  # equal default weights
    assert card_a.overall == pytest.approx(expected)
    assert card_a.overall == pytest.approx(50.979, abs=1e-3)


def test_weights_are_relative_and_a_zero_weight_drops_a_part(
    journey: Callable[[str], JourneyMap],
) -> None:
    settings = ScoreSettings(weights={"completeness": 1, "evidence": 1, "experience": 0, "kpi": 3})
    card = score_map(journey(MAP_A), today=TODAY, settings=settings)
    completeness = (80 + 200 / 3 + 75 + 0 + 100) / 5
    assert card.overall == pytest.approx((completeness + 37.5 + 3 * 68.75) / 5)  # 61.617
    assert card.experience.weight == 0 and card.kpi.weight == 3
    # a part left out of `weights` keeps its default weight of 1
    partial = score_map(journey(MAP_A), today=TODAY, settings=ScoreSettings({"kpi": 3}))
    assert partial.overall == pytest.approx((completeness + 37.5 + 100 / 3 + 3 * 68.75) / 6)


def test_huge_weights_keep_the_overall_a_number(journey: Callable[[str], JourneyMap]) -> None:
    # 1e308 × a score overflows to inf; relative weights must not turn the overall into NaN
    settings = ScoreSettings(weights={"completeness": 0, "evidence": 1e308, "experience": 0,
                                      "kpi": 1e308})  # fmt: skip
    card = score_map(journey(MAP_A), today=TODAY, settings=settings)
    assert card.overall == pytest.approx((37.5 + 68.75) / 2)
    under, _ = shortfalls(card, settings.with_minimum("overall", 60, "--min-score"))
    assert [s.part for s in under] == ["overall"]


# --------------------------------------------------------------------------- edge cases


def test_no_measurements_leaves_kpi_out_of_the_overall(
    journey: Callable[[str], JourneyMap],
) -> None:
    # MINIMAL: one persona (reviewed 2026-10-01, with evidence), two touchpoints scored 4 and 3,
    # no moments of truth, no pain points, no measurements
    card = score_map(journey(MINIMAL), today=TODAY)
    assert card.kpi.score is None
    assert card.kpi.note == "no measurements with both actual and target"
    assert [c.denominator for c in card.kpi.criteria] == [0, 0]
    assert card.kpis == ()
    # completeness: cells 2/2, owners 2/2; pains, opportunities, moments do not apply
    assert card.completeness.score == 100
    assert [c.score for c in card.completeness.criteria] == [100, 100, None, None, None]
    # evidence: persona 1/1, reviewed 1/1, experiences 0/2 (pains do not apply)
    assert card.evidence.score == pytest.approx((100 + 100 + 0) / 3)
    # experience: mean 3.5 -> 62.5; no moments of truth; none scored ≤ 2 -> 100
    assert card.experience.score == pytest.approx((62.5 + 100) / 2)
    assert card.overall == pytest.approx((100 + 200 / 3 + 81.25) / 3)  # 82.639, three parts
    assert card.scores()["kpi"] is None


def test_readings_without_a_target_do_not_count_but_measure_a_moment(
    journey: Callable[[str], JourneyMap],
) -> None:
    text = MINIMAL.replace(
        "    owner: Shop\n",
        "    owner: Shop\n    moment_of_truth: true\n"
        "    measurements: [{metric: conv, actual: 0.5}]\n",
    ).replace("personas:", "metrics: [{id: conv, name: Conv, kind: conversion}]\npersonas:", 1)
    card = score_map(journey(text), today=TODAY)
    assert card.kpi.score is None
    assert counts(card, "completeness")["moments_measured"] == (1, 1)


def test_a_gap_counts_at_most_1(journey: Callable[[str], JourneyMap]) -> None:
    # lower is better, actual 100 vs target 20: relative gap 80 / 20 = 4, capped at 1 -> score 0
    text = MINIMAL.replace(
        "    owner: Shop\n",
        "    owner: Shop\n    measurements: [{metric: wait, actual: 100, target: 20}]\n",
    ).replace(
        "personas:",
        "metrics: [{id: wait, name: Wait, kind: duration, direction: lower-is-better}]\npersonas:",
        1,
    )
    card = score_map(journey(text), today=TODAY)
    assert card.kpis[0].gap == pytest.approx(4)
    assert card.kpi.criterion("relative_gap").value == 1
    assert card.kpi.score == 0  # (0 met + 0) / 2


def test_one_persona_view_of_a_two_persona_map(journey: Callable[[str], JourneyMap]) -> None:
    ann = score_map(journey(MAP_A), today=TODAY, persona="ann")
    assert ann.persona == "ann"
    assert [p.persona for p in ann.by_persona] == ["ann"]
    # Ann's cells: ad, shop, pay, all scored (4, 5, 1); touchpoints she passes: all three
    # pains affecting Ann: slow (pay, all), dusty (shop, Ann's only), lost (ad, all); not noisy
    assert counts(ann, "completeness") == {
        "experience_cells": (3, 3),
        "touchpoints_owned": (2, 3),
        "pains_with_opportunity": (2, 3),
        "opportunities_with_action": (0, 2),
        "moments_measured": (1, 1),
    }
    assert ann.completeness.score == pytest.approx((100 + 200 / 3 + 200 / 3 + 0 + 100) / 5)
    # evidence: Ann 1/1, reviewed 1/1, her experiences 1/3, her pains with evidence 1/3
    assert ann.evidence.score == pytest.approx((100 + 100 + 100 / 3 + 100 / 3) / 4)
    # experience: mean 10/3 -> (10/3 - 1) / 4 × 100 = 58.33; moments 1 -> 0; ≤ 2: 1/3 -> 66.67
    assert ann.experience.score == pytest.approx((175 / 3 + 0 + 200 / 3) / 3)
    assert ann.kpi.score == pytest.approx(68.75)  # Ann passes pay
    assert ann.overall == pytest.approx(60.9375)


def test_touchpoints_limited_to_some_personas_are_not_cells_of_the_others(
    journey: Callable[[str], JourneyMap],
) -> None:
    bob = score_map(journey(MAP_A), today=TODAY, persona="bob")
    # Bob's cells: ad (scored 2) and pay (empty); shop is Ann's only
    # pains affecting Bob: slow (all of pay), noisy (his), lost (all of ad); dusty is at shop
    assert counts(bob, "completeness") == {
        "experience_cells": (1, 2),
        "touchpoints_owned": (2, 2),
        "pains_with_opportunity": (2, 3),
        "opportunities_with_action": (0, 2),
        "moments_measured": (1, 1),
    }
    row = bob.by_persona[0]
    assert [s.stage for s in row.stages] == ["look", "buy"]
    look, buy = row.stages
    assert (look.stats.cells, look.stats.scored, look.stats.mean) == (1, 1, 2)
    assert (buy.stats.cells, buy.stats.scored, buy.stats.mean) == (1, 0, None)
    assert buy.stats.lowest is None and buy.stats.low_share is None


def test_a_pain_without_personas_affects_every_persona_of_its_touchpoint(
    journey: Callable[[str], JourneyMap],
) -> None:
    # `slow` names no personas: it sits at pay, which everyone passes, so it weighs in both views
    ann = score_map(journey(MAP_A), today=TODAY, persona="ann")
    bob = score_map(journey(MAP_A), today=TODAY, persona="bob")
    for card in (ann, bob):
        first = card.priorities[0]
        assert first.opportunity == "fast-till"
        assert [p.pain for p in first.pains] == ["slow"]
    # `dusty` names no personas either, but shop is Ann's only: Bob's view does not see it
    assert [p.pain for p in ann.priorities[1].pains] == ["dusty"]
    assert [p.pain for p in bob.priorities[1].pains] == ["noisy"]


def test_unknown_persona_suggests_the_closest(journey: Callable[[str], JourneyMap]) -> None:
    with pytest.raises(UnknownPersona, match="did you mean `ann`"):
        score_map(journey(MAP_A), today=TODAY, persona="anne")


# --------------------------------------------------------------------------- experience table


def test_experience_table_per_persona_and_stage(card_a: Scorecard) -> None:
    ann, bob = card_a.by_persona
    assert (ann.persona, ann.name) == ("ann", "Ann")
    # Ann overall: 4, 5, 1 -> mean 10/3; lowest pay (1); moments: pay 1; ≤ 2: 1 of 3
    o = ann.overall
    assert (o.cells, o.scored, o.moments, o.low) == (3, 3, 1, 1)
    assert o.mean == pytest.approx(10 / 3) and o.moments_mean == 1
    assert o.low_share == pytest.approx(1 / 3)
    assert o.lowest is not None and (o.lowest.touchpoint, o.lowest.score) == ("pay", 1)
    look = ann.stages[0].stats  # ad 4, shop 5
    assert (look.mean, look.moments_mean, look.low_share) == (4.5, None, 0)
    assert look.lowest is not None and look.lowest.touchpoint == "ad"
    # by stage, all personas: look has ad×ann 4, shop×ann 5, ad×bob 2 -> 11/3, lowest Bob's ad
    look_all = card_a.by_stage[0]
    assert look_all.stage == "look"
    assert look_all.stats.mean == pytest.approx(11 / 3)
    assert look_all.stats.lowest is not None
    assert (look_all.stats.lowest.touchpoint, look_all.stats.lowest.persona) == ("ad", "bob")
    buy_all = card_a.by_stage[1].stats  # pay×ann 1, pay×bob empty
    assert (buy_all.cells, buy_all.scored, buy_all.mean) == (2, 1, 1)
    assert bob.overall.mean == 2


# --------------------------------------------------------------------------- priorities


def test_priorities_rank_by_impact_pains_moments_and_effort(card_a: Scorecard) -> None:
    # fast-till: slow = high 3 × frequent 3 × moment of truth 2 = 18; impact high 3 ÷ effort low 1
    #            -> 3 × 18 ÷ 1 = 54
    # clean-up:  dusty = medium 2 × (no frequency: occasional) 2 = 4; noisy = low 1 × rare 1 = 1
    #            -> impact low 1 × 5 ÷ effort high 3 = 1.667
    first, second = card_a.priorities
    assert (first.rank, first.opportunity, first.pain_weight, first.priority) == (
        1, "fast-till", 18, 54,
    )  # fmt: skip
    assert [(p.pain, p.weight, p.moment_of_truth) for p in first.pains] == [("slow", 18, True)]
    assert (second.opportunity, second.pain_weight) == ("clean-up", 5)
    assert second.priority == pytest.approx(5 / 3)
    assert first.reason == (
        "high impact, low effort; addresses slow (high, frequent, at moment of truth pay)"
    )
    assert second.reason == (
        "low impact, high effort; addresses dusty (medium, frequency not given) "
        "and noisy (low, rare)"
    )


def test_ties_go_to_higher_impact_and_finished_opportunities_drop_out(
    journey: Callable[[str], JourneyMap],
) -> None:
    text = MAP_A.split("opportunities:")[0] + (
        "opportunities:\n"
        "  - {id: small, description: S, addresses: [lost], impact: low, effort: low}\n"
        "  - {id: big, description: B, addresses: [lost], impact: high, effort: high}\n"
        "  - {id: unrated, description: U, addresses: [lost]}\n"
        "  - {id: shipped, description: D, addresses: [slow], impact: high, effort: low}\n"
        "actions:\n"
        "  - {id: a1, description: A, opportunity: shipped, status: done}\n"
        "  - {id: a2, description: A, opportunity: shipped, status: dropped}\n"
    )
    card = score_map(journey(text), today=TODAY)
    # lost = critical 4 × occasional 2 = 8 for each: small 1 × 8 ÷ 1 = 8, big 3 × 8 ÷ 3 = 8,
    # unrated medium 2 × 8 ÷ medium 2 = 8; a tie: higher impact first, then lower effort
    assert [(p.opportunity, p.priority) for p in card.priorities] == [
        ("big", 8), ("unrated", 8), ("small", 8),
    ]  # fmt: skip
    assert "impact not given (counted as medium)" in card.priorities[1].reason
    # `shipped` has every action not dropped done: it is no longer a priority
    assert counts(card, "completeness")["opportunities_with_action"] == (1, 4)


def test_resolved_pains_count_as_addressed_and_leave_the_priorities(
    journey: Callable[[str], JourneyMap],
) -> None:
    # `lost` (no opportunity) and `dusty` are resolved; `clean-up` addresses dusty and noisy
    text = MAP_A.replace(
        "  - {id: dusty, description: The window looks dusty, touchpoint: shop}",
        "  - {id: dusty, description: The window looks dusty, touchpoint: shop, status: resolved}",
    ).replace("     severity: critical}", "     severity: critical, status: resolved}")
    text = text.split("opportunities:")[0] + (
        "opportunities:\n"
        "  - {id: fast-till, description: A second till, addresses: [slow], impact: high,"
        " effort: low}\n"
        "  - {id: clean-up, description: Clean the window and quiet the ad,"
        " addresses: [dusty, noisy], impact: low, effort: high}\n"
        "  - {id: signpost, description: Say where the shop is, addresses: [lost]}\n"
        "actions:\n"
        "  - {id: hire, description: Hire a cashier, opportunity: fast-till, status: dropped}\n"
    )
    card = score_map(journey(text), today=TODAY)
    # pains resolved or with an opportunity: slow, dusty, noisy, lost -> 4/4 (lost counts twice
    # over: resolved and, here, with an opportunity too)
    assert counts(card, "completeness")["pains_with_opportunity"] == (4, 4)
    # opportunities: fast-till (action dropped) no; clean-up (noisy still open, no action) no;
    # signpost (its only pain resolved) yes
    assert counts(card, "completeness")["opportunities_with_action"] == (1, 3)
    # clean-up is ranked by noisy alone (low 1 × rare 1 = 1); signpost has nothing left to fix
    assert [(p.opportunity, p.pain_weight) for p in card.priorities] == [
        ("fast-till", 18), ("clean-up", 1),
    ]  # fmt: skip
    # without any opportunity, a resolved pain still counts as addressed
    bare = text.split("opportunities:")[0]
    assert counts(score_map(journey(bare), today=TODAY), "completeness")[
        "pains_with_opportunity"
    ] == (2, 4)


# --------------------------------------------------------------------------- API for other commands


def test_as_dict_is_json_ready_and_stable(card_a: Scorecard) -> None:
    data = card_a.as_dict()
    assert json.loads(json.dumps(data)) == data
    assert list(data) == [
        "map_id", "title", "persona", "today", "max_age_days", "overall", "parts", "by_persona",
        "by_stage", "kpis", "priorities",
    ]  # fmt: skip
    assert data["today"] == "2026-11-22"
    assert data["overall"] == 50.9792
    kpi = data["parts"][3]
    assert kpi["id"] == "kpi" and kpi["criteria"][0]["numerator"] == 1
    assert card_a.scores() == {
        "overall": card_a.overall, "completeness": card_a.completeness.score,
        "evidence": 37.5, "experience": card_a.experience.score, "kpi": 68.75,
    }  # fmt: skip


def test_shortfalls_compare_the_shown_score(card_a: Scorecard) -> None:
    # overall 50.979 shows as 51.0: a minimum of 51 is met, 51.1 is not
    met = ScoreSettings().with_minimum("overall", 51, "--min-score")
    assert shortfalls(card_a, met) == ([], [])
    missed = met.with_minimum("overall", 51.1, "--min-score").with_minimum("evidence", 40, "cfg")
    under, unchecked = shortfalls(card_a, missed)
    assert [(s.part, s.score, s.minimum, s.source) for s in under] == [
        ("overall", 51.0, 51.1, "--min-score"), ("evidence", 37.5, 40, "cfg"),
    ]  # fmt: skip
    assert unchecked == []


def test_a_minimum_on_a_part_that_does_not_apply_is_not_checked(
    journey: Callable[[str], JourneyMap],
) -> None:
    card = score_map(journey(MINIMAL), today=TODAY)
    under, unchecked = shortfalls(card, ScoreSettings().with_minimum("kpi", 50, "cfg"))
    assert under == [] and [(s.part, s.score) for s in unchecked] == [("kpi", None)]


# --------------------------------------------------------------------------- settings


def settings_from(tmp_path: Path, text: str) -> ScoreSettings:
    path = tmp_path / "journeykit.yaml"
    path.write_text(text, encoding="utf-8")
    return ScoreSettings.from_config(load_config(str(path)))


def test_settings_from_config(tmp_path: Path) -> None:
    settings = settings_from(
        tmp_path,
        "score:\n  weights: {kpi: 2, experience: 0.5}\n  max_age_days: 90\n"
        "  min: {overall: 70, evidence: 50}\n",
    )
    assert settings.weights == {"completeness": 1, "evidence": 1, "experience": 0.5, "kpi": 2}
    assert settings.max_age_days == 90
    assert settings.minimums == {"overall": 70, "evidence": 50}
    assert settings.sources["evidence"].startswith("score.min.evidence in ")
    assert settings_from(tmp_path, "files: ['*.yaml']\n") == ScoreSettings()


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("score:\n  wieghts: {kpi: 1}\n", (2, 3), "unknown score setting `wieghts`; did you mean"),
        ("score:\n  weights: {kpi: -1}\n", (2, 18), "weight of `kpi` must be a number ≥ 0"),
        ("score:\n  weights: {kpi: yes}\n", (2, 18), "weight of `kpi` must be a number ≥ 0"),
        ("score:\n  weights: {kpl: 1}\n", (2, 13), "did you mean `kpi`?"),
        ("score:\n  weights: 3\n", (2, 12), "`weights` must be a mapping"),
        (
            "score:\n  weights: {completeness: 0, evidence: 0, experience: 0, kpi: 0}\n",
            (2, 12),
            "at least one weight must be above 0",
        ),
        ("score:\n  max_age_days: 1.5\n", (2, 17), "`max_age_days` must be a whole number"),
        ("score:\n  min:\n    overall: 120\n", (3, 14), "minimum for `overall` must be a number"),
        ("score:\n  min: {overal: 70}\n", (2, 9), "did you mean `overall`?"),
    ],
)
def test_bad_settings_are_located(
    tmp_path: Path, text: str, where: tuple[int, int], message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        settings_from(tmp_path, text)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == where
    assert message in problem.message


def test_max_age_days_decides_what_is_recent(journey: Callable[[str], JourneyMap]) -> None:
    # Ann was reviewed 174 days before TODAY: recent under 174, stale under 173
    journey_a = journey(MAP_A)
    for days, hits in ((174, 1), (173, 0)):
        card = score_map(journey_a, today=TODAY, settings=ScoreSettings(max_age_days=days))
        assert counts(card, "evidence")["personas_reviewed"] == (hits, 2)


# --------------------------------------------------------------------------- docs and examples


def test_the_docs_worked_example_is_map_a(card_a: Scorecard) -> None:
    docs = (ROOT / "docs" / "score.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(journeykit: 1\n.*?)```", docs, re.S)
    assert block is not None and block.group(1) == MAP_A
    for part, value in card_a.scores().items():
        assert value is not None
        assert f"| {part} | {value:.2f} |" in docs, part


def test_every_example_scores(journey: Callable[[str], JourneyMap]) -> None:
    examples = sorted((ROOT / "examples").glob("*.journey.yaml"))
    if not examples:
        pytest.skip("no examples yet")
    for path in examples:
        loaded = load(path)
        assert loaded.valid, path
        card = score_map(loaded.journey, today=TODAY)
        assert card.overall is not None and 0 <= card.overall <= 100
        for persona in card.by_persona:
            view = score_map(loaded.journey, today=TODAY, persona=persona.persona)
            assert all(s is None or 0 <= s <= 100 for s in view.scores().values())
