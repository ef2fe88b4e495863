"""A partner that calls a 40' high cube ``40HC`` and Ningbo ``NGB`` sends a CODECO; the
recipient that uses standard codes receives ``45G1`` and ``CNNGB``; an unknown code is flagged."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from eport.codes import CodeMap, MappingCodeMapper, UnknownCodePolicy
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
    Party,
    PartyRole,
    Transport,
    TransportMode,
    UnLocode,
    Weight,
)
from eport.translate.registry import Options, translate

CST = timezone(timedelta(hours=8))


def _partner(policy: UnknownCodePolicy = UnknownCodePolicy.WARN) -> MappingCodeMapper:
    return MappingCodeMapper(
        [
            CodeMap.from_rows("size-type", [("40HC", "45G1"), ("20GP", "22G1")]),
            CodeMap.from_rows("location", [("NGB", "CNNGB")]),
        ],
        policy=policy,
    )


def _report(size_type: str = "45G1") -> GateEventReport:
    return GateEventReport(
        header=DocumentHeader(
            "GI20240315001",
            datetime(2024, 3, 15, 9, 30, tzinfo=CST),
            sender=Party(PartyRole.TERMINAL, code="NBCT"),
        ),
        direction=GateDirection.IN,
        facility=Location(LocationFunction.PLACE_OF_EVENT, UnLocode("CNNGB"), facility="NBCT"),
        parties=(Party(PartyRole.CARRIER, code="MAEU"),),
        events=(
            GateEvent(
                Equipment(
                    ContainerNumber("MSKU1234565"),
                    size_type=size_type,
                    status=FullEmpty.FULL,
                    gross_weight=Weight(Decimal("24500")),
                ),
                datetime(2024, 3, 15, 9, 12, tzinfo=CST),
                Transport(TransportMode.ROAD, vehicle="ZJB12345"),
            ),
        ),
    )


def _partner_codeco(size_type: str = "45G1") -> bytes:
    """The CODECO as the partner writes it: its own codes."""
    return translate(
        _report(size_type), to="edifact:D95B", write_options=Options(tz=CST, codes=_partner())
    )


def test_the_partner_writes_its_own_codes() -> None:
    sent = _partner_codeco()
    assert b"40HC" in sent and b"NGB:" in sent
    assert b"45G1" not in sent and b"CNNGB" not in sent


@pytest.mark.parametrize("to", ["edifact:D95B", "edifact:D00B", "json", "csv", "dcsa"])
def test_a_standard_recipient_receives_standard_codes(to: str) -> None:
    sender, recipient = _partner(), MappingCodeMapper()
    received = translate(
        _partner_codeco(),
        to=to,
        read_options=Options(tz=CST, codes=sender),
        write_options=Options(tz=CST, codes=recipient),
    )
    assert b"45G1" in received and b"CNNGB" in received
    assert b"40HC" not in received
    assert sender.issues == () and recipient.issues == ()


def test_an_unknown_code_is_flagged_with_its_place() -> None:
    sender = _partner(UnknownCodePolicy.REJECT)
    translate(_partner_codeco("45G7"), to="json", read_options=Options(tz=CST, codes=sender))
    assert [(i.list_name, i.code) for i in sender.issues] == [("size-type", "45G7")]
    assert sender.rejects
