"""The ``journey`` command. ``main`` answers ``--version`` and ``--help`` from the command registry
(``cli/app.py``) before importing anything heavy; a command loads typer and its own module only."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from journeykit import __version__

        sys.stdout.write(f"journey {__version__}\n")
        return 0
    if args and args[-1] in ("--help", "-h"):
        from journeykit.cli.app import help_for

        text = help_for(args[:-1], args[-1])
        if text is not None:
            sys.stdout.write(text)
            return 0
    import os

    # pydantic looks for plugins through every installed distribution's entry points on first
    # use (a tenth of a second); journey's models use none
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from journeykit.cli.app import run

    return run(args)
