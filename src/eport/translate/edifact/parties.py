"""NAD: parties by role, code (with its issuing agency) and name."""

from __future__ import annotations

from eport.edifact.model import Segment
from eport.logistics.parties import Party, PartyRole
from eport.translate.edifact.context import Context
from eport.translate.edifact.qualifiers import CODE_SCHEME, PARTY_ROLE, decode

_CARRIER_ROLES = (PartyRole.CARRIER, PartyRole.CONTAINER_OPERATOR)


def nad(party: Party, ctx: Context) -> Segment:
    code = party.code or ""
    if code and party.role in _CARRIER_ROLES:
        code = ctx.partner("carrier", code)
    agency = CODE_SCHEME[party.scheme] if party.scheme else ""
    identification = [code, "160", agency] if agency else [code]
    elements: list[list[str]] = [[PARTY_ROLE[party.role]], identification if code else [""]]
    if party.name:
        elements += [[""], [party.name]]
    return Segment("NAD", _trim(elements))


def read_nad(segment: Segment, ctx: Context, position: int = 0) -> Party:
    role = decode(PARTY_ROLE, segment.element(1), "party qualifier (3035)", position=position)
    code = segment.component(2, 1) or None
    if code and role in _CARRIER_ROLES:
        code = ctx.standard("carrier", code)
    agency = segment.component(2, 3)
    scheme = decode(CODE_SCHEME, agency, "code list agency (3055)") if agency and code else None
    name = segment.component(4, 1) or segment.component(3, 1) or None
    return Party(role=role, code=code, scheme=scheme, name=name)


def _trim(elements: list[list[str]]) -> list[list[str]]:
    while elements and not any(elements[-1]):
        elements.pop()
    return elements
