"""Settings of a running eport, read once from the environment at start and passed down."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Values that look like a secret but are not one; refused outside development.
PLACEHOLDER_SECRETS = frozenset(
    {"", "changeme", "change-me", "secret", "dev", "development", "test"}
)


class Settings(BaseSettings):
    """All of eport's settings; every field comes from an ``EPORT_*`` variable."""

    model_config = SettingsConfigDict(env_prefix="EPORT_", extra="ignore")

    environment: Literal["development", "test", "production"] = "production"
    data_dir: Path = Path("data")
    database_url: str = ""
    secret_key: str = ""
    platform_edi_id: str = Field(default="EPORT", description="UNB ID the platform sends as")
    platform_edi_qualifier: str = "ZZZ"
    max_request_bytes: int = 20 * 1024 * 1024
    max_interchange_bytes: int = 20 * 1024 * 1024
    rate_limit_per_second: float = 500.0
    rate_limit_burst: int = 2000
    duplicate_window_hours: int = 72
    login_max_failures: int = 5
    login_lockout_seconds: int = 900
    session_hours: int = 12
    token_cache_seconds: float = Field(
        default=5.0,
        ge=0,
        description=(
            "How long a web process trusts an API token it has checked without asking the"
            " database again. Revocation and suspension take effect at once in the process"
            " that made them and within this many seconds in the others; 0 turns it off."
        ),
    )
    workers: int = 2  # worker processes beside `eport serve` on PostgreSQL (SQLite: one)
    webhook_timeout_seconds: float = 10.0
    webhook_retry_horizon_seconds: int = 24 * 3600
    local_timezone: str = Field(
        default="Asia/Shanghai",
        description="IANA zone of participants that have none of their own (EDIFACT times).",
    )
    log_json: bool | None = None

    @field_validator("local_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown IANA time zone {value!r}") from error
        return value

    @model_validator(mode="after")
    def _fill_defaults(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{(self.data_dir / 'eport.db').as_posix()}"
        return self

    def resolved_secret_key(self) -> str:
        """The signing secret: the configured one, else one generated once and kept in data_dir."""
        if self.secret_key:
            if self.secret_key.lower() in PLACEHOLDER_SECRETS and self.environment != "development":
                raise ValueError("EPORT_SECRET_KEY is a placeholder; set a real secret")
            return self.secret_key
        path = self.data_dir / "secret_key"
        if path.exists():
            return path.read_text().strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        path.write_text(key)
        path.chmod(0o600)
        return key


def load_settings(**overrides: object) -> Settings:
    """Read the settings from the environment; ``overrides`` win (used by tests)."""
    return Settings(**overrides)  # type: ignore[arg-type]
