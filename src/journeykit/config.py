"""``journeykit.yaml``: found from the working directory upward, or named with ``--config``.

A bad config is a usage error (exit 2) reported at its own ``file:line:column``. Sections that
belong to one command (``rules``/``overrides`` for lint, ``score`` for the scorecard) are checked
here for shape and by their command for meaning, through :meth:`Config.problem`.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from journeykit.loader import SourceMap, parse_bytes
from journeykit.problems import Problem, quote
from journeykit.workspace import CONFIG_NAMES

Level = Literal["error", "warning", "info", "off"]
DEFAULT_FILES = ("*.journey.yaml", "*.journey.yml")


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Override(_Closed):
    files: Annotated[list[str], Field(min_length=1)]
    rules: dict[str, Level | dict[str, Any]] = Field(default_factory=dict)


class Settings(_Closed):
    files: list[str] = Field(default_factory=lambda: list(DEFAULT_FILES))
    ignore: list[str] = Field(default_factory=list)
    rules: dict[str, Level | dict[str, Any]] = Field(default_factory=dict)
    overrides: list[Override] = Field(default_factory=list)
    score: dict[str, Any] = Field(default_factory=dict)
    render: dict[str, Any] = Field(default_factory=dict)
    events: dict[str, Any] = Field(default_factory=dict)


class ConfigError(Exception):
    """The config cannot be used; carries located problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass
class Config:
    settings: Settings = field(default_factory=Settings)
    path: str | None = None
    root: Path = field(default_factory=Path.cwd)
    smap: SourceMap | None = None

    def problem(self, loc: tuple[str | int, ...], message: str, *, key: bool = False) -> Problem:
        line, column = self.smap.locate(loc, key=key) if self.smap else (1, 1)
        return Problem(self.path or "journeykit.yaml", line, column, "config", message)

    def relative(self, path: str) -> str:
        """``path`` relative to the config's folder, in posix form (for ignore/override globs)."""
        try:
            return Path(os.path.abspath(path)).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def ignored(self, path: str) -> bool:
        return matches(self.relative(path), self.settings.ignore)

    def wanted(self, name: str) -> bool:
        return matches(name, self.settings.files)


def matches(path: str, patterns: list[str]) -> bool:
    """gitignore-like matching of a relative posix path.

    A pattern with no ``/`` but a trailing one matches a name at any depth; one with a ``/`` is
    anchored at the config's folder; a trailing ``/`` matches folders only; a match on a folder
    matches everything inside it; ``*`` and ``**`` match across ``/``.
    """
    parts = [part for part in path.split("/") if part not in ("", ".")]
    count = len(parts)
    for raw in patterns:
        pattern = raw.removeprefix("./")
        folder_only = pattern.endswith("/")
        pattern = pattern.strip("/")
        if not pattern:
            continue
        anchored = "/" in pattern or raw.startswith("/")
        starts = [0] if anchored else range(count)
        for i in starts:
            for j in range(i + 1, count + (0 if folder_only else 1)):
                subject = "/".join(parts[i:j])
                if fnmatch.fnmatchcase(subject, pattern) or (
                    "**/" in pattern and fnmatch.fnmatchcase(subject, pattern.replace("**/", ""))
                ):
                    return True
    return False


def find_config(start: Path | None = None) -> Path | None:
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def load_config(explicit: str | None = None, start: Path | None = None) -> Config:
    """The config named by ``--config``, else the nearest one upward, else the defaults."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError([Problem(explicit, 1, 1, "config", "config file not found")])
    else:
        found = find_config(start)
        if found is None:
            return Config()
        path = found
    shown = explicit if explicit is not None else os.path.relpath(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(
            [Problem(shown, 1, 1, "config", f"cannot read: {exc.strerror}")]
        ) from None
    parsed = parse_bytes(raw, shown)
    if parsed.problems:
        raise ConfigError(parsed.problems)
    data = parsed.data if parsed.data is not None else {}
    config = Config(path=shown, root=path.parent, smap=parsed.smap)
    if not isinstance(data, dict):
        raise ConfigError([config.problem((), "the config must be a mapping of settings")])
    try:
        config.settings = Settings.model_validate(data)
    except ValidationError as exc:
        problems: dict[tuple[int, int], Problem] = {}
        for err in exc.errors(include_url=False):
            problem = _config_problem(config, err)
            problems.setdefault((problem.line, problem.column), problem)
        raise ConfigError(list(problems.values())) from None
    return config


def _config_problem(config: Config, error: Any) -> Problem:
    loc = tuple(error["loc"])
    # union members of `rules` values show up as extra loc segments: drop what is not in the data
    while loc and isinstance(loc[-1], str) and loc[-1].startswith(("literal[", "dict[")):
        loc = loc[:-1]
    name = str(loc[-1]) if loc else "config"
    if error["type"] == "missing":
        return config.problem(loc[:-1], f"missing required key `{name}`")
    if error["type"] == "extra_forbidden":
        allowed = ", ".join(Settings.model_fields)
        return config.problem(loc, f"unknown setting {quote(name)} (known: {allowed})", key=True)
    if error["type"] in ("literal_error", "dict_type") and "rules" in loc:
        return config.problem(
            loc,
            f"{quote(error.get('input'))} is not a rule setting: use a "
            "level (error, warning, info, off) or a mapping of options",
        )
    return config.problem(loc, f"`{name}`: {error['msg']}")
