"""The example event log is what the generator makes with its recorded seed."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLES
from tests.measure_reference import generator

LOG = EXAMPLES / "events" / "saas-trial-to-paid.csv.gz"
DATES = ["--start", "2026-11-01", "--days", "22", "--until", "2026-11-30"]


def test_example_log_is_reproducible_from_its_seed(tmp_path: Path) -> None:
    out = tmp_path / LOG.name
    args = [str(EXAMPLES / "saas-trial-to-paid.journey.yaml"), str(out)]
    assert (
        generator().main([*args, "--customers", "2000", "--seed", "14", "--window", "14d", *DATES])
        == 0
    )
    assert out.read_bytes() == LOG.read_bytes()
    assert LOG.stat().st_size < 200_000
