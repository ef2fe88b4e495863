"""Canonical documents → DCSA Track & Trace 2.2 events, checked against the DCSA shapes."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from test_json_format import gate_in_report, model_documents
from test_json_strategies import documents

from eport.codes import CodeMap, MappingCodeMapper
from eport.logistics import (
    BookingConfirmation,
    BookingStatus,
    ContainerMove,
    ContainerNumber,
    CustomsResponse,
    CustomsStatus,
    DocumentHeader,
    Equipment,
    FullEmpty,
    LoadDischargeReport,
    Location,
    LocationFunction,
    MessageFunction,
    Reference,
    ReferenceKind,
    StatusEvent,
    StatusReport,
    Transport,
    TransportMode,
    UnLocode,
    Vessel,
    VesselOperation,
    Weight,
)
from eport.logistics.identifiers import ImoNumber
from eport.translate.dcsa import DcsaTranslationError, document_to_events, render_dcsa
from eport.translate.registry import translate
from eport.translate.schemas import DCSA_TNT_SCHEMA, load_schema

GOLDEN = Path(__file__).parent / "golden" / "dcsa"
CST = timezone(timedelta(hours=8))
ISSUED = datetime(2024, 3, 16, 6, 0, tzinfo=CST)


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        load_schema(DCSA_TNT_SCHEMA), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _errors(events: list[dict[str, Any]]) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in _validator().iter_errors(events)]


def load_report() -> LoadDischargeReport:
    return LoadDischargeReport(
        header=DocumentHeader(number="COARRI-0316-01", issued=ISSUED),
        operation=VesselOperation.LOAD,
        transport=Transport(
            TransportMode.SEA,
            voyage="412W",
            vessel=Vessel(name="MAERSK ESSEN", imo=ImoNumber("9456783"), call_sign="OZDF2"),
            carrier="MAEU",
            arrival=datetime(2024, 3, 15, 14, 0, tzinfo=CST),
            departure=datetime(2024, 3, 16, 22, 0, tzinfo=CST),
        ),
        locations=(Location(LocationFunction.PORT_OF_CALL, UnLocode("CNNGB"), facility="NBCT"),),
        references=(Reference(ReferenceKind.BILL_OF_LADING, "MAEU123456789"),),
        containers=(
            ContainerMove(
                equipment=Equipment(
                    number=ContainerNumber("MSKU1234565"),
                    size_type="45G1",
                    status=FullEmpty.FULL,
                    vgm=Weight(Decimal("26480")),
                ),
                port_of_loading=UnLocode("CNNGB"),
                port_of_discharge=UnLocode("NLRTM"),
                time=datetime(2024, 3, 16, 3, 41, tzinfo=CST),
            ),
        ),
    )


def test_published_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema(DCSA_TNT_SCHEMA))


@pytest.mark.parametrize(
    ("name", "document"),
    [("codeco_gate_in.json", gate_in_report()), ("coarri_load.json", load_report())],
)
def test_golden(name: str, document: Any) -> None:
    expected = (GOLDEN / name).read_bytes()
    assert render_dcsa(document) == expected
    assert not _errors(json.loads(expected))


def test_gate_in_is_an_actual_laden_gtin_with_references_and_seals() -> None:
    [event] = document_to_events(gate_in_report())
    assert event["eventType"] == "EQUIPMENT"
    assert (event["equipmentEventTypeCode"], event["eventClassifierCode"]) == ("GTIN", "ACT")
    assert event["emptyIndicatorCode"] == "LADEN"
    assert event["ISOEquipmentCode"] == "45G1"
    assert event["eventDateTime"] == "2024-03-15T09:12:00+08:00"
    assert event["eventCreatedDateTime"] == "2024-03-15T09:30:00+08:00"
    assert event["transportCall"]["modeOfTransport"] == "TRUCK"
    assert event["transportCall"]["UNLocationCode"] == "CNNGB"
    assert event["documentReferences"] == [
        {"documentReferenceType": "BKG", "documentReferenceValue": "MAEU240315001"}
    ]
    assert event["seals"] == [{"sealNumber": "ML123456", "sealType": "BLT", "sealSource": "CAR"}]


def test_load_report_gives_load_and_vessel_arrival_and_estimated_departure() -> None:
    events = document_to_events(load_report())
    kinds = [
        (
            e["eventType"],
            e.get("equipmentEventTypeCode") or e.get("transportEventTypeCode"),
            e["eventClassifierCode"],
        )
        for e in events
    ]
    assert kinds == [
        ("EQUIPMENT", "LOAD", "ACT"),
        ("TRANSPORT", "ARRI", "ACT"),  # arrived before the report was issued
        ("TRANSPORT", "DEPA", "EST"),  # departure still to come
    ]
    vessel = events[0]["transportCall"]["vessel"]
    assert vessel["vesselIMONumber"] == "9456783"
    assert vessel["vesselOperatorCarrierCodeListProvider"] == "NMFTA"
    assert events[0]["transportCall"]["exportVoyageNumber"] == "412W"


def test_event_ids_are_stable_and_distinct() -> None:
    first = [e["eventID"] for e in document_to_events(load_report())]
    second = [e["eventID"] for e in document_to_events(load_report())]
    assert first == second and len(set(first)) == len(first)


def test_shipment_events() -> None:
    confirmation = BookingConfirmation(
        header=DocumentHeader(number="BC1", issued=ISSUED), booking="MAEU240315001"
    )
    [event] = document_to_events(confirmation)
    assert (event["shipmentEventTypeCode"], event["documentTypeCode"]) == ("CONF", "BKG")
    assert event["documentID"] == "MAEU240315001"
    assert event["eventDateTime"] == event["eventCreatedDateTime"]
    rejected = dataclasses.replace(confirmation, status=BookingStatus.REJECTED)
    assert document_to_events(rejected)[0]["shipmentEventTypeCode"] == "REJE"
    cancelled = dataclasses.replace(
        confirmation,
        header=DocumentHeader(number="BC1", issued=ISSUED, function=MessageFunction.CANCELLATION),
    )
    assert document_to_events(cancelled)[0]["shipmentEventTypeCode"] == "VOID"
    release = CustomsResponse(
        header=DocumentHeader(number="R1", issued=ISSUED),
        status=CustomsStatus.RELEASED,
        references=(Reference(ReferenceKind.DECLARATION, "223320240000123456"),),
    )
    [event] = document_to_events(release)
    assert (event["shipmentEventTypeCode"], event["documentTypeCode"]) == ("RELS", "CUS")
    assert event["documentID"] == "223320240000123456"
    assert not _errors([event])


def test_recipient_codes_apply() -> None:
    recipient = MappingCodeMapper(
        [
            CodeMap.from_rows("size-type", [("40HC", "45G1")]),
            CodeMap.from_rows("location", [("NGB", "CNNGB")]),
        ]
    )
    [event] = document_to_events(gate_in_report(), recipient)
    assert event["ISOEquipmentCode"] == "40HC"
    assert event["transportCall"]["UNLocationCode"] == "NGB"


def test_unknown_full_empty_status_is_refused() -> None:
    report = gate_in_report()
    event = report.events[0]
    unknown = dataclasses.replace(
        event, equipment=dataclasses.replace(event.equipment, status=None)
    )
    with pytest.raises(DcsaTranslationError, match="MSKU1234565"):
        document_to_events(dataclasses.replace(report, events=(unknown,)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_give_valid_events(document: Any) -> None:
    try:
        events = document_to_events(document)
    except DcsaTranslationError as error:
        assert "full/empty status" in str(error)
        return
    assert not _errors(events)
    assert all(e["eventCreatedDateTime"] == document.header.issued.isoformat() for e in events)


def test_registry_writes_the_events_of_several_documents() -> None:
    events = json.loads(translate([gate_in_report(), load_report()], to="dcsa"))
    assert [e.get("equipmentEventTypeCode") for e in events][:2] == ["GTIN", "LOAD"]
    assert not _errors(events)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model_documents())
def test_the_models_own_documents_give_valid_events(document: Any) -> None:
    try:
        events = document_to_events(document)
    except DcsaTranslationError as error:
        assert "full/empty status" in str(error)
        return
    assert not _errors(events)


def test_unloaded_statuses_become_discharges_and_the_vessel_arrives_once() -> None:
    vessel = load_report().transport
    port = Location(LocationFunction.PORT_OF_DISCHARGE, UnLocode("CNNGB"))
    unloaded = datetime(2024, 3, 15, 20, 0, tzinfo=CST)
    report = StatusReport(
        header=DocumentHeader(number="STS-1", issued=ISSUED),
        events=tuple(
            StatusEvent(
                "29", unloaded, location=port, container=ContainerNumber(number), transport=vessel
            )
            for number in ("MSKU1234565", "TGHU8765436")
        ),
    )
    events = document_to_events(report)
    kinds = [e.get("equipmentEventTypeCode") or e.get("transportEventTypeCode") for e in events]
    assert kinds == ["DISC", "ARRI", "DEPA", "DISC"]
    assert events[0]["emptyIndicatorCode"] == "LADEN"
    assert events[0]["eventClassifierCode"] == "ACT"
    assert not _errors(events)
