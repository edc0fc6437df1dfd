"""Properties of `journey diff` on generated maps.

* a map compared with itself has no changes;
* every change of diff(a, b) has its mirror in diff(b, a): added <-> removed, old <-> new, and a
  score or measurement that got worse one way got better the other way;
* the same map written in another YAML style (flow or block, another key order, other quoting,
  comments, JSON) has no changes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit.diff.compare import diff_maps
from journeykit.diff.model import Change, ChangeClass, Kind
from journeykit.model import JourneyMap
from journeykit.validate import load

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PERSONAS = ("ann", "bob", "cy")
STAGES = ("see", "try", "buy")
TOUCHPOINTS = ("ad", "site", "signup", "call", "pay", "mail")
METRICS = {"sat": ("csat", 1.0, 5.0), "wait": ("duration", 0.0, 600.0)}
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12
)
DATES = st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31))


def subset(draw: st.DrawFn, items: list[str] | tuple[str, ...], min_size: int = 0) -> list[str]:
    if not items:
        return []
    chosen = draw(st.lists(st.sampled_from(list(items)), min_size=min_size, unique=True))
    return [i for i in items if i in chosen] if draw(st.booleans()) else chosen


@st.composite
def maps(draw: st.DrawFn) -> dict[str, Any]:
    """A valid map in plain data: ids from small pools so that two maps share most of them."""
    personas = subset(draw, PERSONAS, 1)
    stages = subset(draw, STAGES, 1)
    metrics = subset(draw, list(METRICS))
    tp_ids = subset(draw, TOUCHPOINTS, 1)
    data: dict[str, Any] = {"journeykit": 1, "id": draw(st.sampled_from(["m", "map"]))}
    data["title"] = draw(TEXT)
    if draw(st.booleans()):
        data["updated"] = draw(DATES)
    if draw(st.booleans()):
        data["tags"] = draw(st.lists(TEXT, max_size=3))
    data["metrics"] = [
        {"id": m, "name": draw(TEXT), "kind": METRICS[m][0]}
        | ({"direction": "lower-is-better"} if draw(st.booleans()) else {})
        for m in metrics
    ]
    data["personas"] = [
        {"id": p, "name": draw(st.sampled_from([p.title(), draw(TEXT)]))}
        | ({"demographics": {"age": draw(st.integers(18, 90))}} if draw(st.booleans()) else {})
        | ({"goals": draw(st.lists(TEXT, max_size=2))} if draw(st.booleans()) else {})
        for p in personas
    ]
    data["stages"] = [{"id": s, "name": s.title()} for s in stages]
    touchpoints = []
    for tp in tp_ids:
        item: dict[str, Any] = {"id": tp, "name": draw(st.sampled_from([tp, draw(TEXT)]))}
        item["stage"] = draw(st.sampled_from(stages))
        passing = personas
        if draw(st.booleans()):
            passing = subset(draw, personas)
            item["personas"] = passing
        if draw(st.booleans()):
            item["next"] = subset(draw, tp_ids)
        if draw(st.booleans()):
            item["moment_of_truth"] = draw(st.booleans())
        if draw(st.booleans()):
            item["thoughts"] = draw(st.lists(TEXT, max_size=2))
        emotions = st.sampled_from(["calm", "angry", "glad"])
        item["experiences"] = [
            {"persona": p, "score": draw(st.integers(1, 5))}
            | ({"emotion": draw(emotions)} if draw(st.booleans()) else {})
            for p in subset(draw, passing)
        ]
        readings = []
        for metric in subset(draw, metrics):
            _, low, high = METRICS[metric]
            values = st.integers(int(low), int(high)).map(float)
            dates = draw(st.lists(DATES, min_size=1, max_size=3, unique=True))
            for i, day in enumerate(dates):
                reading: dict[str, Any] = {"metric": metric, "actual": draw(values)}
                if len(dates) > 1 or draw(st.booleans()):
                    reading["as_of"] = day
                if i == 0 and draw(st.booleans()):
                    reading["target"] = draw(values)
                readings.append(reading)
        if readings:
            item["measurements"] = readings
        touchpoints.append(item)
    data["touchpoints"] = touchpoints
    pains = []
    for pid in subset(draw, ["slow", "lost", "price"]):
        tp = draw(st.sampled_from(touchpoints))
        pain: dict[str, Any] = {"id": pid, "description": draw(TEXT), "touchpoint": tp["id"]}
        pain["severity"] = draw(st.sampled_from(["low", "medium", "high", "critical"]))
        if draw(st.booleans()):
            pain["status"] = "resolved"
            if draw(st.booleans()):
                pain["resolved"] = draw(DATES)
        pains.append(pain)
    data["pain_points"] = pains
    opportunities = []
    if pains:
        for oid in subset(draw, ["fix", "explain"]):
            addresses = subset(draw, [p["id"] for p in pains], 1)
            opportunities.append({"id": oid, "description": draw(TEXT), "addresses": addresses})
    data["opportunities"] = opportunities
    actions = []
    if opportunities:
        for aid in subset(draw, ["build", "write"]):
            action: dict[str, Any] = {"id": aid, "description": "do it"}
            action["opportunity"] = draw(st.sampled_from([o["id"] for o in opportunities]))
            action["status"] = draw(
                st.sampled_from(["proposed", "planned", "in-progress", "done", "dropped"])
            )
            if draw(st.booleans()):
                action["due"] = draw(DATES)
            actions.append(action)
    data["actions"] = actions
    if metrics and draw(st.booleans()):
        data["objectives"] = [{"id": "goal", "statement": draw(TEXT), "metric": metrics[0]}]
    return data


# -- serialising in several styles ------------------------------------------------------------

_PLAIN_SAFE = re.compile(r"[a-z][a-z0-9-]*\Z")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def dump(data: dict[str, Any], style: str, seed: int) -> str:
    """``data`` as YAML (or JSON) in one of several styles; all of them mean the same map."""
    rng = random.Random(seed)
    if style == "json":
        return json.dumps(_reorder(data, rng), default=str, ensure_ascii=False)
    quote = {"double": '"', "single": "'", "plain-ids": None}[style.split("-", 1)[1]]

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        plain = _PLAIN_SAFE.match(value) and value not in _YAML11_WORDS
        return dumper.represent_scalar(
            "tag:yaml.org,2002:str", value, None if plain else quote or '"'
        )

    Dumper.add_representer(str, text)
    flow = style.startswith("flow")
    out = yaml.dump(_reorder(data, rng), Dumper=Dumper, default_flow_style=flow, sort_keys=False,
                    allow_unicode=rng.random() < 0.5, width=10**9)  # fmt: skip
    if not flow:  # comments at the end of lines and between them change nothing
        out = "".join(
            f"{line}  # note {i}\n" if i % 3 == 0 else f"{line}\n"
            for i, line in enumerate(out.splitlines())
        )
    return "# a map, restyled\n" + out


def _reorder(value: Any, rng: random.Random) -> Any:
    """Shuffle the keys of every mapping (never a list's items: their order means something)."""
    if isinstance(value, dict):
        keys = list(value)
        rng.shuffle(keys)
        return {k: _reorder(value[k], rng) for k in keys}
    if isinstance(value, list):
        return [_reorder(v, rng) for v in value]
    return value


STYLES = ["block-double", "block-single", "block-plain-ids", "flow-double", "flow-single", "json"]


def parse(text: str) -> JourneyMap:
    loaded = load("-", data=text.encode("utf-8"))
    assert loaded.valid, [p.message for p in loaded.problems]
    journey: JourneyMap = loaded.journey
    return journey


def key(change: Change) -> tuple[str, str, str, str]:
    def canon(value: Any) -> str:
        return json.dumps(value, sort_keys=True, default=str)

    return change.dotted, str(change.kind), canon(change.old), canon(change.new)


def mirror_key(change: Change) -> tuple[str, str, str, str]:
    dotted, _, old, new = key(change)
    return dotted, str(change.kind.mirror), new, old


TRENDS = {
    ChangeClass.REGRESSION: ChangeClass.IMPROVEMENT,
    ChangeClass.IMPROVEMENT: ChangeClass.REGRESSION,
}

# -- the properties ---------------------------------------------------------------------------


@SETTINGS
@given(maps(), st.sampled_from(STYLES), st.integers(0, 2**16))
def test_a_map_compared_with_itself_has_no_changes(
    data: dict[str, Any], style: str, seed: int
) -> None:
    journey = parse(dump(data, style, seed))
    assert diff_maps(journey, journey) == []
    assert diff_maps(journey, parse(dump(data, style, seed))) == []


@SETTINGS
@given(maps(), st.sampled_from(STYLES), st.sampled_from(STYLES), st.integers(0, 2**16))
def test_another_yaml_style_is_no_change(
    data: dict[str, Any], one: str, other: str, seed: int
) -> None:
    first, second = dump(data, one, seed), dump(data, other, seed + 1)
    assert diff_maps(parse(first), parse(second)) == []


@SETTINGS
@given(maps(), maps())
def test_every_change_has_its_mirror(a: dict[str, Any], b: dict[str, Any]) -> None:
    old, new = parse(dump(a, "block-double", 0)), parse(dump(b, "flow-single", 1))
    forward, backward = diff_maps(old, new), diff_maps(new, old)
    assert sorted(mirror_key(c) for c in forward) == sorted(key(c) for c in backward)
    if old == new:
        assert forward == []
    back = {key(c): c for c in backward}
    for change in forward:
        other = back[mirror_key(change)]
        if change.path[-1] in ("score", "actual") and change.cls in TRENDS:
            assert other.cls is TRENDS[change.cls]  # worse one way is better the other way
        if change.kind is Kind.ADDED:
            assert change.old is None and change.new is not None
            assert other.kind is Kind.REMOVED and other.old == change.new


@SETTINGS
@given(maps())
def test_every_change_names_a_path_of_ids_and_keys(data: dict[str, Any]) -> None:
    """A change's path never holds a list position: lists are matched by id."""
    journey = parse(dump(data, "block-double", 0))
    other = dict(data, touchpoints=list(reversed(data["touchpoints"])))
    for change in diff_maps(journey, parse(dump(other, "flow-double", 0))):
        assert not any(segment.isdigit() for segment in change.path), change
        assert change.kind in (Kind.REORDERED, Kind.ADDED, Kind.REMOVED), change
