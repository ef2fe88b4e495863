"""Canonical documents ⇄ our JSON form, checked against the published JSON Schema."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_json_strategies import documents
from tests.logistics import strategies as model_strategies

from eport.codes import CodeMap, MappingCodeMapper
from eport.logistics import (
    ContainerNumber,
    DocumentHeader,
    Equipment,
    FullEmpty,
    GateDirection,
    GateEvent,
    GateEventReport,
    Location,
    LocationFunction,
    MessageFunction,
    Party,
    PartyRole,
    Reference,
    ReferenceKind,
    Seal,
    SealIssuer,
    Transport,
    TransportMode,
    UnLocode,
    Weight,
)
from eport.translate.json_format import (
    JsonFormatError,
    data_to_document,
    document_to_data,
    parse_json,
    parse_json_documents,
    render_json,
)
from eport.translate.registry import translate
from eport.translate.schemas import LOGISTICS_SCHEMA, load_schema
from eport.translate.schemas.model_schema import render_schema

GOLDEN = Path(__file__).parent / "golden" / "json"
SHANGHAI_TIME = timezone(timedelta(hours=8))


def gate_in_report() -> GateEventReport:
    return GateEventReport(
        header=DocumentHeader(
            number="GI20240315001",
            issued=datetime(2024, 3, 15, 9, 30, tzinfo=SHANGHAI_TIME),
            function=MessageFunction.ORIGINAL,
            sender=Party(PartyRole.TERMINAL, code="NBCT", name="宁波北仑第三集装箱码头"),
        ),
        direction=GateDirection.IN,
        facility=Location(LocationFunction.PLACE_OF_EVENT, UnLocode("CNNGB"), facility="NBCT"),
        references=(Reference(ReferenceKind.BOOKING, "MAEU240315001"),),
        events=(
            GateEvent(
                equipment=Equipment(
                    number=ContainerNumber("MSKU1234565"),
                    size_type="45G1",
                    status=FullEmpty.FULL,
                    seals=(Seal("ML123456", SealIssuer.CARRIER),),
                    gross_weight=Weight(Decimal("24500.5")),
                    booking="MAEU240315001",
                ),
                time=datetime(2024, 3, 15, 9, 12, tzinfo=SHANGHAI_TIME),
                inland_transport=Transport(TransportMode.ROAD, vehicle="浙B12345"),
            ),
        ),
    )


def _without_descriptions(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_descriptions(v) for k, v in value.items() if k != "description"}
    if isinstance(value, list):
        return [_without_descriptions(item) for item in value]
    return value


def test_published_schema_is_the_generated_one() -> None:
    # Descriptions come from the model's docstrings; only a change of shape must fail here.
    published = json.loads(
        (Path(__file__).parents[2] / "src/eport/translate/schemas" / LOGISTICS_SCHEMA).read_text(
            encoding="utf-8"
        )
    )
    regenerate = "python -m eport.translate.schemas.model_schema"
    assert _without_descriptions(published) == _without_descriptions(json.loads(render_schema())), (
        f"the model changed shape; regenerate the schema with: {regenerate}"
    )


def test_published_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema(LOGISTICS_SCHEMA))


def test_golden_gate_in() -> None:
    expected = (GOLDEN / "codeco_gate_in.json").read_bytes()
    assert render_json(gate_in_report()) == expected
    assert parse_json(expected) == gate_in_report()


def test_output_leaves_out_nulls_and_empty_lists() -> None:
    data = document_to_data(gate_in_report())
    text = json.dumps(data)
    assert "null" not in text and "[]" not in text
    assert data["document"] == "GateEventReport"
    assert data["events"][0]["time"] == "2024-03-15T09:12:00+08:00"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_round_trip_and_schema(document: object) -> None:
    data = document_to_data(document)  # type: ignore[arg-type]
    validator = jsonschema.Draft202012Validator(load_schema(LOGISTICS_SCHEMA))
    assert not list(validator.iter_errors(data))
    assert parse_json(render_json(document)) == document  # type: ignore[arg-type]


def test_partner_codes_are_mapped_both_ways() -> None:
    partner = MappingCodeMapper(
        [
            CodeMap.from_rows("size-type", [("40HC", "45G1")]),
            CodeMap.from_rows("location", [("NGB", "CNNGB")]),
        ]
    )
    outbound = document_to_data(gate_in_report(), partner)
    assert outbound["facility"]["locode"] == "NGB"
    assert outbound["events"][0]["equipment"]["size_type"] == "40HC"
    assert data_to_document(outbound, partner) == gate_in_report()
    assert partner.issues == ()


def test_unknown_codes_are_flagged_with_their_path() -> None:
    data = document_to_data(gate_in_report())
    data["events"][0]["equipment"]["size_type"] = "45G7"
    mapper = MappingCodeMapper()
    document = data_to_document(data, mapper)
    assert isinstance(document, GateEventReport)
    assert document.events[0].equipment.size_type == "45G7"
    [issue] = mapper.issues
    assert (issue.list_name, issue.code) == ("size-type", "45G7")
    assert issue.where == "$.events[0].equipment.size_type"


def test_an_unmapped_partner_locode_is_refused_by_the_schema() -> None:
    data = document_to_data(gate_in_report())
    data["facility"]["locode"] = "NGB"
    with pytest.raises(JsonFormatError) as error:
        data_to_document(data)
    assert error.value.path == "$.facility.locode"


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d.update(direction="sideways"), "$.direction"),
        (lambda d: d["header"].update(issued="2024-03-15T09:30:00"), "$.header.issued"),
        (lambda d: d["events"][0]["equipment"].update(number="MSKU1234567"), "$"),
        (lambda d: d.update(colour="red"), "$"),
        (lambda d: d.update(document="Invoice"), "$"),
    ],
)
def test_bad_documents_name_the_place(change: object, path: str) -> None:
    data = document_to_data(gate_in_report())
    change(data)  # type: ignore[operator]
    with pytest.raises(JsonFormatError) as error:
        data_to_document(data)
    assert error.value.path == path


def test_not_json_and_not_an_object() -> None:
    with pytest.raises(JsonFormatError, match="not JSON"):
        parse_json(b"{")
    with pytest.raises(JsonFormatError, match="object"):
        parse_json(b"[]")


def test_registry_reads_and_writes_json_one_or_many() -> None:
    one = translate(gate_in_report(), to="json")
    assert one == render_json(gate_in_report())
    many = translate([gate_in_report(), gate_in_report()], to="json")
    assert many.lstrip().startswith(b"[")
    assert parse_json_documents(many) == [gate_in_report(), gate_in_report()]
    assert translate(many, to="json", source_format="json") == many
    broken = json.loads(many)
    broken[1]["direction"] = "sideways"
    with pytest.raises(JsonFormatError) as error:
        parse_json_documents(json.dumps(broken))
    assert error.value.path == "$[1].direction"


MODEL_STRATEGIES = (
    "gate_event_reports",
    "load_discharge_reports",
    "load_discharge_orders",
    "container_announcements",
    "bay_plans",
    "status_reports",
    "booking_requests",
    "booking_confirmations",
    "shipping_instructions",
    "cargo_reports",
    "customs_responses",
    "customs_declarations",
)


def model_documents() -> st.SearchStrategy[Any]:
    """The model's own document strategies (shaped by what EDIFACT carries)."""
    return st.one_of([getattr(model_strategies, name) for name in MODEL_STRATEGIES])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model_documents())
def test_round_trip_of_the_models_own_documents(document: Any) -> None:
    assert parse_json(render_json(document)) == document
