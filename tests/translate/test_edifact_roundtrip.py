"""canonical → EDIFACT → canonical gives back the same document, in D.95B and D.00B."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.logistics import strategies

from eport.edifact.parser import parse
from eport.logistics.documents import Document
from eport.translate.edifact.interchange import read_documents, write_documents

ZONES = [ZoneInfo("Asia/Shanghai"), ZoneInfo("UTC"), ZoneInfo("America/Los_Angeles")]
DOCUMENTS = strategies.BY_MESSAGE_TYPE


@pytest.mark.parametrize("version", ["D95B", "D00B"])
@pytest.mark.parametrize("message_type", sorted(DOCUMENTS))
def test_round_trip(message_type: str, version: str) -> None:
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(document=DOCUMENTS[message_type], zone=st.sampled_from(ZONES))
    def check(document: Document, zone: ZoneInfo) -> None:
        data = write_documents([document], version=version, tz=zone)  # type: ignore[arg-type]
        assert parse(data).messages[0].type == message_type
        assert read_documents(data, tz=zone) == [document]

    check()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=strategies.verified_gross_masses, zone=st.sampled_from(ZONES))
def test_vermas_round_trip_in_d16a(document: Document, zone: ZoneInfo) -> None:
    data = write_documents([document], version="D16A", tz=zone)
    assert parse(data).messages[0].type == "VERMAS"
    assert read_documents(data, tz=zone) == [document]
