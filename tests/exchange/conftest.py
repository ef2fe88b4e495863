"""Fixtures of the exchange hub's tests: a small port community and a worker."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from eport.bootstrap import Platform
from eport.exchange import configuration as config
from eport.exchange.worker import Worker, WorkerOptions
from eport.settings import Settings

from .support import Community


@pytest.fixture
def community(
    platform: Platform,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
) -> Community:
    ids = {}
    for code, role, edi in [
        ("TERMA", "terminal", "TERMA"),
        ("CARRB", "carrier", "ZZZ:CARRB"),
        ("CUSTA", "customs", "CUSTA"),
        ("FWDX", "forwarder", "FWDX"),
        ("OPER", "operator", "OPER"),
    ]:
        participant = make_participant(code, roles=[role], edi_ids=[edi])
        ids[code] = participant.id  # type: ignore[attr-defined]
    config.add_rule(
        platform,
        config.RuleDraft(
            description="container operator of a gate event",
            message_type="CODECO",
            party_qualifier="CF",
        ),
    )
    return Community(
        terminal=make_token("TERMA"),
        carrier=make_token("CARRB"),
        customs=make_token("CUSTA"),
        stranger=make_token("FWDX"),
        operator=make_token(
            "OPER",
            scopes=["messages:send", "messages:receive", "config:admin", "participants:admin"],
        ),
        ids=ids,
    )


@pytest.fixture
def worker(platform: Platform) -> Iterator[Worker]:
    w = Worker(platform, WorkerOptions(batch_size=20, lease_seconds=30))
    yield w
    w.close()


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's environment: the test database and data folder."""
    monkeypatch.setenv("EPORT_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("EPORT_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("EPORT_SECRET_KEY", settings.secret_key)
    monkeypatch.setenv("EPORT_ENVIRONMENT", "test")
