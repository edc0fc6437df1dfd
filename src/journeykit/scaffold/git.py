"""Git for ``journey init``: a repository where there is none (as ``cargo new`` does), and the
semantic diff driver in that repository's own config. Global git config is never touched.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

DRIVER_KEY = "diff.journey.command"
DRIVER_COMMAND = "journey git-diff-driver"
TIMEOUT = 60


@dataclass
class GitOutcome:
    """What was done, and what people should know (``notes``) or do themselves (``todo``)."""

    initialised: bool = False
    configured: bool = False
    unchanged: bool = False
    notes: list[str] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)
    # in an existing repository: the folder's path from its top ("" at the top, "cx/" below it)
    # and that top, as an absolute path (physical: symbolic links resolved)
    prefix: str = ""
    top: str = ""


def shell_path(path: str) -> str:
    """``path`` as one shell word that no command reads as an option: ``-x`` is ``./-x``."""
    return shlex.quote(f"./{path}" if path.startswith("-") else path)


def manual_steps(root: Path, init: bool) -> list[str]:
    """The commands that do by hand what :func:`set_up` could not."""
    where = shell_path(str(root))
    steps = [f"git init {where}"] if init else []
    steps.append(f'git -C {where} config {DRIVER_KEY} "{DRIVER_COMMAND}"')
    return steps


def set_up(root: Path, *, force: bool = False) -> GitOutcome:
    """Initialise a repository at ``root`` unless it is inside one; set the diff driver there."""
    outcome = GitOutcome()
    git = shutil.which("git")
    if git is None:
        outcome.notes.append("git was not found, so no repository was set up")
        outcome.todo = manual_steps(root, init=True)
        return outcome
    inside = _run(git, root, "rev-parse", "--is-inside-work-tree")
    if inside is None:
        return _gave_up(outcome, root, "git could not be run", init=True)
    if inside.returncode == 0 and inside.stdout.strip() != "true":
        return _gave_up(outcome, root, f"{root} is inside a .git folder", init=False)
    if inside.returncode != 0:
        if "not a git repository" not in inside.stderr:
            return _gave_up(outcome, root, _first_line(inside.stderr), init=True)
        made = _run(git, root, "init", "--quiet")
        if made is None or made.returncode != 0:
            reason = _first_line(made.stderr) if made else "git could not be run"
            return _gave_up(outcome, root, reason, init=True)
        outcome.initialised = True
    else:
        where = _run(git, root, "rev-parse", "--show-toplevel", "--show-prefix")
        if where is not None and where.returncode == 0:
            outcome.top, outcome.prefix, *_ = [*where.stdout.splitlines(), "", ""]
    current = _run(git, root, "config", "--local", "--get", DRIVER_KEY)
    value = current.stdout.strip() if current and current.returncode == 0 else ""
    if value == DRIVER_COMMAND:
        outcome.unchanged = True
        return outcome
    if value and not force:
        outcome.notes.append(
            f"{DRIVER_KEY} is already set to {value!r} in this repository; left as it is "
            "(--force replaces it)"
        )
        return outcome
    written = _run(git, root, "config", "--local", DRIVER_KEY, DRIVER_COMMAND)
    if written is None or written.returncode != 0:
        reason = _first_line(written.stderr) if written else "git could not be run"
        return _gave_up(outcome, root, reason, init=False)
    outcome.configured = True
    return outcome


def _run(git: str, root: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    # set_up tells "not a git repository" from other failures by git's words: untranslated ones
    env = {**os.environ, "LC_ALL": "C", "LANGUAGE": ""}
    try:
        return subprocess.run(
            [git, "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
            env=env,
        )
    except (OSError, subprocess.SubprocessError):
        return None


def _gave_up(outcome: GitOutcome, root: Path, reason: str, *, init: bool) -> GitOutcome:
    outcome.notes.append(f"git: {reason}")
    outcome.todo = manual_steps(root, init=init and not outcome.initialised)
    return outcome


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else "git failed"
