"""The registry translates between formats and EDIFACT versions through the canonical model."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.logistics.strategies import BY_MESSAGE_TYPE as DOCUMENTS

from eport.edifact.parser import parse
from eport.logistics.codes import CodeListName
from eport.logistics.documents import Document
from eport.translate.edifact import TranslationError
from eport.translate.edifact.interchange import read_documents, write_documents
from eport.translate.registry import (
    Options,
    UnknownFormatError,
    default_registry,
    sniff_format,
    translate,
)

GOLDEN = Path(__file__).parent / "golden" / "edifact"
ZONE = ZoneInfo("Asia/Shanghai")


class DictCodeMapper:
    """A partner's code map: its codes ⇄ standard codes, unmapped codes pass through."""

    def __init__(self, table: dict[tuple[str, str], str]) -> None:
        self._to_standard = table
        self._from_standard = {(name, std): own for (name, own), std in table.items()}

    def to_standard(self, list_name: CodeListName, code: str) -> str:
        return self._to_standard.get((list_name, code), code)

    def from_standard(self, list_name: CodeListName, code: str) -> str:
        return self._from_standard.get((list_name, code), code)


def test_edifact_versions_are_registered() -> None:
    registry = default_registry()
    assert {"edifact:D95B", "edifact:D00B"} <= set(registry.output_formats)
    assert "edifact" in registry.input_formats
    with pytest.raises(UnknownFormatError):
        registry.writer("edifact:D96A")


@pytest.mark.parametrize(("source", "target"), [("d95b", "D00B"), ("d00b", "D95B")])
@pytest.mark.parametrize("message_type", sorted(DOCUMENTS))
def test_version_translation_keeps_the_documents(
    message_type: str, source: str, target: str
) -> None:
    data = (GOLDEN / f"{message_type.lower()}-{source}.edi").read_bytes()
    options = Options(tz=ZONE)
    translated = translate(
        data, to=f"edifact:{target}", read_options=options, write_options=options
    )
    message = parse(translated).messages[0]
    assert (message.type, message.version + message.release) == (message_type, target)
    assert read_documents(translated, tz=ZONE) == read_documents(data, tz=ZONE)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=st.one_of(*DOCUMENTS.values()))
def test_d95b_to_d00b_and_back_is_lossless(document: Document) -> None:
    options = Options(tz=ZONE)
    d95b = write_documents([document], version="D95B", tz=ZONE)
    d00b = translate(d95b, to="edifact:D00B", read_options=options, write_options=options)
    back = translate(d00b, to="edifact:D95B", read_options=options, write_options=options)
    assert back == d95b
    assert read_documents(d00b, tz=ZONE) == [document]


PARTNER_CODECO = (
    "UNA:+.? 'UNB+UNOA:2+NBDEPOT+PORT+260315:0930+77'UNH+1+CODECO:D:95B:UN:SMDG16'"
    "BGM+34+G1+9'TDT+20+062E+1++COSCO:172:20+++9321483:146:11:COSCO ARIES'"
    "LOC+14+{port}:139:6'NAD+CF+COSCO:160:ZZZ'EQD+CN+MSKU1234565+{size}:102:5+++5'"
    "DTM+7:202603150912:203'CNT+16:1'UNT+9+1'UNZ+1+77'"
)
PARTNER_CODES = DictCodeMapper(
    {
        ("size-type", "40HC"): "45G1",
        ("location", "NGB"): "CNNGB",
        ("carrier", "COSCO"): "COS",
    }
)


def test_partner_codes_become_standard_codes() -> None:
    data = PARTNER_CODECO.format(port="NGB", size="40HC").encode()
    standard = translate(
        data,
        to="edifact:D95B",
        read_options=Options(tz=ZONE, codes=PARTNER_CODES),
        write_options=Options(tz=ZONE),
    )
    text = standard.decode()
    assert "45G1:102:5" in text and "CNNGB:139:6" in text and "COS:172:20" in text
    assert "40HC" not in text and "+NGB:" not in text and "COSCO:" not in text
    back = translate(
        standard,
        to="edifact:D95B",
        read_options=Options(tz=ZONE),
        write_options=Options(tz=ZONE, codes=PARTNER_CODES),
    ).decode()
    assert "40HC:102:5" in back and "LOC+14+NGB:139:6" in back


def test_an_unmapped_non_standard_code_is_flagged() -> None:
    data = PARTNER_CODECO.format(port="NGX", size="45G1").encode()
    with pytest.raises(TranslationError, match="NGX") as caught:
        translate(data, to="edifact:D00B", read_options=Options(tz=ZONE, codes=PARTNER_CODES))
    assert caught.value.tag == "LOC"
    assert caught.value.position == 4  # UNH 1, BGM 2, TDT 3, LOC 4


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (b"UNA:+.? '", "edifact"),
        (b"\xef\xbb\xbfUNB+UNOC", "edifact"),
        (b'{"document"', "json"),
        (b"container,event", "csv"),
    ],
)
def test_sniff_format(head: bytes, name: str) -> None:
    assert sniff_format(head) == name
