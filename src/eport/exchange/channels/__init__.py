"""Channels in and out of the exchange hub, one module per channel.

Inbound channels (``http_upload``) hand raw bytes to `eport.exchange.receiving`. Outbound
channels are either pulled (``mailbox_pull``: the recipient fetches and acknowledges) or pushed
(``webhook``): a pushed channel implements `OutboundChannel` and is listed in `PUSH_CHANNELS`;
the push loop (`eport.exchange.pushing`) claims its deliveries, sends them, retries with
back-off and ends them as dead letters. SFTP, AS2 or AMQP are added the same way: a module with
an `OutboundChannel` (and a router or listener for the inbound side).
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from eport.exchange.webhooks import PushResult


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One delivery to send out: its id, recipient, bytes, their format (as the recipient's
    profile asked for it) and a key stable across attempts."""

    delivery_id: int
    recipient_id: int
    interchange_id: int
    control_ref: str
    payload: bytes
    format: str

    @property
    def idempotency_key(self) -> str:
        return f"eport-delivery-{self.delivery_id}"


class OutboundChannel(Protocol):
    """A channel that pushes deliveries to a recipient's system."""

    name: str

    def targets(self, session: Session, recipient_ids: Set[int]) -> Mapping[int, object]:
        """Where each recipient receives (e.g. its webhook URL and secret); absent = none."""
        ...

    def send(self, target: object, item: Outgoing) -> PushResult:
        """Send one delivery; never raises for a failure of the other side."""
        ...
