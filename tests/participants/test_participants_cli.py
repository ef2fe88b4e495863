"""``eport participants``: the time zone a participant keeps time in."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from eport.bootstrap import Platform
from eport.cli.main import app as cli
from eport.participants.services import get_participant


def _run(platform: Platform, *args: str) -> tuple[int, str, str]:
    env = {
        "EPORT_DATABASE_URL": platform.settings.database_url,
        "EPORT_DATA_DIR": str(platform.settings.data_dir),
        "EPORT_SECRET_KEY": platform.secret_key,
        "EPORT_ENVIRONMENT": "test",
    }
    result = CliRunner().invoke(cli, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _zone(platform: Platform, code: str) -> str:
    with platform.uow() as uow:
        return get_participant(uow.session, code).time_zone


def test_add_with_a_time_zone_then_change_it(platform: Platform) -> None:
    code, _, err = _run(
        platform,
        "participants",
        "add",
        "--code",
        "NBCT",
        "--name",
        "Ningbo terminal",
        "--role",
        "terminal",
        "--time-zone",
        "Asia/Shanghai",
    )
    assert code == 0, err
    assert _zone(platform, "NBCT") == "Asia/Shanghai"

    code, out, err = _run(platform, "participants", "set-time-zone", "NBCT", "Europe/Amsterdam")
    assert code == 0, err
    assert out == "NBCT\tEurope/Amsterdam\n"
    assert _zone(platform, "NBCT") == "Europe/Amsterdam"
    _, listed, _ = _run(platform, "participants", "list", "--json")
    assert json.loads(listed)["time_zone"] == "Europe/Amsterdam"

    code, out, _ = _run(platform, "participants", "set-time-zone", "NBCT", "")
    assert (code, out) == (0, "NBCT\t-\n")
    assert _zone(platform, "NBCT") == ""


def test_an_unknown_time_zone_is_refused(platform: Platform) -> None:
    args = ["participants", "add", "--code", "NBCT", "--name", "NBCT", "--role", "terminal"]
    code, _, err = _run(platform, *args, "--time-zone", "Asia/Beijing")
    assert code != 0 and "unknown time zone 'Asia/Beijing'" in err
    assert _run(platform, *args)[0] == 0
    code, _, err = _run(platform, "participants", "set-time-zone", "NBCT", "CST")
    assert code != 0 and "unknown time zone 'CST'" in err
    assert _zone(platform, "NBCT") == ""
