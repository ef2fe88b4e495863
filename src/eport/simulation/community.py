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
    """A participant: its platform code, role, UNB interchange ID and names.

    `scac` and `smdg` are the carrier codes of a shipping line; `owner_prefixes` the ISO 6346
    owner codes (with category U) of its containers; `facility` a terminal's or depot's own
    code as it appears in messages.
    """

    code: str
    role: Role
    edi_id: str
    name_en: str
    name_zh: str
    scac: str | None = None
    smdg: str | None = None
    owner_prefixes: tuple[str, ...] = ()
    facility: str | None = None


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
        by_role = {role: tuple(m for m in self.members if m.role is role) for role in Role}
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


def ningbo_community() -> Community:
    """The demo community of the port of Ningbo (CNNGB)."""
    m = Member
    return Community(
        port=UnLocode("CNNGB"),
        members=(
            m("EPORT", Role.OPERATOR, "EPORT", "eport platform operator", "电子口岸运营方"),
            m("NBCT", Role.TERMINAL, "CNNGBNBCT", "Ningbo Beilun Container Terminal",
              "宁波北仑集装箱码头", facility="NBCT"),
            m("DXCT", Role.TERMINAL, "CNNGBDXCT", "Ningbo Daxie Container Terminal",
              "宁波大榭集装箱码头", facility="DXCT"),
            m("NBYARD", Role.DEPOT, "CNNGBYARD", "Beilun Empty Container Depot",
              "北仑空箱堆场", facility="NBYARD"),
            m("COSCO", Role.CARRIER, "COSU", "COSCO Shipping Lines", "中远海运集运",
              scac="COSU", smdg="COS", owner_prefixes=("CSNU", "CBHU", "FCIU")),
            m("MAERSK", Role.CARRIER, "MAEU", "Maersk A/S", "马士基",
              scac="MAEU", smdg="MSK", owner_prefixes=("MSKU", "MRKU", "MAEU")),
            m("MSC", Role.CARRIER, "MSCU", "Mediterranean Shipping Company", "地中海航运",
              scac="MSCU", smdg="MSC", owner_prefixes=("MSCU", "MEDU", "TGHU")),
            m("PENAVICO", Role.SHIP_AGENT, "PENAVICONB", "Ningbo Penavico Shipping Agency",
              "宁波外代"),
            m("SINOTRANS", Role.FORWARDER, "SINOTRANSNB", "Sinotrans Ningbo", "中外运宁波"),
            m("KERRY", Role.FORWARDER, "KERRYNB", "Kerry Logistics Ningbo", "嘉里物流宁波"),
            m("ZJBROKER", Role.CUSTOMS_BROKER, "ZJBROKER", "Zhejiang Customs Brokerage",
              "浙江报关行"),
            m("NBTRUCK", Role.TRUCKER, "NBTRUCK", "Beilun Container Trucking", "北仑集卡车队"),
            m("CUSTOMS", Role.CUSTOMS, "CNNGBCUS", "Ningbo Customs", "宁波海关"),
            m("CIQ", Role.INSPECTION, "CNNGBCIQ", "Ningbo Inspection and Quarantine",
              "宁波检验检疫"),
        ),
    )
