"""A sliding-window limit of attempts per client address, kept in the process's memory.

Used where strangers can knock: public applications and portal logins. Each process keeps its
own count, so N processes admit up to N times the limit — enough to stop a script, not a
botnet (that is the job of the reverse proxy in front).
"""

from __future__ import annotations

import time
from collections import deque
from threading import Lock


class AttemptLimit:
    """At most ``limit`` attempts per key within ``window`` seconds."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self._seen: dict[str, deque[float]] = {}
        self._lock = Lock()

    def admit(self, key: str) -> bool:
        """Count an attempt; False when the key has used up its attempts."""
        now = time.monotonic()
        with self._lock:
            seen = self._seen.setdefault(key, deque())
            while seen and now - seen[0] > self.window:
                seen.popleft()
            if len(seen) >= self.limit:
                return False
            seen.append(now)
            if len(self._seen) > 100_000:  # forget quiet addresses rather than grow forever
                self._forget_quiet(now)
            return True

    def _forget_quiet(self, now: float) -> None:
        for key in [k for k, v in self._seen.items() if not v or now - v[-1] > self.window]:
            del self._seen[key]
