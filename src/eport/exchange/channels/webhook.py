"""Out, push: deliveries POSTed to a participant's webhook, signed (see `webhooks`)."""

from __future__ import annotations

from collections.abc import Mapping, Set

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from eport.exchange.channels import Outgoing
from eport.exchange.models import WebhookEndpoint
from eport.exchange.translation import content_type_for
from eport.exchange.webhooks import Push, PushResult, push


class WebhookChannel:
    name = "webhook"

    def __init__(self, timeout_seconds: float) -> None:
        self._client = httpx.Client(timeout=timeout_seconds, follow_redirects=False)

    def targets(self, session: Session, recipient_ids: Set[int]) -> Mapping[int, object]:
        rows = session.execute(
            select(
                WebhookEndpoint.participant_id, WebhookEndpoint.url, WebhookEndpoint.secret
            ).where(WebhookEndpoint.participant_id.in_(recipient_ids), WebhookEndpoint.enabled)
        )
        return {pid: (url, secret) for pid, url, secret in rows}

    def send(self, target: object, item: Outgoing) -> PushResult:
        assert isinstance(target, tuple)
        url, secret = target
        return push(
            self._client,
            Push(
                item.delivery_id,
                url,
                secret,
                item.payload,
                item.idempotency_key,
                content_type_for(item.format),
            ),
        )

    def close(self) -> None:
        self._client.close()
