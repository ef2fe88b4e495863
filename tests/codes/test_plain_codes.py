"""Mapping the codes inside a document's plain form."""

from __future__ import annotations

from datetime import UTC, datetime

from eport.codes import CodeMap, MappingCodeMapper
from eport.codes.plain_codes import plain_from_standard, plain_to_standard
from eport.logistics import (
    ContainerNumber,
    DocumentHeader,
    Equipment,
    GateDirection,
    GateEvent,
    GateEventReport,
    Location,
    LocationFunction,
    Transport,
    TransportMode,
    UnLocode,
    to_plain,
)


def _report(carrier: str, mode: TransportMode) -> GateEventReport:
    return GateEventReport(
        header=DocumentHeader("G1", datetime(2024, 3, 15, tzinfo=UTC)),
        direction=GateDirection.OUT,
        facility=Location(LocationFunction.PLACE_OF_EVENT, UnLocode("CNNGB")),
        transport=Transport(mode, carrier=carrier),
        events=(
            GateEvent(
                Equipment(ContainerNumber("MSKU1234565"), "45G1"),
                datetime(2024, 3, 15, 9, tzinfo=UTC),
            ),
        ),
    )


def test_codes_are_mapped_where_the_model_holds_them() -> None:
    mapper = MappingCodeMapper(
        [
            CodeMap.from_rows("size-type", [("40HC", "45G1")]),
            CodeMap.from_rows("location", [("NGB", "CNNGB")]),
            CodeMap.from_rows("carrier", [("MAERSK", "MAEU")]),
        ]
    )
    plain = plain_from_standard(to_plain(_report("MAEU", TransportMode.SEA)), mapper)
    assert plain["facility"]["locode"] == "NGB"
    assert plain["events"][0]["equipment"]["size_type"] == "40HC"
    assert plain["transport"]["carrier"] == "MAERSK"
    assert plain["events"][0]["equipment"]["number"] == "MSKU1234565"  # not a code list
    assert plain_to_standard(plain, mapper) == to_plain(_report("MAEU", TransportMode.SEA))


def test_a_hauliers_code_is_its_own_but_a_shipping_lines_must_be_known() -> None:
    mapper = MappingCodeMapper()
    plain_from_standard(to_plain(_report("NBTRUCK", TransportMode.ROAD)), mapper)
    assert mapper.issues == ()
    plain_from_standard(to_plain(_report("NBTRUCK", TransportMode.SEA)), mapper)
    assert [(i.list_name, i.code, i.where) for i in mapper.issues] == [
        ("carrier", "NBTRUCK", "$.transport.carrier")
    ]


def test_data_that_is_not_a_document_is_left_alone() -> None:
    data = {"document": "Invoice", "size_type": "40HC"}
    assert plain_to_standard(data, MappingCodeMapper()) == data
