"""``journey export``: maps to other formats, one subcommand per target format."""

from __future__ import annotations

import typer

from journeykit.cli import common

# Each module under journeykit.cli named here defines ``register(group)`` adding one subcommand.
TARGETS: tuple[str, ...] = ("export_csv",)


def register(app: typer.Typer) -> None:
    common.add_group(
        app,
        "export",
        "Write maps in other formats: CSV sheets for spreadsheets.",
        TARGETS,
        common.examples("journey export csv checkout.journey.yaml -o touchpoints.csv"),
    )
