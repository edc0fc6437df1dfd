"""Maps at the edges of the format: loops in the flow, empty names, odd ids, unusual text.

Every rendering of such a map must still be drawn (not refused by Graphviz or Mermaid), and show
what the map says.
"""

from __future__ import annotations

import re
import shutil

import pytest

from journeykit.model import MapView
from journeykit.render import FORMATS
from journeykit.render.graphviz import build_dot
from tests.render_helpers import journey_of, options

LOOP = """\
journeykit: 1
id: loop
title: Retry loop
personas:
  - {id: ann, name: Ann}
  - {id: bob, name: Bob}
stages:
  - {id: s, name: S}
touchpoints:
  - {id: pay, name: Pay, stage: s, next: [pay, done]}
  - {id: hidden, name: Hidden, stage: s, personas: [bob], next: [hidden, pay]}
  - {id: done, name: Done, stage: s, next: []}
"""


def test_a_touchpoint_that_follows_itself_keeps_its_loop() -> None:
    loop = journey_of(LOOP)
    assert MapView(loop).edges == [
        ("pay", "pay"), ("pay", "done"), ("hidden", "hidden"), ("hidden", "pay"),
    ]  # fmt: skip
    assert '  "tp:pay" -> "tp:pay";' in build_dot(loop, options()).splitlines()
    # Ann does not pass `hidden`, and no path of hers leads back through it to `pay` either
    assert MapView(loop, "ann").edges == [("pay", "pay"), ("pay", "done")]


BLANK = """\
journeykit: 1
id: blank
title: " "
personas:
  - {id: ann, name: "\\t"}
stages:
  - {id: first, name: " "}
touchpoints:
  - id: only
    name: "\\e"
    stage: first
    experiences: [{persona: ann, score: 2, emotion: ""}]
pain_points:
  - {id: sore, description: "\\n", touchpoint: only}
"""


def test_blank_names_fall_back_to_ids_in_the_flow() -> None:
    # validation refuses empty required text; text of only spaces or controls is still blank
    blank = journey_of(BLANK)
    source = build_dot(blank, options())
    # Graphviz refuses an empty <B></B> or <FONT></FONT> (the whole diagram, and the page's flow)
    assert "<B></B>" not in source and '"10"></FONT>' not in source
    for slug in ("blank", "1. first", "only", "sore"):
        assert f"{slug}</" in source or f"{slug}<BR" in source, slug
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed")
    for fmt in ("svg", "png"):
        assert FORMATS[fmt].render(blank, options())
    html = FORMATS["html"].render(blank, options()).decode("utf-8")
    assert 'class="flow-svg"' in html and "could not be drawn" not in html


CONTROLS = "\\e[31mred\\e[0m \\u202Eevil\\u202C \\u2066x\\u2069 \\a"  # as YAML escapes
SNEAKY = f"""\
journeykit: 1
id: sneaky
title: "T {CONTROLS}"
owner: "O {CONTROLS}"
tags: ["G {CONTROLS}"]
personas:
  - id: ann
    name: "P {CONTROLS}"
    demographics: {{"K {CONTROLS}": "V {CONTROLS}"}}
    goals: ["Goal {CONTROLS}"]
    evidence: [{{kind: survey, ref: "R {CONTROLS}"}}]
  - {{id: bob, name: Bob}}
stages:
  - {{id: s, name: "S {CONTROLS}", goal: "SG {CONTROLS}"}}
touchpoints:
  - id: t
    name: "N {CONTROLS}"
    stage: s
    owner: "W {CONTROLS}"
    customer_action: "A {CONTROLS}"
    thoughts: ["H {CONTROLS}"]
    backstage: ["B {CONTROLS}"]
    experiences: [{{persona: ann, score: 2, emotion: "E {CONTROLS}", quote: "Q {CONTROLS}"}}]
pain_points:
  - {{id: p, description: "D {CONTROLS}", touchpoint: t, root_cause: "C {CONTROLS}"}}
opportunities:
  - {{id: o, description: "Y {CONTROLS}", addresses: [p], owner: "Z {CONTROLS}"}}
actions:
  - {{id: a, description: "X {CONTROLS}", opportunity: o, owner: "U {CONTROLS}"}}
"""


def test_html_drops_control_characters_and_bidi_overrides() -> None:
    from journeykit.render.html import IndexEntry, render_index

    sneaky = journey_of(SNEAKY)
    assert "\u202e" in sneaky.title  # the map really holds them
    page = FORMATS["html"].render(sneaky, options()).decode("utf-8")
    index = render_index([IndexEntry.of(sneaky, "sneaky.html")]).decode("utf-8")
    for html in (page, index):
        for char in ("\x1b", "\x07", "\u202e", "\u202c", "\u2066", "\u2069"):
            assert char not in html, repr(char)
    for start in "TOGPKVRSNWAHBEQDCYZXU":
        assert f"{start} [31mred[0m evil x" in page, start


def test_curve_points_and_labels_stay_in_their_column_with_many_personas() -> None:
    from journeykit.render.svg import COLUMN, emotion_curve

    personas = "".join(f"  - {{id: p{i}, name: P{i}}}\n" for i in range(30))
    touchpoints = "".join(
        f"  - id: t{t}\n    name: T{t}\n    stage: s\n    experiences:\n"
        + "".join(f"      - {{persona: p{i}, score: {(i + t) % 5 + 1}, emotion: e}}\n"
                  for i in range(30))
        for t in range(3)
    )  # fmt: skip
    crowd = journey_of(f"journeykit: 1\nid: crowd\ntitle: Crowd\npersonas:\n{personas}"
                       f"stages:\n  - {{id: s, name: S}}\ntouchpoints:\n{touchpoints}")  # fmt: skip
    curve = str(emotion_curve(MapView(crowd)))
    lines = re.findall(r'<polyline points="([^"]+)"', curve)
    assert len(lines) == 30
    for line in lines:  # the i-th point of every persona's line is in column i
        xs = [float(point.split(",")[0]) for point in line.split()]
        assert [int(x // COLUMN) for x in xs] == [0, 1, 2], xs
    labels = [float(x) for x in re.findall(r'<text class="label" x="([\d.]+)"', curve)]
    assert sorted(int(x // COLUMN) for x in labels) == [0] * 30 + [1] * 30 + [2] * 30
