"""What a reporter knows besides the problems: the tool, the command, the files, the rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from journeykit.problems import RuleInfo

__all__ = ["ReportContext", "RuleInfo"]


@dataclass(frozen=True)
class ReportContext:
    tool_version: str
    command: str = "validate"
    files: tuple[str, ...] = ()
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    color: bool = False
