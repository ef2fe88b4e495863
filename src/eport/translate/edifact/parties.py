"""NAD: parties by role, code (with its issuing agency) and name."""

from __future__ import annotations

from eport.edifact.model import Segment
from eport.logistics.parties import Party
from eport.translate.edifact.context import Context
from eport.translate.edifact.qualifiers import CODE_SCHEME, PARTY_ROLE, decode
from eport.translate.message_codes import carrier_code_reading

# A carrier's or container operator's code is mapped as the code list qualifier and agency it
# is written with say (`carrier_code_reading`), as the exchange hub maps the segment: a code
# under BIC, SMDG or SCAC is a carrier-list code, one under ZZZ or no agency the partner's own,
# one under any other agency (DUNS, carrier assigned) is left alone.


def nad(party: Party, ctx: Context) -> Segment:
    code = party.code or ""
    agency = CODE_SCHEME[party.scheme] if party.scheme else ""
    identification = [code, "160", agency] if agency else [code]
    elements: list[list[str]] = [[PARTY_ROLE[party.role]], identification if code else [""]]
    if party.name:
        elements += [[""], [party.name]]
    segment = Segment("NAD", _trim(elements))
    if code:
        segment.elements[1][0] = ctx.partner("carrier", code, carrier_code_reading(segment))
    return segment


def read_nad(segment: Segment, ctx: Context, position: int = 0) -> Party:
    role = decode(PARTY_ROLE, segment.element(1), "party qualifier (3035)", position=position)
    code = segment.component(2, 1) or None
    if code:
        code = ctx.standard("carrier", code, carrier_code_reading(segment))
    agency = segment.component(2, 3)
    scheme = decode(CODE_SCHEME, agency, "code list agency (3055)") if agency and code else None
    name = segment.component(4, 1) or segment.component(3, 1) or None
    return Party(role=role, code=code, scheme=scheme, name=name)


def _trim(elements: list[list[str]]) -> list[list[str]]:
    while elements and not any(elements[-1]):
        elements.pop()
    return elements
