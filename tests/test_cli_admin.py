"""The operator's administration commands: participants, users, tokens."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from eport.bootstrap import Platform
from eport.cli.main import app as cli

Run = Callable[..., "Result"]


class Result:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr


@pytest.fixture
def run(platform: Platform) -> Callable[..., Result]:
    env = {
        "EPORT_DATABASE_URL": platform.settings.database_url,
        "EPORT_DATA_DIR": str(platform.settings.data_dir),
        "EPORT_SECRET_KEY": platform.secret_key,
        "EPORT_ENVIRONMENT": "test",
    }

    def invoke(*args: str, stdin: str | None = None) -> Result:
        result = CliRunner().invoke(cli, list(args), env=env, input=stdin)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        return Result(result.exit_code, result.stdout, result.stderr)

    return invoke


def test_add_participant_then_token_authenticates(
    run: Callable[..., Result], client: TestClient
) -> None:
    added = run(
        "participants",
        "add",
        "--code",
        "COSCO",
        "--name",
        "COSCO Shipping",
        "--role",
        "carrier",
        "--edi-id",
        "COSCO",
        "--edi-id",
        "ZZZ:COSU",
    )
    assert added.code == 0, added.stderr
    assert added.stdout.split("\t")[:4] == ["COSCO", "active", "carrier", "COSCO,ZZZ:COSU"]
    created = run("tokens", "create", "--participant", "COSCO", "--scope", "participants:read")
    assert created.code == 0, created.stderr
    token = created.stdout.strip().splitlines()[-1]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["code"] == "COSCO"


def test_default_token_scopes_are_for_sending_and_collecting(run: Callable[..., Result]) -> None:
    run("participants", "add", "--code", "NBCT", "--name", "NBCT", "--role", "terminal")
    created = run("tokens", "create", "--participant", "NBCT")
    assert created.stdout.count("\n") == 1  # the token alone
    assert "messages:receive messages:send" in created.stderr
    listed = run("tokens", "list").stdout
    assert "messages:receive,messages:send" in listed


def test_errors_are_clear_and_fail(run: Callable[..., Result]) -> None:
    bad_role = run("participants", "add", "--code", "X1", "--name", "X", "--role", "pirate")
    assert bad_role.code != 0 and "pirate" in bad_role.stderr and bad_role.stdout == ""
    assert "Traceback" not in bad_role.stderr
    missing = run("tokens", "create", "--participant", "NOPE")
    assert missing.code != 0 and "NOPE" in missing.stderr
    bad_credit = run(
        "participants",
        "add",
        "--code",
        "X2",
        "--name",
        "X",
        "--role",
        "shipper",
        "--credit-code",
        "91350100M000100Y44",
    )
    assert bad_credit.code != 0 and "check character" in bad_credit.stderr


def test_approve_and_suspend(run: Callable[..., Result], client: TestClient) -> None:
    client.post(
        "/public/v1/applications",
        json={
            "code": "NBFWD",
            "name_en": "NB Forwarding",
            "roles": ["forwarder"],
            "contact_name": "Li",
            "contact_email": "li@nbfwd.example",
        },
    )
    assert "NBFWD\tapplied" in run("participants", "list", "--status", "applied").stdout
    assert run("participants", "approve", "NBFWD").stdout.startswith("NBFWD\tactive")
    assert run("participants", "approve", "NBFWD").code != 0
    assert run("participants", "suspend", "NBFWD").stdout.startswith("NBFWD\tsuspended")
    assert run("participants", "reactivate", "NBFWD").stdout.startswith("NBFWD\tactive")


def test_users_add_with_generated_or_given_password(
    run: Callable[..., Result], client: TestClient
) -> None:
    run("participants", "add", "--code", "NBCT", "--name", "NBCT", "--role", "terminal")
    generated = run(
        "users", "add", "--participant", "NBCT", "--username", "nbct.admin", "--role", "admin"
    )
    password = generated.stdout.strip().splitlines()[-1]
    given = run(
        "users",
        "add",
        "--participant",
        "NBCT",
        "--username",
        "nbct.viewer",
        "--role",
        "viewer",
        "--password-stdin",
        stdin="a-chosen-password\n",
    )
    assert given.code == 0 and given.stdout == ""
    assert "nbct.viewer\t" in run("users", "list", "--participant", "NBCT").stdout
    for username, secret in [("nbct.admin", password), ("nbct.viewer", "a-chosen-password")]:
        page = client.get("/portal/login")
        csrf = client.cookies["eport_login_csrf"]
        response = client.post(
            "/portal/login",
            data={"username": username, "password": secret, "csrf_token": csrf},
            follow_redirects=False,
        )
        assert response.status_code == 303, (username, page.status_code)


def test_revoke_by_prefix(run: Callable[..., Result], client: TestClient) -> None:
    run("participants", "add", "--code", "NBCT", "--name", "NBCT", "--role", "terminal")
    token = run(
        "tokens", "create", "--participant", "NBCT", "--scope", "participants:read"
    ).stdout.strip()
    assert run("tokens", "revoke", token[:12]).code == 0
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 401


def test_users_disable_enable_unlock(run: Callable[..., Result]) -> None:
    run("participants", "add", "--code", "NBCT", "--name", "NBCT", "--role", "terminal")
    run("users", "add", "--participant", "NBCT", "--username", "nbct.clerk")
    assert run("users", "disable", "nbct.clerk").stdout == "nbct.clerk\tdisabled\n"
    assert run("users", "enable", "nbct.clerk").stdout == "nbct.clerk\tactive\n"
    assert run("users", "unlock", "nbct.clerk").code == 0
    missing = run("users", "unlock", "nobody")
    assert missing.code != 0 and "nobody" in missing.stderr
