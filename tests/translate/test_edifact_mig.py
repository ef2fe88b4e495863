"""What the translators write passes the community MIGs (eport.edifact.validate)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from tests.logistics.strategies import BY_MESSAGE_TYPE as DOCUMENTS
from tests.logistics.strategies import verified_gross_masses

from eport.edifact.validate import validate_bytes
from eport.logistics.documents import Document
from eport.translate.edifact.interchange import write_documents

ZONE = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("version", ["D95B", "D00B"])
@pytest.mark.parametrize("message_type", sorted(DOCUMENTS))
def test_output_passes_the_mig(message_type: str, version: str) -> None:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(document=DOCUMENTS[message_type])
    def check(document: Document) -> None:
        data = write_documents([document], version=version, tz=ZONE)  # type: ignore[arg-type]
        errors = [f for f in validate_bytes(data) if f.is_error]
        assert errors == [], data

    check()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=verified_gross_masses)
def test_vermas_passes_its_d16a_mig(document: Document) -> None:
    data = write_documents([document], version="D16A", tz=ZONE)
    assert [f for f in validate_bytes(data) if f.is_error] == [], data
