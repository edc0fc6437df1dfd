"""``journey export``: maps to other formats, one subcommand per target format."""

from __future__ import annotations

import importlib

import typer

from journeykit.cli.common import PANEL_START

# Each module under journeykit.cli named here defines ``register(group)`` adding one subcommand.
TARGETS: tuple[str, ...] = ("export_csv",)


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="Write maps in other formats: CSV sheets for spreadsheets.",
        no_args_is_help=True,
    )
    for name in TARGETS:
        importlib.import_module(f"journeykit.cli.{name}").register(group)
    app.add_typer(group, name="export", rich_help_panel=PANEL_START)
