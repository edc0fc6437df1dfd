"""The committed JSON Schema is generated from the model and accepts what the model accepts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from journeykit.schema import DRAFT, journey_schema, schema_text
from journeykit.validate import load

from .conftest import EXAMPLES, FIXTURES, ROOT, RunCli

COMMITTED = ROOT / "schemas" / "journey-map.v1.schema.json"


def test_committed_schema_matches_the_model() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "schemas/journey-map.v1.schema.json is stale: run `journey schema > "
        "schemas/journey-map.v1.schema.json`"
    )


def test_schema_command_prints_it(cli: RunCli) -> None:
    result = cli("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == journey_schema()


def test_schema_is_draft_2020_12_with_a_versioned_id() -> None:
    schema = journey_schema()
    assert schema["$schema"] == DRAFT
    assert schema["$id"].endswith("journey-map.v1.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)


def as_json(value: Any) -> Any:
    return json.loads(
        json.dumps(value, default=lambda v: v.isoformat() if isinstance(v, dt.date) else v)
    )


MAPS = sorted(EXAMPLES.glob("*.journey.yaml")) + sorted((FIXTURES / "valid").glob("*.yaml"))


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_valid_maps_satisfy_the_json_schema(path: Path) -> None:
    loaded = load(path)
    assert loaded.valid
    validator = jsonschema.Draft202012Validator(journey_schema())
    assert list(validator.iter_errors(as_json(loaded.raw))) == []


def test_json_schema_rejects_unknown_keys_but_allows_extensions() -> None:
    validator = jsonschema.Draft202012Validator(journey_schema())
    base = as_json(load(FIXTURES / "valid" / "minimal.journey.yaml").raw)
    assert validator.is_valid({**base, "x-anything": {"a": [1]}})
    assert not validator.is_valid({**base, "titel": "typo"})
