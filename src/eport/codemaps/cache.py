"""Participants' code maps held in memory between uses, checked against the stored version.

Reading every map for every interchange would cost a query per list; the maps change rarely.
So each process keeps the maps it read with the version they had (``code_map_policies.version``,
random, renewed by every change) and, on each use, reads only that version back.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from eport.codemaps.models import CodeMapEntry, CodeMapPolicy
from eport.codes.codemap import CodeMap
from eport.codes.mapper import UnknownCodePolicy
from eport.logistics.codes import CODE_LISTS


@dataclass(frozen=True)
class LoadedMaps:
    """A participant's maps and policy as stored at ``version``; never changed once built."""

    version: str
    policy: UnknownCodePolicy
    maps: tuple[CodeMap, ...]


class CodeMapCache:
    """Participants' maps as last read, each with the version it was read at.

    Keyed by participant but checked against the stored version on every use, so a change
    committed by any process (or a different database with the same participant ids) is never
    served stale; versions are random, so they do not repeat.
    """

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._loaded: OrderedDict[int, LoadedMaps] = OrderedDict()
        self._lock = threading.Lock()

    def maps(self, session: Session, participant_id: int) -> LoadedMaps | None:
        """The participant's maps, or None when it never had any."""
        stored = session.execute(
            select(CodeMapPolicy.version, CodeMapPolicy.unknown_codes).where(
                CodeMapPolicy.participant_id == participant_id
            )
        ).first()
        if stored is None:
            return None
        return self._current(session, participant_id, *stored.tuple())

    def batch(self, session: Session) -> Callable[[int], LoadedMaps | None]:
        """Maps for a batch of work: every participant's stored version read in one query (the
        table holds a row per participant that has maps), and every participant's maps loaded
        now (from memory unless they changed), so the answer needs the session no more."""
        stored = {
            row.participant_id: (row.version, row.unknown_codes)
            for row in session.execute(
                select(
                    CodeMapPolicy.participant_id,
                    CodeMapPolicy.version,
                    CodeMapPolicy.unknown_codes,
                )
            )
        }
        loaded = {pid: self._current(session, pid, *row) for pid, row in stored.items()}
        return loaded.get

    def _current(
        self, session: Session, participant_id: int, version: str, policy: str
    ) -> LoadedMaps:
        with self._lock:
            cached = self._loaded.get(participant_id)
            if cached is not None and cached.version == version:
                self._loaded.move_to_end(participant_id)
                return cached
        loaded = LoadedMaps(version, UnknownCodePolicy(policy), _read_maps(session, participant_id))
        with self._lock:
            self._loaded[participant_id] = loaded
            while len(self._loaded) > self._size:
                self._loaded.popitem(last=False)
        return loaded

    def clear(self) -> None:
        with self._lock:
            self._loaded.clear()


def _read_maps(session: Session, participant_id: int) -> tuple[CodeMap, ...]:
    """Every map of a participant in one query, entries in the order they were added."""
    rows: dict[str, list[tuple[str, str]]] = {name: [] for name in CODE_LISTS}
    query = (
        select(CodeMapEntry.list_name, CodeMapEntry.partner_code, CodeMapEntry.standard_code)
        .where(CodeMapEntry.participant_id == participant_id)
        .order_by(CodeMapEntry.id)
    )
    for list_name, partner_code, standard_code in session.execute(query).tuples():
        rows.setdefault(list_name, []).append((partner_code, standard_code))
    return tuple(CodeMap.from_rows(name, pairs) for name, pairs in rows.items())
