"""The progress bar of `journey measure`: on a terminal's stderr for large logs, else nothing."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from journeykit.cli.progress import LARGE, reading


@dataclass
class Source:
    files: tuple[str, ...]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def large(tmp_path: Path) -> Source:
    path = tmp_path / "big.parquet"
    with path.open("wb") as f:
        f.truncate(LARGE + 1_000_000)  # sparse: no disk used
    return Source((str(path),))


def test_a_large_log_on_a_terminal_gets_a_bar(
    large: Source, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    stream = Terminal()
    with reading([large], stream):
        pass
    assert "measuring 1 file (35 MB)" in stream.getvalue()


def test_no_bar_off_a_terminal_or_for_a_small_log(
    large: Source, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    pipe = io.StringIO()
    with reading([large], pipe):
        pass
    small = tmp_path / "small.csv"
    small.write_text("customer_id,event,timestamp\n")
    terminal = Terminal()
    with reading([Source((str(small),))], terminal):
        pass
    assert pipe.getvalue() == "" and terminal.getvalue() == ""
