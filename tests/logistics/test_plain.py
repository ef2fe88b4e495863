"""The plain form of every document reads back to an equal document."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from tests.logistics.strategies import BY_MESSAGE_TYPE as DOCUMENTS
from tests.logistics.strategies import any_document

from eport.logistics import PlainFormError, from_plain, to_plain
from eport.logistics.documents import Document

_any_document = any_document


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_any_document)
def test_plain_form_round_trips_through_json(document: Document) -> None:
    plain = to_plain(document)
    assert from_plain(json.loads(json.dumps(plain))) == document


@settings(max_examples=20, deadline=None)
@given(DOCUMENTS["CODECO"])
def test_plain_form_names_the_document_and_spells_values_out(document: Document) -> None:
    plain = to_plain(document)
    assert plain["document"] == "GateEventReport"
    header = plain["header"]
    assert isinstance(header, dict)
    assert isinstance(header["issued"], str) and "+" in header["issued"]


@pytest.mark.parametrize(
    "data",
    [
        {"document": "Nonsense"},
        {"document": "StatusReport", "header": {"number": "1"}},
        {"document": "StatusReport", "header": {"number": "1", "issued": "2026-01-01T00:00:00"}},
        {"document": "StatusReport", "unknown": 1},
    ],
)
def test_bad_plain_data_is_refused(data: dict[str, object]) -> None:
    with pytest.raises(PlainFormError):
        from_plain(data)
