"""Use cases of the per-partner code maps, on the test database (SQLite or PostgreSQL)."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable

import pytest

from conftest import CLI_ORIGIN
from eport.bootstrap import Platform
from eport.codemaps import services
from eport.codemaps.cache import CodeMapCache
from eport.codemaps.csvfile import CodeMapCsvError
from eport.codes import UnknownCodePolicy
from eport.participants.errors import Conflict, Invalid, NotFound
from eport.participants.models import Participant

TERMINAL_SIZES = "partner_code,standard_code\n40HC,45G1\n20GP,22G1\n40RF,45R1\n"

MakeParticipant = Callable[..., Participant]


def _import(
    platform: Platform,
    text: str,
    *,
    partner: str = "NBCT",
    list_name: str = "size-type",
    merge: bool = False,
) -> int:
    with platform.uow() as uow:
        return services.import_code_map(
            uow, partner, list_name, io.StringIO(text), CLI_ORIGIN, merge=merge
        )


def _rows(
    platform: Platform, partner: str = "NBCT", list_name: str = "size-type"
) -> list[tuple[str, str]]:
    with platform.uow() as uow:
        code_map = services.code_map(uow.session, partner, list_name)
    return [(m.partner_code, m.standard_code) for m in code_map]


def test_import_then_read_keeps_file_order(
    platform: Platform, make_participant: MakeParticipant
) -> None:
    make_participant("NBCT", roles=["terminal"])
    assert _import(platform, TERMINAL_SIZES) == 3
    assert _rows(platform) == [("40HC", "45G1"), ("20GP", "22G1"), ("40RF", "45R1")]


def test_import_replaces_and_merge_adds(
    platform: Platform, make_participant: MakeParticipant
) -> None:
    make_participant("NBCT", roles=["terminal"])
    _import(platform, TERMINAL_SIZES)
    _import(platform, "partner_code,standard_code\n40HQ,45G1\n")
    assert _rows(platform) == [("40HQ", "45G1")]
    assert _import(platform, "partner_code,standard_code\n20GP,22G1\n40HQ,42G1\n", merge=True) == 2
    assert _rows(platform) == [("20GP", "22G1"), ("40HQ", "42G1")]


def test_merge_refuses_two_partner_codes_for_one_standard_code(
    platform: Platform, make_participant: MakeParticipant
) -> None:
    make_participant("NBCT", roles=["terminal"])
    _import(platform, TERMINAL_SIZES)
    with pytest.raises(Conflict, match="45G1"):
        _import(platform, "partner_code,standard_code\n4HC,45G1\n", merge=True)
    assert len(_rows(platform)) == 3


def test_bad_rows_are_all_named_and_nothing_changes(
    platform: Platform, make_participant: MakeParticipant
) -> None:
    make_participant("NBCT", roles=["terminal"])
    _import(platform, TERMINAL_SIZES)
    bad = "partner_code,standard_code\n40HC,45G1\n,22G1\n20GP,XXXX\n40HC,42G1\nA,B,C\n"
    with pytest.raises(CodeMapCsvError) as caught:
        _import(platform, bad)
    found = [(e.row, e.column) for e in caught.value.errors]
    assert found == [(3, "partner_code"), (4, "standard_code"), (5, "partner_code"), (6, None)]
    assert "row 4, column standard_code: 'XXXX' is not a standard size-type code" in str(
        caught.value
    )
    assert len(_rows(platform)) == 3


def test_a_bad_header_is_row_1(platform: Platform, make_participant: MakeParticipant) -> None:
    make_participant("NBCT", roles=["terminal"])
    with pytest.raises(CodeMapCsvError) as caught:
        _import(platform, "ours,theirs\n40HC,45G1\n")
    assert [(e.row, e.column) for e in caught.value.errors] == [(1, None)]


def test_set_and_delete_entries(platform: Platform, make_participant: MakeParticipant) -> None:
    make_participant("NBCT", roles=["terminal"])
    with platform.uow() as uow:
        services.set_entry(uow, "NBCT", "location", "NGB", "CNNGB", CLI_ORIGIN)
    with platform.uow() as uow:
        services.set_entry(uow, "NBCT", "location", "NGB", "CNSHA", CLI_ORIGIN)
    assert _rows(platform, list_name="location") == [("NGB", "CNSHA")]
    with platform.uow() as uow, pytest.raises(Conflict):
        services.set_entry(uow, "NBCT", "location", "SHA", "CNSHA", CLI_ORIGIN)
    with platform.uow() as uow, pytest.raises(Invalid):
        services.set_entry(uow, "NBCT", "location", "XYZ", "NOWHERE", CLI_ORIGIN)
    with platform.uow() as uow:
        services.delete_entry(uow, "NBCT", "location", "NGB", CLI_ORIGIN)
    assert _rows(platform, list_name="location") == []
    with platform.uow() as uow, pytest.raises(NotFound):
        services.delete_entry(uow, "NBCT", "location", "NGB", CLI_ORIGIN)


def test_unknown_list_and_participant_are_not_found(
    platform: Platform, make_participant: MakeParticipant
) -> None:
    make_participant("NBCT", roles=["terminal"])
    with pytest.raises(NotFound):
        _import(platform, TERMINAL_SIZES, list_name="colours")
    with pytest.raises(NotFound):
        _import(platform, TERMINAL_SIZES, partner="NOBODY")


def test_mapper_follows_every_change(platform: Platform, make_participant: MakeParticipant) -> None:
    terminal = make_participant("NBCT", roles=["terminal"])
    with platform.uow() as uow:
        mapper = services.load_code_mapper(uow.session, terminal.id)
    assert mapper.to_standard("size-type", "40HC") == "40HC" and mapper.issues  # no map yet
    _import(platform, TERMINAL_SIZES)
    with platform.uow() as uow:
        mapper = services.load_code_mapper(uow.session, terminal.id)
    assert mapper.to_standard("size-type", "40HC") == "45G1"
    assert mapper.from_standard("size-type", "45R1") == "40RF"
    assert mapper.policy is UnknownCodePolicy.WARN
    with platform.uow() as uow:
        services.set_entry(uow, "NBCT", "size-type", "40HC", "42G1", CLI_ORIGIN)
        services.set_unknown_code_policy(uow, "NBCT", UnknownCodePolicy.REJECT, CLI_ORIGIN)
    with platform.uow() as uow:
        mapper = services.load_code_mapper(uow.session, terminal.id)
    assert mapper.to_standard("size-type", "40HC") == "42G1"
    assert mapper.policy is UnknownCodePolicy.REJECT


def test_mappers_are_fresh_and_maps_are_read_once(
    platform: Platform, make_participant: MakeParticipant
) -> None:
    terminal = make_participant("NBCT", roles=["terminal"])
    _import(platform, TERMINAL_SIZES)
    with platform.uow() as uow:
        first = services.load_code_mapper(uow.session, terminal.id)
        first.to_standard("size-type", "NOPE")
        second = services.load_code_mapper(uow.session, terminal.id)
    assert first.issues and not second.issues  # issues of one use do not leak into the next
    loaded = services.CACHE.maps
    with platform.uow() as uow:
        assert loaded(uow.session, terminal.id) is loaded(uow.session, terminal.id)


def test_each_participant_has_its_own_maps(
    platform: Platform, make_participant: MakeParticipant
) -> None:
    make_participant("NBCT", roles=["terminal"])
    carrier = make_participant("COSCO", roles=["carrier"])
    _import(platform, TERMINAL_SIZES)
    with platform.uow() as uow:
        mapper = services.load_code_mapper(uow.session, carrier.id)
        summary = services.code_map_summary(uow.session, "NBCT")
    assert mapper.to_standard("size-type", "40HC") == "40HC"
    assert summary.entries["size-type"] == 3 and summary.entries["location"] == 0


def test_the_cache_holds_a_bounded_number_of_participants(
    platform: Platform, make_participant: MakeParticipant
) -> None:
    terminal = make_participant("NBCT", roles=["terminal"])
    carrier = make_participant("COSCO", roles=["carrier"])
    _import(platform, TERMINAL_SIZES)
    _import(platform, "partner_code,standard_code\nCOS,COS\n", partner="COSCO", list_name="carrier")
    cache = CodeMapCache(size=1)
    with platform.uow() as uow:
        first = cache.maps(uow.session, terminal.id)
        cache.maps(uow.session, carrier.id)
        again = cache.maps(uow.session, terminal.id)
        mapper = services.load_code_mapper(uow.session, carrier.id, cache=cache)
    assert first is not None and again is not None
    assert first is not again and first == again  # read again after eviction, same content
    assert mapper.to_standard("carrier", "COS") == "COS"


def test_a_change_waits_for_a_concurrent_first_change_instead_of_failing(
    platform: Platform, make_participant: MakeParticipant
) -> None:
    if platform.is_sqlite:
        pytest.skip("needs PostgreSQL (set EPORT_TEST_DATABASE_URL)")
    participant = make_participant("NBCT", roles=["terminal"])
    outcome: list[object] = []

    def second_change() -> None:
        try:
            with platform.uow() as uow:
                outcome.append(
                    services.set_entry(uow, "NBCT", "size-type", "40HC", "45G1", CLI_ORIGIN)
                )
        except Exception as error:  # the test reports it below
            outcome.append(error)

    with platform.uow() as first:
        services._changed(first.session, participant.id)  # the first change, not committed
        first.session.flush()
        thread = threading.Thread(target=second_change)
        thread.start()
        thread.join(0.5)
        assert thread.is_alive()  # waits for the first change's row
        first.commit()
    thread.join(10)
    assert [type(o).__name__ for o in outcome] == ["CodeMapping"]
    assert _rows(platform) == [("40HC", "45G1")]
