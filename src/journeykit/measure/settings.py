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

from journeykit.config import Config

KEYS = (
    "customer_col",
    "event_col",
    "time_col",
    "score_col",
    "by",
    "tz",
    "window",
    "engine",
    "memory_limit",
    "temp_directory",
)


def event_settings(config: Config) -> dict[str, str]:
    """The section's values by key; ConfigError with every located problem (the section's model,
    ``config.events``, checks it)."""
    return config.events.given()


__all__ = ["KEYS", "event_settings"]
