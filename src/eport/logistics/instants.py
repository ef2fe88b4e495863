"""Rules for the model's datetimes: every instant is timezone-aware."""

from __future__ import annotations

from datetime import datetime


def require_aware(moment: datetime | None, name: str) -> None:
    """Reject a naive datetime: a time without a zone is ambiguous across ports."""
    if moment is not None and moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {moment.isoformat()}")
