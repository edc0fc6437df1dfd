"""The JSON Schema of a journey map, generated from the model (the committed copy is tested)."""

from __future__ import annotations

import json
from typing import Any

from journeykit.model.map import SCHEMA_ID, JourneyMap

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def journey_schema() -> dict[str, Any]:
    generated = JourneyMap.model_json_schema()
    schema: dict[str, Any] = {"$schema": DRAFT, "$id": SCHEMA_ID}
    schema.update(generated)
    schema["description"] = (
        "A customer journey map for journeykit (format version 1): personas, ordered stages, "
        "touchpoints with experiences and measurements, pain points, opportunities and actions."
    )
    return schema


def schema_text() -> str:
    return json.dumps(journey_schema(), indent=2, ensure_ascii=False) + "\n"
