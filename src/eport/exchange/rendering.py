"""Rendering: the bytes one recipient gets, in the format and version its profile asks for.

The default renderer re-envelopes EDIFACT as received: the messages' bytes are copied (spliced)
unchanged into a new UNB/UNZ whose sender stays the original sender's ID, whose recipient
becomes the recipient's ID and whose control reference is fresh. A message whose codes were
mapped (a copy, not one of the interchange's own message objects) no longer matches the bytes
received, so then the new interchange is serialized from the parsed form instead, keeping its
functional groups all the same. Other formats and versions come from the translation registry
(`eport.exchange.translation`); a profile asking for a format nobody renders is a render error
(the delivery ends as a dead letter with that reason).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, tzinfo
from typing import Protocol

from eport.edifact import (
    Interchange,
    Message,
    Segment,
    reenveloped,
    serialize,
    splice_interchange,
)
from eport.exchange.community import Profile
from eport.logistics.codes import CodeMapper

Party = str | tuple[str, str]


class RenderError(Exception):
    """A delivery cannot be rendered as its recipient's profile asks."""


@dataclass(frozen=True, slots=True)
class RenderRequest:
    """One delivery to render: the received bytes, their parse, the messages meant for the
    recipient, the new envelope's parties and control reference, the recipient's profile, and
    the zones the sender's and the recipient's EDIFACT times are in."""

    source: bytes
    interchange: Interchange
    messages: Sequence[Message]
    recipient: Party
    control_ref: str
    ack_request: bool
    profile: Profile
    # The recipient's code maps for translated formats (EDIFACT as received is mapped before).
    codes: CodeMapper | None = None
    # Translations read the sender's times in its zone and write the recipient's in its own;
    # EDIFACT as received copies the bytes, times and all.
    sender_tz: tzinfo = UTC
    recipient_tz: tzinfo = UTC


class Renderer(Protocol):
    def render(self, request: RenderRequest) -> bytes: ...


class EdifactAsReceived:
    """EDIFACT as received, re-enveloped by splicing the messages' bytes."""

    def render(self, request: RenderRequest) -> bytes:
        original = request.interchange
        if original.header is None:
            raise RenderError("the interchange has no UNB to re-envelope")
        if not all(is_received(original, m) for m in request.messages):
            return self._serialized(original, request)
        header = _with_ack_request(original.header, request.ack_request)
        return splice_interchange(
            request.source,
            replace(original, header=header),
            request.messages,
            control_ref=request.control_ref,
            recipient=request.recipient,
        )

    @staticmethod
    def _serialized(original: Interchange, request: RenderRequest) -> bytes:
        header = envelope_header(original, request)
        return serialize(
            reenveloped(original, request.messages, header, recipient=request.recipient)
        )


AS_RECEIVED = EdifactAsReceived()


def is_received(interchange: Interchange, message: Message) -> bool:
    """Whether ``message`` is the interchange's own parsed message (not a mapped copy)."""
    index = message.index - 1
    return 0 <= index < len(interchange.messages) and interchange.messages[index] is message


def envelope_header(original: Interchange, request: RenderRequest) -> Segment:
    """The original UNB with the recipient, a fresh control reference and the recipient's
    acknowledgement request."""
    if original.header is None:
        raise RenderError("the interchange has no UNB to re-envelope")
    header = _with_ack_request(original.header, request.ack_request)
    elements = [list(e) for e in header.elements]
    recipient = request.recipient
    elements[2] = [recipient] if isinstance(recipient, str) else list(recipient)
    elements[4] = [request.control_ref]
    return Segment("UNB", elements)


def is_as_received(profile: Profile) -> bool:
    return profile.format.lower() in ("edifact", "") and not profile.version


def renderer_for(profile: Profile) -> Renderer:
    """The renderer of a profile: as received, else a translation of the messages."""
    if is_as_received(profile):
        return AS_RECEIVED
    # Imported here: the translations build on this module's request and error types.
    from eport.exchange.translation import translated_renderer

    return translated_renderer(profile)


def _with_ack_request(header: Segment, ack_request: bool) -> Segment:
    """The UNB with data element 0031 (acknowledgement request, element 9) set or cleared."""
    elements = [list(e) for e in header.elements]
    value = "1" if ack_request else ""
    if len(elements) < 9:
        if not ack_request:
            return Segment("UNB", elements)
        elements.extend([[""]] * (9 - len(elements)))
    elements[8] = [value]
    while len(elements) > 5 and elements[-1] in ([""], []):
        elements.pop()
    return Segment("UNB", elements)
