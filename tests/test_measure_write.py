"""`journey measure --write`: dated measurements appended as text edits, nothing else touched.

The round trip: record readings, validate the result, and `journey diff` shows the new
measurements and nothing else; every line of the original file survives byte for byte.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from journeykit.interop.record import Reading, latest_target, record
from journeykit.validate import load
from tests.conftest import EXAMPLES, MINIMAL, RunCli, shared_file

DAY = dt.date(2026, 11, 30)


def only_added(old: str, new: str) -> list[str]:
    """The lines of ``new`` that are not in ``old``, asserting ``old``'s lines all survive, in
    order and byte for byte (line ends included)."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    added, i = [], 0
    for line in new_lines:
        if i < len(old_lines) and line == old_lines[i]:
            i += 1
        else:
            added.append(line)
    assert i == len(old_lines), f"original line {i + 1} changed or vanished: {old_lines[i]!r}"
    return added


@pytest.fixture
def saas(tmp_path: Path) -> Path:
    for name in ("saas-trial-to-paid.journey.yaml", "personas.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path / "saas-trial-to-paid.journey.yaml"


def test_write_round_trip_validate_and_diff(saas: Path, cli: RunCli) -> None:
    old = saas.read_text()
    loaded = load(saas)
    readings = [
        Reading("review-rating", "review-sites", 4.4, 500),  # a history that grows
        Reading("trial-to-paid", "homepage", 0.21, 321),  # a metric new at this touchpoint
        Reading("activation-rate", "homepage", 1 / 3, 9),
        Reading("visit-to-trial", "homepage", None, 0),  # nobody counted: nothing written
    ]
    outcome = record(loaded, readings, DAY)
    assert outcome.problems == [] and outcome.added == 3 and outcome.updated == 0
    assert [r.metric for r in outcome.skipped] == ["visit-to-trial"]
    assert outcome.text is not None
    added = only_added(old, outcome.text)
    assert "".join(added) == (
        "      - metric: review-rating\n"
        "        actual: 4.4\n"
        "        target: 4.6\n"
        "        as_of: 2026-11-30\n"
        "        sample: 500\n"
        "      - metric: trial-to-paid\n"
        "        actual: 0.21\n"
        "        target: 0.2\n"
        "        as_of: 2026-11-30\n"
        "        sample: 321\n"
        "      - metric: activation-rate\n"
        "        actual: 0.333333\n"
        "        target: 0.58\n"
        "        as_of: 2026-11-30\n"
        "        sample: 9\n"
    )
    new = saas.with_name("new.journey.yaml")
    new.write_text(outcome.text)
    assert cli("validate", str(new)).exit_code == 0
    shown = cli("diff", str(saas), str(new), "--format", "json")
    changes = json.loads(shown.stdout)["maps"][0]["changes"]
    paths = {c["path"] for c in changes}
    assert paths == {
        "touchpoints.review-sites.measurements.review-rating.actual",
        "touchpoints.review-sites.measurements.review-rating.as_of",
        "touchpoints.review-sites.measurements.review-rating.sample",
        "touchpoints.homepage.measurements.trial-to-paid",
        "touchpoints.homepage.measurements.activation-rate",
    }, changes
    text = cli("diff", str(saas), str(new)).stdout
    assert "away from target 4.6" in text  # 4.5 → 4.4 against 4.6


def test_the_same_day_again_updates_instead_of_duplicating(saas: Path) -> None:
    first = record(load(saas), [Reading("trial-to-paid", "homepage", 0.21, 321)], DAY)
    assert first.text is not None
    saas.write_text(first.text)
    again = record(load(saas), [Reading("trial-to-paid", "homepage", 0.25, 400)], DAY)
    assert again.problems == [] and (again.added, again.updated) == (0, 1)
    assert again.text is not None
    assert again.text == first.text.replace("actual: 0.21", "actual: 0.25").replace(
        "sample: 321", "sample: 400"
    )
    later = record(load(saas), [Reading("trial-to-paid", "homepage", 0.3, 10)], DAY.replace(day=1))
    assert later.added == 1  # another day: history grows


def test_write_keeps_comments_flow_style_and_crlf(write_map: Callable[..., Path]) -> None:
    text = MINIMAL.replace(
        "personas:\n",
        "metrics:\n  - {id: ctr, name: Click rate, kind: ratio}  # ads\n"
        "objectives:\n  - {id: clicks, statement: More clicks, metric: ctr, target: 0.1}\n"
        "personas:\n",
    )
    text = text.replace("  - id: checkout\n", "  # the shop's own page\n  - id: checkout  # keep\n")
    text += "  - {id: thanks, name: Thanks, stage: buy}  # flow style\n"
    path = write_map(text.replace("\n", "\r\n"))
    loaded = load(path)
    assert loaded.valid, loaded.problems
    outcome = record(
        loaded,
        [Reading("ctr", "ad", 0.12, 50), Reading("ctr", "thanks", 0.05, 7)],
        DAY,
    )
    assert outcome.problems == [] and outcome.text is not None
    old = path.read_bytes().decode()
    flow = "  - {id: thanks, name: Thanks, stage: buy}  # flow style\r\n"
    assert old.endswith(flow)
    grown = (
        "  - {id: thanks, name: Thanks, stage: buy, measurements: [{metric: ctr, actual: 0.05, "
        "target: 0.1, as_of: 2026-11-30, sample: 7}]}  # flow style\r\n"
    )
    assert outcome.text.endswith(grown)  # a flow-style touchpoint grows within its line
    added = only_added(old.removesuffix(flow), outcome.text.removesuffix(grown))
    assert added[0] == "    measurements:\r\n"
    assert all(line.endswith("\r\n") for line in added)
    for line in ("# ads", "# the shop's own page", "# keep", "# flow style"):
        assert line in outcome.text
    path.write_bytes(outcome.text.encode())
    assert load(path).valid


def test_latest_target_is_carried_over(saas: Path) -> None:
    journey = load(saas).journey
    assert latest_target(journey, "review-rating", "review-sites") == 4.6
    assert latest_target(journey, "activation-rate", "homepage") == 0.58  # another touchpoint's
    assert latest_target(journey, "early-churn", "homepage") is not None


def test_tiny_log_cart_to_order_is_recorded_at_order(tmp_path: Path) -> None:
    """../shared/data/events: `cart-to-order: {conversion: [cart, order]}` gives 0.75 with
    sample 4, recorded at `order`, dated by the last event (2026-04-10)."""

    from journeykit.measure.write import write_measurements
    from tests.measure_fixtures import result_of
    from tests.measure_reference import measure
    from tests.test_measure_reference import tiny

    source = shared_file("data/events/tiny.journey.yaml")
    path = tmp_path / "tiny.journey.yaml"
    shutil.copy(source, path)
    journey, rows, _ = tiny()
    figures = measure(journey, rows, window_s=7 * 86400, score_col="score")
    figures.update(
        map="tiny-shop",
        engine="reference",
        range={"first": "2026-03-01T09:00:00", "last": "2026-04-10T07:02:00"},
        metrics=[{"id": k, **v} for k, v in figures["metrics"].items()],
    )
    outcome = write_measurements(load(path), result_of(figures))
    assert outcome.problems == [] and outcome.text is not None
    assert "".join(only_added(path.read_text(), outcome.text)) == (
        "    measurements:\n"
        "      - metric: cart-to-order\n"
        "        actual: 0.75\n"
        "        as_of: 2026-04-10\n"
        "        sample: 4\n"
    )
    loaded = load("-", data=outcome.text.encode(), display=str(path))
    assert loaded.valid
    order = next(t for t in loaded.journey.touchpoints if t.id == "order")
    assert [(m.metric, m.actual, m.sample) for m in order.measurements] == [
        ("cart-to-order", 0.75, 4)
    ]


def test_cli_write_round_trip_on_the_tiny_log(tmp_path: Path, cli: RunCli) -> None:
    """`journey measure --write`: write, validate, diff; a rerun changes nothing more."""
    path = tmp_path / "tiny.journey.yaml"
    shutil.copy(shared_file("data/events/tiny.journey.yaml"), path)
    log = str(shared_file("data/events/tiny.csv"))
    old = path.read_text()
    args = ("measure", str(path), log, "--window", "7d", "--score-col", "score", "--write")
    done = cli(*args, "--format", "json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["metrics"][0]["value"] == 0.75
    new = path.read_text()
    assert "".join(only_added(old, new)) == (
        "    measurements:\n"
        "      - metric: cart-to-order\n"
        "        actual: 0.75\n"
        "        as_of: 2026-04-10\n"
        "        sample: 4\n"
    )
    assert cli("validate", str(path)).exit_code == 0
    before = tmp_path / "before.journey.yaml"
    before.write_text(old)
    changes = json.loads(cli("diff", str(before), str(path), "--format", "json").stdout)
    assert [c["path"] for c in changes["maps"][0]["changes"]] == [
        "touchpoints.order.measurements.cart-to-order"
    ]
    assert cli(*args).exit_code == 0  # the same day again: the reading is updated in place
    assert path.read_text() == new
    dated = cli(*args, "--as-of", "2026-05-01")
    assert dated.exit_code == 0 and path.read_text().count("metric: cart-to-order") == 2


def test_cli_write_refuses_stdin(cli: RunCli) -> None:
    text = shared_file("data/events/tiny.journey.yaml").read_text()
    done = cli("measure", "-", str(shared_file("data/events/tiny.csv")), "--write", input=text)
    assert done.exit_code == 2 and "--write needs the map as a file" in done.stderr
