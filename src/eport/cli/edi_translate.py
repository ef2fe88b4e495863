"""``eport edi translate``: a file of business documents into another format, with the code maps
of the partners named.

The sender's codes become standard codes before anything reads the file (for EDIFACT, segment
by segment, so a code neither standard nor mapped is named by its segment); standard codes
become the recipient's when written. Exit codes: 0 done (warnings allowed), 1 the input
cannot be translated or a partner's policy rejects its unknown codes, 2 usage error or a
file that cannot be read or written. No input error ends in a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer

from eport.cli import context
from eport.cli.admin import administering
from eport.codemaps.services import load_code_mapper
from eport.codes.mapper import MappingCodeMapper
from eport.edifact.errors import EdifactSyntaxError
from eport.edifact.parser import parse
from eport.logistics.codes import IDENTITY, CodeMapper
from eport.logistics.documents import Document
from eport.participants.services import get_participant
from eport.translate.edifact import to_canonical
from eport.translate.edifact.interchange import envelope_of
from eport.translate.message_codes import map_inbound
from eport.translate.registry import Options, UnknownFormatError, default_registry, sniff_format

FORMATS = "json, dcsa, csv, edifact:D95B or edifact:D00B"


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def translate(
    file: Annotated[str, typer.Argument(help="EDIFACT, JSON or CSV file; '-' for stdin")],
    to: Annotated[str, typer.Option("--to", help=f"Output format: {FORMATS}")],
    from_partner: Annotated[
        str | None,
        typer.Option(
            "--from-partner", help="Participant whose codes the file uses (its maps apply)"
        ),
    ] = None,
    for_partner: Annotated[
        str | None,
        typer.Option(
            "--for-partner", help="Participant whose codes the output uses (its maps apply)"
        ),
    ] = None,
    output: Annotated[str, typer.Option("--output", "-o", help="Output file; '-': stdout")] = "-",
    tz: Annotated[
        str | None,
        typer.Option("--tz", help="Local time zone of EDIFACT times (default: the port's)"),
    ] = None,
) -> None:
    """Translate a file to another format, mapping the partners' codes."""
    registry = default_registry()
    if to not in registry.output_formats:
        _fail(f"cannot write {to!r}; available: {', '.join(registry.output_formats)}", 2)
    zone = _zone(tz)
    data = _read(file)
    sender, recipient = _mappers(from_partner, for_partner)
    documents = _documents(file, data, zone, sender, from_partner)
    try:
        written = registry.writer(to)(documents, Options(tz=zone, codes=recipient or IDENTITY))
    except ValueError as exc:
        _fail(f"{file}: cannot write as {to}: {exc}", 1)
    if recipient is not None:
        _report(file, [issue.message for issue in recipient.issues], recipient, for_partner)
    _write(output, written)


def _zone(name: str | None) -> ZoneInfo:
    name = name or context.settings().local_timezone
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        _fail(f"unknown time zone {name!r}", 2)


def _read(name: str) -> bytes:
    try:
        return sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        _fail(f"{name}: cannot read: {exc.strerror or exc}", 2)


def _write(name: str, data: bytes) -> None:
    if name == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        Path(name).write_bytes(data)
    except OSError as exc:
        _fail(f"{name}: cannot write: {exc.strerror or exc}", 2)


def _mappers(
    sender: str | None, recipient: str | None
) -> tuple[MappingCodeMapper | None, MappingCodeMapper | None]:
    """The partners' mappers, read from the database only when a partner is named."""
    if sender is None and recipient is None:
        return None, None
    with administering() as platform, platform.uow() as uow:

        def mapper(code: str | None) -> MappingCodeMapper | None:
            if code is None:
                return None
            return load_code_mapper(uow.session, get_participant(uow.session, code).id)

        return mapper(sender), mapper(recipient)


def _documents(
    name: str, data: bytes, zone: ZoneInfo, mapper: MappingCodeMapper | None, partner: str | None
) -> list[Document]:
    source_format = sniff_format(data)
    try:
        if source_format == "edifact":
            return _edifact_documents(name, data, zone, mapper, partner)
        reader = default_registry().reader(source_format)
        codes: CodeMapper = mapper or IDENTITY
        documents = reader(data, Options(tz=zone, codes=codes))
    except UnknownFormatError as exc:
        _fail(f"{name}: cannot read this file: {exc}", 2)
    except (ValueError, EdifactSyntaxError) as exc:
        _fail(f"{name}: {exc}", 1)
    if mapper is not None:
        _report(name, [issue.message for issue in mapper.issues], mapper, partner)
    return documents


def _edifact_documents(
    name: str, data: bytes, zone: ZoneInfo, mapper: MappingCodeMapper | None, partner: str | None
) -> list[Document]:
    documents = []
    for interchange in parse(data).interchanges:
        envelope = envelope_of(interchange, zone)
        for message in interchange.messages:
            if mapper is not None:
                mapped = map_inbound(message, mapper, in_place=True)
                label = f"{name}: message {message.index or '?'} ({message.type} {message.ref})"
                _report(label, [issue.message for issue in mapped.issues], mapper, partner)
            documents.append(to_canonical(message, tz=zone, envelope=envelope))
    return documents


def _report(
    where: str, issues: Sequence[str], mapper: MappingCodeMapper, partner: str | None
) -> None:
    """Issues are warnings, or an error when the partner's policy rejects unknown codes."""
    for issue in issues:
        kind = "error" if mapper.rejects else "warning"
        typer.echo(f"{kind}: {where}: {issue}", err=True)
    if issues and mapper.rejects:
        _fail(f"{where}: unknown codes are rejected by the policy of {partner}", 1)
