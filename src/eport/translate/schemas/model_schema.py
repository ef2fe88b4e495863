"""Builds the JSON Schema of our JSON form from the canonical model's types.

The JSON form is the model's plain form (``eport.logistics.plain``) without null values and
empty lists, so its schema follows from the dataclasses: one ``$defs`` entry per class, enums
by value, identifiers with their patterns, decimals as strings, datetimes with an offset.
The published file is this function's output; a test keeps the two the same. Regenerate with
``python -m eport.translate.schemas.model_schema``.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

from eport.logistics.documents import DOCUMENT_TYPES
from eport.logistics.identifiers import ContainerNumber, ImoNumber, UnLocode

SCHEMA_ID = "urn:eport:schema:logistics-document:1"
DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$"
DECIMAL_PATTERN = r"^-?\d+(\.\d+)?([Ee][+-]?\d+)?$"

_IDENTIFIER_PATTERNS: dict[type, tuple[str, str]] = {
    ContainerNumber: (r"^[A-Z]{3}[UJZR][0-9]{7}$", "ISO 6346 container number"),
    UnLocode: (r"^[A-Z]{2}[A-Z2-9]{3}$", "UN/LOCODE"),
    ImoNumber: (r"^[0-9]{7}$", "IMO ship identification number"),
}


def build_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of every document of the model."""
    defs: dict[str, Any] = {}
    for kind in _IDENTIFIER_PATTERNS:
        pattern, title = _IDENTIFIER_PATTERNS[kind]
        defs[kind.__name__] = {"type": "string", "pattern": pattern, "description": title}
    for document in DOCUMENT_TYPES:
        _define(document, defs)
        defs[document.__name__]["properties"] = {
            "document": {"const": document.__name__},
            **defs[document.__name__]["properties"],
        }
        defs[document.__name__]["required"].insert(0, "document")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "eport canonical logistics document",
        "oneOf": [{"$ref": f"#/$defs/{d.__name__}"} for d in DOCUMENT_TYPES],
        "$defs": dict(sorted(defs.items())),
    }


def _define(cls: type, defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # claimed before recursion so cycles terminate
    hints = get_type_hints(cls)
    properties = {}
    required = []
    for field in dataclasses.fields(cls):
        properties[field.name] = _type_schema(hints[field.name], defs)
        no_default = field.default is dataclasses.MISSING
        if no_default and field.default_factory is dataclasses.MISSING:
            required.append(field.name)
    definition: dict[str, Any] = {"type": "object", "properties": properties}
    if cls.__doc__:
        definition["description"] = " ".join(cls.__doc__.split("\n\n")[0].split())
    definition["required"] = required
    definition["additionalProperties"] = False
    defs[cls.__name__] = definition


def _type_schema(kind: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(kind)
    if origin is Union or origin is types.UnionType:
        options = [arg for arg in get_args(kind) if arg is not type(None)]
        return _type_schema(options[0], defs)
    if origin is tuple:
        return {"type": "array", "minItems": 1, "items": _type_schema(get_args(kind)[0], defs)}
    if kind in _IDENTIFIER_PATTERNS:
        return {"$ref": f"#/$defs/{kind.__name__}"}
    if isinstance(kind, type) and issubclass(kind, Enum):
        return {"type": "string", "enum": [str(member.value) for member in kind]}
    simple = {
        str: {"type": "string"},
        int: {"type": "integer"},
        bool: {"type": "boolean"},
        Decimal: {"type": "string", "pattern": DECIMAL_PATTERN},
        datetime: {"type": "string", "format": "date-time", "pattern": DATETIME_PATTERN},
    }
    if kind in simple:
        return dict(simple[kind])
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        _define(kind, defs)
        return {"$ref": f"#/$defs/{kind.__name__}"}
    raise TypeError(f"no JSON Schema for {kind!r}")


def render_schema() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render_schema())
