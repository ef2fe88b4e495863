"""The per-address attempt limit."""

from __future__ import annotations

import pytest

from eport.auth import throttle
from eport.auth.throttle import AttemptLimit


def test_attempts_beyond_the_limit_are_refused_until_the_window_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(throttle.time, "monotonic", lambda: clock[0])
    limit = AttemptLimit(limit=3, window=60)
    assert [limit.admit("10.0.0.1") for _ in range(4)] == [True, True, True, False]
    assert limit.admit("10.0.0.2")  # another address has its own count
    clock[0] += 61
    assert limit.admit("10.0.0.1")
