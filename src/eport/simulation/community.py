"""The simulated port community: who takes part, in which role, under which EDI identity.

One place defines the parties so that the demo data, the simulator and the exchange hub's
participant table agree on codes and UNB interchange IDs. `MESSAGE_SENDERS` says which roles
send which message types; the simulator keeps to it and the hub's defaults should agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from eport.logistics import UnLocode


class Role(StrEnum):
    """A participant's role in the port community (参与方)."""

    OPERATOR = "operator"
    TERMINAL = "terminal"
    DEPOT = "depot"
    CARRIER = "carrier"
    SHIP_AGENT = "ship_agent"
    FORWARDER = "forwarder"
    CUSTOMS_BROKER = "customs_broker"
    TRUCKER = "trucker"
    CUSTOMS = "customs"
    INSPECTION = "inspection"


@dataclass(frozen=True, slots=True)
class Member:
    """A participant: its platform code, roles, UNB interchange ID and names.

    `scac` and `smdg` are the carrier codes of a shipping line; `owner_prefixes` the ISO 6346
    owner codes (with category U) of its containers; `facility` a terminal's or depot's own
    code as it appears in messages.
    """

    code: str
    roles: frozenset[Role]
    edi_id: str
    name_en: str
    name_zh: str
    scac: str | None = None
    smdg: str | None = None
    owner_prefixes: tuple[str, ...] = ()
    facility: str | None = None

    def acts_as(self, role: Role) -> bool:
        return role in self.roles


# Which roles send which message types (the safe defaults the hub's sender check applies).
MESSAGE_SENDERS: Mapping[str, frozenset[Role]] = {
    "IFTMBF": frozenset({Role.FORWARDER}),
    "IFTMBC": frozenset({Role.CARRIER}),
    "COPARN": frozenset({Role.CARRIER}),
    "CODECO": frozenset({Role.TERMINAL, Role.DEPOT}),
    "VERMAS": frozenset({Role.FORWARDER}),
    "CUSCAR": frozenset({Role.SHIP_AGENT}),
    "CUSDEC": frozenset({Role.CUSTOMS_BROKER}),
    "CUSRES": frozenset({Role.CUSTOMS}),
    "COPRAR": frozenset({Role.CARRIER}),
    "COARRI": frozenset({Role.TERMINAL}),
    "BAPLIE": frozenset({Role.TERMINAL}),
    "IFTSTA": frozenset({Role.CARRIER}),
}


@dataclass(frozen=True, slots=True)
class Community:
    """The members of one port's community and the port they share."""

    port: UnLocode
    members: tuple[Member, ...]
    _by_role: dict[Role, tuple[Member, ...]] = field(init=False, repr=False, compare=False)
    _by_code: dict[str, Member] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        codes = [m.code for m in self.members]
        if len(set(codes)) != len(codes):
            raise ValueError("participant codes must be unique")
        ids = [m.edi_id for m in self.members]
        if len(set(ids)) != len(ids):
            raise ValueError("EDI interchange IDs must be unique")
        # Flows look members up for every message: index them once.
        by_role = {role: tuple(m for m in self.members if role in m.roles) for role in Role}
        object.__setattr__(self, "_by_role", by_role)
        object.__setattr__(self, "_by_code", {m.code: m for m in self.members})

    def member(self, code: str) -> Member:
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(f"no participant {code!r} in the community") from None

    def of_role(self, role: Role) -> tuple[Member, ...]:
        return self._by_role[role]

    def one(self, role: Role) -> Member:
        """The single member of a role the port has exactly one of (customs, the operator)."""
        found = self.of_role(role)
        if len(found) != 1:
            raise ValueError(f"expected one {role} participant, found {len(found)}")
        return found[0]


# ISO 6346 owner codes of the demo carriers' containers, by SCAC.
_OWNER_PREFIXES = {
    "COSU": ("CSNU", "CBHU", "FCIU"),
    "MAEU": ("MSKU", "MRKU", "MAEU"),
    "MSCU": ("MSCU", "MEDU", "TGHU"),
}


def ningbo_community() -> Community:
    """The demo port community of Ningbo (CNNGB), as `eport serve --demo` loads it.

    Read from `eport.demo.COMMUNITY`, so simulated traffic always names the participants,
    roles and UNB IDs that the demo registers.
    """
    from eport.demo import COMMUNITY  # the demo loader owns the table; imported on use

    members = []
    for entry in COMMUNITY:
        codes = dict(entry.codes)
        plain_ids = [i for i in entry.edi_ids if ":" not in i]
        scac = codes.get("scac")
        members.append(
            Member(
                code=entry.code,
                roles=frozenset(Role(r) for r in entry.roles),
                edi_id=plain_ids[0] if plain_ids else entry.code,
                name_en=entry.name_en,
                name_zh=entry.name_zh,
                scac=scac,
                smdg=codes.get("smdg"),
                owner_prefixes=_OWNER_PREFIXES.get(scac or "", (f"{(scac or entry.code)[:3]}U",)),
                facility=entry.code if {"terminal", "depot"} & set(entry.roles) else None,
            )
        )
    return Community(port=UnLocode("CNNGB"), members=tuple(members))
