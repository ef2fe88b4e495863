"""Acknowledgements: CONTRL and APERAK the platform sends to a sender, under the platform's own
UNB ID, and the CONTRL or APERAK a recipient sends back about an interchange we delivered.

CONTRL (syntax 3: CONTRL D 3; syntax 4: CONTRL 4 1) answers the interchange: UCI for the
interchange, UCM per message, UCS/UCD pointing at the failing segment and data element.
APERAK answers one message rejected by the application (permission, directory or MIG) with the
finding's code and text, referencing the message (RFF+ACW).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from eport.edifact import (
    Finding,
    Interchange,
    Message,
    Segment,
    build_interchange,
    build_message,
    serialize,
)

Party = str | tuple[str, str]
ACKNOWLEDGED, REJECTED, RECEIVED = "7", "4", "8"  # action codes, 0083
ACK_TYPES = frozenset({"CONTRL", "APERAK"})
MAX_TEXT = 350


@dataclass(frozen=True, slots=True)
class Envelope:
    """The envelope of an acknowledgement: platform as sender, the sender as recipient."""

    sender: Party
    recipient: Party
    control_ref: str
    test: bool


@dataclass(frozen=True, slots=True)
class RecipientAck:
    """A recipient's CONTRL or APERAK about something we sent it."""

    recipient_id: int
    kind: str
    references: tuple[str, ...]  # candidate control references of our delivery
    status: str  # accepted, rejected or received


def is_contrl_interchange(ic: Interchange) -> bool:
    return bool(ic.messages) and all(m.type == "CONTRL" for m in ic.messages)


def all_acknowledgements(messages: Sequence[Message]) -> bool:
    return bool(messages) and all(m.type in ACK_TYPES for m in messages)


def is_addressed_to_platform(ic: Interchange, platform: tuple[str, str]) -> bool:
    return ic.recipient_id == platform[0]


def contrl_for(
    ic: Interchange, envelope: Envelope, accepted: Sequence[Message],
    rejected: Sequence[Message], findings: Sequence[Finding],
) -> bytes:
    """CONTRL for an interchange: acknowledged, with each rejected message pointed at."""
    rejected_index = {m.index for m in rejected}
    ucms: list[Segment] = []
    for msg in ic.messages:
        if msg.index in rejected_index:
            ucms += _ucm_rejected(msg, [f for f in findings if f.message_index == msg.index])
        elif msg in accepted:
            ucms.append(_ucm(msg, ACKNOWLEDGED))
    uci = Segment("UCI", [[ic.control_ref], _party(ic, 2), _party(ic, 3), [ACKNOWLEDGED]])
    return _interchange(ic, envelope, "CONTRL", [uci, *ucms])


def contrl_rejecting(ic: Interchange, envelope: Envelope, finding: Finding) -> bytes:
    """CONTRL rejecting a whole interchange, naming the error and service segment."""
    elements = [[ic.control_ref], _party(ic, 2), _party(ic, 3), [REJECTED]]
    if finding.code:
        elements.append([finding.code])
        if finding.segment_tag:
            elements.append([finding.segment_tag])
            if finding.element_position is not None:
                elements.append([str(finding.element_position)]
                                + ([str(finding.component_position)]
                                   if finding.component_position is not None else []))
    return _interchange(ic, envelope, "CONTRL", [Segment("UCI", elements)])


def aperak_for(
    ic: Interchange, envelope: Envelope, rejected: Sequence[Message],
    findings: Sequence[Finding],
) -> bytes:
    """One APERAK per rejected message, in one interchange."""
    messages: list[Message] = []
    for i, msg in enumerate(rejected, start=1):
        mine = [f for f in findings if f.message_index == msg.index and f.is_error]
        body = [
            Segment("BGM", [[""], [f"{ic.control_ref}-{msg.ref}"[:35]], ["27"]]),
            Segment("DTM", [["137", _now().strftime("%Y%m%d%H%M"), "203"]]),
            Segment("RFF", [["ACW", msg.ref]]),
        ]
        for f in mine[:20]:
            body.append(Segment("ERC", [[f.code or "ZZZ"]]))
            text = _where(f).upper() if ic.syntax_id == "UNOA" else _where(f)
            body.append(Segment("FTX", [["AAO"], [""], [""], _chunks(text)]))
        version = msg.version or "D"
        release = msg.release or "95B"
        messages.append(build_message(str(i), "APERAK", version, release, body))
    return _envelope(ic, envelope, messages)


def read_recipient_acks(
    ic: Interchange, messages: Sequence[Message], recipient_id: int
) -> list[RecipientAck]:
    """The acknowledgements in an interchange a recipient sent to the platform."""
    out: list[RecipientAck] = []
    for msg in messages:
        if msg.type == "CONTRL":
            uci = next((s for s in msg.segments if s.tag == "UCI"), None)
            if uci is not None:
                status = {ACKNOWLEDGED: "accepted", REJECTED: "rejected"}.get(
                    uci.element(4), "received")
                out.append(RecipientAck(recipient_id, "CONTRL", (uci.element(1),), status))
        elif msg.type == "APERAK":
            refs = tuple(s.component(1, 2) for s in msg.segments
                         if s.tag == "RFF" and s.component(1, 2))
            bgm = next((s for s in msg.segments if s.tag == "BGM"), None)
            function = bgm.element(3) if bgm is not None else ""
            status = {"27": "rejected", "29": "accepted"}.get(function, "received")
            out.append(RecipientAck(recipient_id, "APERAK", refs, status))
    return out


def _ucm(msg: Message, action: str, *extra: list[str]) -> Segment:
    s009 = [msg.type, msg.version, msg.release, msg.agency]
    return Segment("UCM", [[msg.ref], s009, [action], *extra])


def _ucm_rejected(msg: Message, findings: Sequence[Finding]) -> list[Segment]:
    errors = [f for f in findings if f.is_error]
    first = errors[0] if errors else None
    extra: list[list[str]] = [[first.code]] if first is not None and first.code else []
    if first is not None and first.segment_tag in ("UNH", "UNT") and extra:
        extra.append([first.segment_tag])
    segments = [_ucm(msg, REJECTED, *extra)]
    for f in errors[:99]:
        if f.segment_position is None or f.segment_tag in ("UNH", "UNT"):
            continue
        segments.append(Segment("UCS", [[str(f.segment_position)], [f.code or ""]]))
        if f.element_position is not None:
            s011 = [str(f.element_position)] + (
                [str(f.component_position)] if f.component_position is not None else [])
            segments.append(Segment("UCD", [[f.code or ""], s011]))
    return segments


def _party(ic: Interchange, element: int) -> list[str]:
    assert ic.header is not None
    comps = ic.header.components(element)
    return comps[:2] if comps else [""]


def _interchange(ic: Interchange, envelope: Envelope, mtype: str,
                 body: list[Segment]) -> bytes:
    version, release = ("4", "1") if ic.syntax_version >= 4 else ("D", "3")
    return _envelope(ic, envelope, [build_message("1", mtype, version, release, body)])


def _envelope(ic: Interchange, envelope: Envelope, messages: list[Message]) -> bytes:
    syntax = (ic.syntax_id or "UNOA", ic.syntax_version or 3)
    built = build_interchange(envelope.sender, envelope.recipient, envelope.control_ref,
                              messages, syntax=syntax, test=envelope.test, una=False)
    return serialize(built)


def _where(f: Finding) -> str:
    where = f.located()
    return f"{f.text_en}" + (f" at {where}" if where else "")


def _chunks(text: str) -> list[str]:
    text = text[: MAX_TEXT * 2]
    return [text[i:i + MAX_TEXT] for i in range(0, len(text), MAX_TEXT)] or [""]


def _now() -> datetime:
    return datetime.now(UTC)
