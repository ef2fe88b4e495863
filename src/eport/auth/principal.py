"""Who is calling: the principal every authenticated request and command carries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from eport.auth.scopes import ALL_SCOPES

OPERATOR_ROLE = "operator"


@dataclass(frozen=True)
class Principal:
    """The caller of a use case, established by the authentication middleware or the CLI.

    ``kind`` says how: an API token, a portal session, or the operator's command line
    (which acts for the platform itself and holds every scope).
    """

    kind: Literal["token", "session", "cli"]
    participant_id: int
    participant_code: str
    roles: frozenset[str]
    scopes: frozenset[str]
    user_id: int | None = None
    token_id: int | None = None
    username: str | None = None

    @property
    def is_operator(self) -> bool:
        return OPERATOR_ROLE in self.roles

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    @property
    def actor(self) -> str:
        """How the audit log names this caller."""
        if self.kind == "cli":
            return "cli"
        if self.kind == "token":
            return f"token:{self.token_id}@{self.participant_code}"
        return f"user:{self.username or self.user_id}@{self.participant_code}"


# The command line runs on the platform's host with its database credentials: it acts as
# the operator, outside any participant (participant_id 0 names no row).
CLI_PRINCIPAL = Principal(
    kind="cli",
    participant_id=0,
    participant_code="",
    roles=frozenset({OPERATOR_ROLE}),
    scopes=ALL_SCOPES,
)
