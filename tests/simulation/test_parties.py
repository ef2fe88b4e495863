"""Who sends what: each message type only from the roles allowed to send it, headers naming
the exchanging parties by their UNB interchange IDs."""

from __future__ import annotations

from collections import Counter

import pytest

from eport.simulation.community import MESSAGE_SENDERS, Member, Role, ningbo_community
from eport.simulation.simulator import Traffic


def test_every_message_comes_from_a_role_allowed_to_send_it(traffic: Traffic) -> None:
    for dispatch in traffic.dispatches:
        assert dispatch.sender.roles & MESSAGE_SENDERS[dispatch.message_type], dispatch.step


def test_only_customs_sends_customs_responses_and_only_terminals_and_depots_gate_reports(
    traffic: Traffic,
) -> None:
    senders: dict[str, set[str]] = {}
    for dispatch in traffic.dispatches:
        senders.setdefault(dispatch.message_type, set()).add(dispatch.sender.code)
    community = ningbo_community()

    def acting(role: Role) -> set[str]:
        return {m.code for m in community.of_role(role)}

    assert senders["CUSRES"] == acting(Role.CUSTOMS)
    assert senders["CODECO"] == acting(Role.TERMINAL) | acting(Role.DEPOT)
    assert senders["COARRI"] <= acting(Role.TERMINAL)
    assert senders["CUSDEC"] <= acting(Role.CUSTOMS_BROKER)
    assert senders["IFTMBF"] <= acting(Role.FORWARDER)


def test_all_twelve_message_types_are_sent(traffic: Traffic) -> None:
    counts = Counter(d.message_type for d in traffic.dispatches)
    assert set(counts) == set(MESSAGE_SENDERS)


def test_document_headers_name_sender_and_recipient_by_edi_id(traffic: Traffic) -> None:
    for dispatch in traffic.dispatches:
        header = dispatch.document.header
        assert header.sender is not None and header.recipient is not None
        assert header.sender.code == dispatch.sender.edi_id
        assert header.recipient.code == dispatch.recipient.edi_id
        assert dispatch.sender != dispatch.recipient


def test_document_numbers_are_unique_per_sender(traffic: Traffic) -> None:
    numbers = [(d.sender.code, d.document.header.number) for d in traffic.dispatches]
    assert len(set(numbers)) == len(numbers)


def test_the_community_refuses_duplicate_codes_and_edi_ids() -> None:
    community = ningbo_community()
    twin = community.members[1]
    with pytest.raises(ValueError, match="codes"):
        type(community)(community.port, (*community.members, twin))
    clash = Member("OTHER", frozenset({Role.FORWARDER}), twin.edi_id, "x", "x")
    with pytest.raises(ValueError, match="EDI"):
        type(community)(community.port, (*community.members, clash))
    with pytest.raises(ValueError):
        community.one(Role.CARRIER)


def test_the_community_is_the_demo_community() -> None:
    """Simulated UNB IDs must be those the demo registers, or the hub rejects the traffic."""
    from eport.demo import COMMUNITY

    community = ningbo_community()
    assert [m.code for m in community.members] == [d.code for d in COMMUNITY]
    for demo in COMMUNITY:
        member = community.member(demo.code)
        assert {r.value for r in member.roles} == set(demo.roles)
        assert member.edi_id in demo.edi_ids or (not demo.edi_ids and member.edi_id == demo.code)
    for carrier in community.of_role(Role.CARRIER):
        assert carrier.scac and carrier.smdg and carrier.owner_prefixes
