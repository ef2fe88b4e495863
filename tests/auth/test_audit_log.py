"""The audit log is append-only: no code path changes it, and PostgreSQL refuses to."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError

import eport
from eport.auth.audit import list_events
from eport.auth.models import AuditEvent
from eport.bootstrap import Platform
from eport.participants.models import Participant

SOURCE = Path(eport.__file__).parent


def test_no_code_updates_or_deletes_audit_events() -> None:
    pattern = re.compile(
        r"(update|delete)\(\s*AuditEvent|audit_events\s+(SET|WHERE)|"
        r"(UPDATE|DELETE FROM)\s+audit_events",
        re.IGNORECASE,
    )
    offenders = [
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if "migrations" not in path.parts and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_security_acts_are_recorded_with_actor_and_origin(
    platform: Platform,
    make_participant: Callable[..., Participant],
    make_token: Callable[..., str],
) -> None:
    participant = make_participant("NBCT", roles=["terminal"])
    make_token("NBCT")
    with platform.uow() as uow:
        events = list_events(uow, participant_id=participant.id, before_id=None, limit=10)
        assert [e.action for e in events] == ["token.created", "participant.added"]
        assert {e.actor for e in events} == {"cli"}
        assert {e.ip for e in events} == {"127.0.0.1"}
        assert events[0].detail["scopes"] == ["messages:receive", "messages:send"]


@pytest.mark.postgres
@pytest.mark.parametrize(
    "statement",
    [
        update(AuditEvent).values(action="tampered"),
        delete(AuditEvent),
    ],
)
def test_postgresql_refuses_to_change_the_audit_log(
    platform: Platform,
    make_participant: Callable[..., Participant],
    statement: object,
) -> None:
    make_participant("NBCT", roles=["terminal"])
    with platform.engine.connect() as connection, pytest.raises(DBAPIError, match="append-only"):
        connection.execute(statement)  # type: ignore[call-overload]
    with platform.engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM audit_events")).scalar_one()
        assert count == 1
