"""What a reporter knows besides the problems: the tool, the command, the files, the rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from journeykit.problems import Severity


@dataclass(frozen=True)
class RuleInfo:
    """Metadata for one problem code: SARIF's ``rules[]`` and `journey rules` read it."""

    id: str
    level: Severity
    summary: str
    description: str = ""


@dataclass(frozen=True)
class ReportContext:
    tool_version: str
    command: str = "validate"
    files: tuple[str, ...] = ()
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    color: bool = False
