"""``journey lsp``: the language server editors start (stdio), see docs/editor.md."""

from __future__ import annotations

import typer

from journeykit.cli import common


def register(app: typer.Typer) -> None:
    app.command(
        "lsp",
        rich_help_panel=common.PANEL_REFERENCE,
        epilog=common.examples("journey lsp", "journey lsp --stdio"),
    )(lsp)


def lsp(
    stdio: bool = typer.Option(
        True, "--stdio", help="Speak LSP on stdin/stdout (the default; editors may pass it)."
    ),
) -> int:
    """Run the journey map language server on stdin/stdout.

    Diagnostics (validate and lint) as you type, go to definition, find references and rename
    of ids across included files, completion of ids and values, hover, quick fixes, an outline
    and formatting. Settings come from journeykit.yaml, as for `journey lint`.
    """
    from journeykit.lsp.features import serve

    serve()
    return common.EXIT_OK
