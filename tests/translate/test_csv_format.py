"""Container events ⇄ CSV for partners without EDI."""

from __future__ import annotations

import csv
import io
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from test_dcsa_events import load_report
from test_json_format import gate_in_report
from test_json_strategies import documents

from eport.codes import CodeMap, MappingCodeMapper
from eport.logistics import GateDirection, GateEventReport
from eport.translate.csv_format import COLUMNS, CsvFormatError, parse_gate_csv, render_csv
from eport.translate.json_format import render_json
from eport.translate.registry import Options, translate

GOLDEN = Path(__file__).parent / "golden" / "csv"
CST = timezone(timedelta(hours=8))


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _partner() -> MappingCodeMapper:
    return MappingCodeMapper(
        [
            CodeMap.from_rows("size-type", [("40HC", "45G1"), ("20GP", "22G1")]),
            CodeMap.from_rows("location", [("NGB", "CNNGB")]),
        ]
    )


def test_header_is_the_documented_columns() -> None:
    first_line = render_csv(gate_in_report()).split(b"\r\n")[0].decode()
    assert tuple(first_line.split(",")) == COLUMNS


@pytest.mark.parametrize(
    ("name", "document"),
    [("codeco_gate_in.csv", gate_in_report()), ("coarri_load.csv", load_report())],
)
def test_golden_output(name: str, document: Any) -> None:
    assert render_csv(document) == (GOLDEN / name).read_bytes()


def test_golden_partner_input_with_partner_codes_and_local_times() -> None:
    mapper = _partner()
    reports = parse_gate_csv((GOLDEN / "partner_gate_in.csv").read_bytes(), mapper, zone=CST)
    assert mapper.issues == ()
    assert [r.direction for r in reports] == [GateDirection.IN, GateDirection.OUT]
    expected = (GOLDEN / "partner_gate_in.expected.json").read_bytes()
    assert b"".join(render_json(r) for r in reports) == expected
    first = reports[0].events[0].equipment
    assert (first.size_type, str(first.number), len(first.seals)) == ("45G1", "MSKU1234565", 2)
    assert str(reports[0].facility.locode) == "CNNGB"  # type: ignore[union-attr]


def test_recipient_codes_on_the_way_out() -> None:
    [row] = _rows(render_csv(gate_in_report(), _partner()))
    assert (row["size_type"], row["locode"]) == ("40HC", "NGB")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(GateEventReport))
def test_gate_reports_survive_csv(report: GateEventReport) -> None:
    written = render_csv(report)
    [again] = parse_gate_csv(written) or [None]  # type: ignore[list-item]
    if not report.events:
        assert again is None
        return
    assert render_csv(again) == written
    assert [e.equipment.number for e in again.events] == [e.equipment.number for e in report.events]
    assert [e.time for e in again.events] == [e.time for e in report.events]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_every_document_renders_one_row_per_container_event(document: Any) -> None:
    rows = _rows(render_csv(document))
    for row in rows:
        assert set(row) == set(COLUMNS)
        assert row["message_number"] == document.header.number
        assert row["container"] and row["event"]


def _csv(*lines: str) -> str:
    return "message_number,event,event_time,container,size_type,imo\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "row", "column"),
    [
        (_csv("A,gate_in,2024-03-16T08:00+08:00,MSKU1234560,45G1,"), 2, "container"),
        (
            _csv("A,gate_in,2024-03-16T08:00+08:00,MSKU1234565,45G1,", "A,gate_in,,MSKU1234565,,"),
            3,
            "event_time",
        ),
        (_csv("A,gate_in,yesterday,MSKU1234565,45G1,"), 2, "event_time"),
        (_csv("A,gate_in,2024-03-16T08:00,MSKU1234565,45G1,"), 2, "event_time"),
        (_csv("A,gate_in,2024-03-16T08:00+08:00,MSKU1234565,45G1,1234568"), 2, "mode"),
        (
            "message_number,event,event_time,container,mode,imo\n"
            "A,gate_in,2024-03-16T08:00+08:00,MSKU1234565,sea,1234568\n",
            2,
            "imo",
        ),
        (_csv("A,gate_in,2024-03-16T08:00+08:00,MSKU1234565,45G,"), 2, "size_type"),
        (_csv("A,load,2024-03-16T08:00+08:00,MSKU1234565,45G1,"), 2, "event"),
        (_csv(",gate_in,2024-03-16T08:00+08:00,MSKU1234565,45G1,"), 2, "message_number"),
        (_csv("A,gate_in,2024-03-16T08:00+08:00,MSKU1234565"), 2, None),
        ("message_number,event\nA,gate_in\n", 1, None),
    ],
)
def test_bad_rows_name_row_and_column(text: str, row: int, column: str | None) -> None:
    with pytest.raises(CsvFormatError) as error:
        parse_gate_csv(text)
    assert (error.value.row, error.value.column) == (row, column)


def test_unknown_partner_codes_are_flagged_not_dropped() -> None:
    mapper = MappingCodeMapper()
    [report] = parse_gate_csv(_csv("A,gate_in,2024-03-16T08:00+08:00,MSKU1234565,45G7,"), mapper)
    assert report.events[0].equipment.size_type == "45G7"
    assert [(i.list_name, i.code) for i in mapper.issues] == [("size-type", "45G7")]


def test_rows_at_different_places_keep_them() -> None:
    text = (
        "message_number,event,event_time,container,locode\n"
        "A,gate_in,2024-03-16T08:00+08:00,MSKU1234565,CNNGB\n"
        "A,gate_in,2024-03-16T08:10+08:00,TGHU8765436,CNSHA\n"
        "A,gate_in,2024-03-16T08:20+08:00,TGHU8765436,\n"
    )
    [report] = parse_gate_csv(text)
    assert report.facility is None
    assert [str(loc.locode) for e in report.events for loc in e.locations] == ["CNNGB", "CNSHA"]
    assert _rows(render_csv(report))[2]["locode"] == ""


def test_registry_reads_gate_csv_in_the_partners_zone_and_writes_any_document() -> None:
    data = (GOLDEN / "partner_gate_in.csv").read_bytes()
    as_json = translate(data, to="json", read_options=Options(tz=CST, codes=_partner()))
    assert b'"2024-03-16T08:05:00+08:00"' in as_json
    both = translate([gate_in_report(), load_report()], to="csv")
    assert [row["event"] for row in _rows(both)] == ["gate_in", "load"]


def test_a_hauliers_code_is_not_a_carrier_code() -> None:
    text = (
        "message_number,event,event_time,container,mode,carrier\n"
        "A,gate_in,2024-03-16T08:00+08:00,MSKU1234565,road,NBTRUCK\n"
        "B,gate_in,2024-03-16T08:00+08:00,MSKU1234565,inland_water,NOPE\n"
    )
    mapper = MappingCodeMapper()
    reports = parse_gate_csv(text, mapper)
    assert [(i.list_name, i.code) for i in mapper.issues] == [("carrier", "NOPE")]
    render_csv(reports, mapper)
    assert [(i.list_name, i.code) for i in mapper.issues] == [("carrier", "NOPE")] * 2
