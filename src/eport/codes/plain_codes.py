"""Mapping the codes inside a document's plain form, for translators of non-EDIFACT formats.

Codes must be mapped before the model is built (a partner's ``NGB`` is not a UN/LOCODE, so it
cannot become one) and after the model is written out; the plain form (``eport.logistics.plain``)
is where both can happen. Which fields hold codes of which list follows from the model's types:
every UN/LOCODE field is a location, and :data:`CODE_FIELDS` names the text fields.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from eport.codes.mapper import MappingCodeMapper
from eport.logistics.booking import EquipmentRequirement
from eport.logistics.cargo import GoodsItem, Money
from eport.logistics.codes import CodeListName, CodeMapper
from eport.logistics.documents import DOCUMENT_TYPES
from eport.logistics.equipment import Equipment
from eport.logistics.identifiers import ContainerNumber, ImoNumber, UnLocode
from eport.logistics.terminal import StowedContainer
from eport.logistics.transport import Transport

#: Text fields of the model that hold a code of a standard list.
CODE_FIELDS: dict[tuple[type, str], CodeListName] = {
    (Equipment, "size_type"): "size-type",
    (EquipmentRequirement, "size_type"): "size-type",
    (Transport, "carrier"): "carrier",
    (StowedContainer, "carrier"): "carrier",
    (GoodsItem, "package_type"): "package",
    (Money, "currency"): "currency",
}

# Shipping lines have SCAC and SMDG codes; a haulier or rail operator named as the carrier of
# a road or rail leg has no standard list, so its code is neither mapped nor flagged.
_SHIPPING_MODES = {"sea", "inland_water"}
_APPLIES: dict[tuple[type, str], Callable[[dict[str, Any]], bool]] = {
    (Transport, "carrier"): lambda transport: transport.get("mode") in _SHIPPING_MODES,
}

_IDENTIFIERS = (ContainerNumber, ImoNumber)
_DOCUMENTS_BY_NAME = {cls.__name__: cls for cls in DOCUMENT_TYPES}

Convert = Callable[[CodeListName, str], str]


def plain_to_standard(data: dict[str, Any], mapper: CodeMapper) -> dict[str, Any]:
    """A copy of a document's plain form with the partner's codes turned into standard ones."""
    return _map_document(data, mapper, mapper.to_standard)


def plain_from_standard(data: dict[str, Any], mapper: CodeMapper) -> dict[str, Any]:
    """A copy of a document's plain form with standard codes turned into the partner's."""
    return _map_document(data, mapper, mapper.from_standard)


def _map_document(data: dict[str, Any], mapper: CodeMapper, convert: Convert) -> dict[str, Any]:
    cls = _DOCUMENTS_BY_NAME.get(data.get("document", ""))
    if cls is None:
        return dict(data)
    body = {key: value for key, value in data.items() if key != "document"}
    mapped = _walk(cls, body, "$", _Context(mapper, convert))
    return {"document": data["document"], **mapped}


@dataclasses.dataclass(frozen=True)
class _Context:
    mapper: CodeMapper
    convert: Convert

    def located(self, path: str) -> AbstractContextManager[None]:
        if isinstance(self.mapper, MappingCodeMapper):
            return self.mapper.located(path)
        return nullcontext()

    def code(self, list_name: CodeListName, value: Any, path: str) -> Any:
        if not isinstance(value, str):
            return value
        with self.located(path):
            return self.convert(list_name, value)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _walk(kind: Any, value: Any, path: str, context: _Context) -> Any:
    origin = get_origin(kind)
    if origin is Union or origin is types.UnionType:
        options = [arg for arg in get_args(kind) if arg is not type(None)]
        return value if value is None else _walk(options[0], value, path, context)
    if origin is tuple and isinstance(value, list):
        item = get_args(kind)[0]
        return [_walk(item, v, f"{path}[{i}]", context) for i, v in enumerate(value)]
    if kind is UnLocode:
        return context.code("location", value, path)
    if kind in _IDENTIFIERS or not _is_dataclass_type(kind) or not isinstance(value, dict):
        return value
    hints = _hints(kind)
    result = {}
    for name, item in value.items():
        child = f"{path}.{name}"
        list_name = CODE_FIELDS.get((kind, name))
        applies = _APPLIES.get((kind, name))
        if list_name is not None and (applies is None or applies(value)):
            result[name] = context.code(list_name, item, child)
        elif list_name is not None:
            result[name] = item
        elif name in hints:
            result[name] = _walk(hints[name], item, child, context)
        else:
            result[name] = item
    return result


def _is_dataclass_type(kind: Any) -> bool:
    return isinstance(kind, type) and dataclasses.is_dataclass(kind)
