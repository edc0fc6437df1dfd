"""``journey import``: maps from other formats, one subcommand per source format."""

from __future__ import annotations

import importlib

import typer

from journeykit.cli.common import PANEL_START

# Each module under journeykit.cli named here defines ``register(group)`` adding one subcommand.
SOURCES: tuple[str, ...] = ("import_mermaid", "import_csv")


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="Create or update maps from Mermaid journey diagrams or CSV sheets.",
        no_args_is_help=True,
    )
    for name in SOURCES:
        importlib.import_module(f"journeykit.cli.{name}").register(group)
    app.add_typer(group, name="import", rich_help_panel=PANEL_START)
