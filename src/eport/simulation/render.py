"""Render batches of canonical documents as EDIFACT interchanges, with eport's translators.

The simulator writes no EDIFACT itself: every message comes from
`eport.translate.edifact.from_canonical`. A message type the translators do not know yet is
left out and counted in `Rendering.skipped`, so the caller can say what is missing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta, timezone, tzinfo

from eport.edifact.builders import build_interchange
from eport.edifact.serializer import serialize
from eport.simulation.batching import Batch
from eport.translate.edifact import Version, from_canonical, supported_message_types

PORT_TIME = timezone(timedelta(hours=8), "CST")  # China Standard Time, the port's local time
_OWN_VERSIONS: Mapping[str, Version] = {"VERMAS": "D16A"}


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
    messages (D00B or D95B), except those in `versions`, which name their own: VERMAS first
    appeared in D.16A. D.00B is the default: the current SMDG guides for the container
    messages are D.00B based, and every simulated message passes its D.00B MIG.
    Control references are `reference_prefix` (at most 6 characters) and a per-sender count.
    """

    version: Version = "D00B"
    versions: Mapping[str, Version] = field(default_factory=lambda: dict(_OWN_VERSIONS))
    tz: tzinfo = PORT_TIME
    syntax: tuple[str, int] = ("UNOC", 3)
    reference_prefix: str = ""
    skipped: Counter[str] = field(default_factory=Counter)
    _references: dict[str, int] = field(default_factory=dict)
    _supported: frozenset[str] = field(default_factory=lambda: frozenset(supported_message_types()))

    def supports(self, message_type: str) -> bool:
        return message_type in self._supported

    def render(self, batch: Batch) -> RenderedInterchange | None:
        """The interchange of a batch, or None when its message type cannot be rendered yet."""
        control_ref = self.assign(batch)
        if control_ref is None:
            return None
        return RenderedInterchange(
            batch, control_ref, self.encode(batch, control_ref), len(batch.dispatches)
        )

    def assign(self, batch: Batch) -> str | None:
        """The next control reference of the batch's sender, or None (counted as skipped)
        when its message type cannot be rendered yet."""
        if not self.supports(batch.message_type):
            self.skipped[batch.message_type] += len(batch.dispatches)
            return None
        n = self._references.get(batch.sender.code, 0) + 1
        self._references[batch.sender.code] = n
        return f"{self.reference_prefix}{n:08d}"

    def encode(self, batch: Batch, control_ref: str) -> bytes:
        """The EDIFACT bytes of a batch under a control reference; no state changes."""
        version = self.versions.get(batch.message_type, self.version)
        messages = [
            from_canonical(dispatch.document, version=version, tz=self.tz, reference=str(number))
            for number, dispatch in enumerate(batch.dispatches, start=1)
        ]
        interchange = build_interchange(
            batch.sender.edi_id,
            batch.recipient.edi_id,
            control_ref,
            messages,
            syntax=self.syntax,
            prepared=batch.time.astimezone(self.tz),
        )
        return serialize(interchange)
