"""Model values as plain JSON data, the form a change's ``old`` and ``new`` take.

Kept apart from :mod:`.values` (what people see), which the formatters import: they must not load
pydantic, so that `journey diff --help` stays instant.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel


def plain(value: Any) -> Any:
    """A model value as plain JSON data (dates as ISO text, models as mappings without defaults)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_defaults=True)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


__all__ = ["plain"]
