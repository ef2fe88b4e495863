"""Routing rules as data: UNB recipient, rules by type/sender/role/party, copies, subscriptions."""

from __future__ import annotations

from eport.edifact import parse
from eport.exchange.community import Community, Member, Rule
from eport.exchange.routing import MessageFacts, message_facts, route_message

from .samples import codeco


def _member(pid: int, code: str, role: str, status: str = "active") -> Member:
    return Member(pid, code, status, frozenset({role}), ((code, ""),))


TERMINAL = _member(1, "TERMA", "terminal")
CARRIER = _member(2, "CARRB", "carrier")
CUSTOMS = _member(3, "CUSTA", "customs")
OTHER_CARRIER = _member(4, "CARRC", "carrier")
SUSPENDED = _member(5, "GONE", "carrier", status="suspended")
MEMBERS = [TERMINAL, CARRIER, CUSTOMS, OTHER_CARRIER, SUSPENDED]


def _community(
    *rules: Rule, subscriptions: dict[str, tuple[tuple[int, int | None], ...]] | None = None
) -> Community:
    return Community(
        members={m.id: m for m in MEMBERS},
        rules=rules,
        subscriptions=subscriptions or {},
        by_edi={m.code: ((("", m.id)),) for m in MEMBERS},
        by_any_code={m.code: (m.id,) for m in MEMBERS},
        by_role={"carrier": (2, 4), "customs": (3,), "terminal": (1,)},
    )


def _rule(rule_id: int, **fields: object) -> Rule:
    values: dict[str, object] = {
        "description": "",
        "message_type": None,
        "sender_id": None,
        "recipient_id": None,
        "recipient_role": None,
        "party_qualifier": None,
    }
    values.update(fields)
    return Rule(rule_id, **values)  # type: ignore[arg-type]


def _facts(mtype: str = "CODECO", **parties: tuple[str, ...]) -> MessageFacts:
    return MessageFacts(1, "M1", mtype, parties)


def _ids(routes: list[object]) -> list[int]:
    return [r.recipient_id for r in routes]  # type: ignore[attr-defined]


def test_unb_recipient_that_names_a_participant() -> None:
    community = _community()
    assert _ids(route_message(_facts(), TERMINAL, CARRIER, community)) == [2]
    assert route_message(_facts(), TERMINAL, None, community) == []


def test_party_named_in_the_message() -> None:
    community = _community(_rule(1, message_type="CODECO", party_qualifier="CF"))
    assert _ids(route_message(_facts(CF=("CARRC",)), TERMINAL, None, community)) == [4]
    assert route_message(_facts("COARRI", CF=("CARRC",)), TERMINAL, None, community) == []
    assert route_message(_facts(CF=("UNKNOWN",)), TERMINAL, None, community) == []


def test_party_rule_can_require_a_role() -> None:
    community = _community(_rule(1, party_qualifier="CF", recipient_role="customs"))
    assert route_message(_facts(CF=("CARRC",)), TERMINAL, None, community) == []
    assert _ids(route_message(_facts(CF=("CUSTA",)), TERMINAL, None, community)) == [3]


def test_copies_by_role_and_by_sender() -> None:
    community = _community(
        _rule(1, message_type="CODECO", party_qualifier="CF"),
        _rule(2, message_type="CODECO", recipient_role="customs", description="arrival copy"),
        _rule(3, sender_id=1, recipient_id=4),
    )
    routes = route_message(_facts(CF=("CARRB",)), TERMINAL, None, community)
    assert _ids(routes) == [2, 3, 4]
    assert routes[1].reason == "rule 2 (arrival copy)"
    assert _ids(route_message(_facts(CF=("CARRB",)), CUSTOMS, None, community)) == [2]


def test_never_back_to_the_sender_nor_to_the_inactive() -> None:
    community = _community(_rule(1, recipient_role="carrier"), _rule(2, recipient_id=5))
    assert _ids(route_message(_facts(), CARRIER, None, community)) == [4]


def test_subscriptions_only_bring_what_one_is_entitled_to() -> None:
    subs = {"CODECO": ((4, None), (3, None), (2, 99))}
    community = _community(subscriptions=subs)
    # CARRC is not named: it gets nothing; customs (an authority) gets every CODECO;
    # CARRB subscribed only to sender 99.
    assert _ids(route_message(_facts(CF=("CARRB",)), TERMINAL, None, community)) == [3]
    assert _ids(route_message(_facts(CF=("CARRC",)), TERMINAL, None, community)) == [4, 3]


def test_facts_read_the_parties_of_a_parsed_message() -> None:
    message = parse(codeco(carrier="CARRB")).messages[0]
    facts = message_facts(message)
    assert (facts.type, facts.ref, facts.parties) == ("CODECO", "M1", {"CF": ("CARRB",)})


def test_member_edi_ids_without_qualifier_match_any() -> None:
    member = Member(9, "X", "active", frozenset(), (("XID", ""), ("QID", "ZZZ")))
    assert member.owns_edi_id("XID", "14") and member.owns_edi_id("XID", "")
    assert member.owns_edi_id("QID", "ZZZ") and not member.owns_edi_id("QID", "14")
