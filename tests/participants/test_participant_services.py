"""Participant use cases: application, approval, suspension, identifiers, EDI ID lookup."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import CLI_ORIGIN
from eport.auth.audit import list_events
from eport.bootstrap import Platform
from eport.participants import services
from eport.participants.errors import Conflict, Invalid, NotFound
from eport.participants.models import Participant
from eport.participants.rules import Identifier
from eport.participants.services import ParticipantDraft

VALID_CREDIT_CODE = "91350100M000100Y43"


def _apply(platform: Platform, code: str = "NBFWD", **fields: object) -> Participant:
    draft = ParticipantDraft(
        code=code,
        roles=["forwarder"],
        name_zh="宁波货代有限公司",
        credit_code=VALID_CREDIT_CODE,
        contact_email="a@b.cn",
        **fields,
    )
    with platform.uow() as uow:
        return services.apply_for_participation(uow, draft, "10.0.0.9")


def test_an_application_waits_for_approval_then_becomes_active(platform: Platform) -> None:
    assert _apply(platform).status == "applied"
    with platform.uow() as uow:
        assert services.approve_participant(uow, "nbfwd", CLI_ORIGIN).status == "active"
    with platform.uow() as uow:
        actions = [
            e.action for e in list_events(uow, participant_id=None, before_id=None, limit=10)
        ]
        assert actions == ["participant.approved", "participant.applied"]


def test_approving_twice_is_a_conflict(platform: Platform) -> None:
    _apply(platform)
    with platform.uow() as uow:
        services.approve_participant(uow, "NBFWD", CLI_ORIGIN)
    with platform.uow() as uow, pytest.raises(Conflict):
        services.approve_participant(uow, "NBFWD", CLI_ORIGIN)


def test_nobody_can_apply_for_the_operator_role(platform: Platform) -> None:
    draft = ParticipantDraft(code="EVIL", roles=["operator"], name_en="Evil")
    with platform.uow() as uow, pytest.raises(Invalid):
        services.apply_for_participation(uow, draft, "")


def test_a_wrong_credit_code_is_refused(platform: Platform) -> None:
    draft = ParticipantDraft(
        code="X1", roles=["shipper"], name_en="X", credit_code="91350100M000100Y44"
    )
    with platform.uow() as uow, pytest.raises(Invalid, match="credit code"):
        services.add_participant(uow, draft, CLI_ORIGIN)


@pytest.mark.parametrize("customs", ["12345", "3302A1234X9", "33-2A12345"])
def test_a_wrong_customs_code_is_refused(platform: Platform, customs: str) -> None:
    draft = ParticipantDraft(code="X1", roles=["shipper"], name_en="X", customs_code=customs)
    with platform.uow() as uow, pytest.raises(Invalid, match="customs"):
        services.add_participant(uow, draft, CLI_ORIGIN)


def test_unknown_roles_are_refused(platform: Platform) -> None:
    draft = ParticipantDraft(code="X1", roles=["pirate"], name_en="X")
    with platform.uow() as uow, pytest.raises(Invalid, match="pirate"):
        services.add_participant(uow, draft, CLI_ORIGIN)


def test_a_code_is_taken_once(make_participant: Callable[..., Participant]) -> None:
    make_participant("NBCT", roles=["terminal"])
    with pytest.raises(Conflict):
        make_participant("nbct", roles=["terminal"])


def test_suspend_and_reactivate(
    platform: Platform, make_participant: Callable[..., Participant]
) -> None:
    make_participant("NBCT", roles=["terminal"])
    with platform.uow() as uow:
        assert services.suspend_participant(uow, "NBCT", CLI_ORIGIN).status == "suspended"
    with platform.uow() as uow, pytest.raises(Conflict):
        services.suspend_participant(uow, "NBCT", CLI_ORIGIN)
    with platform.uow() as uow:
        assert services.reactivate_participant(uow, "NBCT", CLI_ORIGIN).status == "active"


def test_an_application_cannot_be_suspended(platform: Platform) -> None:
    _apply(platform)
    with platform.uow() as uow, pytest.raises(Conflict):
        services.suspend_participant(uow, "NBFWD", CLI_ORIGIN)


def test_edi_id_lookup_prefers_the_exact_qualifier(
    platform: Platform, make_participant: Callable[..., Participant]
) -> None:
    make_participant("COSCO", roles=["carrier"], edi_ids=["COSCO"])
    make_participant("NBCT", roles=["terminal"], edi_ids=["ZZZ:NBCT", "5:NBCT"])
    with platform.uow() as uow:
        assert _code(services.find_by_edi_id(uow.session, "COSCO", "ZZZ")) == "COSCO"
        assert _code(services.find_by_edi_id(uow.session, "COSCO", "")) == "COSCO"
        assert _code(services.find_by_edi_id(uow.session, "NBCT", "ZZZ")) == "NBCT"
        assert services.find_by_edi_id(uow.session, "NBCT", "14") is None
        assert services.find_by_edi_id(uow.session, "NOBODY", "ZZZ") is None


def test_exact_qualifier_wins_over_a_qualifier_free_registration(
    platform: Platform, make_participant: Callable[..., Participant]
) -> None:
    make_participant("A1", edi_ids=["ZZZ:SHARED"])
    with pytest.raises(Conflict):  # "any qualifier" would clash with ZZZ:SHARED
        make_participant("B1", edi_ids=["SHARED"])
    make_participant("B1", edi_ids=["ZZZ:OTHER"])
    with platform.uow() as uow:
        assert _code(services.find_by_edi_id(uow.session, "SHARED", "ZZZ")) == "A1"


def _code(participant: Participant | None) -> str | None:
    return participant.code if participant else None


def test_identifiers_can_be_added_and_removed(
    platform: Platform, make_participant: Callable[..., Participant]
) -> None:
    make_participant("MSK", roles=["carrier"])
    with platform.uow() as uow:
        p = services.add_identifier(uow, "MSK", Identifier.checked("scac", "MAEU"), CLI_ORIGIN)
        ident_id = p.identifiers[0].id
    with platform.uow() as uow, pytest.raises(Conflict):
        services.add_identifier(uow, "MSK", Identifier.checked("scac", "MAEU"), CLI_ORIGIN)
    with platform.uow() as uow:
        assert services.remove_identifier(uow, "MSK", ident_id, CLI_ORIGIN).identifiers == []
    with platform.uow() as uow, pytest.raises(NotFound):
        services.remove_identifier(uow, "MSK", ident_id, CLI_ORIGIN)


@pytest.mark.parametrize("text", ["", "A B", "X" * 36, "A+B"])
def test_malformed_edi_ids_are_refused(text: str) -> None:
    with pytest.raises(Invalid):
        Identifier.edi(text)


def test_an_edi_id_may_carry_a_qualifier() -> None:
    assert Identifier.edi("ZZZ:COSU") == Identifier("edi", "COSU", "ZZZ")
    assert Identifier.edi("COSU") == Identifier("edi", "COSU", "")


def test_a_time_zone_is_kept_changed_and_audited(platform: Platform) -> None:
    assert _apply(platform, time_zone=" Asia/Shanghai ").time_zone == "Asia/Shanghai"
    assert _apply(platform, "NBFWD2").time_zone == ""  # the platform's local zone
    with platform.uow() as uow:
        changed = services.set_time_zone(uow, "NBFWD", "Europe/Amsterdam", CLI_ORIGIN)
    assert changed.time_zone == "Europe/Amsterdam"
    with platform.uow() as uow:
        assert services.get_participant(uow.session, "NBFWD").time_zone == "Europe/Amsterdam"
        event = list_events(uow, participant_id=None, before_id=None, limit=1)[0]
        assert event.action == "participant.time_zone_set"
        assert (event.detail["from"], event.detail["to"]) == ("Asia/Shanghai", "Europe/Amsterdam")
    with platform.uow() as uow:
        assert services.set_time_zone(uow, "NBFWD", "", CLI_ORIGIN).time_zone == ""


@pytest.mark.parametrize(
    "zone", ["Mars/Olympus_Mons", "asia/shanghai", "Asia", "../etc/passwd", "zone.tab", "A" * 65]
)
def test_an_unknown_time_zone_is_invalid(platform: Platform, zone: str) -> None:
    with pytest.raises(Invalid, match="unknown time zone"):
        _apply(platform, time_zone=zone)
    _apply(platform)
    with platform.uow() as uow, pytest.raises(Invalid, match="unknown time zone"):
        services.set_time_zone(uow, "NBFWD", zone, CLI_ORIGIN)
    with platform.uow() as uow:
        assert services.get_participant(uow.session, "NBFWD").time_zone == ""
