"""Use cases of the per-partner code maps: import, export, set and delete entries, the policy
for unknown codes, and the mapper that the exchange hub and the translators use.

Changing use cases take a unit of work and commit once; reading ones take a session.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from eport.auth.audit import Origin, record_by
from eport.codemaps.cache import CodeMapCache
from eport.codemaps.csvfile import MAX_CODE_LENGTH, CodeMapCsvError, RowError, read_entries
from eport.codemaps.models import CodeMapEntry, CodeMapPolicy
from eport.codes.catalog import default_catalog
from eport.codes.codemap import CodeMap, CodeMapping
from eport.codes.mapper import MappingCodeMapper, UnknownCodePolicy
from eport.db.types import utcnow
from eport.db.uow import UnitOfWork
from eport.logistics.codes import CODE_LISTS
from eport.participants.errors import Conflict, Invalid, NotFound
from eport.participants.services import get_participant

__all__ = [
    "CODE_LISTS",
    "CodeMapCsvError",
    "CodeMapSummary",
    "RowError",
    "clear_code_map",
    "code_map",
    "code_map_summary",
    "delete_entry",
    "import_code_map",
    "load_code_mapper",
    "set_entry",
    "set_unknown_code_policy",
]


@dataclass(frozen=True)
class CodeMapSummary:
    """A participant's policy and how many entries each of its maps holds."""

    participant_code: str
    policy: UnknownCodePolicy
    entries: dict[str, int]


def check_list_name(list_name: str) -> str:
    if list_name not in CODE_LISTS:
        raise NotFound(f"no code list {list_name!r}; the lists are {', '.join(CODE_LISTS)}")
    return list_name


def code_map(session: Session, participant_code: str, list_name: str) -> CodeMap:
    """A participant's map of one list, in the order its entries were added."""
    participant = get_participant(session, participant_code)
    return _code_map(session, participant.id, check_list_name(list_name))


def code_map_summary(session: Session, participant_code: str) -> CodeMapSummary:
    participant = get_participant(session, participant_code)
    rows = session.execute(
        select(CodeMapEntry.list_name, func.count())
        .where(CodeMapEntry.participant_id == participant.id)
        .group_by(CodeMapEntry.list_name)
    ).tuples()
    counts = {name: count for name, count in rows}
    policy = session.get(CodeMapPolicy, participant.id)
    return CodeMapSummary(
        participant.code,
        UnknownCodePolicy(policy.unknown_codes) if policy else UnknownCodePolicy.WARN,
        {name: counts.get(name, 0) for name in CODE_LISTS},
    )


def import_code_map(
    uow: UnitOfWork,
    participant_code: str,
    list_name: str,
    source: TextIO,
    origin: Origin,
    *,
    merge: bool = False,
) -> int:
    """Load a CSV file into a participant's map of one list; the number of entries after.

    The file replaces the map, or with ``merge`` adds to it, a row of the file winning over
    an entry with the same partner code. Bad rows raise :class:`CodeMapCsvError` naming every
    one of them, and nothing changes.
    """
    list_name = check_list_name(list_name)
    participant = get_participant(uow.session, participant_code)
    _changed(uow.session, participant.id)  # first: it queues concurrent changes
    rows = read_entries(list_name, source)
    if merge:
        rows = _merged(_code_map(uow.session, participant.id, list_name).rows(), rows)
    uow.session.execute(
        delete(CodeMapEntry).where(
            CodeMapEntry.participant_id == participant.id, CodeMapEntry.list_name == list_name
        )
    )
    uow.session.add_all(
        CodeMapEntry(
            participant_id=participant.id,
            list_name=list_name,
            partner_code=row.partner_code,
            standard_code=row.standard_code,
        )
        for row in rows
    )
    record_by(
        uow.session,
        origin,
        "codemap.imported",
        participant_id=participant.id,
        target=list_name,
        detail={"entries": len(rows), "merge": merge},
    )
    uow.commit()
    return len(rows)


def _merged(old: Sequence[CodeMapping], new: Sequence[CodeMapping]) -> list[CodeMapping]:
    replaced = {row.partner_code for row in new}
    rows = [row for row in old if row.partner_code not in replaced] + list(new)
    first: dict[str, str] = {}
    for row in rows:
        if row.standard_code in first:
            raise Conflict(
                f"standard code {row.standard_code!r} would be mapped from both "
                f"{first[row.standard_code]!r} and {row.partner_code!r}"
            )
        first[row.standard_code] = row.partner_code
    return rows


def set_entry(
    uow: UnitOfWork,
    participant_code: str,
    list_name: str,
    partner_code: str,
    standard_code: str,
    origin: Origin,
) -> CodeMapping:
    """Map ``partner_code`` to ``standard_code`` (adding the entry or changing it)."""
    list_name = check_list_name(list_name)
    participant = get_participant(uow.session, participant_code)
    _changed(uow.session, participant.id)  # first: it queues concurrent changes
    partner_code, standard_code = _checked_codes(list_name, partner_code, standard_code)
    entries = {
        entry.partner_code: entry for entry in _entries(uow.session, participant.id, list_name)
    }
    holder = next((e for e in entries.values() if e.standard_code == standard_code), None)
    if holder is not None and holder.partner_code != partner_code:
        raise Conflict(
            f"standard code {standard_code!r} is already mapped from {holder.partner_code!r}"
        )
    entry = entries.get(partner_code)
    if entry is None:
        entry = CodeMapEntry(
            participant_id=participant.id,
            list_name=list_name,
            partner_code=partner_code,
            standard_code=standard_code,
        )
        uow.session.add(entry)
    entry.standard_code = standard_code
    record_by(
        uow.session,
        origin,
        "codemap.entry_set",
        participant_id=participant.id,
        target=f"{list_name}:{partner_code}",
        detail={"standard_code": standard_code},
    )
    uow.commit()
    return CodeMapping(partner_code, standard_code)


def _checked_codes(list_name: str, partner_code: str, standard_code: str) -> tuple[str, str]:
    partner_code, standard_code = partner_code.strip(), standard_code.strip()
    for name, code in (("partner_code", partner_code), ("standard_code", standard_code)):
        if not code or len(code) > MAX_CODE_LENGTH:
            raise Invalid(f"{name} must have 1 to {MAX_CODE_LENGTH} characters")
    if not default_catalog().is_standard(list_name, standard_code):
        raise Invalid(f"{standard_code!r} is not a standard {list_name} code")
    return partner_code, standard_code


def delete_entry(
    uow: UnitOfWork, participant_code: str, list_name: str, partner_code: str, origin: Origin
) -> None:
    list_name = check_list_name(list_name)
    participant = get_participant(uow.session, participant_code)
    _changed(uow.session, participant.id)  # first: it queues concurrent changes
    entry = uow.session.scalar(
        select(CodeMapEntry).where(
            CodeMapEntry.participant_id == participant.id,
            CodeMapEntry.list_name == list_name,
            CodeMapEntry.partner_code == partner_code,
        )
    )
    if entry is None:
        raise NotFound(f"no {list_name} code {partner_code!r} in the map of {participant.code}")
    uow.session.delete(entry)
    record_by(
        uow.session,
        origin,
        "codemap.entry_deleted",
        participant_id=participant.id,
        target=f"{list_name}:{partner_code}",
    )
    uow.commit()


def clear_code_map(uow: UnitOfWork, participant_code: str, list_name: str, origin: Origin) -> int:
    """Delete every entry of one list of a participant's maps; the number deleted."""
    list_name = check_list_name(list_name)
    participant = get_participant(uow.session, participant_code)
    _changed(uow.session, participant.id)  # first: it queues concurrent changes
    entries = _entries(uow.session, participant.id, list_name)
    for entry in entries:
        uow.session.delete(entry)
    record_by(
        uow.session,
        origin,
        "codemap.cleared",
        participant_id=participant.id,
        target=list_name,
        detail={"entries": len(entries)},
    )
    uow.commit()
    return len(entries)


def set_unknown_code_policy(
    uow: UnitOfWork, participant_code: str, policy: UnknownCodePolicy, origin: Origin
) -> None:
    """Whether a code neither standard nor mapped is a warning or a rejection (APERAK)."""
    participant = get_participant(uow.session, participant_code)
    _changed(uow.session, participant.id).unknown_codes = policy.value
    record_by(
        uow.session,
        origin,
        "codemap.policy_set",
        participant_id=participant.id,
        target=participant.code,
        detail={"unknown_codes": policy.value},
    )
    uow.commit()


def _entries(session: Session, participant_id: int, list_name: str) -> list[CodeMapEntry]:
    return list(
        session.scalars(
            select(CodeMapEntry)
            .where(
                CodeMapEntry.participant_id == participant_id,
                CodeMapEntry.list_name == list_name,
            )
            .order_by(CodeMapEntry.id)
        )
    )


def _code_map(session: Session, participant_id: int, list_name: str) -> CodeMap:
    rows = _entries(session, participant_id, list_name)
    return CodeMap.from_rows(list_name, ((e.partner_code, e.standard_code) for e in rows))


def _changed(session: Session, participant_id: int) -> CodeMapPolicy:
    """Give the participant's maps a new version, so that cached copies are reloaded."""
    policy = session.get(CodeMapPolicy, participant_id)
    if policy is None:
        # Two first changes at once must not both insert: the second waits for the first's
        # row, then locks and updates it, instead of failing on the primary key.
        insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else pg_insert
        session.execute(
            insert(CodeMapPolicy)
            .values(
                participant_id=participant_id,
                unknown_codes=UnknownCodePolicy.WARN.value,
                version=uuid.uuid4().hex,
                updated_at=utcnow(),
            )
            .on_conflict_do_nothing(index_elements=["participant_id"])
        )
    # Locked: changes to one participant's maps run one after the other (on SQLite every
    # writing transaction is serial already).
    policy = session.get(
        CodeMapPolicy, participant_id, populate_existing=True, with_for_update=True
    )
    if policy is None:  # inserted above, or by the change that got there first
        raise RuntimeError(f"no code map policy row for participant {participant_id}")
    policy.version = uuid.uuid4().hex
    return policy


# One per process: the maps are the same for every request and worker thread of it.
CACHE = CodeMapCache()


def load_code_mapper(
    session: Session, participant_id: int, *, cache: CodeMapCache = CACHE
) -> MappingCodeMapper:
    """The mapper of a participant's codes: its maps and its policy for unknown codes.

    A new mapper every call (a mapper collects the issues of the messages it maps), built
    from maps cached per participant; one query checks that the cache is current. A
    participant without maps gets a mapper that passes standard codes and flags others.
    """
    loaded = cache.maps(session, participant_id)
    if loaded is None:
        return MappingCodeMapper()
    return MappingCodeMapper(loaded.maps, policy=loaded.policy)
