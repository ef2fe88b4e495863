"""Use cases that change the exchange configuration: routing rules, recipient profiles,
subscriptions, sender permissions and webhooks. Each bumps the configuration stamp in the
same transaction so that workers reload it before their next batch.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import delete, select

from eport.bootstrap import Platform
from eport.exchange.community import bump_config_version
from eport.exchange.models import (
    RecipientProfile,
    RoutingRule,
    SenderCheck,
    SenderPermission,
    Subscription,
    WebhookEndpoint,
)
from eport.exchange.senders import ANY_ROLE, permission_table
from eport.exchange.strictness import STANDARD, check_level
from eport.exchange.webhooks import check_url, new_secret
from eport.participants.models import Participant
from eport.participants.rules import ROLES

FORMATS = ("edifact",)
CHANNELS = ("mailbox", "webhook")


class ConfigError(ValueError):
    """A configuration change that cannot be made (unknown participant, bad value, ...)."""


class ConfigNotFound(LookupError):
    pass


@dataclass(frozen=True)
class RuleDraft:
    description: str = ""
    message_type: str | None = None
    sender: str | None = None  # participant code
    recipient: str | None = None  # participant code
    recipient_role: str | None = None
    party_qualifier: str | None = None
    enabled: bool = True


def _participant_id(session: Any, code: str | None) -> int | None:
    if code is None:
        return None
    pid = session.scalar(select(Participant.id).where(Participant.code == code.upper()))
    if pid is None:
        raise ConfigError(f"no participant {code!r}")
    return int(pid)


def _codes(session: Any) -> dict[int, str]:
    return {row[0]: row[1] for row in session.execute(select(Participant.id, Participant.code))}


def _check_role(role: str | None) -> None:
    if role is not None and role not in ROLES:
        raise ConfigError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")


def _check_type(message_type: str | None) -> str | None:
    if message_type is None:
        return None
    value = message_type.strip().upper()
    if not (value == "*" or (value.isalnum() and 1 <= len(value) <= 6)):
        raise ConfigError(f"{message_type!r} is not a message type (e.g. CODECO)")
    return value


def add_rule(platform: Platform, draft: RuleDraft) -> dict[str, Any]:
    if not (draft.recipient or draft.recipient_role or draft.party_qualifier):
        raise ConfigError("a rule needs a recipient, a recipient role or a party qualifier")
    _check_role(draft.recipient_role)
    with platform.uow() as uow:
        s = uow.session
        rule = RoutingRule(
            description=draft.description[:200],
            enabled=draft.enabled,
            message_type=_check_type(draft.message_type),
            sender_id=_participant_id(s, draft.sender),
            recipient_id=_participant_id(s, draft.recipient),
            recipient_role=draft.recipient_role,
            party_qualifier=draft.party_qualifier.upper() if draft.party_qualifier else None,
        )
        s.add(rule)
        bump_config_version(s)
        s.flush()
        out = _rule_dict(rule, _codes(s))
        uow.commit()
    return out


def list_rules(platform: Platform) -> list[dict[str, Any]]:
    with platform.uow() as uow:
        codes = _codes(uow.session)
        return [
            _rule_dict(r, codes)
            for r in uow.session.scalars(select(RoutingRule).order_by(RoutingRule.id))
        ]


def delete_rule(platform: Platform, rule_id: int) -> None:
    with platform.uow() as uow:
        if uow.session.execute(delete(RoutingRule).where(RoutingRule.id == rule_id)).rowcount == 0:  # type: ignore[attr-defined]
            raise ConfigNotFound(f"no routing rule {rule_id}")
        bump_config_version(uow.session)
        uow.commit()


def _rule_dict(r: RoutingRule, codes: dict[int, str]) -> dict[str, Any]:
    return {
        "id": r.id,
        "description": r.description,
        "enabled": r.enabled,
        "message_type": r.message_type,
        "sender": codes.get(r.sender_id) if r.sender_id else None,
        "recipient": codes.get(r.recipient_id) if r.recipient_id else None,
        "recipient_role": r.recipient_role,
        "party_qualifier": r.party_qualifier,
    }


@dataclass(frozen=True)
class ProfileDraft:
    message_type: str = "*"
    format: str = "edifact"
    version: str = ""
    channel: str = "mailbox"
    accepts_test: bool = False
    wants_contrl: bool = False


def set_profile(platform: Platform, participant: str, draft: ProfileDraft) -> dict[str, Any]:
    """Create or replace the participant's profile for one message type (``*`` = default)."""
    if draft.channel not in CHANNELS:
        raise ConfigError(f"channel must be one of {', '.join(CHANNELS)}")
    message_type = _check_type(draft.message_type) or "*"
    with platform.uow() as uow:
        s = uow.session
        pid = _participant_id(s, participant)
        row = s.scalar(
            select(RecipientProfile).where(
                RecipientProfile.participant_id == pid,
                RecipientProfile.message_type == message_type,
            )
        )
        if row is None:
            row = RecipientProfile(participant_id=pid, message_type=message_type)
            s.add(row)
        row.format, row.version, row.channel = draft.format.lower(), draft.version, draft.channel
        row.accepts_test, row.wants_contrl = draft.accepts_test, draft.wants_contrl
        bump_config_version(s)
        uow.commit()
    return {"participant": participant.upper(), **asdict(draft), "message_type": message_type}


def list_profiles(platform: Platform, participant_id: int | None = None) -> list[dict[str, Any]]:
    with platform.uow() as uow:
        codes = _codes(uow.session)
        stmt = select(RecipientProfile).order_by(
            RecipientProfile.participant_id, RecipientProfile.message_type
        )
        if participant_id is not None:
            stmt = stmt.where(RecipientProfile.participant_id == participant_id)
        return [
            {
                "participant": codes.get(p.participant_id),
                "message_type": p.message_type,
                "format": p.format,
                "version": p.version,
                "channel": p.channel,
                "accepts_test": p.accepts_test,
                "wants_contrl": p.wants_contrl,
            }
            for p in uow.session.scalars(stmt)
        ]


def set_permission(platform: Platform, message_type: str, roles: list[str]) -> dict[str, Any]:
    """Which roles may send a message type (``*`` = any role); replaces the default."""
    mtype = _check_type(message_type)
    if mtype is None or mtype == "*":
        raise ConfigError("name one message type")
    for role in roles:
        if role != ANY_ROLE:
            _check_role(role)
    with platform.uow() as uow:
        s = uow.session
        row = s.get(SenderPermission, mtype) or SenderPermission(message_type=mtype)
        row.roles = ",".join(sorted(set(roles)))
        s.add(row)
        bump_config_version(s)
        uow.commit()
    return {"message_type": mtype, "roles": sorted(set(roles)), "source": "operator"}


def reset_permission(platform: Platform, message_type: str) -> None:
    with platform.uow() as uow:
        uow.session.execute(
            delete(SenderPermission).where(SenderPermission.message_type == message_type.upper())
        )
        bump_config_version(uow.session)
        uow.commit()


def list_permissions(platform: Platform) -> list[dict[str, Any]]:
    with platform.uow() as uow:
        overrides = {
            p.message_type: frozenset(r for r in p.roles.split(",") if r)
            for p in uow.session.scalars(select(SenderPermission))
        }
    return [
        {
            "message_type": t,
            "roles": sorted(roles) if roles is not None else [ANY_ROLE],
            "source": source,
        }
        for t, (roles, source) in permission_table(overrides).items()
    ]


def subscribe(
    platform: Platform, participant_id: int, message_type: str, sender: str | None = None
) -> dict[str, Any]:
    mtype = _check_type(message_type)
    if mtype is None or mtype == "*":
        raise ConfigError("subscribe to one message type")
    with platform.uow() as uow:
        s = uow.session
        sender_id = _participant_id(s, sender)
        existing = s.scalar(
            select(Subscription).where(
                Subscription.participant_id == participant_id,
                Subscription.message_type == mtype,
                Subscription.sender_id.is_(None)
                if sender_id is None
                else Subscription.sender_id == sender_id,
            )
        )
        sub = existing or Subscription(
            participant_id=participant_id, message_type=mtype, sender_id=sender_id
        )
        s.add(sub)
        bump_config_version(s)
        s.flush()
        out = {"id": sub.id, "message_type": mtype, "sender": sender.upper() if sender else None}
        uow.commit()
    return out


def list_subscriptions(platform: Platform, participant_id: int) -> list[dict[str, Any]]:
    with platform.uow() as uow:
        codes = _codes(uow.session)
        return [
            {
                "id": s.id,
                "message_type": s.message_type,
                "sender": codes.get(s.sender_id) if s.sender_id else None,
            }
            for s in uow.session.scalars(
                select(Subscription)
                .where(Subscription.participant_id == participant_id)
                .order_by(Subscription.id)
            )
        ]


def unsubscribe(platform: Platform, participant_id: int, subscription_id: int) -> None:
    with platform.uow() as uow:
        result = uow.session.execute(
            delete(Subscription).where(
                Subscription.id == subscription_id, Subscription.participant_id == participant_id
            )
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise ConfigNotFound(f"no subscription {subscription_id}")
        bump_config_version(uow.session)
        uow.commit()


def set_webhook(
    platform: Platform, participant_id: int, url: str, enabled: bool = True
) -> dict[str, Any]:
    """Set the participant's webhook; a new secret is made (and shown once) when none exists."""
    problem = check_url(url)
    if problem is not None:
        raise ConfigError(problem)
    with platform.uow() as uow:
        s = uow.session
        row = s.scalar(
            select(WebhookEndpoint).where(WebhookEndpoint.participant_id == participant_id)
        )
        created = row is None
        if row is None:
            row = WebhookEndpoint(participant_id=participant_id, secret=new_secret())
            s.add(row)
        row.url, row.enabled = url, enabled
        bump_config_version(s)
        out = {"url": url, "enabled": enabled}
        if created:
            out["secret"] = row.secret
        uow.commit()
    return out


def get_webhook(platform: Platform, participant_id: int) -> dict[str, Any] | None:
    with platform.uow() as uow:
        row = uow.session.scalar(
            select(WebhookEndpoint).where(WebhookEndpoint.participant_id == participant_id)
        )
        return None if row is None else {"url": row.url, "enabled": row.enabled}


def delete_webhook(platform: Platform, participant_id: int) -> None:
    with platform.uow() as uow:
        uow.session.execute(
            delete(WebhookEndpoint).where(WebhookEndpoint.participant_id == participant_id)
        )
        bump_config_version(uow.session)
        uow.commit()


def set_strictness(platform: Platform, participant: str, level: str) -> dict[str, Any]:
    """How strictly the participant's interchanges are checked from now on."""
    try:
        checked = check_level(level)
    except ValueError as error:
        raise ConfigError(str(error)) from error
    with platform.uow() as uow:
        s = uow.session
        pid = _participant_id(s, participant)
        row = s.get(SenderCheck, pid)  # pid is set: a code was given
        if row is None:
            s.add(SenderCheck(participant_id=pid, strictness=checked))
        else:
            row.strictness = checked
        bump_config_version(s)
        uow.commit()
    return {"participant": participant.upper(), "strictness": checked}


def list_strictness(platform: Platform) -> list[dict[str, Any]]:
    """Participants checked at another level than the standard one."""
    with platform.uow() as uow:
        codes = _codes(uow.session)
        rows = uow.session.scalars(select(SenderCheck).order_by(SenderCheck.participant_id))
        return [
            {"participant": codes.get(r.participant_id), "strictness": r.strictness}
            for r in rows
            if r.strictness != STANDARD
        ]
