"""``journey import``: maps from other formats, one subcommand per source format."""

from __future__ import annotations

import typer

from journeykit.cli import common

# Each module under journeykit.cli named here defines ``register(group)`` adding one subcommand.
SOURCES: tuple[str, ...] = ("import_mermaid", "import_csv")


def register(app: typer.Typer) -> None:
    common.add_group(
        app,
        "import",
        "Create or update maps from Mermaid journey diagrams or CSV sheets.",
        SOURCES,
        common.examples(
            "journey import mermaid README.md -o journeys/",
            "journey import csv touchpoints.csv --into checkout.journey.yaml",
        ),
    )
