"""The composition root: builds the engine, sessions and adapters from settings, once."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from eport.auth.token_cache import TokenCache
from eport.db.engine import is_sqlite, make_engine, make_session_factory
from eport.db.uow import UnitOfWork
from eport.settings import Settings


@dataclass
class Platform:
    """What a running eport process holds: its settings and its database."""

    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    secret_key: str = field(repr=False)
    token_cache: TokenCache = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.token_cache = TokenCache(self.settings.token_cache_seconds)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        self.engine.dispose()


def build_platform(settings: Settings) -> Platform:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    return Platform(
        settings=settings,
        engine=engine,
        session_factory=make_session_factory(engine),
        secret_key=settings.resolved_secret_key(),
    )


__all__ = ["Platform", "build_platform", "is_sqlite"]
