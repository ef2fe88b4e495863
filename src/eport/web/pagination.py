"""Cursor pagination: opaque cursors that encode the last key seen."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from eport.web.problems import Problem

MAX_LIMIT = 500
DEFAULT_LIMIT = 50


def clamp_limit(limit: int | None) -> int:
    """A limit out of range is clamped, never refused."""
    if limit is None:
        return DEFAULT_LIMIT
    return max(1, min(limit, MAX_LIMIT))


def encode_cursor(key: Any) -> str:
    raw = json.dumps(key, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> Any:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise Problem(400, "the cursor is not one this API issued") from exc
