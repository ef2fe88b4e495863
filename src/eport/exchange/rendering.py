"""Rendering: the bytes one recipient gets, in the format and version its profile asks for.

The default renderer re-envelopes EDIFACT as received: the messages' bytes are copied (spliced)
unchanged into a new UNB/UNZ whose sender stays the original sender's ID, whose recipient
becomes the recipient's ID and whose control reference is fresh. Other formats and versions
come from the translation registry when one is installed; a profile asking for a format
nobody renders is a render error (the delivery ends as a dead letter with that reason).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from eport.edifact import Interchange, Message, Segment, splice_interchange
from eport.exchange.community import Profile

Party = str | tuple[str, str]
TRANSLATE_REGISTRY = "eport.translate.registry"


class RenderError(Exception):
    """A delivery cannot be rendered as its recipient's profile asks."""


@dataclass(frozen=True, slots=True)
class RenderRequest:
    """One delivery to render: the received bytes, their parse, the messages meant for the
    recipient, the new envelope's parties and control reference, and the recipient's profile."""

    source: bytes
    interchange: Interchange
    messages: Sequence[Message]
    recipient: Party
    control_ref: str
    ack_request: bool
    profile: Profile


class Renderer(Protocol):
    def render(self, request: RenderRequest) -> bytes: ...


class EdifactAsReceived:
    """EDIFACT as received, re-enveloped by splicing the messages' bytes."""

    def render(self, request: RenderRequest) -> bytes:
        original = request.interchange
        if original.header is None:
            raise RenderError("the interchange has no UNB to re-envelope")
        header = _with_ack_request(original.header, request.ack_request)
        return splice_interchange(
            request.source,
            replace(original, header=header),
            request.messages,
            control_ref=request.control_ref,
            recipient=request.recipient,
        )


AS_RECEIVED = EdifactAsReceived()


def is_as_received(profile: Profile) -> bool:
    return profile.format.lower() in ("edifact", "") and not profile.version


def renderer_for(profile: Profile) -> Renderer:
    """The renderer of a profile: as received, else what the translation registry offers."""
    if is_as_received(profile):
        return AS_RECEIVED
    try:
        registry: Any = importlib.import_module(TRANSLATE_REGISTRY)
    except ImportError as exc:
        raise RenderError(
            f"format {profile.format!r} {profile.version!r} needs the translation registry, "
            "which is not installed"
        ) from exc
    find = getattr(registry, "exchange_renderer", None)
    renderer = find(profile.format, profile.version) if callable(find) else None
    if renderer is None:
        raise RenderError(f"no renderer for format {profile.format!r} {profile.version!r}")
    return renderer  # type: ignore[no-any-return]


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
