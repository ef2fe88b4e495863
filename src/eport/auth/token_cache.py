"""A per-process cache of authenticated API tokens, so a busy token costs no database access.

A terminal's system sends hundreds of requests a second with one token; looking the token up
each time (a transaction and an indexed query) is a large share of the cost of a receipt.
The cache keeps, per token fingerprint (SHA-256, as stored; never the token itself), the
principal the token stands for, its expiry and its last recorded use, for a short time.

What stays true with the cache:

- An expired token is refused even when cached: expiry is checked on every hit.
- Revoking a token (``eport.auth.tokens.revoke_token``) and changing a participant's status
  (``eport.participants.services``) drop the affected entries of every cache in this process
  at once, so the very next request here is refused. Other processes (more web workers, more
  hosts) learn of the change when their entry lives out its time-to-live:
  ``EPORT_TOKEN_CACHE_SECONDS`` (5 s by default) is the longest a revoked token or a
  suspended participant's token can still be accepted there. Zero turns the cache off.
- Unknown and refused tokens are never cached, so a token issued a moment ago works at once.
- A lookup that started before an invalidation cannot put its (stale) answer into the cache
  after it: every invalidation moves a generation counter, and ``put`` refuses an answer
  read under an older generation.
- The last use of a token is still recorded at most once a minute: ``claim_touch`` lets one
  request per token and minute go to the database, which also checks the token afresh.

Use cases that revoke or suspend receive only a unit of work, not the platform that holds
the cache, so invalidation goes through a process-wide registry of live caches (held by weak
reference: a cache that is no longer used disappears from it).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from eport.auth.principal import Principal

DEFAULT_MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class CachedToken:
    """What a cache hit needs to answer without the database."""

    principal: Principal
    expires_at: datetime | None
    last_used_at: datetime | None

    def expired(self, now: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now


@dataclass(frozen=True)
class _Entry:
    token: CachedToken
    stored_at: float  # on the cache's monotonic clock


class TokenCache:
    """A bounded (least recently used out first), thread-safe map of fingerprint to token."""

    def __init__(
        self,
        ttl_seconds: float,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl_seconds = max(ttl_seconds, 0.0)
        self.max_entries = max_entries
        self._clock = clock
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._generation = 0
        _live_caches.add(self)

    @property
    def enabled(self) -> bool:
        return self.ttl_seconds > 0 and self.max_entries > 0

    @property
    def generation(self) -> int:
        """Read before a database lookup and hand to ``put`` with its answer."""
        with self._lock:
            return self._generation

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def get(self, token_hash: str) -> CachedToken | None:
        """The cached token, if stored less than the time-to-live ago."""
        if not self.enabled:
            return None
        with self._lock:
            entry = self._entries.get(token_hash)
            if entry is None:
                return None
            if self._clock() - entry.stored_at >= self.ttl_seconds:
                del self._entries[token_hash]
                return None
            self._entries.move_to_end(token_hash)
            return entry.token

    def put(self, token_hash: str, token: CachedToken, generation: int) -> bool:
        """Keep a valid token; refused (False) if an invalidation came after ``generation``."""
        if not self.enabled:
            return False
        with self._lock:
            if generation != self._generation:
                return False
            self._entries[token_hash] = _Entry(token, self._clock())
            self._entries.move_to_end(token_hash)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
            return True

    def claim_touch(self, token_hash: str, now: datetime, resolution: timedelta) -> bool:
        """True for the one caller that should record the token's use now.

        The cached last use moves to ``now`` at once, so concurrent hits on the same token
        do not all go to the database in the same minute.
        """
        with self._lock:
            entry = self._entries.get(token_hash)
            if entry is None:
                return False
            last = entry.token.last_used_at
            if last is not None and now - last < resolution:
                return False
            touched = replace(entry.token, last_used_at=now)
            self._entries[token_hash] = replace(entry, token=touched)
            return True

    def forget_token(self, token_hash: str) -> None:
        with self._lock:
            self._generation += 1
            self._entries.pop(token_hash, None)

    def forget_participant(self, participant_id: int) -> None:
        with self._lock:
            self._generation += 1
            stale = [
                key
                for key, entry in self._entries.items()
                if entry.token.principal.participant_id == participant_id
            ]
            for key in stale:
                del self._entries[key]

    def clear(self) -> None:
        with self._lock:
            self._generation += 1
            self._entries.clear()


_live_caches: weakref.WeakSet[TokenCache] = weakref.WeakSet()


def forget_token(token_hash: str) -> None:
    """Drop a token from every cache in this process (after its revocation is committed)."""
    for cache in list(_live_caches):
        cache.forget_token(token_hash)


def forget_participant(participant_id: int) -> None:
    """Drop a participant's tokens from every cache in this process (after a status change)."""
    for cache in list(_live_caches):
        cache.forget_participant(participant_id)
