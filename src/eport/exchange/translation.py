"""Codes and formats in the exchange hub: partner codes ⇄ standard codes, and other formats.

Inbound, each message is mapped to standard codes with the sender's code maps right after the
syntax check, so that validation and routing see standard codes. Outbound, a recipient with
code maps gets its own codes back, and a recipient whose profile asks for another format or
EDIFACT version gets the messages translated through the canonical model by the translation
registry: the sender's times are read in the sender's zone, and written in the recipient's
(EDIFACT: wall-clock times in its zone; JSON, DCSA and CSV: instants with their offset). A
mapped message that changed is a copy of the received one: it is serialized, never
spliced from the received bytes (its span still points at the codes as sent).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from eport.codes.mapper import MappingCodeMapper
from eport.edifact import Finding, FindingCode, Interchange, Message, Segment, serialize
from eport.exchange.community import Profile
from eport.exchange.rendering import (
    RenderError,
    RenderRequest,
    envelope_header,
    is_as_received,
)
from eport.logistics.codes import IDENTITY
from eport.logistics.documents import Document
from eport.logistics.parties import Party, PartyRole
from eport.translate.edifact import to_canonical
from eport.translate.edifact.context import VERSIONS, TranslationError, Version
from eport.translate.edifact.interchange import build_documents, envelope_of
from eport.translate.message_codes import MappedMessage, map_inbound, map_outbound
from eport.translate.registry import Options, UnknownFormatError, default_registry

# A participant's code mapper, fresh for each use (a mapper collects the issues it meets);
# None when the participant has no code maps at all.
CodeMappers = Callable[[int], MappingCodeMapper | None]

WARNING = "warning"  # trace outcome of a code neither standard nor mapped, passed on as it is

# JSON is UTF-8 by definition and its media type has no charset parameter (RFC 8259); text/*
# defaults to US-ASCII without one (RFC 2046), so CSV names the UTF-8 it is written in. EDIFACT
# declares its character set in the UNB syntax identifier.
CONTENT_TYPES = {
    "edifact": "application/edifact",
    "json": "application/json",
    "dcsa": "application/json",
    "csv": "text/csv; charset=utf-8",
}


def content_type_for(format_name: str) -> str:
    """The media type of a delivery rendered in ``format_name`` (empty: EDIFACT as received)."""
    return CONTENT_TYPES.get(format_name.lower() or "edifact", "application/octet-stream")


@dataclass
class InboundCodes:
    """The sender's messages in standard codes: the mapped message of each, its issues as
    findings, and the messages the sender's policy rejects for codes neither standard nor
    mapped."""

    messages: dict[int, Message] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rejected: set[int] = field(default_factory=set)
    changed: int = 0


def map_received(
    ic: Interchange, messages: Sequence[Message], mapper: MappingCodeMapper
) -> InboundCodes:
    """Map each message to standard codes; an unchanged message stays the received object."""
    result = InboundCodes()
    for msg in messages:
        mapped = map_inbound(msg, mapper)
        result.messages[msg.index] = mapped.message if mapped.changed else msg
        result.changed += mapped.changed
        if mapped.rejected:
            result.rejected.add(msg.index)
            result.findings.extend(_findings(ic, msg, mapped))
        else:
            result.warnings.extend(
                f"message {msg.index} ({msg.type}): {issue.message}" for issue in mapped.issues
            )
    return result


def _findings(ic: Interchange, msg: Message, mapped: MappedMessage) -> list[Finding]:
    return [
        Finding.of(
            FindingCode.VALUE_NOT_SUPPORTED,
            f"{issue.list_name} code {issue.code!r} in segment {issue.tag} is neither standard "
            "nor mapped",
            f"{issue.tag}段的{issue.list_name}代码{issue.code!r}既非标准代码也未映射",
            interchange_ref=ic.control_ref,
            message_ref=msg.ref,
            message_index=msg.index,
            segment_position=issue.position,
            segment_tag=issue.tag,
            element_position=issue.element,
            component_position=issue.component,
        )
        for issue in mapped.issues
    ]


def map_for_recipient(
    messages: Sequence[Message], profile: Profile, mapper: MappingCodeMapper | None
) -> list[Message]:
    """Standard codes turned into the recipient's for EDIFACT as received; unchanged messages
    stay the same objects. Translated formats read standard codes into the canonical model and
    apply the recipient's codes when written (`RenderRequest.codes`)."""
    if mapper is None or not is_as_received(profile):
        return list(messages)
    out = []
    for msg in messages:
        mapped = map_outbound(msg, mapper)
        out.append(mapped.message if mapped.changed else msg)
    return out


class TranslatedRenderer:
    """Messages read into canonical documents and written by a registry writer."""

    def __init__(self, writer_name: str) -> None:
        self.writer_name = writer_name

    def render(self, request: RenderRequest) -> bytes:
        documents = canonical_documents(request)
        writer = default_registry().writer(self.writer_name)
        try:
            return writer(
                documents, Options(tz=request.recipient_tz, codes=request.codes or IDENTITY)
            )
        except (TranslationError, ValueError) as exc:
            raise RenderError(f"cannot write {self.writer_name}: {exc}") from exc


class EdifactVersionRenderer:
    """Messages translated to another EDIFACT version, in a fresh UNB/UNZ from the original
    sender to the recipient."""

    def __init__(self, version: Version) -> None:
        self.version = version

    def render(self, request: RenderRequest) -> bytes:
        documents = canonical_documents(request)
        try:
            built = build_documents(
                documents,
                version=self.version,
                tz=request.recipient_tz,
                codes=request.codes or IDENTITY,
                control_ref=request.control_ref,
            )
        except (TranslationError, ValueError) as exc:
            raise RenderError(f"cannot write EDIFACT {self.version}: {exc}") from exc
        original = request.interchange
        header = envelope_header(original, request) if original.header is not None else None
        if header is None or built.header is None:
            raise RenderError("the interchange has no UNB to re-envelope")
        elements = [list(e) for e in header.elements]
        elements[0] = list(built.header.elements[0])  # the new syntax identifier
        elements[3] = list(built.header.elements[3])  # and preparation time
        built.header = Segment("UNB", elements)
        return serialize(built)


def canonical_documents(request: RenderRequest) -> list[Document]:
    """The canonical document of each message, sent by the original sender to the recipient;
    the times in them are read in the sender's zone."""
    ic = request.interchange
    recipient = request.recipient
    code = recipient if isinstance(recipient, str) else recipient[0]
    tz = request.sender_tz
    envelope = replace(envelope_of(ic, tz), recipient=Party(PartyRole.MESSAGE_RECIPIENT, code=code))
    try:
        return [to_canonical(m, tz=tz, envelope=envelope) for m in request.messages]
    except TranslationError as exc:
        raise RenderError(f"cannot read the messages into the canonical model: {exc}") from exc


def translated_renderer(profile: Profile) -> TranslatedRenderer | EdifactVersionRenderer:
    """The renderer for a profile that asks for something else than EDIFACT as received."""
    name = profile.format.lower()
    version = profile.version.replace(".", "").upper()
    if name == "edifact":
        if version not in VERSIONS:
            raise RenderError(
                f"no EDIFACT version {profile.version!r}; known: {', '.join(VERSIONS)}"
            )
        return EdifactVersionRenderer(version)
    try:
        default_registry().writer(name)
    except UnknownFormatError as exc:
        raise RenderError(f"no renderer for format {profile.format!r}") from exc
    return TranslatedRenderer(name)
