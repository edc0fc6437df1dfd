"""``journey diff``: what changed between two versions of journey maps, for reviews and CI."""

from __future__ import annotations

import typer

from journeykit.cli import common
from journeykit.diff.formats import FORMATS
from journeykit.diff.model import FAIL_ON


def register(app: typer.Typer) -> None:
    app.command(
        "diff",
        rich_help_panel=common.PANEL_REVIEW,
        epilog=common.examples(
            "journey diff old.journey.yaml new.journey.yaml",
            "journey diff --git origin/main --format markdown",
            "journey diff main:checkout.journey.yaml checkout.journey.yaml --fail-on regression",
        ),
    )(diff)


def diff(
    old: str = typer.Argument(
        None, metavar="OLD", help="Old side: a map file, a folder, - (stdin) or REF:PATH."
    ),
    new: str = typer.Argument(
        None, metavar="NEW", help="New side: a map file, a folder, - or REF:PATH."
    ),
    git: bool = typer.Option(
        False,
        "--git",
        help="Compare every map changed between two revisions: `--git BASE [HEAD]` "
        "(HEAD defaults to the working tree), or a range BASE..HEAD or BASE...HEAD (from their "
        "merge base).",
    ),
    fmt: str = typer.Option(
        "text",
        "--format",
        "-f",
        help=f"Output format: {', '.join(FORMATS)}.",
        autocompletion=common.completer(FORMATS),
    ),
    fail_on: str = typer.Option(
        None,
        "--fail-on",
        autocompletion=common.completer(FAIL_ON),
        help="Exit 1 when a change of this class or a more serious one is found: "
        "regression, removal (or regression), change (anything but an improvement), any.",
    ),
    textconv: str = typer.Option(
        None, "--textconv", metavar="FILE", help="Print FILE's canonical line view (git textconv)."
    ),
    color: common.Color = common.COLOR_OPTION,
    config_file: str = common.CONFIG_OPTION,
    today: str = typer.Option(
        None,
        "--today",
        help="Date for the scorecard (YYYY-MM-DD; default $JOURNEYKIT_TODAY, then today).",
    ),
) -> int:
    """Compare journey maps by id: personas, stages, touchpoints, scores, pains, actions.

    Each change has a dotted path, old and new values and a class (see docs/diff.md).

    Exit 0 when nothing crosses --fail-on, 1 when something does, 2 when the diff cannot be made.
    """
    if textconv is not None:
        if old or new or git:
            common.fail("--textconv takes one FILE and no other arguments")
        from journeykit.diff.textconv import textconv as canonical
        from journeykit.runner import read_input

        common.write_stdout(canonical(read_input(textconv), textconv))
        return common.EXIT_OK
    common.check_choice(fmt, FORMATS)
    if fail_on is not None:
        common.check_choice(fail_on, FAIL_ON, "--fail-on class")
    if not old or (not new and not git):
        common.fail(
            "give two sides, `journey diff OLD NEW`, or revisions, `journey diff --git BASE [HEAD]`"
        )
    if not git and old == new == "-":
        common.fail("only one side can be - (stdin): the other one would read nothing")

    from journeykit.config import load_config
    from journeykit.diff import build, sources
    from journeykit.score import ScoreSettings

    day = common.today_or_fail(today)
    config = load_config(config_file)
    settings = ScoreSettings.from_config(config)
    if git:
        old_side, new_side = sources.changed_sides(old, new, config)
    else:
        old_side, new_side = sources.read_side(old, config), sources.read_side(new, config)
    result = build.build(old_side, new_side, day, settings)
    common.write_stdout(FORMATS[fmt](result, common.use_color(color)))
    crossed = fail_on is not None and result.crosses(FAIL_ON[fail_on])
    return common.EXIT_FINDINGS if crossed else common.EXIT_OK
