"""``journeykit.yaml``: found from the working directory upward, or named with ``--config``.

Every section is a pydantic model (:mod:`journeykit.config.models`), and a bad config is a usage
error (exit 2) reported at its own ``file:line:column``, like a map's problems. The file's shape
(``files``, ``ignore``, ``rules``, ``overrides``, and that ``score``/``render``/``events`` are
mappings) is checked when it is loaded; a section that belongs to one command is checked, through
its model, when that command reads it (:attr:`Config.score`, :attr:`Config.render`,
:attr:`Config.events`), so that a mistake in ``score:`` does not stop ``journey validate``. Rule
levels and options are checked by the lint policy against the rule registry
(:mod:`journeykit.lint`), through the same error translation.

Importing this module imports neither pydantic nor yaml: the models are built when a config is
loaded, so that ``journey --help`` stays instant.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from journeykit.config.globs import Globs, matches
from journeykit.errors import LocatedError
from journeykit.problems import Problem, quote

if TYPE_CHECKING:
    from journeykit.config.models import (
        EventsSection,
        M,
        RenderSection,
        ScoreSection,
        Settings,
    )
    from journeykit.loader import SourceMap

DEFAULT_FILES = ("*.journey.yaml", "*.journey.yml")


class ConfigError(LocatedError):
    """The config cannot be used; carries located problems (exit 2)."""

    problems: list[Problem]

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems, "; ".join(p.message for p in problems))


def _default_settings() -> Settings:
    from journeykit.config.models import Settings

    return Settings()


@dataclass
class Config:
    settings: Settings = field(default_factory=_default_settings)
    path: str | None = None
    root: Path = field(default_factory=Path.cwd)
    smap: SourceMap | None = None

    def problem(self, loc: tuple[str | int, ...], message: str, *, key: bool = False) -> Problem:
        line, column = self.smap.locate(loc, key=key) if self.smap else (1, 1)
        return Problem(self.path or "journeykit.yaml", line, column, "config", message)

    def check(self, model: type[M], data: object, where: tuple[str | int, ...] = ()) -> M:
        """``data`` (found at ``where`` in the file) as ``model``, or ``ConfigError`` with every
        problem located in the file."""
        from journeykit.config.models import validate

        return validate(self, model, data, where)

    @functools.cached_property
    def score(self) -> ScoreSection:
        """The ``score:`` section (``ConfigError`` when wrong)."""
        from journeykit.config.models import ScoreSection

        return self.check(ScoreSection, self.settings.score, ("score",))

    @functools.cached_property
    def render(self) -> RenderSection:
        """The ``render:`` section (``ConfigError`` when wrong)."""
        from journeykit.config.models import RenderSection

        return self.check(RenderSection, self.settings.render, ("render",))

    @functools.cached_property
    def events(self) -> EventsSection:
        """The ``events:`` section (``ConfigError`` when wrong)."""
        from journeykit.config.models import EventsSection

        return self.check(EventsSection, self.settings.events, ("events",))

    def templates_folder(self) -> str | None:
        """``render: {templates: DIR}`` as a folder relative to the config file, if set; a folder
        that does not exist is a ``ConfigError``."""
        value = self.render.templates
        if value is None:
            return None
        folder = os.path.join(self.root, value)
        if not os.path.isdir(folder):
            message = f"the templates folder {quote(value)} does not exist"
            raise ConfigError([self.problem(("render", "templates"), message)])
        return folder

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


def find_config(start: Path | None = None) -> Path | None:
    from journeykit.workspace import CONFIG_NAMES

    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def load_config(explicit: str | None = None, start: Path | None = None) -> Config:
    """The config named by ``--config``, else the nearest one upward, else the defaults."""
    from journeykit.config.models import Settings
    from journeykit.inputs import InputError, read_file
    from journeykit.loader import parse_bytes

    if explicit is not None:
        path = Path(explicit)
        if not os.path.exists(path):
            raise ConfigError([Problem(explicit, 1, 1, "config", "config file not found")])
    else:
        found = find_config(start)
        if found is None:
            return Config()
        path = found
    shown = explicit if explicit is not None else os.path.relpath(path)
    try:
        raw = read_file(path)
    except InputError as exc:
        raise ConfigError([Problem(shown, 1, 1, "config", str(exc))]) from None
    parsed = parse_bytes(raw, shown)
    if parsed.problems:
        raise ConfigError(parsed.problems)
    data = parsed.data if parsed.data is not None else {}
    config = Config(path=shown, root=path.parent, smap=parsed.smap)
    if not isinstance(data, dict):
        raise ConfigError([config.problem((), "the config must be a mapping of settings")])
    config.settings = config.check(Settings, data)
    return config


__all__ = [
    "DEFAULT_FILES",
    "Config",
    "ConfigError",
    "Globs",
    "find_config",
    "load_config",
    "matches",
]
