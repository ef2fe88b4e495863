"""Mapping a partner's codes with the unknown-code policy."""

from __future__ import annotations

from eport.codes import (
    CodeIssue,
    CodeMap,
    MappingCodeMapper,
    MappingDirection,
    UnknownCodePolicy,
)
from eport.logistics.codes import CodeMapper


def _partner() -> MappingCodeMapper:
    return MappingCodeMapper(
        [
            CodeMap.from_rows("size-type", [("40HC", "45G1"), ("20GP", "22G1")]),
            CodeMap.from_rows("location", [("NGB", "CNNGB")]),
        ]
    )


def test_implements_the_model_port() -> None:
    mapper: CodeMapper = _partner()
    assert mapper.to_standard("size-type", "40HC") == "45G1"


def test_inbound_maps_passes_standard_codes_and_flags_the_rest() -> None:
    mapper = _partner()
    assert mapper.to_standard("size-type", "40HC") == "45G1"
    assert mapper.to_standard("location", "NGB") == "CNNGB"
    assert mapper.to_standard("size-type", "22R1") == "22R1"
    assert mapper.to_standard("location", "CNSHA") == "CNSHA"
    assert mapper.to_standard("carrier", "MSK") == "MSK"  # no map for the list at all
    assert mapper.issues == ()
    assert mapper.to_standard("size-type", "40XX", where="segment 7 EQD") == "40XX"
    assert mapper.issues == (
        CodeIssue("size-type", "40XX", MappingDirection.INBOUND, "segment 7 EQD"),
    )
    assert "40XX" in mapper.issues[0].message and "segment 7 EQD" in mapper.issues[0].message
    assert not mapper.rejects


def test_outbound_uses_partner_codes() -> None:
    mapper = _partner()
    assert mapper.from_standard("size-type", "45G1") == "40HC"
    assert mapper.from_standard("location", "CNNGB") == "NGB"
    assert mapper.from_standard("location", "CNSHA") == "CNSHA"
    assert mapper.from_standard("location", "NOWHR") == "NOWHR"
    assert [i.direction for i in mapper.issues] == [MappingDirection.OUTBOUND]


def test_located_names_the_place_of_codes_in_a_block() -> None:
    mapper = _partner()
    with mapper.located("segment 4 LOC"):
        mapper.to_standard("location", "QQQ")
        with mapper.located("segment 5 LOC"):
            mapper.to_standard("location", "RRR")
        mapper.to_standard("location", "SSS", where="explicit")
    mapper.to_standard("location", "TTT")
    assert [i.where for i in mapper.issues] == ["segment 4 LOC", "segment 5 LOC", "explicit", None]


def test_reject_policy_and_draining() -> None:
    mapper = MappingCodeMapper(policy=UnknownCodePolicy.REJECT)
    assert not mapper.rejects
    mapper.to_standard("package", "??")
    assert mapper.rejects
    assert len(mapper.drain_issues()) == 1
    assert mapper.issues == () and not mapper.rejects


def test_partner_scenario_40hc_and_ngb_reach_a_standard_recipient() -> None:
    sender = _partner()
    recipient = MappingCodeMapper()
    inbound = [sender.to_standard("size-type", "40HC"), sender.to_standard("location", "NGB")]
    outbound = [recipient.from_standard("size-type", c) for c in inbound[:1]] + [
        recipient.from_standard("location", inbound[1])
    ]
    assert outbound == ["45G1", "CNNGB"]
    assert sender.issues == () and recipient.issues == ()
