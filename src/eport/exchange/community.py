"""The port community as the exchange hub sees it: participants, their IDs and roles, and the
operator's exchange configuration (rules, profiles, subscriptions, permissions, webhooks).

Workers route thousands of messages a second, so they read this once into plain values and
reuse it until the configuration stamp changes (every exchange configuration change bumps it)
or a few seconds pass (participants change rarely and outside this package).

Each member carries the zone its systems keep time in (EDIFACT times carry none): its own, else
the platform's local zone.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eport.exchange.models import (
    ConfigStamp,
    RecipientProfile,
    RoutingRule,
    SenderCheck,
    SenderPermission,
    Subscription,
    WebhookEndpoint,
)
from eport.exchange.strictness import STANDARD
from eport.participants.models import Participant, ParticipantIdentifier, ParticipantRole
from eport.settings import Settings

log = logging.getLogger("eport.exchange.community")

EDI_SCHEME = "edi"
ACTIVE = "active"
MAX_AGE_SECONDS = 5.0
LOCAL_TIMEZONE: str = Settings.model_fields["local_timezone"].default


@dataclass(frozen=True, slots=True)
class Member:
    """A participant: code, status, roles, its UNB interchange IDs (value, qualifier) and the
    zone its EDIFACT times are in."""

    id: int
    code: str
    status: str
    roles: frozenset[str]
    edi_ids: tuple[tuple[str, str], ...]
    tz: tzinfo = UTC
    strictness: str = STANDARD  # how its interchanges are checked (`strictness.py`)

    @property
    def active(self) -> bool:
        return self.status == ACTIVE

    def owns_edi_id(self, value: str, qualifier: str) -> bool:
        """An ID registered without a qualifier matches any qualifier."""
        return any(v == value and q in ("", qualifier) for v, q in self.edi_ids)

    def edi_party(self) -> tuple[str, str] | str:
        """The UNB party to address this member by: its first registered EDI ID, else its code."""
        if not self.edi_ids:
            return (self.code, "ZZZ")
        value, qualifier = self.edi_ids[0]
        return (value, qualifier) if qualifier else value


@dataclass(frozen=True, slots=True)
class Rule:
    id: int
    description: str
    message_type: str | None
    sender_id: int | None
    recipient_id: int | None
    recipient_role: str | None
    party_qualifier: str | None


@dataclass(frozen=True, slots=True)
class Profile:
    """How a recipient wants one message type; the default is mailbox, EDIFACT as received."""

    message_type: str = "*"
    format: str = "edifact"
    version: str = ""
    channel: str = "mailbox"
    accepts_test: bool = False
    wants_contrl: bool = False


DEFAULT_PROFILE = Profile()


@dataclass(frozen=True, slots=True)
class Webhook:
    url: str
    secret: str


@dataclass(frozen=True)
class Community:
    members: dict[int, Member]
    rules: tuple[Rule, ...] = ()
    profiles: dict[int, dict[str, Profile]] = field(default_factory=dict)
    subscriptions: dict[str, tuple[tuple[int, int | None], ...]] = field(default_factory=dict)
    permissions: dict[str, frozenset[str]] = field(default_factory=dict)
    webhooks: dict[int, Webhook] = field(default_factory=dict)
    by_edi: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    by_any_code: dict[str, tuple[int, ...]] = field(default_factory=dict)
    by_role: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def member_for_edi(self, value: str, qualifier: str) -> Member | None:
        """The participant a UNB party names: exact qualifier first, then one without."""
        entries = self.by_edi.get(value, ())
        for wanted in (qualifier, ""):
            for q, member_id in entries:
                if q == wanted:
                    return self.members[member_id]
        return None

    def member_for_party_code(self, code: str) -> Member | None:
        """The participant a NAD party code names, by any of its codes; None if unknown or
        ambiguous (two participants known by the same code in different schemes)."""
        ids = self.by_any_code.get(code, ())
        return self.members[ids[0]] if len(ids) == 1 else None

    def members_with_role(self, role: str) -> list[Member]:
        return [self.members[i] for i in self.by_role.get(role, ())]

    def profile(self, member_id: int, message_type: str) -> Profile | None:
        mine = self.profiles.get(member_id)
        if not mine:
            return None
        return mine.get(message_type) or mine.get("*")


def load_community(session: Session, local_timezone: str = LOCAL_TIMEZONE) -> Community:
    """The community; members without a time zone of their own keep ``local_timezone``."""
    members = _load_members(session, local_timezone)
    by_edi: dict[str, list[tuple[str, int]]] = defaultdict(list)
    by_any: dict[str, set[int]] = defaultdict(set)
    by_role: dict[str, list[int]] = defaultdict(list)
    for m in members.values():
        by_any[m.code].add(m.id)
        for value, qualifier in m.edi_ids:
            by_edi[value].append((qualifier, m.id))
        if m.active:
            for role in m.roles:
                by_role[role].append(m.id)
    for pid, value in session.execute(
        select(ParticipantIdentifier.participant_id, ParticipantIdentifier.value)
    ):
        by_any[value].add(pid)
    return Community(
        members=members,
        rules=_load_rules(session),
        profiles=_load_profiles(session),
        subscriptions=_load_subscriptions(session),
        permissions={
            p.message_type: frozenset(r for r in p.roles.split(",") if r)
            for p in session.scalars(select(SenderPermission))
        },
        webhooks={
            w.participant_id: Webhook(w.url, w.secret)
            for w in session.scalars(select(WebhookEndpoint).where(WebhookEndpoint.enabled))
        },
        by_edi={k: tuple(v) for k, v in by_edi.items()},
        by_any_code={k: tuple(sorted(v)) for k, v in by_any.items()},
        by_role={k: tuple(v) for k, v in by_role.items()},
    )


def _load_members(session: Session, local_timezone: str) -> dict[int, Member]:
    roles: dict[int, set[str]] = defaultdict(set)
    for pid, role in session.execute(select(ParticipantRole.participant_id, ParticipantRole.role)):
        roles[pid].add(role)
    edi: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pid, value, qualifier in session.execute(
        select(
            ParticipantIdentifier.participant_id,
            ParticipantIdentifier.value,
            ParticipantIdentifier.qualifier,
        )
        .where(ParticipantIdentifier.scheme == EDI_SCHEME)
        .order_by(ParticipantIdentifier.id)
    ):
        edi[pid].append((value, qualifier or ""))
    local = _zone(local_timezone, UTC, "the platform's local_timezone")
    checks: dict[int, str] = {
        pid: level
        for pid, level in session.execute(
            select(SenderCheck.participant_id, SenderCheck.strictness)
        ).tuples()
    }
    return {
        pid: Member(
            pid,
            code,
            status,
            frozenset(roles[pid]),
            tuple(edi[pid]),
            _zone(zone, local, f"participant {code}") if zone else local,
            checks.get(pid, STANDARD),
        )
        for pid, code, status, zone in session.execute(
            select(Participant.id, Participant.code, Participant.status, Participant.time_zone)
        )
    }


def _zone(name: str, fallback: tzinfo, whose: str) -> tzinfo:
    """The zone named; a name the zone database no longer knows (zones are checked when set,
    but the database can change under them) falls back, loudly, rather than stop the hub."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        log.error("unknown time zone %r of %s; using %s", name, whose, fallback)
        return fallback


def _load_rules(session: Session) -> tuple[Rule, ...]:
    return tuple(
        Rule(
            r.id,
            r.description,
            r.message_type,
            r.sender_id,
            r.recipient_id,
            r.recipient_role,
            r.party_qualifier,
        )
        for r in session.scalars(
            select(RoutingRule).where(RoutingRule.enabled).order_by(RoutingRule.id)
        )
    )


def _load_profiles(session: Session) -> dict[int, dict[str, Profile]]:
    profiles: dict[int, dict[str, Profile]] = defaultdict(dict)
    for p in session.scalars(select(RecipientProfile)):
        profiles[p.participant_id][p.message_type] = Profile(
            p.message_type, p.format, p.version, p.channel, p.accepts_test, p.wants_contrl
        )
    return dict(profiles)


def _load_subscriptions(session: Session) -> dict[str, tuple[tuple[int, int | None], ...]]:
    subs: dict[str, list[tuple[int, int | None]]] = defaultdict(list)
    for s in session.scalars(select(Subscription).order_by(Subscription.id)):
        subs[s.message_type].append((s.participant_id, s.sender_id))
    return {k: tuple(v) for k, v in subs.items()}


def config_version(session: Session) -> int:
    version = session.scalar(select(ConfigStamp.version).where(ConfigStamp.id == 1))
    return int(version or 0)


def bump_config_version(session: Session) -> None:
    """Call in the transaction of every exchange configuration change."""
    result = session.execute(
        update(ConfigStamp).where(ConfigStamp.id == 1).values(version=ConfigStamp.version + 1)
    )
    if int(result.rowcount) == 0:  # type: ignore[attr-defined]
        session.add(ConfigStamp(id=1, version=1))
        session.flush()


class CommunityCache:
    """The community, reloaded when the configuration stamp moves or it is older than max_age;
    ``local_timezone`` is the zone of members without one of their own."""

    def __init__(
        self, max_age: float = MAX_AGE_SECONDS, local_timezone: str = LOCAL_TIMEZONE
    ) -> None:
        self.max_age = max_age
        self.local_timezone = local_timezone
        self._community: Community | None = None
        self._version = -1
        self._loaded_at = 0.0

    def get(self, session: Session) -> Community:
        version = config_version(session)
        fresh = time.monotonic() - self._loaded_at < self.max_age
        if self._community is None or version != self._version or not fresh:
            self._community = load_community(session, self.local_timezone)
            self._version = version
            self._loaded_at = time.monotonic()
        return self._community

    def invalidate(self) -> None:
        self._community = None
