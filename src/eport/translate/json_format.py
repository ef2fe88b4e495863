"""Our JSON form of the canonical documents, published as JSON Schema.

The JSON form is the model's plain form (``eport.logistics.plain``: the document type under
``"document"``, enums by value, identifiers as text, decimals as strings, datetimes in ISO 8601
with their offset) with null values and empty lists left out. Its schema is
``schemas/eport-logistics.schema.json``. Partner codes are mapped on the plain form, before the
model is built on the way in and after it is written on the way out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

import jsonschema  # type: ignore[import-untyped]  # the test extra has no jsonschema stubs

from eport.codes.plain_codes import plain_from_standard, plain_to_standard
from eport.logistics.codes import IDENTITY, CodeMapper
from eport.logistics.documents import Document
from eport.logistics.plain import PlainFormError, from_plain, to_plain
from eport.translate.schemas import LOGISTICS_SCHEMA, load_schema

if TYPE_CHECKING:
    from eport.translate.registry import Registry

MEDIA_TYPE = "application/json"


class JsonFormatError(ValueError):
    """JSON that is not a document of our schema; ``path`` points at the offending value."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


def document_to_data(document: Document, mapper: CodeMapper = IDENTITY) -> dict[str, Any]:
    """The JSON-ready data of a document, in the recipient's codes."""
    compact = _compact(to_plain(document))
    assert isinstance(compact, dict)
    return plain_from_standard(compact, mapper)


def render_json(document: Document, mapper: CodeMapper = IDENTITY) -> bytes:
    """A document as UTF-8 JSON text (indented, keys in model order)."""
    data = document_to_data(document, mapper)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def data_to_document(data: Any, mapper: CodeMapper = IDENTITY) -> Document:
    """Read a document from JSON data in the sender's codes.

    The data is checked against the schema after the codes are mapped (so a partner's own codes
    are not refused as malformed before they are mapped), then built into the model, whose
    value types check the rest.
    """
    if not isinstance(data, dict):
        raise JsonFormatError("$", "a document must be a JSON object")
    standard = plain_to_standard(data, mapper)
    validate_json(standard)
    try:
        return from_plain(standard)
    except PlainFormError as error:
        raise JsonFormatError("$", str(error)) from error


def parse_json(text: bytes | str, mapper: CodeMapper = IDENTITY) -> Document:
    """Read a document from JSON text."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise JsonFormatError("$", f"not JSON: {error}") from error
    return data_to_document(data, mapper)


def render_json_documents(documents: Sequence[Document], mapper: CodeMapper = IDENTITY) -> bytes:
    """One document as a JSON object, several as a JSON array of them."""
    if len(documents) == 1:
        return render_json(documents[0], mapper)
    data = [document_to_data(document, mapper) for document in documents]
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def parse_json_documents(text: bytes | str, mapper: CodeMapper = IDENTITY) -> list[Document]:
    """Read a JSON object (one document) or a JSON array of documents."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise JsonFormatError("$", f"not JSON: {error}") from error
    if isinstance(data, list):
        documents = []
        for index, item in enumerate(data):
            try:
                documents.append(data_to_document(item, mapper))
            except JsonFormatError as error:
                raise JsonFormatError(f"$[{index}]{error.path[1:]}", str(error)) from error
        return documents
    return [data_to_document(data, mapper)]


def register(registry: Registry) -> None:
    """Offer ``json`` for reading and writing."""
    registry.register_writer("json", lambda documents, o: render_json_documents(documents, o.codes))
    registry.register_reader("json", lambda data, o: parse_json_documents(data, o.codes))


def validate_json(data: dict[str, Any]) -> None:
    """Check data against our published schema; the first error names its JSON path."""
    name = data.get("document")
    validator = _validator(name if isinstance(name, str) else None)
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise JsonFormatError(error.json_path, error.message)


@cache
def _validator(document: str | None) -> jsonschema.Draft202012Validator:
    # Checking against the named document type gives errors about that type, rather than
    # the best guess among all the document types that ``oneOf`` would give.
    schema = load_schema(LOGISTICS_SCHEMA)
    if isinstance(document, str) and document in schema["$defs"]:
        schema = {key: value for key, value in schema.items() if key != "oneOf"}
        schema["$ref"] = f"#/$defs/{document}"
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _compact(value: Any) -> Any:
    # Null values and empty lists are the model's defaults; leaving them out keeps messages
    # short and lets the schema say that a list, when present, is not empty.
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_compact(item) for item in value]
    return value
