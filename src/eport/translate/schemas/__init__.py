"""JSON Schemas (draft 2020-12) that eport publishes for its JSON and DCSA outputs."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

#: Our JSON form of the canonical documents, generated from the model (see model_schema).
LOGISTICS_SCHEMA = "eport-logistics.schema.json"
#: The DCSA Track & Trace 2.2 event shapes, written from the DCSA OpenAPI definitions.
DCSA_TNT_SCHEMA = "dcsa-tnt-2.2-events.schema.json"


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A published schema, parsed."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
