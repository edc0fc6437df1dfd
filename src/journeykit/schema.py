"""The JSON Schema of a journey map, generated from the model (the committed copy is tested)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from journeykit.model.map import SCHEMA_ID, JourneyMap, nested_model

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def journey_schema() -> dict[str, Any]:
    _describe(JourneyMap, set())
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


def _describe(model: type[BaseModel], done: set[type[BaseModel]]) -> None:
    """Give each field of ``model`` and the models inside it the docstring written under it as
    its description (what pydantic's ``use_attribute_docstrings`` does at import, for every
    command), then rebuild the models' schemas, innermost first."""
    from pydantic._internal._docs_extraction import extract_docstrings_from_cls

    done.add(model)
    for field in model.model_fields.values():
        inner = nested_model(field.annotation)
        if inner is not None and inner not in done:
            _describe(inner, done)
    docs = extract_docstrings_from_cls(model, use_inspect=True)
    for name, field in model.model_fields.items():
        if field.description is None and name in docs:
            field.description = docs[name]
    model.model_rebuild(force=True)
