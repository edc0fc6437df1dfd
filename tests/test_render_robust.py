"""Maps at the edges of the format: loops in the flow, empty names, odd ids, unusual text.

Every rendering of such a map must still be drawn (not refused by Graphviz or Mermaid), and show
what the map says.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from journeykit.model import JourneyMap
from journeykit.render.graphviz import build_dot
from journeykit.render.view import MapView
from journeykit.validate import load
from tests.render_helpers import options

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


@pytest.fixture
def journey(tmp_path: Path) -> Callable[[str], JourneyMap]:
    def make(text: str) -> JourneyMap:
        path = tmp_path / "m.journey.yaml"
        path.write_text(text, encoding="utf-8")
        loaded = load(path)
        assert loaded.valid, [p.message for p in loaded.problems]
        assert loaded.journey is not None
        return loaded.journey

    return make


def test_a_touchpoint_that_follows_itself_keeps_its_loop(
    journey: Callable[[str], JourneyMap],
) -> None:
    loop = journey(LOOP)
    assert MapView(loop).edges == [
        ("pay", "pay"), ("pay", "done"), ("hidden", "hidden"), ("hidden", "pay"),
    ]  # fmt: skip
    assert '  "tp:pay" -> "tp:pay";' in build_dot(loop, options()).splitlines()
    # Ann does not pass `hidden`, and no path of hers leads back through it to `pay` either
    assert MapView(loop, "ann").edges == [("pay", "pay"), ("pay", "done")]
