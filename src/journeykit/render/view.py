"""What renderings show of a map beyond :class:`journeykit.model.MapView`: scores as people
round them."""

from __future__ import annotations

import math


def round_half_up(value: float) -> int:
    """2.5 -> 3 (Python's ``round`` would give 2): scores read as people round them."""
    return math.floor(value + 0.5)


__all__ = ["round_half_up"]
