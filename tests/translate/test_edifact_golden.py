"""Golden files per message type and version: EDIFACT in → canonical (JSON) → EDIFACT out.

Each ``<type>-<version>.edi`` under golden/edifact is a realistic input; ``.json`` holds the
expected canonical documents (plain form) and ``.out.edi`` the expected bytes written back in
the same version. Set EPORT_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate
change, then review the difference before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from eport.edifact.validate import validate_bytes
from eport.logistics import from_plain, to_plain
from eport.translate.edifact.interchange import read_documents, write_documents

GOLDEN = Path(__file__).parent / "golden" / "edifact"
ZONE = ZoneInfo("Asia/Shanghai")  # the partners' local time: Ningbo
UPDATE = os.environ.get("EPORT_UPDATE_GOLDEN") == "1"
CASES = sorted(path.stem for path in GOLDEN.glob("*.edi") if not path.stem.endswith(".out"))


def _check(path: Path, actual: bytes) -> None:
    if UPDATE:
        path.write_bytes(actual)
    assert path.exists(), f"{path.name} is missing; run with EPORT_UPDATE_GOLDEN=1"
    assert actual == path.read_bytes()


def test_every_message_type_and_version_has_a_golden_file() -> None:
    types = {
        "baplie",
        "coarri",
        "codeco",
        "coparn",
        "coprar",
        "cuscar",
        "cusdec",
        "cusres",
        "iftmbc",
        "iftmbf",
        "iftmin",
        "iftsta",
    }
    expected = {f"{t}-{v}" for t in types for v in ("d95b", "d00b")} | {"vermas-d16a"}
    assert set(CASES) == expected


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str) -> None:
    documents = read_documents((GOLDEN / f"{case}.edi").read_bytes(), tz=ZONE)
    plain = [to_plain(document) for document in documents]
    text = json.dumps(plain, indent=2, ensure_ascii=False) + "\n"
    _check(GOLDEN / f"{case}.json", text.encode())
    assert [from_plain(item) for item in plain] == documents
    version = case.rsplit("-", 1)[1].upper()
    written = write_documents(documents, version=version, tz=ZONE, line_end="\n")
    _check(GOLDEN / f"{case}.out.edi", written)
    assert read_documents(written, tz=ZONE) == documents


@pytest.mark.parametrize("case", CASES)
def test_golden_files_pass_the_community_mig(case: str) -> None:
    for name in (f"{case}.edi", f"{case}.out.edi"):
        errors = [f for f in validate_bytes((GOLDEN / name).read_bytes()) if f.is_error]
        assert errors == [], name
