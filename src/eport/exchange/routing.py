"""Routing (路由): who gets each message.

Recipients come from, in this order: the UNB recipient when it names a registered participant,
the operator's routing rules (by message type and sender, to a fixed participant, to every
participant of a role, or to the party a NAD segment names, e.g. NAD+CF, the container operator
of a CODECO), and subscriptions. A subscription only brings messages its holder is entitled
to: ones that name it as a party, or any message for an authority (customs, inspection).
The sender never gets its own message back, and inactive participants get nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from eport.edifact import Message
from eport.exchange.community import Community, Member, Rule

# Roles entitled to every message of a type they subscribe to.
AUTHORITY_ROLES = frozenset({"customs", "inspection"})


@dataclass(frozen=True, slots=True)
class MessageFacts:
    """What routing needs of one message: position, reference, type and the parties named."""

    index: int
    ref: str
    type: str
    parties: Mapping[str, tuple[str, ...]]  # NAD party qualifier (3035) -> party codes (3039)


@dataclass(frozen=True, slots=True)
class Route:
    recipient_id: int
    reason: str


def message_facts(message: Message) -> MessageFacts:
    parties: dict[str, list[str]] = {}
    for seg in message.segments:
        if seg.tag == "NAD":
            code = seg.component(2, 1)
            if code:
                parties.setdefault(seg.element(1), []).append(code)
    return MessageFacts(
        message.index, message.ref, message.type, {k: tuple(v) for k, v in parties.items()}
    )


def route_message(
    facts: MessageFacts,
    sender: Member,
    unb_recipient: Member | None,
    community: Community,
) -> list[Route]:
    """Every recipient of one message, each once, with the reason it was chosen."""
    routes: dict[int, Route] = {}

    def add(member: Member | None, reason: str) -> None:
        if member is None or not member.active or member.id == sender.id:
            return
        routes.setdefault(member.id, Route(member.id, reason))

    add(unb_recipient, "UNB recipient")
    for rule in community.rules:
        if _rule_matches(rule, facts, sender):
            for member in _rule_targets(rule, facts, community):
                add(member, _rule_reason(rule))
    for member_id, only_from in community.subscriptions.get(facts.type, ()):
        subscriber = community.members.get(member_id)
        if subscriber is None or (only_from is not None and only_from != sender.id):
            continue
        if _entitled(subscriber, facts, community):
            add(subscriber, "subscription")
    return list(routes.values())


def _rule_reason(rule: Rule) -> str:
    return f"rule {rule.id}" + (f" ({rule.description})" if rule.description else "")


def _rule_matches(rule: Rule, facts: MessageFacts, sender: Member) -> bool:
    if rule.message_type is not None and rule.message_type != facts.type:
        return False
    return rule.sender_id is None or rule.sender_id == sender.id


def _rule_targets(rule: Rule, facts: MessageFacts, community: Community) -> Iterable[Member]:
    if rule.party_qualifier is not None:
        for code in facts.parties.get(rule.party_qualifier, ()):
            member = community.member_for_party_code(code)
            if member is not None and (
                rule.recipient_role is None or rule.recipient_role in member.roles
            ):
                yield member
        return
    if rule.recipient_id is not None:
        member = community.members.get(rule.recipient_id)
        if member is not None:
            yield member
        return
    if rule.recipient_role is not None:
        yield from community.members_with_role(rule.recipient_role)


def _entitled(member: Member, facts: MessageFacts, community: Community) -> bool:
    if member.roles & AUTHORITY_ROLES:
        return True
    for codes in facts.parties.values():
        for code in codes:
            named = community.member_for_party_code(code)
            if named is not None and named.id == member.id:
                return True
    return False
