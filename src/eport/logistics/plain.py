"""Documents as plain JSON-ready data (dicts, lists, strings, numbers) and back.

The plain form is the model itself with values spelled out: enums by value, identifiers
(container numbers, UN/LOCODEs, IMO numbers) as their text, decimals as strings so no digit
is lost, datetimes in ISO 8601 with their offset. The document's class name is stored under
``"document"`` so a plain dict can be read back without knowing its type.
"""

from __future__ import annotations

import dataclasses
import types
from datetime import datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from eport.logistics.documents import DOCUMENT_TYPES, Document
from eport.logistics.identifiers import ContainerNumber, ImoNumber, UnLocode

PlainValue = str | int | bool | None | list["PlainValue"] | dict[str, "PlainValue"]

_TEXT_IDENTIFIERS: tuple[type, ...] = (ContainerNumber, UnLocode, ImoNumber)
_DOCUMENTS_BY_NAME = {cls.__name__: cls for cls in DOCUMENT_TYPES}


class PlainFormError(ValueError):
    """Plain data that does not describe a document of the model."""


def to_plain(document: Document) -> dict[str, PlainValue]:
    """The plain form of a document, tagged with its type."""
    body = _dump(document)
    assert isinstance(body, dict)
    return {"document": type(document).__name__, **body}


def from_plain(data: dict[str, Any]) -> Document:
    """Read a document back from its plain form; value types validate as they are built."""
    name = data.get("document")
    cls = _DOCUMENTS_BY_NAME.get(name) if isinstance(name, str) else None
    if cls is None:
        raise PlainFormError(f"unknown document type: {name!r}")
    body = {key: value for key, value in data.items() if key != "document"}
    try:
        result: Document = _load(cls, body, "$")
    except (TypeError, ValueError, ArithmeticError) as error:
        if isinstance(error, PlainFormError):
            raise
        raise PlainFormError(str(error)) from error
    return result


def _dump(value: object) -> PlainValue:
    if isinstance(value, Enum):
        return str(value.value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, _TEXT_IDENTIFIERS):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_dump(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return {field.name: _dump(getattr(value, field.name)) for field in fields}
    raise TypeError(f"no plain form for {type(value).__name__}")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _load(kind: Any, value: Any, path: str) -> Any:
    origin = get_origin(kind)
    if origin is Union or origin is types.UnionType:
        options = [arg for arg in get_args(kind) if arg is not type(None)]
        if value is None:
            return None
        return _load(options[0], value, path)
    if origin is tuple:
        if not isinstance(value, list):
            raise PlainFormError(f"{path}: expected a list")
        item_kind = get_args(kind)[0]
        return tuple(_load(item_kind, item, f"{path}[{i}]") for i, item in enumerate(value))
    return _load_scalar(kind, value, path)


def _load_scalar(kind: Any, value: Any, path: str) -> Any:
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if kind in _TEXT_IDENTIFIERS:
        return kind(_expect(str, value, path))
    if kind is Decimal:
        return Decimal(_expect(str, value, path))
    if kind is datetime:
        return datetime.fromisoformat(_expect(str, value, path))
    if kind is int:
        if isinstance(value, bool):
            raise PlainFormError(f"{path}: expected a whole number")
        return _expect(int, value, path)
    if kind is str:
        return _expect(str, value, path)
    if dataclasses.is_dataclass(kind):
        return _load_dataclass(kind, value, path)
    raise PlainFormError(f"{path}: no reader for {kind!r}")


def _load_dataclass(cls: Any, value: Any, path: str) -> Any:
    if not isinstance(value, dict):
        raise PlainFormError(f"{path}: expected an object")
    hints = _hints(cls)
    names = {field.name for field in dataclasses.fields(cls)}
    unknown = set(value) - names
    if unknown:
        raise PlainFormError(f"{path}: unknown fields {sorted(unknown)}")
    arguments = {name: _load(hints[name], item, f"{path}.{name}") for name, item in value.items()}
    return cls(**arguments)


def _expect(kind: type, value: Any, path: str) -> Any:
    if not isinstance(value, kind):
        raise PlainFormError(f"{path}: expected {kind.__name__}, got {type(value).__name__}")
    return value
