"""The exchange hub's REST API: channels (upload, mailbox) and its configuration.

Operator only: routing rules, recipient profiles, sender permissions, how strictly each
sender is checked, dead letters.
Each participant for itself: its webhook and its subscriptions.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from eport.exchange import configuration as config
from eport.exchange import deadletters
from eport.exchange.channels import http_upload, mailbox_pull
from eport.exchange.strictness import Level
from eport.web.deps import OperatorDep, PlatformDep, PrincipalDep
from eport.web.pagination import clamp_limit
from eport.web.problems import Problem

router = APIRouter(prefix="/exchange", tags=["exchange configuration"])


def routers() -> list[APIRouter]:
    return [http_upload.router, mailbox_pull.router, router]


class RuleIn(BaseModel):
    description: str = ""
    message_type: str | None = None
    sender: str | None = Field(None, description="participant code")
    recipient: str | None = Field(None, description="participant code")
    recipient_role: str | None = None
    party_qualifier: str | None = Field(None, description="NAD party qualifier, e.g. CF")
    enabled: bool = True


class ProfileIn(BaseModel):
    format: str = "edifact"
    version: str = ""
    channel: str = "mailbox"
    accepts_test: bool = False
    wants_contrl: bool = False


class PermissionIn(BaseModel):
    roles: list[str]


class SubscriptionIn(BaseModel):
    message_type: str
    sender: str | None = None


class WebhookIn(BaseModel):
    url: str
    enabled: bool = True


def _config(call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except config.ConfigError as exc:
        raise Problem(422, str(exc)) from exc
    except (config.ConfigNotFound, deadletters.DeadLetterNotFound) as exc:
        raise Problem(404, str(exc)) from exc


@router.get("/routes", summary="Routing rules")
def list_routes(_: OperatorDep, platform: PlatformDep) -> list[dict[str, Any]]:
    """Caller: the operator."""
    return config.list_rules(platform)


@router.post("/routes", status_code=201, summary="Add a routing rule")
def add_route(body: RuleIn, _: OperatorDep, platform: PlatformDep) -> dict[str, Any]:
    """Caller: the operator."""
    result: dict[str, Any] = _config(
        config.add_rule, platform, config.RuleDraft(**body.model_dump())
    )
    return result


@router.delete(
    "/routes/{rule_id}", status_code=204, response_class=Response, summary="Delete a routing rule"
)
def delete_route(rule_id: int, _: OperatorDep, platform: PlatformDep) -> Response:
    """Caller: the operator."""
    _config(config.delete_rule, platform, rule_id)
    return Response(status_code=204)


@router.get("/profiles", summary="Recipient profiles")
def list_profiles(_: OperatorDep, platform: PlatformDep) -> list[dict[str, Any]]:
    """Caller: the operator."""
    return config.list_profiles(platform)


@router.put("/profiles/{participant}/{message_type}", summary="Set a recipient profile")
def put_profile(
    participant: str, message_type: str, body: ProfileIn, _: OperatorDep, platform: PlatformDep
) -> dict[str, Any]:
    """Caller: the operator. ``message_type`` ``*`` sets the participant's default."""
    draft = config.ProfileDraft(message_type=message_type, **body.model_dump())
    result: dict[str, Any] = _config(config.set_profile, platform, participant, draft)
    return result


class StrictnessIn(BaseModel):
    strictness: Level


@router.get("/strictness", summary="Senders checked at another level than the standard")
def list_strictness(_: OperatorDep, platform: PlatformDep) -> list[dict[str, Any]]:
    """Caller: the operator."""
    return config.list_strictness(platform)


@router.put("/strictness/{participant}", summary="Set how strictly a sender is checked")
def put_strictness(
    participant: str, body: StrictnessIn, _: OperatorDep, platform: PlatformDep
) -> dict[str, Any]:
    """Caller: the operator. ``strict``: every finding of the syntax and the guides is an
    error; ``standard`` (default): a character outside the repertoire or a stray separator
    is a warning; ``lenient``: wrong counts, too many repetitions and values of the wrong
    length or character type are warnings too. Warnings are reported, never rejected."""
    result: dict[str, Any] = _config(config.set_strictness, platform, participant, body.strictness)
    return result


@router.get("/permissions", summary="Which roles may send which message types")
def list_permissions(_: OperatorDep, platform: PlatformDep) -> list[dict[str, Any]]:
    """Caller: the operator."""
    return config.list_permissions(platform)


@router.put("/permissions/{message_type}", summary="Set the roles that may send a type")
def put_permission(
    message_type: str, body: PermissionIn, _: OperatorDep, platform: PlatformDep
) -> dict[str, Any]:
    """Caller: the operator. Roles ``["*"]`` lets any role send it."""
    result: dict[str, Any] = _config(config.set_permission, platform, message_type, body.roles)
    return result


@router.delete(
    "/permissions/{message_type}",
    status_code=204,
    response_class=Response,
    summary="Back to the default roles for a type",
)
def delete_permission(message_type: str, _: OperatorDep, platform: PlatformDep) -> Response:
    """Caller: the operator."""
    config.reset_permission(platform, message_type)
    return Response(status_code=204)


@router.get("/deadletters", summary="Dead letters")
def list_dead_letters(
    _: OperatorDep, platform: PlatformDep, status: str | None = "open", limit: int | None = None
) -> list[dict[str, Any]]:
    """Caller: the operator."""
    return deadletters.list_dead_letters(platform, status or None, clamp_limit(limit))


@router.get("/deadletters/{dead_letter_id}", summary="One dead letter with its trace")
def show_dead_letter(dead_letter_id: int, _: OperatorDep, platform: PlatformDep) -> dict[str, Any]:
    """Caller: the operator."""
    result: dict[str, Any] = _config(deadletters.show_dead_letter, platform, dead_letter_id)
    return result


@router.post("/deadletters/{dead_letter_id}/replay", summary="Replay a dead letter")
def replay_dead_letter(
    dead_letter_id: int, _: OperatorDep, platform: PlatformDep
) -> dict[str, Any]:
    """Caller: the operator (after fixing what the reason names)."""
    result: dict[str, Any] = _config(deadletters.replay, platform, dead_letter_id)
    return result


@router.get("/webhook", summary="One's own webhook")
def get_webhook(principal: PrincipalDep, platform: PlatformDep) -> dict[str, Any]:
    """Caller: any participant, for itself."""
    found = config.get_webhook(platform, principal.participant_id)
    if found is None:
        raise Problem(404, "no webhook configured")
    return found


@router.put("/webhook", summary="Set one's own webhook (the secret is shown once)")
def put_webhook(body: WebhookIn, principal: PrincipalDep, platform: PlatformDep) -> dict[str, Any]:
    """Caller: any participant, for itself."""
    result: dict[str, Any] = _config(
        config.set_webhook, platform, principal.participant_id, body.url, body.enabled
    )
    return result


@router.delete(
    "/webhook", status_code=204, response_class=Response, summary="Remove one's own webhook"
)
def delete_webhook(principal: PrincipalDep, platform: PlatformDep) -> Response:
    """Caller: any participant, for itself."""
    config.delete_webhook(platform, principal.participant_id)
    return Response(status_code=204)


@router.get("/subscriptions", summary="One's own subscriptions")
def list_subscriptions(principal: PrincipalDep, platform: PlatformDep) -> list[dict[str, Any]]:
    """Caller: any participant, for itself."""
    return config.list_subscriptions(platform, principal.participant_id)


@router.post("/subscriptions", status_code=201, summary="Subscribe to a message type")
def add_subscription(
    body: SubscriptionIn, principal: PrincipalDep, platform: PlatformDep
) -> dict[str, Any]:
    """Caller: any participant, for itself. Only messages it is entitled to arrive:
    those naming it as a party (authorities: all of the type)."""
    result: dict[str, Any] = _config(
        config.subscribe, platform, principal.participant_id, body.message_type, body.sender
    )
    return result


@router.delete(
    "/subscriptions/{subscription_id}",
    status_code=204,
    response_class=Response,
    summary="Cancel a subscription",
)
def delete_subscription(
    subscription_id: int, principal: PrincipalDep, platform: PlatformDep
) -> Response:
    """Caller: the participant that holds the subscription (others get 404)."""
    _config(config.unsubscribe, platform, principal.participant_id, subscription_id)
    return Response(status_code=204)
