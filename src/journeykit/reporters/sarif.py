"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import quote

from journeykit.problems import Problem, Severity
from journeykit.reporters.base import ReportContext

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFORMATION_URI = "https://github.com/journeykit/journeykit"


def _uri(path: str) -> str:
    """Repository-relative where the file lies under the working directory, else a file: URI."""
    if os.path.isabs(path):
        relative = os.path.relpath(path)
        if relative.startswith(".."):
            return Path(path).as_uri()
        path = relative
    posix = PureWindowsPath(path).as_posix() if "\\" in path else path
    text = str(PurePosixPath(posix))
    return quote(text, safe="/-._~!$&'()*+,;=:@")


def render(problems: Sequence[Problem], ctx: ReportContext) -> str:
    codes = sorted(set(ctx.rules) | {p.code for p in problems})
    index = {code: i for i, code in enumerate(codes)}
    rules = []
    for code in codes:
        info = ctx.rules.get(code)
        summary = info.summary if info else code
        rules.append(
            {
                "id": code,
                "name": "".join(part.capitalize() for part in code.split("-")),
                "shortDescription": {"text": summary},
                "fullDescription": {
                    "text": (info.description if info and info.description else summary)
                },
                "help": {"text": (info.description if info and info.description else summary)},
                "defaultConfiguration": {"level": _LEVEL[info.level] if info else "error"},
            }
        )
    results = [
        {
            "ruleId": p.code,
            "ruleIndex": index[p.code],
            "level": _LEVEL[p.severity],
            "message": {"text": p.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(p.path)},
                        "region": {"startLine": p.line, "startColumn": p.column},
                    }
                }
            ],
        }
        for p in problems
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "journeykit",
                        "version": ctx.tool_version,
                        "semanticVersion": ctx.tool_version,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "automationDetails": {"id": f"journeykit/{ctx.command}/"},
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
