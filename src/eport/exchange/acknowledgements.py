"""Acknowledgements: CONTRL and APERAK the platform sends to a sender, under the platform's own
UNB ID, and the CONTRL or APERAK a recipient sends back about an interchange we delivered.

CONTRL (syntax 3: CONTRL D 3; syntax 4: CONTRL 4 1) answers the interchange: UCI for the
interchange, UCM per message, UCS/UCD pointing at the failing segment and data element.
APERAK answers one message rejected by the application (permission, directory or MIG) with the
finding's code and text, referencing the message (RFF+ACW).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from eport.edifact import (
    Finding,
    Interchange,
    Message,
    Segment,
    build_aperak,
    build_contrl,
    build_interchange,
    serialize,
)

Party = str | tuple[str, str]
ACKNOWLEDGED, REJECTED = "7", "4"  # action codes, 0083
ACK_TYPES = frozenset({"CONTRL", "APERAK"})


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
    return any(m.type == "CONTRL" for m in ic.messages)


def all_acknowledgements(messages: Sequence[Message]) -> bool:
    return bool(messages) and all(m.type in ACK_TYPES for m in messages)


def is_addressed_to_platform(ic: Interchange, platform: tuple[str, str]) -> bool:
    return ic.recipient_id == platform[0]


def contrl_for(ic: Interchange, envelope: Envelope, findings: Sequence[Finding]) -> bytes | None:
    """CONTRL for an interchange: UCI, and a UCM for every message, rejected ones pointed at
    (UCS/UCD). None for an interchange of CONTRL messages."""
    built = build_contrl(
        ic, findings, sender=envelope.sender, control_ref=envelope.control_ref, list_accepted=True
    )
    return None if built is None else serialize(_readdressed(built, envelope))


def contrl_rejecting(ic: Interchange, envelope: Envelope, finding: Finding) -> bytes | None:
    """CONTRL rejecting a whole interchange (UCI action 4) with the error and its position."""
    built = build_contrl(ic, [finding], sender=envelope.sender, control_ref=envelope.control_ref)
    return None if built is None else serialize(_readdressed(built, envelope))


def aperak_for(
    ic: Interchange,
    envelope: Envelope,
    rejected: Sequence[Message],
    findings: Sequence[Finding],
) -> bytes:
    """One APERAK per rejected message, in one interchange."""
    messages = [
        build_aperak(
            msg,
            [f for f in findings if f.message_index == msg.index],
            False,
            message_ref=str(i),
            document_number=f"{envelope.control_ref}-{i}",
            interchange_ref=ic.control_ref,
            release="00B" if msg.release == "00B" else "95B",
        )
        for i, msg in enumerate(rejected, start=1)
    ]
    version = ic.syntax_version if ic.syntax_version in (1, 2, 3, 4) else 3
    built = build_interchange(
        envelope.sender,
        envelope.recipient,
        envelope.control_ref,
        messages,
        syntax=(ic.syntax_id or "UNOC", version),
        test=envelope.test,
        una=False,
    )
    return serialize(built)


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
                    uci.element(4), "received"
                )
                out.append(RecipientAck(recipient_id, "CONTRL", (uci.element(1),), status))
        elif msg.type == "APERAK":
            refs = tuple(
                s.component(1, 2) for s in msg.segments if s.tag == "RFF" and s.component(1, 2)
            )
            bgm = next((s for s in msg.segments if s.tag == "BGM"), None)
            response = (bgm.element(4), bgm.element(3)) if bgm is not None else ("", "")
            status = (
                "accepted"
                if response[0] == "AP" or response[1] == "29"
                else "rejected"
                if response[0] == "RE" or response[1] == "27"
                else "received"
            )
            out.append(RecipientAck(recipient_id, "APERAK", refs, status))
    return out


def _readdressed(built: Interchange, envelope: Envelope) -> Interchange:
    """The acknowledgement addressed as the envelope says, with the test indicator copied."""
    assert built.header is not None
    elements = [list(e) for e in built.header.elements]
    elements[2] = (
        [envelope.recipient] if isinstance(envelope.recipient, str) else list(envelope.recipient)
    )
    if envelope.test:
        elements.extend([[""]] * (11 - len(elements)))
        elements[10] = ["1"]
    return replace(built, header=Segment("UNB", elements))
