"""The JSON format: stable, documented in docs/diff.md, versioned by its ``version`` key.

Version 1 (additions of new keys keep the version; a renamed or removed key bumps it):

    {
      "version": 1,
      "old": "label of the old side", "new": "label of the new side",
      "summary": {"regression": n, "removal": n, "change": n, "improvement": n, "total": n},
      "maps": [{
        "id": "map id", "status": "added|removed|changed|unchanged",
        "old_path": "path or null", "new_path": "path or null",
        "summary": {... as above, for this map},
        "changes": [{"path": "dotted.path", "segments": [...], "kind": "added|removed|changed|
                     moved|reordered", "class": "regression|removal|change|improvement",
                     "old": value, "new": value, "delta": number (numbers only), "note": text,
                     "implied": [flow edge changes folded into this one (when any)]}],
        "mean_scores": [{"persona": id, "stage": id, "old": number|null, "new": number|null}],
        "scores": [{"name": "overall", "old": n, "new": n, "delta": n}] or null
      }]
    }
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from journeykit.diff.model import FORMAT_VERSION, Change, DiffResult, MapDiff, count_classes

_INVISIBLE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def as_data(result: DiffResult) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "old": result.old_label,
        "new": result.new_label,
        "summary": _summary(result.changes),
        "maps": [_map(m) for m in result.maps],
    }


def _summary(changes: list[Change]) -> dict[str, int]:
    counts = {str(cls): n for cls, n in count_classes(changes).items()}
    return {**counts, "total": len(changes)}


def _map(diff: MapDiff) -> dict[str, Any]:
    return {
        "id": diff.map_id,
        "status": diff.status,
        "old_path": diff.old_path,
        "new_path": diff.new_path,
        "summary": _summary(diff.changes),
        "changes": [c.as_dict() for c in diff.changes],
        "mean_scores": [c.as_dict() for c in diff.means],
        "scores": None if diff.scores is None else [s.as_dict() for s in diff.scores],
    }


def _finite(value: Any) -> Any:
    """JSON has no NaN or infinity: such numbers, should any reach here, are written as text."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def render(result: DiffResult) -> str:
    """UTF-8 JSON; line and paragraph separators and bidi controls stay escaped (``\\u202e``)."""
    text = json.dumps(_finite(as_data(result)), indent=2, ensure_ascii=False, allow_nan=False)
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


__all__ = ["as_data", "render"]
