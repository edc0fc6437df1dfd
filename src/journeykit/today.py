""" "Today", injectable so that CI output and tests are reproducible.

``--today YYYY-MM-DD`` wins, then the environment variable ``JOURNEYKIT_TODAY``, then the clock.
"""

from __future__ import annotations

import datetime as dt
import os

ENV = "JOURNEYKIT_TODAY"


def resolve_today(explicit: str | None = None) -> dt.date:
    """Raise ``ValueError`` with a message for people when the given date is not YYYY-MM-DD."""
    for source, value in (("--today", explicit), (ENV, os.environ.get(ENV))):
        if value:
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(f"{source} must be a date YYYY-MM-DD, not {value!r}") from None
    return dt.date.today()
