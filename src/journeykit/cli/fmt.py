"""``journey fmt``: rewrite maps in the one canonical layout (or check that they are)."""

from __future__ import annotations

import typer

from journeykit.cli import common


def register(app: typer.Typer) -> None:
    app.command(
        "fmt",
        rich_help_panel=common.PANEL_CHECK,
        epilog=common.examples(
            "journey fmt",
            "journey fmt --check maps/",
            "journey fmt --diff checkout.journey.yaml",
            "cat map.journey.yaml | journey fmt - > tidy.journey.yaml",
        ),
    )(fmt)


def fmt(
    paths: list[str] = typer.Argument(
        None,
        help="Map files, folders (searched for *.journey.yaml; the files they include come "
        "along), globs, or - for stdin (the result goes to stdout).",
    ),
    check: bool = typer.Option(
        False, "--check", help="Change nothing; exit 1 and list the files that would change."
    ),
    diff: bool = typer.Option(
        False, "--diff", help="Change nothing; print a unified diff of what would change."
    ),
    config_file: str = common.CONFIG_OPTION,
) -> int:
    """Lay maps out canonically: key order, indentation, list style; comments stay.

    Exit 0 when done (or, with --check/--diff, nothing would change), 1 when --check or --diff
    found a file to change, 2 when a file cannot be read or parsed (it is left alone).
    """
    import difflib
    import sys
    from pathlib import Path

    from journeykit.cli.report import emit
    from journeykit.config import load_config
    from journeykit.discovery import read_stdin
    from journeykit.fmt import Formatted, collect, format_bytes
    from journeykit.output import OutputError, write_file
    from journeykit.problems import Problem, one_line

    config = load_config(config_file)
    files = collect(paths or [], config)
    dry = check or diff
    broken = changed = 0
    for path in files:
        try:
            raw = read_stdin() if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            emit(
                [Problem(path, 1, 1, "unreadable", exc.strerror or str(exc))],
                "parsable",
                sys.stderr,
            )
            broken += 1
            continue
        result: Formatted = format_bytes(raw, "<stdin>" if path == "-" else path)
        if result.after is None:
            emit(result.problems, "parsable", sys.stderr)
            sys.stderr.write(f"journey fmt: {result.path}: not formatted (fix the YAML first)\n")
            broken += 1
            continue
        if path == "-" and not dry:
            common.write_stdout(result.after)
            continue
        if not result.changed:
            continue
        changed += 1
        if diff:
            lines = difflib.unified_diff(
                result.before.splitlines(keepends=True),
                result.after.splitlines(keepends=True),
                f"{result.path} (before)",
                f"{result.path} (formatted)",
            )
            common.write_stdout(
                "".join(line if line.endswith("\n") else line + "\n" for line in lines)
            )
        if check:
            common.write_stdout(f"would reformat {result.path}\n")
        if not dry:
            try:
                write_file(Path(path), result.encoded())
            except OutputError as exc:
                sys.stderr.write(f"journey: error: {one_line(str(exc))}\n")
                broken += 1
                continue
            sys.stderr.write(f"reformatted {result.path}\n")
    done = "would be reformatted" if dry else "reformatted"
    unchanged = len(files) - changed - broken
    sys.stderr.write(f"{changed} file{'s' * (changed != 1)} {done}, {unchanged} unchanged")
    sys.stderr.write(f", {broken} not formatted\n" if broken else "\n")
    if broken:
        return common.EXIT_USAGE
    return common.EXIT_FINDINGS if dry and changed else common.EXIT_OK
