"""Format and version dispatch: any supported input to any supported output via the model.

Formats are named ``json``, ``dcsa``, ``csv``, ``edifact:D95B`` and ``edifact:D00B`` (and
``edifact`` for reading, whatever the version). A format module takes part by offering a
``register(registry)`` function that adds its writer and/or reader; `default_registry` calls
it for the modules listed in `FORMAT_MODULES`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from functools import cache
from typing import cast

from eport.logistics.codes import IDENTITY, CodeMapper
from eport.logistics.documents import Document
from eport.translate.edifact.context import VERSIONS, Version
from eport.translate.edifact.interchange import read_documents, write_documents

FORMAT_MODULES = (
    "eport.translate.json_format",
    "eport.translate.dcsa",
    "eport.translate.csv_format",
)


@dataclass(frozen=True, slots=True)
class Options:
    """How to read or write: the partner's local time zone and its code maps."""

    tz: tzinfo = UTC
    codes: CodeMapper = field(default=IDENTITY)


Writer = Callable[[Sequence[Document], Options], bytes]
Reader = Callable[[bytes, Options], list[Document]]


class UnknownFormatError(ValueError):
    """A format name no translator is registered for."""


class Registry:
    """Writers and readers by format name."""

    def __init__(self) -> None:
        self._writers: dict[str, Writer] = {}
        self._readers: dict[str, Reader] = {}

    def register_writer(self, name: str, writer: Writer) -> None:
        self._writers[name] = writer

    def register_reader(self, name: str, reader: Reader) -> None:
        self._readers[name] = reader

    def writer(self, name: str) -> Writer:
        if name not in self._writers:
            raise UnknownFormatError(f"no writer for {name!r}; known: {sorted(self._writers)}")
        return self._writers[name]

    def reader(self, name: str) -> Reader:
        if name not in self._readers:
            raise UnknownFormatError(f"no reader for {name!r}; known: {sorted(self._readers)}")
        return self._readers[name]

    @property
    def output_formats(self) -> tuple[str, ...]:
        return tuple(sorted(self._writers))

    @property
    def input_formats(self) -> tuple[str, ...]:
        return tuple(sorted(self._readers))


def register_edifact(registry: Registry) -> None:
    for version in VERSIONS:
        registry.register_writer(f"edifact:{version}", _edifact_writer(version))
    registry.register_reader(
        "edifact", lambda data, o: read_documents(data, tz=o.tz, codes=o.codes)
    )


def _edifact_writer(version: Version) -> Writer:
    def write(documents: Sequence[Document], options: Options) -> bytes:
        return write_documents(
            documents,
            version=version,
            tz=options.tz,
            codes=options.codes,
        )

    return write


@cache
def default_registry() -> Registry:
    """EDIFACT plus every format module that offers ``register(registry)``."""
    registry = Registry()
    register_edifact(registry)
    for name in FORMAT_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        register = getattr(module, "register", None)
        if callable(register):
            register(registry)
    return registry


def sniff_format(data: bytes) -> str:
    """The input format a file is in, by its first characters."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:3]
    if head in (b"UNA", b"UNB", b"UNH"):
        return "edifact"
    if head[:1] in (b"{", b"["):
        return "json"
    return "csv"


def translate(
    source: Document | Sequence[Document] | bytes,
    *,
    to: str,
    source_format: str | None = None,
    read_options: Options | None = None,
    write_options: Options | None = None,
    registry: Registry | None = None,
) -> bytes:
    """Translate documents, or a file of them, into the format `to`.

    `read_options` carry the sender's time zone and code maps (its codes become standard
    ones), `write_options` the recipient's (standard codes become its codes).
    """
    table = registry or default_registry()
    if isinstance(source, bytes):
        name = source_format or sniff_format(source)
        documents = table.reader(name)(source, read_options or Options())
    elif isinstance(source, list | tuple):
        documents = list(source)
    else:
        documents = [cast(Document, source)]  # neither bytes nor a sequence: one document
    return table.writer(to)(documents, write_options or Options())
