"""Webhooks: signing, retry schedule and the result of one push.

Each push is an HTTP POST of the exact delivery bytes, in the media type of the format the
recipient's profile asked for (``Content-Type``: EDIFACT, JSON, CSV), with

- ``Eport-Signature: t=<unix time>,v1=<hex HMAC-SHA256 over "<t>." + body>`` with the
  participant's webhook secret, so the receiver can check origin and integrity and refuse a
  replay (an old timestamp), as DCSA callbacks sign their bodies;
- ``Idempotency-Key``: the same on every attempt of one delivery, so a push repeated after a
  crash (at-least-once) is recognised by the receiver.

A failed push is retried with exponential back-off and full jitter until the configured horizon
(``webhook_retry_horizon_seconds`` after the delivery was made); then it is a dead letter.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import random
import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

SIGNATURE_HEADER = "Eport-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"
DELIVERY_HEADER = "Eport-Delivery-Id"
FIRST_RETRY_SECONDS = 5.0
MAX_RETRY_SECONDS = 3600.0
DEFAULT_TOLERANCE_SECONDS = 300


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The signature header value for ``body`` at ``timestamp`` (now by default)."""
    t = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def verify(
    secret: str,
    header: str,
    body: bytes,
    *,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
    now: float | None = None,
) -> bool:
    """What a receiver does: the signature matches and the timestamp is recent."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    t, given = parts.get("t", ""), parts.get("v1", "")
    if not t.isdigit() or not given:
        return False
    if abs((time.time() if now is None else now) - int(t)) > tolerance:
        return False
    expected = sign(secret, body, int(t)).split("v1=", 1)[1]
    return hmac.compare_digest(expected, given)


def retry_delay(attempt: int, rng: random.Random | None = None) -> float:
    """Back-off after the ``attempt``-th failure: exponential, capped, with full jitter."""
    ceiling = min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** max(0, attempt - 1))
    return (rng or random).uniform(ceiling / 2, ceiling)


def check_url(url: str) -> str | None:
    """Why a webhook URL is not acceptable, or None: HTTPS, or plain HTTP to this host only."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and parts.hostname:
        host = parts.hostname
        try:
            if host == "localhost" or ipaddress.ip_address(host).is_loopback:
                return None
        except ValueError:
            pass
        return "plain http is allowed only to a loopback address; use https"
    return "the URL must be https://host/..."


@dataclass(frozen=True, slots=True)
class PushResult:
    ok: bool
    detail: str


@dataclass(frozen=True, slots=True)
class Push:
    """One delivery to push: where, with which secret, and what."""

    delivery_id: int
    url: str
    secret: str
    body: bytes
    idempotency_key: str
    content_type: str


def push(client: httpx.Client, item: Push) -> PushResult:
    headers = {
        # The signature covers the timestamp and the body only, so any media type verifies.
        "Content-Type": item.content_type,
        SIGNATURE_HEADER: sign(item.secret, item.body),
        IDEMPOTENCY_HEADER: item.idempotency_key,
        DELIVERY_HEADER: str(item.delivery_id),
    }
    try:
        response = client.post(item.url, content=item.body, headers=headers)
    except httpx.HTTPError as exc:
        return PushResult(False, f"{type(exc).__name__}: {exc}"[:500])
    if 200 <= response.status_code < 300:
        return PushResult(True, f"HTTP {response.status_code}")
    return PushResult(False, f"HTTP {response.status_code}")
