"""Golden files: a valid sample per supported MIG and invalid ones per error class.

`golden/messages/valid/<mig>.edi` must validate without findings with the embedded MIGs alone
and, when the UNECE directories are available, with the MIG merged with its directory.
`golden/messages/invalid/*.edi` must produce exactly the findings in the `.json` beside them
(severity, code and position of each).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from tests.edifact.reference import unece_dir

from eport.edifact.directory import import_directory
from eport.edifact.mig import default_catalog
from eport.edifact.spec import Directory
from eport.edifact.validate import validate_bytes

GOLDEN = Path(__file__).parent / "golden" / "messages"
FIELDS = (
    "severity",
    "code",
    "message_index",
    "segment_position",
    "segment_tag",
    "element_position",
    "component_position",
)
VALID = sorted((GOLDEN / "valid").glob("*.edi"))
INVALID = sorted((GOLDEN / "invalid").glob("*.edi"))


def rows(data: bytes, directories: dict[str, Directory] | None = None) -> list[dict[str, object]]:
    return [
        {k: getattr(f, k) for k in FIELDS} for f in validate_bytes(data, directories=directories)
    ]


def test_every_mig_has_a_valid_sample() -> None:
    names = {p.stem.upper() for p in VALID}
    assert names == set(default_catalog().documents)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_sample(path: Path) -> None:
    assert rows(path.read_bytes()) == []
    assert json.loads(path.with_suffix(".json").read_text()) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_sample(path: Path) -> None:
    expected = json.loads(path.with_suffix(".json").read_text())
    assert expected, "an invalid sample must expect findings"
    assert rows(path.read_bytes()) == expected


def test_invalid_samples_cover_the_error_classes() -> None:
    codes = {row["code"] for p in INVALID for row in json.loads(p.with_suffix(".json").read_text())}
    assert {"12", "13", "15", "16", "19", "29", "35", "36", "37", "38", "39", "40"} <= codes
    assert None in codes  # the MIG-selection warnings


@cache
def all_directories() -> dict[str, Directory]:
    base = unece_dir()
    loaded = [
        import_directory(base / name)
        for name in ("d95b.zip", "d00b.zip", "d16a.zip", "service-v3", "service-v4")
    ]
    return {d.release: d for d in loaded}


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_sample_with_directory(path: Path) -> None:
    assert rows(path.read_bytes(), all_directories()) == []


def test_fallback_to_directory_reports_it() -> None:
    found = rows((GOLDEN / "invalid" / "no-mig-fallback.edi").read_bytes(), all_directories())
    assert found[0] == {
        "severity": "warning",
        "code": None,
        "message_index": 1,
        "segment_position": 1,
        "segment_tag": "UNH",
        "element_position": 2,
        "component_position": None,
    }
    assert any(r["code"] == "13" and r["segment_tag"] == "UNS" for r in found)  # INVOIC D.95B


def test_directory_adds_checks_the_mig_leaves_open() -> None:
    # the MIG lists only the components of C082 it uses; the directory knows there are three
    path = GOLDEN / "invalid" / "codeco-d95b-element-errors.edi"
    found = rows(path.read_bytes(), all_directories())
    assert {
        "severity": "error",
        "code": "16",
        "message_index": 1,
        "segment_position": 4,
        "segment_tag": "NAD",
        "element_position": 2,
        "component_position": 4,
    } in found
    assert len(found) == len(json.loads(path.with_suffix(".json").read_text())) + 1


def test_forced_mig_and_unknown_mig() -> None:
    data = (GOLDEN / "valid" / "codeco-d95b.edi").read_bytes()
    assert validate_bytes(data, mig="CODECO-D95B") == []
    with pytest.raises(ValueError, match="unknown MIG"):
        validate_bytes(data, mig="NO-SUCH-MIG")
