"""GitHub Actions workflow commands, plus a Markdown table for ``$GITHUB_STEP_SUMMARY``.

GitHub shows only about ten annotations of each level per step, so the summary lists them all.
"""

from __future__ import annotations

from collections.abc import Sequence

from journeykit.problems import Problem, Severity, count_by_severity
from journeykit.reporters.base import ReportContext

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(problems: Sequence[Problem], ctx: ReportContext) -> str:
    lines = []
    for p in problems:
        props = ",".join(
            f"{k}={escape_property(str(v))}"
            for k, v in (("file", p.path), ("line", p.line), ("col", p.column), ("title", p.code))
        )
        lines.append(f"::{_COMMAND[p.severity]} {props}::{escape_data(p.message)}\n")
    return "".join(lines)


def _cell(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("\n", " ")
        .replace("\r", " ")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def step_summary(problems: Sequence[Problem], ctx: ReportContext) -> str:
    counts = count_by_severity(list(problems))
    head = (
        f"### journey {ctx.command}: {counts[Severity.ERROR]} errors, "
        f"{counts[Severity.WARNING]} warnings, {counts[Severity.INFO]} infos "
        f"in {len(ctx.files)} file{'' if len(ctx.files) == 1 else 's'}\n\n"
    )
    if not problems:
        return head + "No problems found.\n"
    rows = "".join(
        f"| {_cell(p.path)}:{p.line}:{p.column} | {p.severity} | `{_cell(p.code)}` "
        f"| {_cell(p.message)} |\n"
        for p in problems
    )
    return head + "| location | severity | code | message |\n|---|---|---|---|\n" + rows
