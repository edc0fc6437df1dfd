"""`path:line:column: severity [code] message`, one per line (yamllint parsable, ruff)."""

from __future__ import annotations

from collections.abc import Sequence

from journeykit.problems import Problem, one_line
from journeykit.reporters.base import ReportContext


def render(problems: Sequence[Problem], ctx: ReportContext) -> str:
    return "".join(
        f"{one_line(p.path)}:{p.line}:{p.column}: {p.severity} [{p.code}] {one_line(p.message)}\n"
        for p in problems
    )
