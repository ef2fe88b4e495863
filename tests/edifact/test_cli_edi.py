"""`eport edi parse|validate|ack` through Typer's test runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.edifact.samples import interchange, message
from typer.testing import CliRunner

from eport.cli.edi import edi_app
from eport.edifact import parse

runner = CliRunner()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.edi"
    path.write_bytes((interchange(message("1"), message("2"), una=True) + "\n").encode())
    return path


@pytest.fixture
def bad_count(tmp_path: Path) -> Path:
    path = tmp_path / "bad.edi"
    path.write_bytes(interchange(message("1", count=3)).encode())
    return path


def test_parse_summary(good: Path) -> None:
    result = runner.invoke(edi_app, ["parse", str(good)])
    assert result.exit_code == 0
    assert result.stdout == f"{good}: 1 interchange(s), 2 message(s) (CODECO:D:95B)\n"


def test_parse_json_structure(good: Path) -> None:
    result = runner.invoke(edi_app, ["parse", "--json", str(good)])
    assert result.exit_code == 0
    (doc,) = json.loads(result.stdout)
    ic = doc["interchanges"][0]
    assert ic["control_ref"] == "IC0001"
    assert [m["ref"] for m in ic["messages"]] == ["1", "2"]
    assert ic["messages"][0]["segments"][1] == {
        "tag": "BGM",
        "elements": [["34"], ["GATE0001"], ["9"]],
    }


def test_parse_echo_round_trips(good: Path) -> None:
    result = runner.invoke(edi_app, ["parse", "--echo", str(good)])
    assert result.exit_code == 0
    assert result.stdout_bytes == good.read_bytes()


def test_parse_from_standard_input(good: Path) -> None:
    result = runner.invoke(edi_app, ["parse", "-"], input=good.read_bytes())
    assert result.exit_code == 0 and "2 message(s)" in result.stdout


def test_parse_failure_is_a_clear_message_not_a_traceback(tmp_path: Path, good: Path) -> None:
    broken = tmp_path / "broken.edi"
    broken.write_bytes(b"UNB+UNOC:3+S+R+260101:1200+1'UNH+1+X:D:95B:UN'BGM")
    result = runner.invoke(edi_app, ["parse", str(good), str(broken)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "broken.edi" in result.stderr and "byte" in result.stderr
    assert result.stdout.startswith(f"{good}:")


def test_unreadable_file_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(edi_app, ["validate", str(tmp_path / "missing.edi")])
    assert result.exit_code == 2 and "cannot read" in result.stderr and result.stdout == ""


def test_validate_exit_codes(bad_count: Path, tmp_path: Path) -> None:
    result = runner.invoke(edi_app, ["validate", str(bad_count)])
    assert result.exit_code == 1
    assert "[29]" in result.stdout
    warn_only = tmp_path / "warn.edi"  # bare message of a type no guide knows: warnings only
    warn_only.write_bytes(b"UNH+1+ZZZZZZ:D:95B:UN'BGM+1'UNT+3+1'")
    result = runner.invoke(edi_app, ["validate", str(warn_only)])
    assert result.exit_code == 0
    assert result.stdout.count(": warning") >= 1 and ": error" not in result.stdout


def test_validate_json_findings(bad_count: Path) -> None:
    result = runner.invoke(edi_app, ["validate", "--json", str(bad_count)])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    unt = next(f for f in findings if f["code"] == "29")
    assert (
        unt["segment_tag"],
        unt["segment_position"],
        unt["element_position"],
        unt["message_ref"],
        unt["interchange_ref"],
    ) == ("UNT", 8, 1, "1", "IC0001")
    assert unt["text_zh"] and unt["file"] == str(bad_count)


def test_validate_unknown_mig_is_a_usage_error(good: Path) -> None:
    result = runner.invoke(edi_app, ["validate", "--mig", "NO-SUCH-MIG", str(good)])
    assert result.exit_code == 2 and result.stdout == ""


def test_unknown_encoding_is_a_usage_error(good: Path) -> None:
    result = runner.invoke(edi_app, ["parse", "--encoding", "klingon", str(good)])
    assert result.exit_code == 2


def test_ack_prints_contrl(bad_count: Path) -> None:
    result = runner.invoke(
        edi_app, ["ack", "--sender", "PORT:ZZ", "--control-ref", "C1", str(bad_count)]
    )
    assert result.exit_code == 0
    contrl = parse(result.stdout_bytes).interchanges[0]
    assert (contrl.sender_id, contrl.sender_qualifier, contrl.recipient_id, contrl.control_ref) == (
        "PORT",
        "ZZ",
        "SENDER",
        "C1",
    )
    ucm = contrl.messages[0].segments[2]
    assert ucm.tag == "UCM" and ucm.elements[2:4] == [["4"], ["29"]]


def test_ack_never_acknowledges_contrl(tmp_path: Path) -> None:
    path = tmp_path / "contrl.edi"
    path.write_bytes(interchange(message("1", body="UCI+X+S+R+7'", kind="CONTRL:D:3:UN")).encode())
    result = runner.invoke(edi_app, ["ack", str(path)])
    assert result.exit_code == 0 and result.stdout == "" and "never" in result.stderr
