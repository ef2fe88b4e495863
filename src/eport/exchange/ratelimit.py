"""Per-participant rate limit on receiving: a token bucket per sender, in this process."""

from __future__ import annotations

import threading
import time


class RateLimiter:
    """``rate`` requests a second on average, bursts up to ``burst``."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = float(max(1, burst))
        self._buckets: dict[int, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def acquire(self, key: int, now: float | None = None) -> float:
        """0 when the request may go ahead, else the seconds to wait before retrying."""
        moment = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, moment))
            tokens = min(self.burst, tokens + (moment - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, moment)
                return 0.0
            self._buckets[key] = (tokens, moment)
            return (1.0 - tokens) / self.rate if self.rate > 0 else 60.0
