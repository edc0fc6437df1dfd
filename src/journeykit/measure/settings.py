"""The ``events:`` section of ``journeykit.yaml``: defaults for ``journey measure``'s options.

    events:
      customer_col: user_id
      event_col: event_name
      time_col: ts
      score_col: csat
      by: variant
      tz: Europe/Paris
      window: 30d
      engine: duckdb
      memory_limit: 12GB          # DuckDB's memory_limit (the embedded engine)
      temp_directory: /scratch    # where DuckDB spills what does not fit

A flag given on the command line wins over the file.
"""

from __future__ import annotations

from typing import Any

from journeykit.config import Config, ConfigError
from journeykit.problems import quote

KEYS = (
    "customer_col", "event_col", "time_col", "score_col", "by", "tz", "window", "engine",
    "memory_limit", "temp_directory",
)  # fmt: skip


def event_settings(config: Config) -> dict[str, str]:
    """The section's values by key; ConfigError with every located problem."""
    from journeykit.validate import suggest

    section: dict[str, Any] = config.settings.events
    problems = []
    out: dict[str, str] = {}
    for key, value in section.items():
        if key not in KEYS:
            hint = suggest(key, list(KEYS)) or f"; known: {', '.join(KEYS)}"
            message = f"unknown events setting {quote(key)}{hint}"
            problems.append(config.problem(("events", key), message, key=True))
        elif not isinstance(value, str) or not value.strip():
            problems.append(
                config.problem(("events", key), f"`{key}` must be text, such as a column name")
            )
        else:
            out[key] = value
    if problems:
        raise ConfigError(problems)
    return out


__all__ = ["KEYS", "event_settings"]
