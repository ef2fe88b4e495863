"""The translators map party and carrier codes by the rule the exchange hub maps segments by."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from eport.codes import CodeMap, MappingCodeMapper
from eport.edifact import Message, Segment
from eport.logistics.parties import CodeScheme, Party, PartyRole
from eport.logistics.transport import Transport, TransportMode
from eport.translate.edifact.context import Context
from eport.translate.edifact.parties import nad, read_nad
from eport.translate.edifact.transport import read_tdt, tdt
from eport.translate.message_codes import MappedMessage, map_inbound, map_outbound

# A partner that calls Maersk MAERSK; NBHL (a haulier) and CARRB (an operator) are in no map.
MAPS = (CodeMap.from_rows("carrier", [("MAERSK", "MSK")]),)
CODES = ["MAERSK", "MSK", "MSC", "CARRB", "NBHL"]
LIST_QUALIFIERS = ["", "160", "172"]
AGENCIES = ["", "20", "306", "182", "ZZZ", "16", "87"]


def _context(mapper: MappingCodeMapper) -> Context:
    return Context(version="D95B", tz=ZoneInfo("UTC"), codes=mapper)


def _hub(segment: Segment, *, inbound: bool) -> tuple[Segment, MappedMessage]:
    header = Segment.of("UNH", "1", ["CODECO", "D", "95B", "UN"])
    message = Message([header, segment, Segment.of("UNT", "3", "1")])
    mapper = MappingCodeMapper(MAPS)
    mapped = map_inbound(message, mapper) if inbound else map_outbound(message, mapper)
    return mapped.message.segments[1], mapped


nad_segments = st.builds(
    lambda role, code, qualifier, agency: Segment.of("NAD", role, [code, qualifier, agency]),
    st.sampled_from(["CA", "CF", "CZ"]),
    st.sampled_from(CODES),
    st.sampled_from(LIST_QUALIFIERS),
    st.sampled_from(AGENCIES),
)
tdt_segments = st.builds(
    lambda mode, code, qualifier, agency: Segment.of(
        "TDT", "20", "V1", mode, "", [code, qualifier, agency]
    ),
    st.sampled_from(["", "1", "3", "2", "8"]),
    st.sampled_from(CODES),
    st.sampled_from(LIST_QUALIFIERS),
    st.sampled_from(AGENCIES),
)


@given(nad_segments)
def test_a_party_code_is_read_as_the_hub_maps_it(segment: Segment) -> None:
    mapped, hub = _hub(segment, inbound=True)
    mapper = MappingCodeMapper(MAPS)
    party = read_nad(segment, _context(mapper))
    assert party.code == mapped.component(2, 1)
    assert [i.code for i in mapper.issues] == [i.code for i in hub.issues]


@given(tdt_segments)
def test_a_transport_carrier_is_read_as_the_hub_maps_it(segment: Segment) -> None:
    mapped, hub = _hub(segment, inbound=True)
    mapper = MappingCodeMapper(MAPS)
    transport = read_tdt(segment, _context(mapper))
    assert transport.carrier == mapped.component(5, 1)
    assert [i.code for i in mapper.issues] == [i.code for i in hub.issues]


@given(
    st.sampled_from([PartyRole.CARRIER, PartyRole.CONTAINER_OPERATOR, PartyRole.SHIPPER]),
    st.sampled_from(CODES),
    st.none() | st.sampled_from(CodeScheme),
)
def test_a_party_code_is_written_as_the_hub_maps_it(
    role: PartyRole, code: str, scheme: CodeScheme | None
) -> None:
    party = Party(role, code=code, scheme=scheme)
    mapped, hub = _hub(nad(party, _context(MappingCodeMapper())), inbound=False)
    mapper = MappingCodeMapper(MAPS)
    assert nad(party, _context(mapper)) == mapped
    assert [i.code for i in mapper.issues] == [i.code for i in hub.issues]


@given(st.sampled_from(TransportMode), st.sampled_from(CODES))
def test_a_transport_carrier_is_written_as_the_hub_maps_it(mode: TransportMode, code: str) -> None:
    transport = Transport(mode, voyage="V1", carrier=code)
    mapped, hub = _hub(tdt(transport, _context(MappingCodeMapper())), inbound=False)
    mapper = MappingCodeMapper(MAPS)
    assert tdt(transport, _context(mapper)) == mapped
    assert [i.code for i in mapper.issues] == [i.code for i in hub.issues]


def test_a_container_operators_own_code_is_no_issue_either_way() -> None:
    mapper = MappingCodeMapper(MAPS)
    party = read_nad(Segment.of("NAD", "CF", ["CARRB", "160", "ZZZ"]), _context(mapper))
    assert party == Party(PartyRole.CONTAINER_OPERATOR, "CARRB", CodeScheme.MUTUALLY_DEFINED)
    assert nad(party, _context(mapper)).components(2) == ["CARRB", "160", "ZZZ"]
    assert mapper.issues == ()


def test_a_party_code_of_another_list_is_left_alone_even_when_the_map_knows_it() -> None:
    mapper = MappingCodeMapper(MAPS)
    party = read_nad(Segment.of("NAD", "CA", ["MAERSK", "160", "87"]), _context(mapper))
    assert party.code == "MAERSK" and mapper.issues == ()


def test_a_carrier_list_code_is_mapped_and_an_unknown_one_flagged() -> None:
    mapper = MappingCodeMapper(MAPS)
    known = read_nad(Segment.of("NAD", "CA", ["MAERSK", "172", "20"]), _context(mapper))
    unknown = read_nad(Segment.of("NAD", "CA", ["CARRB", "172", "20"]), _context(mapper))
    assert (known.code, unknown.code) == ("MSK", "CARRB")
    assert [(i.list_name, i.code) for i in mapper.issues] == [("carrier", "CARRB")]


def test_a_hauliers_code_is_written_as_mutually_defined_and_never_mapped() -> None:
    mapper = MappingCodeMapper(MAPS)
    road = tdt(Transport(TransportMode.ROAD, carrier="NBHL", vehicle="ZJB12345"), _context(mapper))
    sea = tdt(Transport(TransportMode.SEA, voyage="V1", carrier="MSK"), _context(mapper))
    assert road.components(5) == ["NBHL", "172", "ZZZ"]
    assert sea.components(5) == ["MAERSK", "172", "20"]
    assert mapper.issues == ()
