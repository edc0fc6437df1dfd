"""Fixed `journey measure` results for the format tests: a result read from JSON (the contract's
shape), so a golden file depends on the formats alone, never on an engine."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from journeykit.measure.result import (
    Breakdown,
    Group,
    MeasureResult,
    MetricValue,
    Quantiles,
    Rows,
    TouchpointResult,
    TransitionResult,
    stage_results,
)

GOLDEN = Path(__file__).resolve().parent / "golden" / "measure"


def _stages(items: list[dict[str, Any]]) -> Any:
    return stage_results(
        [s["id"] for s in items],
        [s["entered"] for s in items],
        [Quantiles(**s["time_from_previous_s"]) for s in items],
    )


def result_of(data: dict[str, Any]) -> MeasureResult:
    """A MeasureResult from the JSON contract's keys (derived keys such as conversions are
    recomputed by the result itself, so they are ignored here)."""
    breakdown = data.get("breakdown")
    moment = data.get("range") or {}
    return MeasureResult(
        map=data["map"],
        engine=data["engine"],
        window_s=data["window_s"],
        rows=Rows(**data["rows"]),
        customers=data["customers"],
        touchpoints=tuple(TouchpointResult(**t) for t in data["touchpoints"]),
        stages=_stages(data["stages"]),
        transitions=tuple(
            TransitionResult(
                source=t["from"],
                target=t["to"],
                count=t["count"],
                customers=t["customers"],
                planned=t["planned"],
                median_gap_s=t["median_gap_s"],
            )
            for t in data["transitions"]
        ),
        breakdown=None
        if breakdown is None
        else Breakdown(
            breakdown["column"],
            tuple(
                Group(g["value"], g["customers"], _stages(g["stages"])) for g in breakdown["groups"]
            ),
        ),
        metrics=tuple(
            MetricValue(
                m["id"],
                m["at"],
                m.get("value", m.get("actual")),
                m["sample"],
                dt.date.fromisoformat(m["as_of"]) if m.get("as_of") else None,
            )
            for m in data.get("metrics", [])
        ),
        first_event=dt.datetime.fromisoformat(moment["first"]) if moment.get("first") else None,
        last_event=dt.datetime.fromisoformat(moment["last"]) if moment.get("last") else None,
    )


def load_result(name: str) -> MeasureResult:
    return result_of(json.loads((GOLDEN / name).read_text("utf-8")))
