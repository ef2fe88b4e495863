"""The engine: a pooled connection that the server closed while it sat idle is replaced."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text

from eport.bootstrap import Platform
from eport.db import engine as engine_module


def test_a_connection_closed_by_the_server_while_idle_is_replaced(
    platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    if platform.is_sqlite:
        pytest.skip("needs PostgreSQL (set EPORT_TEST_DATABASE_URL)")
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_SECONDS", 0.0)
    with platform.engine.connect() as conn:
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    url = platform.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as other:  # not from the pool: it holds only pid
        other.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with platform.engine.connect() as conn:
        assert conn.execute(text("SELECT pg_backend_pid()")).scalar_one() != pid
