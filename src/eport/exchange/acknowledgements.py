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
from typing import Any

from eport.edifact import (
    Finding,
    FindingCode,
    Interchange,
    Message,
    Segment,
    build_aperak,
    build_contrl,
    build_interchange,
    serialize,
)
from eport.edifact.charsets import SYNTAX_CODECS

Party = str | tuple[str, str]
ACKNOWLEDGED, REJECTED = "7", "4"  # action codes, 0083
ACK_TYPES = frozenset({"CONTRL", "APERAK"})
DEFAULT_SYNTAX = "UNOC"  # what the engine writes for an interchange without a syntax identifier
# An APERAK's FTX holds five parts of 70 characters: text, then position in brackets.
FTX_ROOM = 5 * 70
MAX_REF = 35


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
    # Where the references are (UCI of a CONTRL, first RFF of an APERAK), for the finding
    # when they match nothing we sent.
    message_index: int = 0
    message_ref: str = ""
    segment_position: int | None = None
    segment_tag: str = ""

    def unmatched(self, interchange_ref: str) -> Finding:
        """The finding for an acknowledgement that refers to nothing we sent this recipient."""
        where: dict[str, Any] = {
            "interchange_ref": interchange_ref,
            "message_ref": self.message_ref,
            "message_index": self.message_index,
            "segment_position": self.segment_position,
            "segment_tag": self.segment_tag,
        }
        if not self.references:
            return Finding.of(
                FindingCode.MISSING,
                f"the {self.kind} names no reference of an interchange we sent",
                f"该{self.kind}未引用我方发送的交换",
                **where,
            )
        refs = ", ".join(self.references)
        return Finding.of(
            FindingCode.REFERENCES_DO_NOT_MATCH,
            f"the {self.kind} refers to {refs}, which we never sent to this participant",
            f"该{self.kind}引用的{refs}并非我方发送给该参与方的交换",
            element_position=1,
            component_position=2 if self.kind == "APERAK" else None,
            **where,
        )


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
    return None if built is None else _encoded(_readdressed(built, envelope))


def contrl_rejecting(ic: Interchange, envelope: Envelope, finding: Finding) -> bytes | None:
    """CONTRL rejecting a whole interchange (UCI action 4) with the error and its position."""
    built = build_contrl(ic, [finding], sender=envelope.sender, control_ref=envelope.control_ref)
    return None if built is None else _encoded(_readdressed(built, envelope))


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
            [_fitting(f) for f in findings if f.message_index == msg.index],
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
        syntax=(_answer_syntax(ic.syntax_id), version),
        test=envelope.test,
        una=False,
    )
    return _encoded(built)


def read_recipient_acks(
    ic: Interchange, messages: Sequence[Message], recipient_id: int
) -> list[RecipientAck]:
    """The acknowledgements in an interchange a recipient sent to the platform."""
    out: list[RecipientAck] = []
    for msg in messages:
        if msg.type == "CONTRL":
            at, uci = _first(msg, "UCI")
            status = {ACKNOWLEDGED: "accepted", REJECTED: "rejected"}.get(
                uci.element(4) if uci is not None else "", "received"
            )
            refs: tuple[str, ...] = (uci.element(1),) if uci is not None and uci.element(1) else ()
            out.append(RecipientAck(recipient_id, "CONTRL", refs, status, *_at(msg, at, "UCI")))
        elif msg.type == "APERAK":
            refs = tuple(
                s.component(1, 2) for s in msg.segments if s.tag == "RFF" and s.component(1, 2)
            )
            _, bgm = _first(msg, "BGM")
            response = (bgm.element(4), bgm.element(3)) if bgm is not None else ("", "")
            status = (
                "accepted"
                if response[0] == "AP" or response[1] == "29"
                else "rejected"
                if response[0] == "RE" or response[1] == "27"
                else "received"
            )
            at, _ = _first(msg, "RFF")
            out.append(RecipientAck(recipient_id, "APERAK", refs, status, *_at(msg, at, "RFF")))
    return out


def _first(msg: Message, tag: str) -> tuple[int | None, Segment | None]:
    """The position (UNH is 1) and the first segment with this tag in a message."""
    for i, s in enumerate(msg.segments, start=1):
        if s.tag == tag:
            return i, s
    return None, None


def _at(msg: Message, position: int | None, tag: str) -> tuple[int, str, int | None, str]:
    return msg.index, msg.ref, position, tag


def _answer_syntax(received: str) -> str:
    """The syntax identifier of an answer: the sender's, unless it is one we cannot write."""
    return received if received in SYNTAX_CODECS else DEFAULT_SYNTAX


def _encoded(built: Interchange) -> bytes:
    """The acknowledgement's bytes in the character set its UNB declares. Values echoed from
    bad input (an undecodable byte, a letter outside the sender's repertoire) may not fit it;
    such a character is written as '?' so that the answer still goes out."""
    try:
        return serialize(built)
    except UnicodeEncodeError:
        codec = SYNTAX_CODECS.get(built.syntax_id, "latin-1")

    def fit(segment: Segment) -> Segment:
        elements = [[c.encode(codec, "replace").decode(codec) for c in e] for e in segment.elements]
        return replace(segment, elements=elements, repetitions=None)

    assert built.header is not None and built.trailer is not None
    messages = [replace(m, segments=[fit(s) for s in m.segments]) for m in built.messages]
    fitted = replace(
        built, header=fit(built.header), trailer=fit(built.trailer), messages=messages, groups=[]
    )
    return serialize(fitted, encoding=codec)


def _fitting(f: Finding) -> Finding:
    """The finding shortened so that its position fits in the FTX after its text: a text that
    quotes an oversized value, or an oversized reference, would push the position out."""
    short = replace(
        f,
        interchange_ref=_cut(f.interchange_ref, MAX_REF),
        message_ref=_cut(f.message_ref, MAX_REF),
    )
    room = FTX_ROOM - len(short.located()) - 3
    return replace(short, text_en=_cut(short.text_en, max(room, 20)) or "")


def _cut(text: str | None, limit: int) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return text[: limit - 3] + "..."


def _readdressed(built: Interchange, envelope: Envelope) -> Interchange:
    """The acknowledgement addressed as the envelope says, with the test indicator copied."""
    assert built.header is not None
    elements = [list(e) for e in built.header.elements]
    elements[0][0] = _answer_syntax(elements[0][0])
    elements[2] = (
        [envelope.recipient] if isinstance(envelope.recipient, str) else list(envelope.recipient)
    )
    if envelope.test:
        elements.extend([[""]] * (11 - len(elements)))
        elements[10] = ["1"]
    return replace(built, header=Segment("UNB", elements))
