"""``eport codes`` and ``eport edi translate`` with partners' code maps, end to end."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from eport.bootstrap import Platform
from eport.cli.main import app as cli
from eport.participants.models import Participant

# A terminal's own codes: 40HC for a 40' high cube, NGB for Ningbo, MAERSK for Maersk.
PARTNER_CODECO = (
    "UNA:+.? '"
    "UNB+UNOC:3+NBCT+EPORT+261127:0930+17'"
    "UNH+1+CODECO:D:95B:UN:ITG14'"
    "BGM+34+GI20261127001+9'"
    "TDT+20+V123W+1++MAERSK:172:20+++9321483:146:11:MAERSK EINDHOVEN'"
    "LOC+165+NGB:139:6+NBCT:TER:ZZZ'"
    "NAD+CF+MAERSK:160:20'"
    "EQD+CN+CSQU3054383+40HC:102:5++2+5'"
    "DTM+7:202611270912:203'"
    "CNT+16:1'"
    "UNT+9+1'"
    "UNZ+1+17'"
)
MAPS = {
    "size-type": "partner_code,standard_code\n40HC,45G1\n20GP,22G1\n",
    "location": "partner_code,standard_code\nNGB,CNNGB\n",
    "carrier": "partner_code,standard_code\nMAERSK,MSK\n",
}


class Result:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr


Run = Callable[..., Result]


@pytest.fixture
def env(platform: Platform) -> dict[str, str]:
    return {
        "EPORT_DATABASE_URL": platform.settings.database_url,
        "EPORT_DATA_DIR": str(platform.settings.data_dir),
        "EPORT_SECRET_KEY": platform.secret_key,
        "EPORT_ENVIRONMENT": "test",
    }


def _runner(app: typer.Typer, env: dict[str, str]) -> Run:
    def invoke(*args: str, stdin: str | None = None) -> Result:
        result = CliRunner().invoke(app, list(args), env=env, input=stdin)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        return Result(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def run(env: dict[str, str]) -> Run:
    return _runner(cli, env)


@pytest.fixture
def run_translate(run: Run) -> Run:
    def invoke(*args: str, stdin: str | None = None) -> Result:
        return run("edi", "translate", *args, stdin=stdin)

    return invoke


@pytest.fixture
def partners(make_participant: Callable[..., Participant]) -> None:
    make_participant("NBCT", roles=["terminal"])
    make_participant("COSCO", roles=["carrier"])


def _import_maps(run: Run, tmp_path: Path) -> None:
    for list_name, text in MAPS.items():
        path = tmp_path / f"{list_name}.csv"
        path.write_text(text, encoding="utf-8")
        done = run("codes", "import", "--partner", "NBCT", "--list", list_name, str(path))
        assert done.code == 0, done.stderr


@pytest.mark.usefixtures("partners")
def test_import_then_export_round_trips(run: Run, tmp_path: Path) -> None:
    _import_maps(run, tmp_path)
    for list_name, text in MAPS.items():
        exported = run("codes", "export", "--partner", "NBCT", "--list", list_name)
        assert exported.code == 0, exported.stderr
        assert exported.stdout == text
    target = tmp_path / "out.csv"
    assert run("codes", "export", "--partner", "NBCT", "--list", "size-type", str(target)).code == 0
    assert target.read_text(encoding="utf-8") == MAPS["size-type"]


@pytest.mark.usefixtures("partners")
def test_bad_rows_name_row_and_column(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("partner_code,standard_code\n40HC,45G1\n20GP,NOPE\n,22G1\n", encoding="utf-8")
    done = run("codes", "import", "--partner", "NBCT", "--list", "size-type", str(path))
    assert done.code == 1
    assert "row 3, column standard_code: 'NOPE' is not a standard size-type code" in done.stderr
    assert "row 4, column partner_code: empty" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    exported = run("codes", "export", "--partner", "NBCT", "--list", "size-type")
    assert exported.stdout == "partner_code,standard_code\n"


@pytest.mark.usefixtures("partners")
def test_import_refuses_unknown_lists_partners_and_files(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "sizes.csv"
    path.write_text(MAPS["size-type"], encoding="utf-8")
    assert run("codes", "import", "--partner", "NBCT", "--list", "colour", str(path)).code == 2
    nobody = run("codes", "import", "--partner", "NOBODY", "--list", "size-type", str(path))
    assert nobody.code == 1 and "NOBODY" in nobody.stderr
    missing = run(
        "codes", "import", "--partner", "NBCT", "--list", "size-type", str(tmp_path / "missing.csv")
    )
    assert missing.code == 2 and "cannot read" in missing.stderr


def test_lookup_prints_the_standard_entry(run: Run) -> None:
    found = run("codes", "lookup", "size-type", "45G1")
    assert found.code == 0
    code, name, *details = found.stdout.strip().split("\t")
    assert (code, name) == ("45G1", "40' high cube")
    assert "length_ft=40" in details and "type_group=GP" in details
    assert run("codes", "lookup", "location", "CNNGB").stdout.startswith("CNNGB\tNingbo")
    missing = run("codes", "lookup", "size-type", "40HC")
    assert missing.code == 1 and "not a standard size-type code" in missing.stderr
    assert run("codes", "lookup", "colour", "RED").code == 2


@pytest.fixture
def codeco(tmp_path: Path) -> Callable[[str], str]:
    def write(text: str = PARTNER_CODECO) -> str:
        path = tmp_path / "gate-in.edi"
        path.write_bytes(text.encode("latin-1"))
        return str(path)

    return write


@pytest.mark.usefixtures("partners")
def test_a_partners_codeco_reaches_a_standard_recipient_with_standard_codes(
    run: Run, run_translate: Run, codeco: Callable[[str], str], tmp_path: Path
) -> None:
    _import_maps(run, tmp_path)
    done = run_translate(
        codeco(PARTNER_CODECO),
        "--to",
        "edifact:D95B",
        "--from-partner",
        "NBCT",
        "--for-partner",
        "COSCO",
    )
    assert done.code == 0, done.stderr
    assert done.stderr == ""
    assert "+45G1:102:5" in done.stdout and "CNNGB:139:6" in done.stdout
    assert "MSK:172:20" in done.stdout
    assert "40HC" not in done.stdout and "+NGB:" not in done.stdout


@pytest.mark.usefixtures("partners")
def test_json_output_carries_standard_codes(
    run: Run, run_translate: Run, codeco: Callable[[str], str], tmp_path: Path
) -> None:
    _import_maps(run, tmp_path)
    done = run_translate(codeco(PARTNER_CODECO), "--to", "json", "--from-partner", "NBCT")
    assert done.code == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["events"][0]["equipment"]["size_type"] == "45G1"
    assert document["facility"]["locode"] == "CNNGB"


@pytest.mark.usefixtures("partners")
def test_a_recipient_with_maps_gets_its_own_codes(
    run: Run, run_translate: Run, codeco: Callable[[str], str], tmp_path: Path
) -> None:
    _import_maps(run, tmp_path)
    standard = (
        PARTNER_CODECO.replace("40HC", "45G1").replace("NGB:", "CNNGB:").replace("MAERSK:", "MSK:")
    )
    done = run_translate(codeco(standard), "--to", "edifact:D95B", "--for-partner", "NBCT")
    assert done.code == 0, done.stderr
    assert "+40HC:102:5" in done.stdout and "+NGB:139:6" in done.stdout


@pytest.mark.usefixtures("partners")
def test_a_standard_code_missing_from_the_map_passes(
    run: Run, run_translate: Run, codeco: Callable[[str], str], tmp_path: Path
) -> None:
    _import_maps(run, tmp_path)
    text = PARTNER_CODECO.replace("40HC:102:5", "22R1:102:5")
    done = run_translate(codeco(text), "--to", "edifact:D95B", "--from-partner", "NBCT")
    assert done.code == 0 and done.stderr == ""
    assert "+22R1:102:5" in done.stdout


@pytest.mark.usefixtures("partners")
def test_an_unknown_code_is_a_warning_then_by_policy_a_rejection(
    run: Run, run_translate: Run, codeco: Callable[[str], str], tmp_path: Path
) -> None:
    _import_maps(run, tmp_path)
    path = codeco(PARTNER_CODECO.replace("NAD+CF+MAERSK", "NAD+CF+NOSUCH"))
    warned = run_translate(path, "--to", "edifact:D95B", "--from-partner", "NBCT")
    assert warned.code == 0, warned.stderr
    assert "warning:" in warned.stderr
    assert "carrier code 'NOSUCH' in segment 5 NAD" in warned.stderr
    assert "NAD+CF+NOSUCH" in warned.stdout  # passed on, but never silently
    assert run("codes", "policy", "--partner", "NBCT", "reject").code == 0
    rejected = run_translate(path, "--to", "edifact:D95B", "--from-partner", "NBCT")
    assert rejected.code == 1
    assert "segment 5 NAD" in rejected.stderr and "'NOSUCH'" in rejected.stderr
    assert rejected.stdout == ""
    assert "Traceback" not in rejected.stderr


@pytest.mark.usefixtures("partners")
def test_an_unknown_size_type_is_named_before_translation_fails(
    run: Run, run_translate: Run, codeco: Callable[[str], str], tmp_path: Path
) -> None:
    _import_maps(run, tmp_path)
    path = codeco(PARTNER_CODECO.replace("40HC:102:5", "40XX:102:5"))
    done = run_translate(path, "--to", "edifact:D95B", "--from-partner", "NBCT")
    assert "size-type code '40XX' in segment 6 EQD" in done.stderr
    assert "Traceback" not in done.stderr


def test_translate_usage_errors(run_translate: Run, codeco: Callable[[str], str]) -> None:
    assert run_translate(codeco(PARTNER_CODECO), "--to", "xml").code == 2
    assert run_translate("/nonexistent/file.edi", "--to", "json").code == 2
    broken = run_translate(codeco("UNH+1+CODECO:D:95B:UN'BGM+34"), "--to", "json")
    assert broken.code == 1 and "Traceback" not in broken.stderr


@pytest.mark.usefixtures("partners")
def test_json_input_in_partner_codes_is_mapped_too(
    run: Run, run_translate: Run, tmp_path: Path
) -> None:
    _import_maps(run, tmp_path)
    golden = Path(__file__).parent / "translate" / "golden" / "json" / "codeco_gate_in.json"
    document = json.loads(golden.read_text(encoding="utf-8"))
    document["facility"]["locode"] = "NGB"
    document["events"][0]["equipment"]["size_type"] = "40HC"
    path = tmp_path / "gate-in.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    done = run_translate(str(path), "--to", "json", "--from-partner", "NBCT")
    assert done.code == 0, done.stderr
    mapped = json.loads(done.stdout)
    assert mapped["facility"]["locode"] == "CNNGB"
    assert mapped["events"][0]["equipment"]["size_type"] == "45G1"
    # A haulier's own code is not checked; a barge operator's carrier code is.
    document["events"][0]["inland_transport"]["mode"] = "inland_water"
    document["events"][0]["inland_transport"]["carrier"] = "NOSUCH"
    path.write_text(json.dumps(document), encoding="utf-8")
    warned = run_translate(str(path), "--to", "json", "--from-partner", "NBCT")
    assert warned.code == 0, warned.stderr
    assert "carrier code 'NOSUCH'" in warned.stderr
