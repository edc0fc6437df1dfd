"""Small seeded event logs for the measure tests, with the cases the definitions hinge on."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from journeykit.model.map import JourneyMap
from journeykit.validate import load

MAP = """\
journeykit: 1
id: trial
title: A trial, measured
personas: [{id: user, name: User}]
metrics:
  - {id: visitors, name: Visitors, kind: count, measure: {reach: pricing}}
  - {id: signup-rate, name: Signup rate, kind: conversion, measure: {conversion: [pricing, signup]}}
  - {id: onboarding-csat, name: Onboarding CSAT, kind: csat, measure: {score: onboard}}
  - {id: satisfied, name: Satisfied, kind: ratio, measure: {score: onboard, as: csat}}
  - {id: nps, name: NPS, kind: nps, measure: {score: paid, as: nps}}
  - {id: time-to-pay, name: Time to pay, kind: duration, measure: {time: [signup, paid]}}
stages:
  - {id: discover, name: Discover}
  - {id: start, name: Start}
  - {id: buy, name: Buy}
touchpoints:
  - {id: pricing, name: Pricing page, stage: discover, events: [pricing_view, "pricing_*"]}
  - {id: blog, name: Blog, stage: discover, events: ["blog*"], next: [pricing]}
  - {id: signup, name: Signup, stage: start}
  - {id: onboard, name: Onboarding, stage: start, events: [onboard, "pricing_faq"]}
  - {id: paid, name: Paid, stage: buy, events: [paid, "paid_[0-9]"]}
"""

WINDOW_S = 3 * 86400
START = dt.datetime(2026, 3, 1, 9, 0, 0)
EVENTS = {
    "pricing": ["pricing_view", "pricing_compare"],
    "blog": ["blog", "blog_post"],
    "signup": ["signup"],
    "onboard": ["onboard"],
    "paid": ["paid", "paid_1"],
}
UNMAPPED = ["help_page", "Pricing_view", "logout"]
BAD = [
    ("", "signup", "2026-03-02 10:00:00", "", "A"),
    ("x1", "", "2026-03-02 10:00:00", "", "A"),
    ("x2", "signup", "yesterday", "", "A"),
    ("x3", "signup", "2026-02-30 10:00:00", "", "A"),
    ("x4", "signup", "2026-03", "", "A"),
    ("x5", "signup", "", "", "A"),
]


def trial_map(folder: Path) -> JourneyMap:
    path = folder / "trial.journey.yaml"
    path.write_text(MAP, encoding="utf-8")
    journey = load(path).journey
    assert journey is not None
    return journey


def stamp(moment: dt.datetime, style: int) -> str:
    """The same instant written in one of several ISO forms."""
    if style == 1:
        return moment.strftime("%Y-%m-%dT%H:%M:%S") + "Z"
    if style == 2:
        return (moment + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S") + "+02:00"
    if style == 3 and moment.microsecond:
        return moment.strftime("%Y-%m-%d %H:%M:%S.%f")
    if moment.microsecond:
        return moment.isoformat(sep=" ")
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def edge_rows() -> list[tuple[Any, ...]]:
    """Customers on the edges of the definitions, with what they must count as (see tests)."""
    t = START
    w = dt.timedelta(seconds=WINDOW_S)
    us = dt.timedelta(microseconds=1)
    return [
        # at T1 + window exactly: inside the window
        ("edge-in", "pricing_view", stamp(t, 0), "", "A"),
        ("edge-in", "signup", stamp(t + w, 0), "", "A"),
        # one microsecond later: outside
        ("edge-out", "pricing_view", stamp(t, 0), "", "A"),
        ("edge-out", "signup", stamp(t + w + us, 3), "", "A"),
        # a stage event at the very time of the one before: counts (T(k-1) <= time)
        ("tie", "pricing_view", stamp(t, 0), "", "B"),
        ("tie", "signup", stamp(t, 1), "", "B"),
        ("tie", "paid", stamp(t, 2), "9", "B"),
        # a stage-2 event only before T1: does not count
        ("early", "signup", stamp(t - dt.timedelta(hours=1), 0), "", "B"),
        ("early", "pricing_view", stamp(t, 0), "", "B"),
        # exact duplicates: counted once
        ("dup", "pricing_view", stamp(t, 0), "4", "A"),
        ("dup", "pricing_view", stamp(t, 0), "4", "A"),
        ("dup", "pricing_view", stamp(t, 1), "4", "A"),
    ]


def generate(seed: int, customers: int = 40) -> list[tuple[Any, ...]]:
    """A shuffled log: random walks through the flow with heavy-tailed gaps, repeats, unmapped
    events, duplicates and bad rows, plus :func:`edge_rows`."""
    rnd = random.Random(seed)
    rows: list[tuple[Any, ...]] = []
    walk = ["pricing", "signup", "onboard", "paid"]
    for n in range(customers):
        customer = f"c{n:03d}"
        variant = rnd.choice(["A", "B", ""])
        moment = START + dt.timedelta(minutes=rnd.randrange(0, 5000))
        path = ["blog"] * rnd.randrange(0, 2) + walk[: rnd.randrange(1, 5)]
        if rnd.random() < 0.2:
            path.insert(rnd.randrange(len(path) + 1), rnd.choice(walk))  # ad hoc or a repeat
        for tp in path:
            moment += dt.timedelta(seconds=int(rnd.paretovariate(1.2) * 600))
            if rnd.random() < 0.1:
                moment += dt.timedelta(microseconds=rnd.randrange(1, 999_999))
            score = ""
            if tp in ("onboard", "paid") and rnd.random() < 0.7:
                score = str(rnd.randrange(0, 11) if tp == "paid" else rnd.randrange(1, 6))
            elif rnd.random() < 0.05:
                score = "n/a"
            row = (customer, rnd.choice(EVENTS[tp]), stamp(moment, rnd.randrange(3)), score,
                   variant)  # fmt: skip
            rows.append(row)
            if rnd.random() < 0.08:
                rows.append(row)
        if rnd.random() < 0.3:
            rows.append((customer, rnd.choice(UNMAPPED), stamp(moment, 0), "", variant))
    rows += edge_rows() + BAD
    rnd.shuffle(rows)
    return rows
