"""The scopes of eport's API: what a token or a logged-in user may do.

This is the one list of scopes; routes name the scope they need with ``require_scope``.
"""

from __future__ import annotations

MESSAGES_SEND = "messages:send"
MESSAGES_RECEIVE = "messages:receive"
PARTICIPANTS_READ = "participants:read"
PARTICIPANTS_ADMIN = "participants:admin"
USERS_ADMIN = "users:admin"
TOKENS_ADMIN = "tokens:admin"
AUDIT_READ = "audit:read"
CONFIG_ADMIN = "config:admin"

SCOPES: dict[str, str] = {
    MESSAGES_SEND: "send messages (interchanges, documents) to the exchange hub",
    MESSAGES_RECEIVE: "collect and read the messages addressed to one's own participant",
    PARTICIPANTS_READ: "read one's own participant; an operator reads all participants",
    PARTICIPANTS_ADMIN: "add, approve, suspend participants and edit their codes (operator)",
    USERS_ADMIN: "add and list the users of one's own participant (any, for an operator)",
    TOKENS_ADMIN: "create, list and revoke API tokens of one's own participant",
    AUDIT_READ: "read the audit log of one's own participant (all of it, for an operator)",
    CONFIG_ADMIN: "change platform configuration: routes, code mappings, partner settings",
}

# Scopes only a participant with the role ``operator`` can hold.
OPERATOR_SCOPES = frozenset({PARTICIPANTS_ADMIN, CONFIG_ADMIN})
PARTICIPANT_SCOPES = frozenset(SCOPES) - OPERATOR_SCOPES
ALL_SCOPES = frozenset(SCOPES)

# What `eport tokens create --participant CODE` grants when no --scope is given:
# what a participant's system needs to send and to collect messages.
DEFAULT_TOKEN_SCOPES = frozenset({MESSAGES_SEND, MESSAGES_RECEIVE})

# What a portal user may do, by the user's role inside its participant.
USER_ROLE_SCOPES: dict[str, frozenset[str]] = {
    "admin": PARTICIPANT_SCOPES,
    "clerk": frozenset({MESSAGES_SEND, MESSAGES_RECEIVE, PARTICIPANTS_READ}),
    "viewer": frozenset({MESSAGES_RECEIVE, PARTICIPANTS_READ}),
}
USER_ROLES = tuple(USER_ROLE_SCOPES)


def user_scopes(user_role: str, participant_roles: frozenset[str]) -> frozenset[str]:
    """The scopes of a logged-in user; an operator's admins also administer the platform."""
    scopes = USER_ROLE_SCOPES.get(user_role, frozenset())
    if user_role == "admin" and "operator" in participant_roles:
        return scopes | OPERATOR_SCOPES
    return scopes


def unknown_scopes(scopes: frozenset[str]) -> frozenset[str]:
    return scopes - ALL_SCOPES
