"""``journey lint MAP --events LOG``: the event rules on the shared tiny log (its hand-computed
moves: search → cart, product → order and product → ad, one customer of six each, none planned;
every touchpoint reached), on DuckDB and, marked ``spark``, on PySpark with equal findings; silent
without ``--events``; the threshold; inline disables and config levels; a bad log exits 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ..conftest import RunCli, shared_file

EVENT_RULES = ("touchpoint-never-reached", "unplanned-move")
_FOUND: dict[str, list[tuple[int, str, str]]] = {}


def _paths() -> tuple[str, str]:
    return (
        str(shared_file("data/events/tiny.journey.yaml")),
        str(shared_file("data/events/tiny.csv")),
    )


def _map(tmp_path: Path, old: str = "", new: str = "") -> str:
    text = shared_file("data/events/tiny.journey.yaml").read_text("utf-8")
    assert old in text
    path = tmp_path / "tiny.journey.yaml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return str(path)


def _lint(cli: RunCli, *args: str) -> tuple[int, list[dict[str, Any]], str]:
    done = cli("lint", "--today", "2026-11-22", "--format", "json", *args)
    if done.exit_code == 2:
        return 2, [], done.stderr
    problems = json.loads(done.stdout)["problems"]
    return done.exit_code, [p for p in problems if p["code"] in EVENT_RULES], done.stderr


def _line_of(path: str, text: str) -> int:
    lines = Path(path).read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


# a touchpoint no event maps to, planned after the order
_NEWSLETTER = (
    "    events: [order, order_paid]\n",
    "    events: [order, order_paid]\n  - id: newsletter\n    name: Newsletter\n    stage: buy\n",
)


def test_tiny_log_gives_the_hand_computed_findings(
    cli: RunCli, engine: str, tmp_path: Path
) -> None:
    path = _map(tmp_path, *_NEWSLETTER)
    code, found, stderr = _lint(cli, path, "--events", _paths()[1], "--engine", engine)
    assert code == 0, stderr  # warnings only
    got = sorted((p["line"], p["code"], p["message"]) for p in found)
    search, product = _line_of(path, "id: search"), _line_of(path, "id: product")
    newsletter = _line_of(path, "id: newsletter")

    def move(a: str, b: str) -> str:
        return (
            f"unplanned move `{a}` → `{b}` taken by 17 % of customers (1 of 6); plan it "
            f"(add `{b}` to the `next` of `{a}`) or find out why customers leave the plan here"
        )

    assert got == sorted(
        [
            (search, "unplanned-move", move("search", "cart")),
            (product, "unplanned-move", move("product", "ad")),
            (product, "unplanned-move", move("product", "order")),
            (
                newsletter,
                "touchpoint-never-reached",
                "planned touchpoint `newsletter` was never reached by any customer in the data "
                "(6 customers in the log); check that its `events` match the log's event names, "
                "or take it out of the plan if customers no longer pass through it",
            ),
        ]
    )
    # the cart -> newsletter edge is implied by journey order, but nobody reached it: no move
    _FOUND[engine] = got
    if engine == "pyspark" and "duckdb" in _FOUND:
        assert got == _FOUND["duckdb"]


def test_silent_without_events(cli: RunCli, tmp_path: Path) -> None:
    code, found, stderr = _lint(cli, _map(tmp_path, *_NEWSLETTER))
    assert code == 0, stderr
    assert found == []


@pytest.mark.parametrize(("share", "moves"), [("0.16", 3), ("0.17", 0), ("0", 3), ("1", 0)])
def test_min_share_option(cli: RunCli, tmp_path: Path, share: str, moves: int) -> None:
    config = tmp_path / "journeykit.yaml"
    config.write_text(f"rules:\n  unplanned-move: {{min_share: {share}}}\n", "utf-8")
    code, found, stderr = _lint(cli, _paths()[0], "--events", _paths()[1], "--config", str(config))
    assert code == 0, stderr
    assert len(found) == moves  # each move is 1 of 6 customers, 16.7 %


def test_config_level_and_inline_disable_apply(cli: RunCli, tmp_path: Path) -> None:
    silenced = "  - id: search  # journeykit: disable-line unplanned-move\n"
    path = _map(tmp_path, "  - id: search\n", silenced)
    config = tmp_path / "journeykit.yaml"
    config.write_text("rules:\n  unplanned-move: error\n", "utf-8")
    code, found, stderr = _lint(cli, path, "--events", _paths()[1], "--config", str(config))
    assert code == 1, stderr  # an error now reaches --fail-level error
    assert sorted((p["line"], p["severity"]) for p in found) == [
        (_line_of(path, "id: product"), "error"),
        (_line_of(path, "id: product"), "error"),
    ]  # the search -> cart move is silenced on its line
    config.write_text("rules:\n  unplanned-move: off\n", "utf-8")
    code, found, stderr = _lint(cli, path, "--events", _paths()[1], "--config", str(config))
    assert (code, found) == (0, [])


def test_event_options_apply(cli: RunCli, tmp_path: Path) -> None:
    # up to 1 March only c1, c2 (its cart on 11 March is cut) and c4 remain:
    # search -> cart and product -> ad happen later, product -> order (c4) stays: 1 of 3
    code, found, stderr = _lint(cli, _paths()[0], "--events", _paths()[1], "--to", "2026-03-01")
    assert code == 0, stderr
    assert [p["message"].split(";")[0] for p in found] == [
        "unplanned move `product` → `order` taken by 33 % of customers (1 of 3)"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--events", "missing.csv"], "missing.csv"),
        (["--events", "NOT_A_LOG"], "customer_id"),
        (["--events", "LOG", "--engine", "oracle"], "--engine `oracle`"),
        (["--events", "LOG", "--tz", "Mars/Base"], "Mars/Base"),
        (["--engine", "pyspark"], "--engine applies only with --events LOG"),
    ],
)
def test_a_bad_log_or_option_exits_2_with_a_message(
    cli: RunCli, tmp_path: Path, args: list[str], message: str
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("who,what\nc1,ad\n", "utf-8")
    args = [{"NOT_A_LOG": str(bad), "LOG": _paths()[1]}.get(a, a) for a in args]
    done = cli("lint", _paths()[0], *args)
    assert done.exit_code == 2, done.stdout + done.stderr
    assert done.stderr.startswith("journey: error: ")
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_journey_rules_lists_the_event_rules(cli: RunCli) -> None:
    listing = cli("rules").stdout
    for rule in EVENT_RULES:
        assert rule in listing
    assert "min_share" in cli("rules", "unplanned-move").stdout


def test_the_events_section_of_the_config_applies(cli: RunCli, tmp_path: Path) -> None:
    text = shared_file("data/events/tiny.csv").read_text("utf-8")
    log = tmp_path / "renamed.csv"
    log.write_text(text.replace("customer_id,event,timestamp", "who,what,when", 1), "utf-8")
    config = tmp_path / "journeykit.yaml"
    config.write_text("events: {customer_col: who, event_col: what, time_col: when}\n", "utf-8")
    code, found, stderr = _lint(cli, _paths()[0], "--events", str(log), "--config", str(config))
    assert code == 0, stderr
    assert len(found) == 3  # the tiny log's three unplanned moves, read through the config
    done = cli("lint", _paths()[0], "--events", str(log))  # without it: not an event log
    assert done.exit_code == 2 and "who" in done.stderr
