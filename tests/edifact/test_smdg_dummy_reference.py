"""SMDG's dummy reference `RFF+XXX:1` is a community code of the vessel messages' RFF only.

The D.95B COPRAR makes its message-level RFF mandatory, and SMDG fills it with `RFF+XXX:1`
when the order has no reference to give (COARRI reports written from a COPRAR keep it). The
guides accept XXX in that position and nowhere else: in another message, or in another RFF of
the same message, it is a code of no list. Needs the UN/EDIFACT D.95B directory.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.edifact.reference import unece_dir

from eport.edifact.directory import import_directory, save
from eport.edifact.validate import StoredDirectories, validate_bytes


@pytest.fixture(scope="module")
def directories(tmp_path_factory: pytest.TempPathFactory) -> StoredDirectories:
    root = unece_dir("d95b.zip")
    data_dir = tmp_path_factory.mktemp("data")
    save(import_directory(root / "d95b.zip"), data_dir)
    return StoredDirectories(data_dir)


def _interchange(message_type: str, body: list[str]) -> bytes:
    segments = [f"UNH+1+{message_type}:D:95B:UN:SMDG16", *body]
    segments.append(f"UNT+{len(segments) + 1}+1")
    unb = "UNB+UNOA:2+SENDER+RECIPIENT+261127:0415+1"
    return ("UNA:+.? '" + "'".join([unb, *segments, "UNZ+1+1"]) + "'").encode("ascii")


VESSEL_CALL = [
    "TDT+20+V123W+1++MSC:172:20+++9321483:146:11:MSC ANNA",
    "LOC+11+CNNGB:139:6",
    "NAD+CF+MSC:160:ZZZ",
]
CONTAINER = ["EQD+CN+CSQU3054383+45G1:102:5++2+5", "CNT+16:1"]


def _coprar(reference: str, equipment_reference: str | None = None) -> bytes:
    container = [
        CONTAINER[0],
        *([equipment_reference] if equipment_reference else []),
        CONTAINER[1],
    ]
    return _interchange("COPRAR", ["BGM+45+LO20261127+9", reference, *VESSEL_CALL, *container])


def _coarri(reference: str) -> bytes:
    body = ["BGM+46+LR20261127+9", reference, *VESSEL_CALL, *CONTAINER[:1]]
    return _interchange("COARRI", [*body, "DTM+203:202611270415:203", *CONTAINER[1:]])


def _iftmin(reference: str) -> bytes:
    body = [
        "BGM+340+SI20261127+9",
        "TDT+20+V123W+1++MSC:172:20",
        "NAD+CZ+SHIPPER:160:ZZZ",
        "GID+1+10:CT",
        reference,
    ]
    return _interchange("IFTMIN", body)


def _cuscar(reference: str) -> bytes:
    body = ["BGM+85+MF20261127+9", reference, "TDT+20+V123W+1++MSC:172:20"]
    return _interchange("CUSCAR", body)


def _errors(data: bytes, directories: StoredDirectories) -> list[str]:
    findings = validate_bytes(data, directories=directories)
    return [f"{f.segment_tag}: {f.text_en}" for f in findings if f.is_error]


@pytest.mark.parametrize("build", [_coprar, _coarri])
def test_the_vessel_messages_accept_the_dummy_reference(
    build: Callable[[str], bytes], directories: StoredDirectories
) -> None:
    assert _errors(build("RFF+XXX:1"), directories) == []
    assert _errors(build("RFF+BN:BK123"), directories) == []  # the directory's codes still
    unknown = _errors(build("RFF+XX9:1"), directories)
    assert any("XX9" in error for error in unknown), unknown


@pytest.mark.parametrize("build", [_iftmin, _cuscar])
def test_other_messages_report_the_dummy_reference_as_unknown(
    build: Callable[[str], bytes], directories: StoredDirectories
) -> None:
    assert _errors(build("RFF+BN:BK123"), directories) == []
    errors = _errors(build("RFF+XXX:1"), directories)
    assert any(error.startswith("RFF") and "XXX" in error for error in errors), errors


def test_only_the_message_level_reference_of_a_coprar_accepts_it(
    directories: StoredDirectories,
) -> None:
    assert _errors(_coprar("RFF+XXX:1", "RFF+BN:BK123"), directories) == []
    errors = _errors(_coprar("RFF+XXX:1", "RFF+XXX:1"), directories)
    assert any(error.startswith("RFF") and "XXX" in error for error in errors), errors
