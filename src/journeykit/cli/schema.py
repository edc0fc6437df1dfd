"""``journey schema``: the JSON Schema of the map format, for editors and other tools."""

from __future__ import annotations

import typer

from journeykit.cli.common import EXIT_OK, PANEL_REFERENCE, examples, write_stdout


def register(app: typer.Typer) -> None:
    app.command(
        "schema",
        rich_help_panel=PANEL_REFERENCE,
        epilog=examples("journey schema > journey-map.schema.json"),
    )(schema)


def schema() -> int:
    """Print the JSON Schema (draft 2020-12) of a journey map file."""
    from journeykit.schema import schema_text

    write_stdout(schema_text())
    return EXIT_OK
