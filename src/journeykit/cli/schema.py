"""``journey schema``: the JSON Schema of the map format, for editors and other tools."""

from __future__ import annotations

import typer

from journeykit.cli import common


def register(app: typer.Typer) -> None:
    app.command(
        "schema",
        rich_help_panel=common.PANEL_REFERENCE,
        epilog=common.examples("journey schema > journey-map.schema.json"),
    )(schema)


def schema() -> int:
    """Print the JSON Schema (draft 2020-12) of a journey map file."""
    from journeykit.schema import schema_text

    common.write_stdout(schema_text())
    return common.EXIT_OK
