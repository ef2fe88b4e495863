"""The exchange commands: send, worker's one-shot equivalent, routes, permissions, dead letters."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from eport.bootstrap import Platform
from eport.cli.main import app
from eport.exchange.worker import Worker

from .samples import codeco


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_send_route_and_replay_from_the_command_line(
    env: None, platform: Platform, tmp_path: Path, make_participant: Callable[..., object]
) -> None:
    make_participant("TERMA", roles=["terminal"], edi_ids=["TERMA"])
    make_participant("CARRB", roles=["carrier"], edi_ids=["CARRB"])
    file = tmp_path / "gate.edi"
    file.write_bytes(codeco(carrier="CARRB"))
    interchange_id = int(_run("send", str(file), "--as", "TERMA").strip().splitlines()[-1])
    worker = Worker(platform)
    worker.drain()
    dead = json.loads(_run("deadletters", "list"))
    assert [d["interchange_id"] for d in dead] == [interchange_id]
    shown = json.loads(_run("deadletters", "show", str(dead[0]["id"])))
    assert shown["trace"][0]["step"] == "receive"
    rule = json.loads(_run("routes", "add", "--message-type", "CODECO", "--party", "CF"))
    assert rule["party_qualifier"] == "CF"
    assert [r["id"] for r in json.loads(_run("routes", "list"))] == [rule["id"]]
    _run("deadletters", "replay", str(dead[0]["id"]))
    worker.drain()
    worker.close()
    assert json.loads(_run("deadletters", "list")) == []


def test_permissions_and_profiles(
    env: None, platform: Platform, make_participant: Callable[..., object]
) -> None:
    make_participant("CARRB", roles=["carrier"], edi_ids=["CARRB"])
    table = {p["message_type"]: p for p in json.loads(_run("permissions", "list"))}
    assert table["CUSRES"]["roles"] == ["customs"] and table["CUSRES"]["source"] == "default"
    _run("permissions", "set", "CUSRES", "--role", "customs", "--role", "inspection")
    table = {p["message_type"]: p for p in json.loads(_run("permissions", "list"))}
    assert table["CUSRES"]["roles"] == ["customs", "inspection"]
    _run("permissions", "reset", "CUSRES")
    profile = json.loads(
        _run(
            "profiles",
            "set",
            "--participant",
            "CARRB",
            "--message-type",
            "CODECO",
            "--accepts-test",
            "--wants-contrl",
        )
    )
    assert profile["accepts_test"] and profile["wants_contrl"]
    assert json.loads(_run("profiles", "list"))[0]["participant"] == "CARRB"
    result = CliRunner().invoke(app, ["send", "/nonexistent.edi", "--as", "CARRB"])
    assert result.exit_code == 2
