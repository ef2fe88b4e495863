"""Partner codes ⇄ standard codes inside a parsed EDIFACT message, segment by segment.

The exchange hub maps an inbound message right after the syntax check, before MIG validation
(a partner's ``40HC`` is not a valid ISO 6346 size-type until it is mapped), and maps each
outbound message to the recipient's codes before it is delivered. Working on segments rather
than on the canonical model keeps the message as it was sent apart from its codes, and lets
every issue name the segment, element and component of the code.

A code the partner's map knows is replaced; a standard code the map does not mention passes
through unchanged; a code that is neither stays as it is and becomes a :class:`SegmentCodeIssue`,
which the caller turns into a trace warning or an APERAK rejection by the partner's policy
(:attr:`MappedMessage.rejected`).

Only a code the message says is of the list is checked against it. Where a composite names its
code list (1131, 3055), a party or carrier code under an agency that issues carrier codes is
checked; one under ZZZ (mutually defined) or with no agency is the partner's own: its map
translates it, but a code the map does not know is no issue (a lessor, a forwarder or a
community participant code is no carrier-list code); under any other agency (9 GS1, 16 DUNS,
87 assigned by the carrier...) the code belongs to another list and is left alone. The
translators to and from the canonical model read and write party and carrier codes by the same
rule (:func:`carrier_code_reading`, :func:`unflagged`), so that a code is never an issue in one
format and not in another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum

from eport.codes.mapper import MappingCodeMapper, MappingDirection, UnknownCodePolicy
from eport.edifact.model import Message, Segment
from eport.logistics.codes import CodeListName, CodeMapper

__all__ = [
    "CODE_PLACES",
    "CodePlace",
    "MappedMessage",
    "Reading",
    "SegmentCodeIssue",
    "carrier_code_reading",
    "map_inbound",
    "map_outbound",
    "unflagged",
]


class Reading(Enum):
    """What a message says about one code at a place."""

    LISTED = "listed"  # a code of the standard list: mapped, an issue when unknown
    OWN = "own"  # the partner's own code: mapped when its map knows it, never an issue
    OTHER = "other"  # a code of another list: left alone


@dataclass(frozen=True, slots=True)
class CodePlace:
    """Where a code of a standard list sits: tag, element and component (1-based).

    ``qualifiers`` limits the place to segments whose element 1 (the qualifier) is one of
    them; ``excluded`` skips those qualifiers; ``when`` limits it to segments whose element
    ``when[0]`` (first component) is one of ``when[1]``. How a code there is read depends on
    the code list qualifier (1131) and responsible agency (3055) that follow it in its
    composite, '' standing for absent: under one of ``agencies`` (None: any) the code is of
    the list; with no agency and a 1131 among ``list_qualifiers`` too; under one of
    ``own_agencies`` it is the partner's own; otherwise it belongs to another list.
    """

    tag: str
    element: int
    component: int
    list_name: CodeListName
    qualifiers: frozenset[str] | None = None
    excluded: frozenset[str] = frozenset()
    when: tuple[int, frozenset[str]] | None = None
    agencies: frozenset[str] | None = None
    list_qualifiers: frozenset[str] = frozenset()
    own_agencies: frozenset[str] = frozenset()

    def applies_to(self, segment: Segment) -> bool:
        qualifier = segment.element(1)
        if self.qualifiers is not None and qualifier not in self.qualifiers:
            return False
        if self.when is not None and segment.element(self.when[0]) not in self.when[1]:
            return False
        return qualifier not in self.excluded

    def reading(self, occurrence: list[str]) -> Reading:
        """How the code of one occurrence of the element is read."""
        if self.agencies is None:
            return Reading.LISTED
        agency = occurrence[2] if len(occurrence) > 2 else ""
        if agency in self.agencies:
            return Reading.LISTED
        list_qualifier = occurrence[1] if len(occurrence) > 1 else ""
        if not agency and list_qualifier in self.list_qualifiers:
            return Reading.LISTED
        return Reading.OWN if agency in self.own_agencies else Reading.OTHER


# 3055 agencies under which a place identification is a UN/LOCODE (6: UN/ECE) or the
# partner's own code (ZZZ: mutually defined); others (5: ISO stowage cells, national
# customs lists) are not locations of the list.
_LOCODE_AGENCIES = frozenset({"", "6", "ZZZ"})
_STOWAGE_CELL = "147"  # 3227 in BAPLIE and COARRI: bay/row/tier, never a place
_CARRIER_PARTIES = frozenset({"CA", "CF"})  # 3035: carrier, container operator
# 3055 agencies of the carrier list's codes: 20 (BIC), under which SMDG's guides give their
# liner codes (`NAD+CA+MSC:172:20`, `TDT+20+...+MSC:172:20`); 306 (SMDG) for the same codes
# in directories after D.00B; 182 (US, Standard Carrier Alpha Code) for SCACs.
_CARRIER_AGENCIES = frozenset({"20", "306", "182"})
# The partner's own party codes: ZZZ, mutually defined (SMDG's `NAD+CF+MSC:160:ZZZ`), or no
# agency at all. A map may translate them; an unknown one is no carrier-list code.
_OWN_AGENCIES = frozenset({"", "ZZZ"})
_CARRIER_CODE = "172"  # 1131: carrier code, where no agency names its list
# 8067 modes of a TDT whose carrier is a shipping line (sea, inland water) or left unsaid; a
# haulier's or a rail operator's code is in no standard list.
_VESSEL_MODES = frozenset({"", "1", "8"})

#: Every place of a code, for all message types: the container messages (CODECO, COARRI,
#: COPRAR, COPARN, BAPLIE, IFTSTA, VERMAS) and the customs and manifest messages share these
#: segments with the same meaning.
CODE_PLACES: tuple[CodePlace, ...] = (
    # EQD C224 8155: equipment size and type, ISO 6346, for containers (8053 CN)
    CodePlace("EQD", 3, 1, "size-type", qualifiers=frozenset({"CN"})),
    # LOC C517 3225: place/location identification
    CodePlace(
        "LOC",
        2,
        1,
        "location",
        excluded=frozenset({_STOWAGE_CELL}),
        agencies=_LOCODE_AGENCIES,
    ),
    # NAD C082 3039: party identification, for the carrier and the container operator
    CodePlace(
        "NAD",
        2,
        1,
        "carrier",
        qualifiers=_CARRIER_PARTIES,
        agencies=_CARRIER_AGENCIES,
        list_qualifiers=frozenset({_CARRIER_CODE}),
        own_agencies=_OWN_AGENCIES,
    ),
    # NAD 3207: country, coded
    CodePlace("NAD", 9, 1, "country"),
    # TDT C040 3127: carrier identification, a carrier code even when 1131 is left out
    CodePlace(
        "TDT",
        5,
        1,
        "carrier",
        when=(3, _VESSEL_MODES),
        agencies=_CARRIER_AGENCIES,
        list_qualifiers=frozenset({"", _CARRIER_CODE}),
        own_agencies=_OWN_AGENCIES,
    ),
    # PAC C202 7065: type of packages identification
    CodePlace("PAC", 3, 1, "package"),
    # GID C213 7065: number and type of packages, up to five times
    *(CodePlace("GID", element, 2, "package") for element in range(2, 7)),
    # CUX C504 6345: currency, reference and target
    CodePlace("CUX", 1, 2, "currency"),
    CodePlace("CUX", 2, 2, "currency"),
)


@dataclass(frozen=True, slots=True)
class SegmentCodeIssue:
    """A code that is neither standard nor in the partner's map, with its position.

    ``position`` counts UNH as segment 1, as EDIFACT findings and CONTRL/APERAK do.
    """

    list_name: str
    code: str
    direction: MappingDirection
    position: int
    tag: str
    element: int
    component: int

    @property
    def where(self) -> str:
        return (
            f"segment {self.position} {self.tag}, "
            f"element {self.element}, component {self.component}"
        )

    @property
    def message(self) -> str:
        return f"{self.list_name} code {self.code!r} in {self.where} is neither standard nor mapped"


@dataclass(frozen=True, slots=True)
class MappedMessage:
    """The mapped message, the issues met and the partner's policy for them.

    ``changed`` says whether any code was replaced: the message's ``span`` still points at
    the bytes as received, so a changed message must be serialized, not spliced.
    """

    message: Message
    issues: tuple[SegmentCodeIssue, ...] = ()
    policy: UnknownCodePolicy = UnknownCodePolicy.WARN
    changed: bool = False

    @property
    def rejected(self) -> bool:
        """True when the partner's policy turns the issues into a rejection (APERAK)."""
        return self.policy is UnknownCodePolicy.REJECT and bool(self.issues)


def map_inbound(
    message: Message, mapper: MappingCodeMapper, *, in_place: bool = False
) -> MappedMessage:
    """The sender's codes in ``message`` turned into standard codes.

    With ``in_place`` the message's segments are changed; otherwise the message is left alone
    and the result holds a copy (sharing the segments that hold no code).
    """
    return _map(message, mapper, MappingDirection.INBOUND, in_place)


def map_outbound(
    message: Message, mapper: MappingCodeMapper, *, in_place: bool = False
) -> MappedMessage:
    """Standard codes in ``message`` turned into the recipient's codes."""
    return _map(message, mapper, MappingDirection.OUTBOUND, in_place)


_PLACES_BY_TAG: dict[str, tuple[CodePlace, ...]] = {}
for _place in CODE_PLACES:
    _PLACES_BY_TAG[_place.tag] = (*_PLACES_BY_TAG.get(_place.tag, ()), _place)
_CARRIER_PLACES = {place.tag: place for place in CODE_PLACES if place.list_name == "carrier"}


def carrier_code_reading(segment: Segment) -> Reading:
    """How the party or carrier code of a NAD or TDT segment is read.

    The one rule for the carrier codes, shared by the segment mapping above and the
    translators: :attr:`Reading.OTHER` for a segment that holds no carrier code of a list
    (another party, a road or rail leg), whose code is neither mapped nor checked.
    """
    place = _CARRIER_PLACES.get(segment.tag)
    if place is None or not place.applies_to(segment):
        return Reading.OTHER
    elements = segment.elements
    return place.reading(elements[place.element - 1] if len(elements) >= place.element else [])


@contextmanager
def unflagged(mapper: CodeMapper) -> Iterator[None]:
    """Codes mapped inside the block are no issues: a partner's own code its map does not know.

    A :class:`MappingCodeMapper` records every code that is neither standard nor mapped;
    other mappers record nothing.
    """
    if not isinstance(mapper, MappingCodeMapper):
        yield
        return
    with mapper.unflagged():
        yield


Convert = Callable[[str, str, str | None], str]


@dataclass(slots=True)
class _Run:
    mapper: MappingCodeMapper
    direction: MappingDirection
    convert: Convert
    issues: list[SegmentCodeIssue] = field(default_factory=list)
    changed: bool = False


def _map(
    message: Message, mapper: MappingCodeMapper, direction: MappingDirection, in_place: bool
) -> MappedMessage:
    inbound = direction is MappingDirection.INBOUND
    run = _Run(mapper, direction, mapper.to_standard if inbound else mapper.from_standard)
    segments = message.segments if in_place else list(message.segments)
    for index, segment in enumerate(segments):
        places = _PLACES_BY_TAG.get(segment.tag)
        if places is None:
            continue
        target = segment if in_place else _copy(segment)
        if _map_segment(target, index + 1, places, run) and not in_place:
            segments[index] = target
    result = message if in_place else Message(segments, message.index, message.span)
    return MappedMessage(result, tuple(run.issues), mapper.policy, run.changed)


def _map_segment(segment: Segment, position: int, places: tuple[CodePlace, ...], run: _Run) -> bool:
    """Map the codes of one segment in place; True when a code changed."""
    changed = False
    for place in places:
        if not place.applies_to(segment):
            continue
        for occurrence in _occurrences(segment, place.element):
            if place.component > len(occurrence):
                continue
            reading = place.reading(occurrence)
            code = occurrence[place.component - 1]
            if not code or reading is Reading.OTHER:
                continue
            mapped = _convert(code, place, position, run, flag=reading is Reading.LISTED)
            if mapped != code:
                occurrence[place.component - 1] = mapped
                changed = True
    run.changed = run.changed or changed
    return changed


def _convert(code: str, place: CodePlace, position: int, run: _Run, *, flag: bool) -> str:
    """The code mapped; an issue of the message when it is unknown and ``flag`` is set.

    An unknown own code (``flag`` unset) is no issue of the mapper either.
    """
    where = f"segment {position} {place.tag}"
    if not flag:
        with unflagged(run.mapper):
            return run.convert(place.list_name, code, where)
    known = len(run.mapper.issues)
    mapped = run.convert(place.list_name, code, where)
    if len(run.mapper.issues) > known:
        run.issues.append(
            SegmentCodeIssue(
                place.list_name,
                code,
                run.direction,
                position,
                place.tag,
                place.element,
                place.component,
            )
        )
    return mapped


def _occurrences(segment: Segment, element: int) -> list[list[str]]:
    """The component lists of every occurrence of ``element``, to be changed in place.

    A syntax 4 repeated element is written from ``repetitions``; its first occurrence is
    pointed to from ``elements`` too, so that both views show the mapped code.
    """
    if not 0 < element <= len(segment.elements):
        return []
    repeated = segment.repetitions
    if repeated is not None and (element - 1) in repeated:
        occurrences = repeated[element - 1]
        if occurrences:
            segment.elements[element - 1] = occurrences[0]
        return occurrences
    return [segment.elements[element - 1]]


def _copy(segment: Segment) -> Segment:
    repetitions = (
        {i: [list(o) for o in occ] for i, occ in segment.repetitions.items()}
        if segment.repetitions is not None
        else None
    )
    return Segment(
        segment.tag,
        [list(components) for components in segment.elements],
        segment.offset,
        repetitions,
        segment.tag_components,
    )
