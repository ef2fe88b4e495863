"""Messages the canonical model cannot take are refused with the segment at fault."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from eport.edifact.parser import parse
from eport.logistics import (
    ContainerNumber,
    DocumentHeader,
    VerifiedGrossMass,
    VgmDeclaration,
    WeighingMethod,
    Weight,
)
from eport.translate.edifact import TranslationError, from_canonical, to_canonical
from eport.translate.edifact.context import Envelope

ZONE = ZoneInfo("Asia/Shanghai")
HEAD = "UNA:+.? 'UNB+UNOA:2+NBCT+COSCO+260315:0930+1'"
CODECO = (
    "UNH+1+CODECO:D:{release}:UN'BGM+{code}+G1+9'TDT+20+062E+1++COS:172:20'"
    "NAD+CF+COS:160:ZZZ'EQD+CN+{number}+45G1:102:5+++5'DTM+7:{time}:203'CNT+16:1'UNT+8+1'"
)


def _message(**fields: str) -> str:
    values = {"release": "95B", "code": "34", "number": "MSKU1234565", "time": "202603150912"}
    values.update(fields)
    return CODECO.format(**values)


def _read(text: str) -> object:
    interchange = parse((HEAD + text + "UNZ+1+1'").encode()).interchanges[0]
    envelope = Envelope(prepared=datetime(2026, 3, 15, 9, 30, tzinfo=ZONE))
    return to_canonical(interchange.messages[0], tz=ZONE, envelope=envelope)


def test_a_good_message_reads() -> None:
    assert _read(_message()) is not None


@pytest.mark.parametrize(
    ("fields", "tag", "position", "text"),
    [
        ({"number": "MSKU1234567"}, "EQD", 5, "check digit"),
        ({"time": "202613451200"}, "DTM", 6, "date/time"),
        ({"code": "99"}, "BGM", 2, "gate-in"),
    ],
)
def test_errors_name_the_segment(
    fields: dict[str, str], tag: str, position: int, text: str
) -> None:
    with pytest.raises(TranslationError, match=text) as caught:
        _read(_message(**fields))
    assert (caught.value.tag, caught.value.position) == (tag, position)


def test_unsupported_message_types_and_versions() -> None:
    with pytest.raises(TranslationError, match="not supported") as caught:
        _read(_message(release="96A"))
    assert caught.value.tag == "UNH"
    unknown = "UNH+1+INVOIC:D:95B:UN'BGM+380+1+9'UNT+3+1'"
    with pytest.raises(TranslationError, match="INVOIC"):
        _read(unknown)


def test_a_d95b_container_message_needs_the_interchange_date() -> None:
    message = parse((HEAD + _message() + "UNZ+1+1'").encode()).messages[0]
    with pytest.raises(TranslationError, match="issue time"):
        to_canonical(message, tz=ZONE)


def test_vermas_is_written_only_where_the_directory_has_it() -> None:
    document = VerifiedGrossMass(
        DocumentHeader("V1", datetime(2026, 3, 14, 9, 0, tzinfo=UTC)),
        (
            VgmDeclaration(
                ContainerNumber("MSKU1234565"), Weight(Decimal(28100)), WeighingMethod.METHOD_1
            ),
        ),
    )
    assert from_canonical(document, version="D16A", tz=ZONE).type == "VERMAS"
    with pytest.raises(TranslationError, match="D16A"):
        from_canonical(document, version="D95B", tz=ZONE)
