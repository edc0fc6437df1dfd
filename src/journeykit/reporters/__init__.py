"""Output formats by name. Every command that reports problems picks one from ``REPORTERS``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from journeykit.problems import Problem
from journeykit.reporters import github, json_format, parsable, sarif, stylish
from journeykit.reporters.base import ReportContext, RuleInfo

Reporter = Callable[[Sequence[Problem], ReportContext], str]

REPORTERS: dict[str, Reporter] = {
    "stylish": stylish.render,
    "parsable": parsable.render,
    "json": json_format.render,
    "github": github.render,
    "sarif": sarif.render,
}

__all__ = ["REPORTERS", "ReportContext", "Reporter", "RuleInfo", "github"]
