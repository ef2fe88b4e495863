"""Render batches of canonical documents as EDIFACT interchanges, with eport's translators.

The simulator writes no EDIFACT itself: every message comes from
`eport.translate.edifact.from_canonical`. A message type the translators do not know yet is
left out and counted in `Rendering.skipped`, so the caller can say what is missing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta, timezone, tzinfo

from eport.edifact.builders import build_interchange
from eport.edifact.serializer import serialize
from eport.simulation.batching import Batch
from eport.translate.edifact import Version, from_canonical, supported_message_types

PORT_TIME = timezone(timedelta(hours=8), "CST")  # China Standard Time, the port's local time


@dataclass(frozen=True, slots=True)
class RenderedInterchange:
    """An interchange ready to send: its bytes and what is in it."""

    batch: Batch
    control_ref: str
    data: bytes
    message_count: int


@dataclass(slots=True)
class Rendering:
    """Turns batches into interchanges; control references count up per sender.

    `syntax` is the UNB syntax identifier and version; `version` the directory of the
    messages (D95B or D00B).
    """

    version: Version = "D95B"
    tz: tzinfo = PORT_TIME
    syntax: tuple[str, int] = ("UNOC", 3)
    skipped: Counter[str] = field(default_factory=Counter)
    _references: dict[str, int] = field(default_factory=dict)
    _supported: frozenset[str] = field(default_factory=lambda: frozenset(
        supported_message_types()))

    def supports(self, message_type: str) -> bool:
        return message_type in self._supported

    def render(self, batch: Batch) -> RenderedInterchange | None:
        """The interchange of a batch, or None when its message type cannot be rendered yet."""
        if not self.supports(batch.message_type):
            self.skipped[batch.message_type] += len(batch.dispatches)
            return None
        messages = []
        for number, dispatch in enumerate(batch.dispatches, start=1):
            messages.append(from_canonical(dispatch.document, version=self.version, tz=self.tz,
                                           reference=str(number)))
        control_ref = self._next_reference(batch.sender.code)
        interchange = build_interchange(
            batch.sender.edi_id, batch.recipient.edi_id, control_ref, messages,
            syntax=self.syntax, prepared=batch.time.astimezone(self.tz))
        return RenderedInterchange(batch, control_ref, serialize(interchange), len(messages))

    def _next_reference(self, sender: str) -> str:
        n = self._references.get(sender, 0) + 1
        self._references[sender] = n
        return f"{n:08d}"
