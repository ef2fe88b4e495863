"""Settings: defaults, the generated secret, refusal of placeholder secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from eport.db.engine import normalize_url
from eport.settings import load_settings


def test_sqlite_under_the_data_folder_is_the_default(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    assert settings.database_url == f"sqlite:///{(tmp_path / 'eport.db').as_posix()}"


def test_a_secret_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = load_settings(data_dir=tmp_path).resolved_secret_key()
    second = load_settings(data_dir=tmp_path).resolved_secret_key()
    assert first == second
    assert len(first) >= 48
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("placeholder", ["changeme", "secret", "dev"])
def test_placeholder_secrets_are_refused_outside_development(
    tmp_path: Path, placeholder: str
) -> None:
    with pytest.raises(ValueError, match="placeholder"):
        load_settings(data_dir=tmp_path, secret_key=placeholder).resolved_secret_key()
    dev = load_settings(data_dir=tmp_path, secret_key=placeholder, environment="development")
    assert dev.resolved_secret_key() == placeholder


def test_settings_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EPORT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("EPORT_DATABASE_URL", "postgresql://u@db.example/eport")
    settings = load_settings()
    assert settings.data_dir == tmp_path
    assert normalize_url(settings.database_url) == "postgresql+psycopg://u@db.example/eport"


def test_an_unknown_local_time_zone_is_refused_at_start(tmp_path: Path) -> None:
    assert load_settings(data_dir=tmp_path, local_timezone="Europe/Amsterdam").local_timezone
    with pytest.raises(ValueError, match="unknown IANA time zone"):
        load_settings(data_dir=tmp_path, local_timezone="Asia/Atlantis")
