"""``journey init``: a working journeykit repository, with a first map, in one command."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from journeykit.cli import common
from journeykit.scaffold import Template  # a StrEnum: --template completes the names

if TYPE_CHECKING:
    from journeykit.scaffold import Plan
    from journeykit.scaffold.git import GitOutcome


def register(app: typer.Typer) -> None:
    app.command(
        "init",
        rich_help_panel=common.PANEL_START,
        epilog=common.examples(
            "journey init",
            "journey init customer-journeys --template saas",
            "journey init . --template service --no-git",
        ),
    )(init)


def init(
    path: str = typer.Argument(
        ".", metavar="PATH", help="The folder to set up (created when missing)."
    ),
    template: Template = typer.Option(
        Template.shop,
        "--template",
        "-t",
        help="The first map: shop (a first online purchase), saas (trial to paid plan) or "
        "service (a public service: registering a new address after moving home).",
    ),
    force: bool = typer.Option(
        False, "--force", help="Overwrite files that exist and differ from the template."
    ),
    no_git: bool = typer.Option(
        False, "--no-git", help="Neither run git init nor set the diff driver in git's config."
    ),
) -> int:
    """Set up a repository for journey maps, with a first map to edit.

    It writes a config, a map and its persona library, a pre-commit config, a GitHub workflow
    and .gitattributes, runs git init when needed and sets git's semantic diff driver.

    Existing files are never overwritten without --force: when one differs, nothing is written.
    Exit 0 when done, 1 when files are in the way, 2 when the folder cannot be written.
    """
    import sys
    from pathlib import Path

    from journeykit import __version__, scaffold
    from journeykit.problems import one_line
    from journeykit.scaffold import git

    root = Path(path)
    today = common.today_or_fail(None)
    files = scaffold.render_files(template, today, __version__)
    planned = scaffold.plan(root, files, force=force)
    scaffold.template_inputs(template).check([root / s.path for s in planned.writes])
    shown = _shower(path)
    if planned.conflicts:
        for step in planned.conflicts:
            why = step.note or "not overwriting it: use --force to replace it"
            sys.stderr.write(f"journey: error: {one_line(shown(step.path))} exists; {why}\n")
        sys.stderr.write("journey: nothing was written\n")
        return common.EXIT_FINDINGS
    scaffold.apply(planned.writes, root)
    outcome = None if no_git else git.set_up(root, force=force)
    common.write_stdout(_summary(planned, template, path, files, outcome, shown))
    if outcome is not None:
        if outcome.prefix:
            outcome.notes.append(_not_at_the_top(outcome, path, shown))
        for note in outcome.notes:
            sys.stderr.write(f"journey: note: {one_line(note)}\n")
        if outcome.todo:
            sys.stderr.write("journey: to use git's semantic diff of maps later, run:\n")
            for line in outcome.todo:
                sys.stderr.write(f"  {one_line(line)}\n")
    return common.EXIT_OK


def _shower(path: str) -> Callable[[str], str]:
    """How a file is named to people: relative to the working directory, as they gave PATH."""
    import os

    def shown(relative: str) -> str:
        return os.path.normpath(os.path.join(path, relative)) if path else relative

    return shown


def _not_at_the_top(outcome: GitOutcome, path: str, shown: Callable[[str], str]) -> str:
    import contextlib
    import os

    from journeykit.scaffold import MAPS_FOLDER, PRE_COMMIT_CONFIG, WORKFLOW

    # git resolves symbolic links: PATH/.. need not be the top's way, a path from here is
    top = outcome.top
    if not os.path.isabs(path):
        with contextlib.suppress(ValueError):  # on Windows, another drive has no relative path
            top = os.path.relpath(top)
    here = "this folder" if shown(".") == "." else shown(".")
    return (
        f"{here} is a subfolder of the git repository {top}, but GitHub runs only the "
        f"workflows in {os.path.join(top, os.path.dirname(WORKFLOW))}/ and pre-commit reads only "
        f"{os.path.join(top, PRE_COMMIT_CONFIG)}: move (or merge) those two files there, and "
        f"set the workflow's `paths:` to `{outcome.prefix}{MAPS_FOLDER}`"
    )


VERBS = {"create": "created", "overwrite": "replaced", "append": "updated", "unchanged": "kept"}


def _summary(
    planned: Plan,
    template: Template,
    path: str,
    files: dict[str, bytes],
    outcome: GitOutcome | None,
    shown: Callable[[str], str],
) -> str:
    from journeykit.problems import one_line
    from journeykit.scaffold import MAPS_FOLDER, map_file
    from journeykit.scaffold.git import DRIVER_COMMAND, DRIVER_KEY, shell_path

    where = one_line(shown("."))
    lines = [f"journeykit is set up in {where} with the {template.value} template:"]
    for step in planned.steps:
        if step.action == "shadowed":
            lines.append(f"  note       {one_line(shown(step.path))}: {step.note}")
            continue
        extra = f" ({step.note})" if step.note else ""
        lines.append(f"  {VERBS[step.action]:<10} {one_line(shown(step.path))}{extra}")
    if outcome is not None:
        if outcome.initialised:
            lines.append(f"  git init   {where} (a new repository)")
        if outcome.configured or outcome.unchanged:
            verb = "set" if outcome.configured else "kept"
            lines.append(f'  git config {DRIVER_KEY} "{DRIVER_COMMAND}" ({verb}: semantic diffs)')
    folder = f"{MAPS_FOLDER}/"
    steps = [] if shown(".") == "." else [f"cd {shell_path(one_line(path))}"]
    steps += [
        f"journey validate {folder}",
        f"journey lint {folder}",
        f"journey score {folder}",
        f"journey render {folder} -o site/      # then open site/index.html",
        f"journey render {map_file(files)} --format mermaid   # for a README",
        "pre-commit install      # check maps before each commit (https://pre-commit.com)",
    ]
    lines += ["", "Next steps:", *(f"  {step}" for step in steps), ""]
    return "\n".join(lines)
