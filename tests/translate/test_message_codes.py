"""Partner codes ⇄ standard codes inside parsed EDIFACT messages (segment-level code mapping)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eport.codes import CodeMap, MappingCodeMapper, UnknownCodePolicy, is_standard
from eport.codes.mapper import MappingDirection
from eport.edifact import Message, Segment, parse, serialize
from eport.simulation.render import Rendering
from eport.simulation.simulator import SimulationSettings, render_traffic, simulate
from eport.translate.edifact import Version
from eport.translate.message_codes import map_inbound, map_outbound

# A terminal's own codes: 40HC for a 40' high cube, NGB for Ningbo, MAERSK for Maersk.
PARTNER_CODECO = (
    "UNA:+.? '"
    "UNB+UNOC:3+NBCT+EPORT+261127:0930+17'"
    "UNH+1+CODECO:D:95B:UN:ITG14'"
    "BGM+34+GI20261127001+9'"
    "TDT+20+V123W+1++MAERSK:172:20+++9321483:146:11:MAERSK EINDHOVEN'"
    "LOC+165+NGB:139:6+NBCT:TER:ZZZ'"
    "NAD+CF+MAERSK:160:20'"
    "EQD+CN+CSQU3054383+40HC:102:5++2+5'"
    "DTM+7:202611270912:203'"
    "LOC+165+NGB:139:6'"
    "CNT+16:1'"
    "UNT+10+1'"
    "UNZ+1+17'"
)

TERMINAL_MAPS = (
    CodeMap.from_rows("size-type", [("40HC", "45G1"), ("20GP", "22G1")]),
    CodeMap.from_rows("location", [("NGB", "CNNGB"), ("SHA", "CNSHA")]),
    CodeMap.from_rows("carrier", [("MAERSK", "MSK")]),
)


def _message(text: str = PARTNER_CODECO) -> Message:
    return parse(text.encode("latin-1")).interchanges[0].messages[0]


def _codes(message: Message) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for segment in message.segments:
        if segment.tag == "EQD":
            found.setdefault("size-type", []).append(segment.component(3, 1))
        elif segment.tag == "LOC":
            found.setdefault("location", []).append(segment.component(2, 1))
        elif segment.tag in ("NAD", "TDT"):
            element = 2 if segment.tag == "NAD" else 5
            found.setdefault("carrier", []).append(segment.component(element, 1))
    return found


def test_inbound_gives_standard_codes_for_the_partners_codes() -> None:
    result = map_inbound(_message(), MappingCodeMapper(TERMINAL_MAPS))
    assert result.issues == ()
    assert result.changed
    assert _codes(result.message) == {
        "size-type": ["45G1"],
        "location": ["CNNGB", "CNNGB"],
        "carrier": ["MSK", "MSK"],
    }
    text = serialize(result.message).decode("latin-1")
    assert "EQD+CN+CSQU3054383+45G1:102:5++2+5'" in text
    assert "LOC+165+CNNGB:139:6+NBCT:TER:ZZZ'" in text


def test_a_copy_leaves_the_received_message_alone() -> None:
    received = _message()
    before = serialize(received)
    result = map_inbound(received, MappingCodeMapper(TERMINAL_MAPS))
    assert serialize(received) == before
    assert result.message is not received
    assert serialize(result.message) != before


def test_in_place_changes_the_received_message() -> None:
    received = _message()
    result = map_inbound(received, MappingCodeMapper(TERMINAL_MAPS), in_place=True)
    assert result.message is received
    assert _codes(received)["size-type"] == ["45G1"]


def test_outbound_for_a_standard_recipient_leaves_standard_codes() -> None:
    standard = map_inbound(_message(), MappingCodeMapper(TERMINAL_MAPS)).message
    result = map_outbound(standard, MappingCodeMapper())
    assert not result.changed and result.issues == ()
    assert serialize(result.message) == serialize(standard)


def test_outbound_gives_the_recipients_codes() -> None:
    standard = map_inbound(_message(), MappingCodeMapper(TERMINAL_MAPS)).message
    result = map_outbound(standard, MappingCodeMapper(TERMINAL_MAPS))
    assert serialize(result.message) == serialize(_message())


def test_a_standard_code_missing_from_the_map_passes_unchanged() -> None:
    text = PARTNER_CODECO.replace("40HC:102:5", "22G1:102:5").replace("NGB:139:6'", "CNSHA'")
    only_high_cube = MappingCodeMapper([CodeMap.from_rows("size-type", [("40HC", "45G1")])])
    result = map_inbound(_message(text), only_high_cube)
    assert _codes(result.message)["size-type"] == ["22G1"]
    assert _codes(result.message)["location"][-1] == "CNSHA"
    assert all(issue.code != "22G1" for issue in result.issues)


def test_an_unknown_code_is_flagged_with_its_segment() -> None:
    assert not is_standard("size-type", "40XX")
    text = PARTNER_CODECO.replace("40HC:102:5", "40XX:102:5")
    result = map_inbound(_message(text), MappingCodeMapper(TERMINAL_MAPS))
    [issue] = result.issues
    assert (issue.list_name, issue.code, issue.direction) == (
        "size-type",
        "40XX",
        MappingDirection.INBOUND,
    )
    assert (issue.position, issue.tag, issue.element, issue.component) == (6, "EQD", 3, 1)
    assert "segment 6 EQD" in issue.message and "'40XX'" in issue.message
    assert _codes(result.message)["size-type"] == ["40XX"]  # never silently dropped or replaced
    assert not result.rejected  # warning by default


def test_a_rejecting_partner_rejects_unknown_codes() -> None:
    text = PARTNER_CODECO.replace("NAD+CF+MAERSK", "NAD+CF+NOSUCH")
    mapper = MappingCodeMapper(TERMINAL_MAPS, policy=UnknownCodePolicy.REJECT)
    result = map_inbound(_message(text), mapper)
    assert result.rejected
    assert [(i.code, i.tag, i.position) for i in result.issues] == [("NOSUCH", "NAD", 5)]


def test_known_codes_do_not_reject() -> None:
    mapper = MappingCodeMapper(TERMINAL_MAPS, policy=UnknownCodePolicy.REJECT)
    assert not map_inbound(_message(), mapper).rejected


def test_places_that_hold_no_list_code_are_left_alone() -> None:
    segments = [
        Segment.of("UNH", "1", ["BAPLIE", "D", "95B", "UN", "SMDG15"]),
        Segment.of("LOC", "147", ["0120082", "", "5"]),  # stowage cell
        Segment.of("LOC", "22", ["3101", "", "ZZY"]),  # a national customs office list
        Segment.of("NAD", "SH", "NGB"),  # a shipper, not a carrier
        Segment.of("EQD", "CH", "TRAILER1", "40HC"),  # a chassis, not a container
        Segment.of("UNT", "6", "1"),
    ]
    message = Message(segments)
    result = map_inbound(message, MappingCodeMapper(TERMINAL_MAPS))
    assert not result.changed and result.issues == ()


def _one_segment(text: str) -> Message:
    """A CODECO body of one segment, e.g. ``NAD+CF+MSC:160:ZZZ``."""
    return _message(
        "UNA:+.? 'UNB+UNOC:3+NBCT+EPORT+261127:0930+17'UNH+1+CODECO:D:95B:UN:ITG14'"
        f"{text}'UNT+3+1'UNZ+1+17'"
    )


def _rejecting() -> MappingCodeMapper:
    return MappingCodeMapper(TERMINAL_MAPS, policy=UnknownCodePolicy.REJECT)


@pytest.mark.parametrize(
    "text",
    [
        "NAD+CF+NOSUCH:172:20",  # SMDG liner code under BIC, as BAPLIE gives the carrier
        "NAD+CA+NOSUCH:160:20",
        "NAD+CF+NOSUCH:160:306",  # SMDG as agency (directories after D.00B)
        "NAD+CA+NOSUCH:160:182",  # a SCAC
        "NAD+CA+NOSUCH:172",  # a carrier code, its list left unsaid
        "TDT+20+V123W+1++NOSUCH:172:20",
        "TDT+20+V123W+1++NOSUCH",  # C040 holds a carrier code by definition
        "TDT+20+V123W+++NOSUCH:172:182",  # mode left out
        "TDT+20+V123W+8++NOSUCH:172:20",  # a barge operator
    ],
)
def test_a_code_the_message_says_is_a_carrier_code_is_checked(text: str) -> None:
    result = map_inbound(_one_segment(text), _rejecting())
    assert result.rejected
    assert [(issue.list_name, issue.code, issue.position) for issue in result.issues] == [
        ("carrier", "NOSUCH", 2)
    ]


@pytest.mark.parametrize(
    ("text", "mapped"),
    [
        ("NAD+CF+MAERSK:172:20", "NAD+CF+MSK:172:20"),
        ("NAD+CA+MAERSK:160:306", "NAD+CA+MSK:160:306"),
        ("TDT+20+V123W+1++MAERSK:172:20", "TDT+20+V123W+1++MSK:172:20"),
        ("TDT+20+V123W+1++MAERSK", "TDT+20+V123W+1++MSK"),
    ],
)
def test_a_carrier_code_is_mapped(text: str, mapped: str) -> None:
    result = map_inbound(_one_segment(text), _rejecting())
    assert result.issues == ()
    assert f"{mapped}'" in serialize(result.message).decode("latin-1")


@pytest.mark.parametrize(
    "text",
    [
        "NAD+CF+CARRB:160:ZZZ",  # SMDG's container operator, mutually defined
        "NAD+CF+TRITON:160:ZZZ",  # a lessor as container operator
        "NAD+CA+NBCARRIER",  # no list named at all
        "NAD+CA+NBCARRIER:160",
        "NAD+CF+NBCARRIER:172:ZZZ",  # a carrier code of a mutually defined list
        "NAD+CA+4012345000009:160:9",  # GS1 (EAN) location number
        "NAD+CA+123456789:160:16",  # DUNS
        "NAD+CA+NOSUCH:160:87",  # assigned by the carrier
        "NAD+CA+NOSUCH:160:166",
        "TDT+20+V123W+1++NBHL:172:ZZZ",
        "TDT+10++3++NBTRUCK:172:20",  # a haulier's code: road carriage
        "TDT+30++2++NBRAIL:172:20",  # a rail operator's: rail carriage
    ],
)
def test_a_party_code_of_no_stated_carrier_list_is_never_an_issue(text: str) -> None:
    mapper = _rejecting()
    result = map_inbound(_one_segment(text), mapper)
    assert result.issues == () and not result.rejected
    assert not result.changed
    assert mapper.issues == () and not mapper.rejects


@pytest.mark.parametrize(
    ("text", "mapped"),
    [
        ("NAD+CF+MAERSK:160:ZZZ", "NAD+CF+MSK:160:ZZZ"),
        ("NAD+CA+MAERSK", "NAD+CA+MSK"),
        ("TDT+20+V123W+1++MAERSK:172:ZZZ", "TDT+20+V123W+1++MSK:172:ZZZ"),
    ],
)
def test_a_partners_own_code_is_mapped_when_its_map_knows_it(text: str, mapped: str) -> None:
    result = map_inbound(_one_segment(text), _rejecting())
    assert result.issues == ()
    assert f"{mapped}'" in serialize(result.message).decode("latin-1")
    outbound = map_outbound(result.message, _rejecting())
    assert f"{text}'" in serialize(outbound.message).decode("latin-1")


@pytest.mark.parametrize("text", ["NAD+CF+MAERSK:160:9", "TDT+10++3++MAERSK:172:20"])
def test_a_code_of_another_list_is_not_mapped_even_when_the_map_knows_it(text: str) -> None:
    result = map_inbound(_one_segment(text), _rejecting())
    assert not result.changed and result.issues == ()


@pytest.mark.parametrize("version", ["D95B", "D00B"])
def test_simulated_smdg_traffic_has_no_code_issues(version: Version) -> None:
    # Standard codes throughout: a partner with maps for other codes and a rejecting policy
    # must see no issue in any party, carrier, place or size-type of ordinary traffic.
    day = SimulationSettings(vessels=1, days=1, seed=3, moves=(30, 60))
    tags: set[str] = set()
    for item in render_traffic(simulate(day), Rendering(version=version)):
        for message in parse(item.data).interchanges[0].messages:
            result = map_inbound(message, _rejecting())
            assert result.issues == (), (item.batch.message_type, result.issues[0].message)
            tags |= {s.tag for s in message.segments if s.tag in ("NAD", "TDT")}
    assert tags == {"NAD", "TDT"}


def test_packages_countries_and_currencies() -> None:
    maps = [
        CodeMap.from_rows("package", [("CTN", "CT")]),
        CodeMap.from_rows("country", [("PRC", "CN")]),
        CodeMap.from_rows("currency", [("RMB", "CNY")]),
    ]
    segments = [
        Segment.of("UNH", "1", ["CUSCAR", "D", "95B", "UN"]),
        Segment.of("GID", "1", ["10", "CTN"], ["2", "CTN"]),
        Segment.of("PAC", "5", "", "CTN"),
        Segment.of("NAD", "CZ", "", "", "", "", "", "", "", "PRC"),
        Segment.of("CUX", ["2", "RMB", "4"]),
        Segment.of("UNT", "6", "1"),
    ]
    result = map_inbound(Message(segments), MappingCodeMapper(maps))
    out = result.message.segments
    assert result.issues == ()
    assert (out[1].component(2, 2), out[1].component(3, 2)) == ("CT", "CT")
    assert out[2].component(3, 1) == "CT"
    assert out[3].element(9) == "CN"
    assert out[4].component(1, 2) == "CNY"


def test_repeated_elements_of_syntax_4_are_all_mapped() -> None:
    gid = Segment("GID", [["1"], ["10", "CTN"]], repetitions={1: [["10", "CTN"], ["3", "CTN"]]})
    message = Message([Segment.of("UNH", "1", ["IFTMIN", "D", "00B", "UN"]), gid])
    maps = [CodeMap.from_rows("package", [("CTN", "CT")])]
    result = map_inbound(message, MappingCodeMapper(maps))
    mapped = result.message.segments[1]
    assert [o[1] for o in mapped.occurrences(2)] == ["CT", "CT"]
    assert mapped.component(2, 2) == "CT"
    assert gid.occurrences(2)[1][1] == "CTN"  # the copy did not touch the original


# Partner codes that are certainly not standard: lower case never occurs in the lists.
_partner_codes = st.text(alphabet="abcdefghjk", min_size=2, max_size=5)
_STANDARD = {
    "size-type": ["45G1", "22G1", "42G1", "22R1", "45R1", "22U1"],
    "location": ["CNNGB", "CNSHA", "SGSIN", "NLRTM", "DEHAM", "CNSZX"],
    "carrier": ["MSK", "MSC", "COS", "CMA", "EMC", "HLC"],
}


@st.composite
def _maps_and_message(draw: st.DrawFn) -> tuple[list[CodeMap], Message]:
    maps, partner_of = [], {}
    for list_name, standards in _STANDARD.items():
        chosen = draw(st.lists(st.sampled_from(standards), unique=True))
        partners = draw(
            st.lists(_partner_codes, min_size=len(chosen), max_size=len(chosen), unique=True)
        )
        maps.append(CodeMap.from_rows(list_name, list(zip(partners, chosen, strict=True))))
        partner_of[list_name] = dict(zip(chosen, partners, strict=True))

    def code(list_name: str) -> str:
        standard = draw(st.sampled_from(_STANDARD[list_name]))
        use_partner = draw(st.booleans())
        return partner_of[list_name].get(standard, standard) if use_partner else standard

    body = [Segment.of("TDT", "20", "V1", "1", "", [code("carrier"), "172", "20"])]
    for _ in range(draw(st.integers(1, 4))):
        body += [
            Segment.of("NAD", "CF", [code("carrier"), "160", "20"]),
            Segment.of("EQD", "CN", "CSQU3054383", [code("size-type"), "102", "5"]),
            Segment.of("LOC", "9", [code("location"), "139", "6"]),
        ]
    header = Segment.of("UNH", "1", ["CODECO", "D", "95B", "UN"])
    return maps, Message([header, *body, Segment.of("UNT", str(len(body) + 2), "1")])


@given(_maps_and_message())
def test_inbound_then_outbound_keeps_codes_standard_and_round_trips(
    case: tuple[list[CodeMap], Message],
) -> None:
    maps, message = case
    inbound = map_inbound(message, MappingCodeMapper(maps))
    assert inbound.issues == ()
    for list_name, codes in _codes(inbound.message).items():
        assert all(is_standard(list_name, code) for code in codes)
    outbound = map_outbound(inbound.message, MappingCodeMapper(maps))
    again = map_inbound(outbound.message, MappingCodeMapper(maps))
    assert serialize(again.message) == serialize(inbound.message)
