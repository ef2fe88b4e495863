"""Whole interchanges ⇄ documents: UNB parties and preparation time, one document per message."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from eport.edifact.builders import build_interchange
from eport.edifact.model import Interchange
from eport.edifact.parser import parse
from eport.edifact.serializer import serialize
from eport.logistics.codes import IDENTITY, CodeMapper
from eport.logistics.documents import Document
from eport.logistics.parties import Party, PartyRole
from eport.translate.edifact import from_canonical, to_canonical
from eport.translate.edifact.context import Context, Envelope, TranslationError, Version
from eport.translate.edifact.dates import read_interchange_time

UNKNOWN_PARTY = "UNKNOWN"


def envelope_of(interchange: Interchange, tz: tzinfo) -> Envelope:
    """Sender, recipient and preparation time that UNB gives every message inside."""
    if interchange.header is None:
        return Envelope()
    ctx = Context(version="D95B", tz=tz)
    sender = Party(PartyRole.MESSAGE_SENDER, code=interchange.sender_id)
    recipient = Party(PartyRole.MESSAGE_RECIPIENT, code=interchange.recipient_id)
    prepared = read_interchange_time(interchange.prep_date, interchange.prep_time, ctx)
    return Envelope(sender=sender, recipient=recipient, prepared=prepared)


def read_documents(data: bytes, *, tz: tzinfo, codes: CodeMapper = IDENTITY) -> list[Document]:
    """Every document in an EDIFACT file (parse errors raise the engine's EdifactSyntaxError)."""
    documents = []
    for interchange in parse(data).interchanges:
        envelope = envelope_of(interchange, tz)
        for message in interchange.messages:
            documents.append(to_canonical(message, tz=tz, codes=codes, envelope=envelope))
    return documents


def build_documents(
    documents: Sequence[Document],
    *,
    version: Version,
    tz: tzinfo,
    codes: CodeMapper = IDENTITY,
    control_ref: str = "1",
    syntax: tuple[str, int] = ("UNOC", 3),
    line_end: str = "",
) -> Interchange:
    """One interchange carrying the documents, from the first document's sender to recipient.

    UNB's preparation time is the first document's issue time: D.95B container messages have
    no date of their own, so a D.95B interchange should carry one document or documents
    issued together.
    """
    if not documents:
        raise TranslationError("an interchange needs at least one document")
    first = documents[0].header
    messages = [
        from_canonical(document, version=version, tz=tz, codes=codes, reference=str(number))
        for number, document in enumerate(documents, start=1)
    ]
    sender = first.sender.code if first.sender and first.sender.code else UNKNOWN_PARTY
    recipient = first.recipient.code if first.recipient and first.recipient.code else UNKNOWN_PARTY
    return build_interchange(
        sender,
        recipient,
        control_ref,
        messages,
        syntax=syntax,
        prepared=first.issued.astimezone(tz),
        line_end=line_end,
    )


def write_documents(
    documents: Sequence[Document],
    *,
    version: Version,
    tz: tzinfo,
    codes: CodeMapper = IDENTITY,
    control_ref: str = "1",
    line_end: str = "",
) -> bytes:
    """The interchange for the documents as bytes (`line_end` after each segment, if wanted)."""
    interchange = build_documents(
        documents,
        version=version,
        tz=tz,
        codes=codes,
        control_ref=control_ref,
        line_end=line_end,
    )
    return serialize(interchange)
