"""A stable JSON document: ``{"version": 1, "tool", "command", "files", "problems", "summary"}``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from journeykit.problems import Problem, count_by_severity
from journeykit.reporters.base import ReportContext

FORMAT_VERSION = 1


def render(problems: Sequence[Problem], ctx: ReportContext) -> str:
    counts = count_by_severity(list(problems))
    document = {
        "version": FORMAT_VERSION,
        "tool": {"name": "journeykit", "version": ctx.tool_version},
        "command": ctx.command,
        "files": list(ctx.files),
        "problems": [p.as_dict() for p in problems],
        "summary": {str(level): n for level, n in counts.items()},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
