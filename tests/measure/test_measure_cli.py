"""``journey measure`` on the command line: the JSON contract, --dropoffs, the config's events
section, and exit 2 with a message (never a traceback) for whatever stops a measurement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import RunCli, shared_file
from .conftest import write_log
from .generate import trial_map


@pytest.fixture
def tiny() -> tuple[str, str]:
    return (
        str(shared_file("data/events/tiny.journey.yaml")),
        str(shared_file("data/events/tiny.csv")),
    )


def test_json_is_the_contract_with_its_keys_in_order(cli: RunCli, tiny: tuple[str, str]) -> None:
    done = cli("measure", *tiny, "--window", "7d", "--score-col", "score", "--format", "json")
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)
    assert list(data) == [
        "map", "engine", "window_s", "range", "rows", "customers", "touchpoints", "stages",
        "transitions", "breakdown", "metrics",
    ]  # fmt: skip
    assert (data["map"], data["engine"], data["window_s"]) == ("tiny-shop", "duckdb", 604800)
    assert list(data["touchpoints"][0]) == ["id", "reach", "events", "score_mean", "score_n"]
    assert list(data["stages"][1])[:5] == [
        "id", "entered", "dropped", "conversion_from_previous", "conversion_overall",
    ]  # fmt: skip
    assert list(data["stages"][1]["time_from_previous_s"]) == ["median", "p25", "p75", "p90"]
    assert list(data["transitions"][0]) == [
        "from", "to", "count", "customers", "planned", "median_gap_s",
    ]  # fmt: skip
    assert data["breakdown"] is None
    assert data["touchpoints"][4]["score_mean"] == 4.666667


def test_dropoffs_lists_who_left_at_which_stage(
    cli: RunCli, tiny: tuple[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "left.csv"
    done = cli("measure", *tiny, "--window", "7d", "--dropoffs", str(out), "-f", "json")
    assert done.exit_code == 0, done.stderr
    assert out.read_text("utf-8").splitlines() == [
        "customer_id,last_stage,missed_stage",
        "c3,find,choose", "c5,find,choose", "c2,choose,buy", "c6,choose,buy",
    ]  # fmt: skip


def test_stylish_shows_the_funnel_and_the_rows(cli: RunCli, tiny: tuple[str, str]) -> None:
    done = cli("measure", *tiny, "--window", "7d", "--by", "variant")
    assert done.exit_code == 0, done.stderr
    assert "24 rows read, 20 used, 1 unmapped, 1 duplicate, 2 rejected; 6 customers" in done.stdout
    lines = done.stdout.splitlines()
    group = lines.index("  A: 3 customers")
    assert [line.split()[1] for line in lines[group + 1 : group + 4]] == ["3", "3", "1"]


def test_the_config_events_section_names_the_columns(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trial_map(tmp_path)
    rows = [("u1", "pricing_view", "2026-03-01 09:00:00", "5", "A")]
    write_log(tmp_path / "log.csv", rows, header=("user", "name", "at", "csat", "arm"))
    (tmp_path / "journeykit.yaml").write_text(
        "events:\n  customer_col: user\n  event_col: name\n  time_col: at\n  by: arm\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    done = cli("measure", "trial.journey.yaml", "log.csv", "-f", "json")
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["customers"], data["breakdown"]["column"]) == (1, "arm")
    # a flag wins over the file
    done = cli("measure", "trial.journey.yaml", "log.csv", "--customer-col", "nope")
    assert done.exit_code == 2
    assert "no `nope`" in done.stderr
    (tmp_path / "journeykit.yaml").write_text("events:\n  custmer_col: user\n", encoding="utf-8")
    done = cli("measure", "trial.journey.yaml", "log.csv")
    assert done.exit_code == 2
    assert "journeykit.yaml:2:3" in done.stderr and "did you mean `customer_col`" in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--window", "soon"], "--window `soon` is not a duration"),
        (["--tz", "Mars/Olympus"], "--tz `Mars/Olympus` is not a time zone"),
        (["--from", "March"], "--from `March` is not a date"),
        (["--from", "2026-03-05", "--to", "2026-03-01"], "--from must come before --to"),
        (["--engine", "oracle"], "--engine `oracle`: use duckdb, pyspark"),
        (["--format", "pdf"], "unknown format 'pdf'"),
        (["--as-of", "today"], "--as-of 'today' is not a date"),
    ],
)
def test_bad_options_exit_2_with_a_message(
    cli: RunCli, tiny: tuple[str, str], args: list[str], message: str
) -> None:
    done = cli("measure", *tiny, *args)
    assert done.exit_code == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_not_an_event_log_exits_2_naming_the_columns(
    cli: RunCli, tiny: tuple[str, str], tmp_path: Path
) -> None:
    done = cli("measure", tiny[0], tiny[0])
    assert done.exit_code == 2
    assert "is not an event log" in done.stderr and "its columns are" in done.stderr
    done = cli("measure", tiny[0], str(tmp_path / "none.csv"))
    assert (done.exit_code, "no such file" in done.stderr) == (2, True)


def test_an_invalid_map_exits_1_with_its_problems(cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.journey.yaml"
    bad.write_text("journeykit: 1\nid: x\ntitle: X\n", encoding="utf-8")
    log = write_log(tmp_path / "log.csv", [("a", "x", "2026-03-01", "", "")])
    done = cli("measure", str(bad), str(log))
    assert done.exit_code == 1
    assert "missing the required key" in done.stderr
    assert done.stdout == ""


def test_the_config_sets_duckdb_memory_limit_and_spill_folder(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeykit.cli.event_options import event_options
    from journeykit.measure.engine import connect

    spill = tmp_path / "spill"
    (tmp_path / "journeykit.yaml").write_text(
        f"events:\n  memory_limit: 1GB\n  temp_directory: {spill}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    options = event_options({"engine": None})
    assert (options.memory_limit, options.temp_directory) == ("1GB", str(spill))
    con, _ = connect("duckdb", options.memory_limit, options.temp_directory)
    (limit, folder) = con.raw_sql(  # type: ignore[attr-defined]
        "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
    ).fetchone()
    assert (limit, folder) == ("953.6 MiB", str(spill))
    # the measurement still runs under them; a bad value is exit 2 with DuckDB's word
    trial_map(tmp_path)
    write_log(tmp_path / "log.csv", [("u1", "pricing_view", "2026-03-01 09:00:00", "", "")])
    done = cli("measure", "trial.journey.yaml", "log.csv", "-f", "json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["customers"] == 1
    (tmp_path / "journeykit.yaml").write_text("events:\n  memory_limit: lots\n", encoding="utf-8")
    done = cli("measure", "trial.journey.yaml", "log.csv")
    assert done.exit_code == 2
    assert "cannot start DuckDB" in done.stderr and "Traceback" not in done.stderr
