"""``journey git-diff-driver``: the external diff command git runs for ``*.journey.yaml``."""

from __future__ import annotations

import typer

from journeykit.cli import common


def register(app: typer.Typer) -> None:
    # git passes paths, never options: a path such as `-hero.journey.yaml` must not be taken for
    # `-h` (help, exit 0, and git would show the help text as the diff). `--help` still works.
    app.command(
        "git-diff-driver",
        rich_help_panel=common.PANEL_GIT,
        epilog=common.examples(
            'git config diff.journey.command "journey git-diff-driver"',
            "echo '*.journey.yaml diff=journey' >> .gitattributes",
        ),
        context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]},
    )(git_diff_driver)


def git_diff_driver(
    args: list[str] = typer.Argument(
        None,
        metavar="PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE",
        help="The seven arguments git passes to diff.<driver>.command.",
    ),
    color: common.Color = common.COLOR_OPTION,
) -> int:
    """The external diff command git runs for journey maps (git's seven-argument protocol).

    Set it up with `*.journey.yaml diff=journey` in .gitattributes and `git config
    diff.journey.command "journey git-diff-driver"`; see docs/diff.md.

    Exits 0 once the diff is printed, as git stops at a failing external diff.
    """
    args = args or []
    if len(args) == 1:  # git passes only the path of an unmerged file
        common.write_stdout(f"* Unmerged path {args[0]}\n")
        return common.EXIT_OK
    if len(args) not in (7, 9):
        common.fail(
            "git-diff-driver expects git's seven arguments: "
            "path old-file old-hex old-mode new-file new-hex new-mode"
        )
    from journeykit.diff.driver import external_diff

    today = common.today_or_fail(None)
    path, old_file, new_file = args[0], args[1], args[4]
    new_path = args[7] if len(args) == 9 else None  # a rename: the file's new path, then a note
    common.write_stdout(
        external_diff(path, old_file, new_file, today, common.use_color(color), new_path)
    )
    return common.EXIT_OK
