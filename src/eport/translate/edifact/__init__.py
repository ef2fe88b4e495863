"""UN/EDIFACT D.95B and D.00B messages ⇄ the canonical logistics model.

`to_canonical(message, tz=...)` reads a parsed message into a document;
`from_canonical(document, version=..., tz=...)` writes one back as a message (UNH to UNT).
Times without a zone are the partner's local time `tz`; partner codes go through `codes`.
One module per message type, named by its code, holds the mapping.
"""

from __future__ import annotations

from datetime import tzinfo
from types import ModuleType

from eport.edifact.builders import build_message
from eport.edifact.model import Message, Segment
from eport.logistics.codes import IDENTITY, CodeMapper
from eport.logistics.documents import Document
from eport.translate.edifact import (
    baplie,
    coarri,
    codeco,
    coparn,
    coprar,
    cuscar,
    cusdec,
    cusres,
    iftmbc,
    iftmbf,
    iftmin,
    iftsta,
    vermas,
)
from eport.translate.edifact.context import (
    CONTAINER_VERSIONS,
    VERSIONS,
    Context,
    Envelope,
    TranslationError,
    Version,
)

_MODULES: tuple[ModuleType, ...] = (
    codeco,
    coarri,
    coprar,
    coparn,
    baplie,
    iftsta,
    iftmbf,
    iftmbc,
    iftmin,
    cuscar,
    cusres,
    cusdec,
    vermas,
)
_BY_TYPE = {module.MESSAGE_TYPE: module for module in _MODULES}
_BY_DOCUMENT = {module.DOCUMENT: module for module in _MODULES}
_VERSION_NAMES: dict[str, Version] = {name: name for name in VERSIONS}
# UNH 0057 association code written by default: the SMDG guide releases for the container
# messages (a module may name its own, per version, in ASSOCIATION).
ASSOCIATION: dict[Version, str] = {"D95B": "SMDG16", "D00B": "SMDG20", "D16A": "SMDG10"}

__all__ = [
    "VERSIONS",
    "Envelope",
    "TranslationError",
    "Version",
    "from_canonical",
    "message_type_for",
    "supported_message_types",
    "to_canonical",
]


def _supported(module: ModuleType) -> tuple[Version, ...]:
    versions: tuple[Version, ...] = getattr(module, "VERSIONS", CONTAINER_VERSIONS)
    return versions


def supported_message_types() -> tuple[str, ...]:
    return tuple(sorted(_BY_TYPE))


def message_type_for(document: Document) -> str:
    module = _BY_DOCUMENT.get(type(document))
    if module is None:
        raise TranslationError(f"no EDIFACT translation for {type(document).__name__}")
    return str(module.MESSAGE_TYPE)


def to_canonical(
    message: Message,
    *,
    tz: tzinfo,
    codes: CodeMapper = IDENTITY,
    envelope: Envelope | None = None,
) -> Document:
    """The document a message carries. Raises TranslationError naming the segment at fault."""
    module = _BY_TYPE.get(message.type)
    if module is None:
        raise TranslationError(
            f"no translation for message type {message.type!r}", position=1, tag="UNH"
        )
    version = _VERSION_NAMES.get(f"{message.version}{message.release}".upper())
    if version is None or version not in _supported(module):
        raise TranslationError(
            f"{message.type} {message.version}.{message.release} is not supported"
            f" ({', '.join(_supported(module))})",
            position=1,
            tag="UNH",
        )
    ctx = Context(version=version, tz=tz, codes=codes)
    document: Document = module.read(message.body, ctx, envelope)
    return document


def from_canonical(
    document: Document,
    *,
    version: Version = "D95B",
    tz: tzinfo,
    codes: CodeMapper = IDENTITY,
    reference: str = "1",
) -> Message:
    """The message for a document, UNH to UNT, with segment count and reference filled in."""
    module = _BY_DOCUMENT.get(type(document))
    if module is None:
        raise TranslationError(f"no EDIFACT translation for {type(document).__name__}")
    if version not in _supported(module):
        raise TranslationError(
            f"{module.MESSAGE_TYPE} is translated in {', '.join(_supported(module))}, not {version}"
        )
    ctx = Context(version=version, tz=tz, codes=codes)
    body: list[Segment] = module.write(document, ctx)
    association = getattr(module, "ASSOCIATION", ASSOCIATION)[version]
    return build_message(
        reference,
        module.MESSAGE_TYPE,
        version[0],
        version[1:].upper(),
        body,
        association=association,
    )
