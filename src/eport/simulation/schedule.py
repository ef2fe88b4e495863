"""Vessels, services and port calls: who calls at the port, when (ETA/ETD/ATA/ATD) and where."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from eport.logistics import ImoNumber, UnLocode
from eport.simulation.community import Community, Member, Role

# Liner services calling at the port, with their port rotation (the port itself is inserted
# between `before` and `after`): cargo comes from `before`, goes to `after`.
_SERVICES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("AEU1", ("KRPUS", "CNSHA"), ("SGSIN", "NLRTM", "DEHAM", "BEANR")),
    ("AEU3", ("CNTAO", "CNSHA"), ("MYTPP", "GBFXT", "NLRTM", "FRLEH")),
    ("TPX1", ("CNYTN", "CNXMN"), ("KRPUS", "USLAX", "USOAK")),
    ("TPX2", ("SGSIN", "CNSHK"), ("JPTYO", "USLGB", "USSEA")),
    ("MED1", ("CNDLC", "CNSHA"), ("SGSIN", "ESVLC", "ITGOA", "GRPIR")),
    ("MEX1", ("KRPUS", "CNSHA"), ("SGSIN", "LKCMB", "AEJEA", "SAJED")),
    ("IAX1", ("JPYOK", "CNSHA"), ("HKHKG", "VNSGN", "THLCH", "IDJKT")),
)

_NAME_STEMS: dict[str, tuple[str, ...]] = {
    "COSCO": (
        "COSCO SHIPPING ARIES",
        "COSCO SHIPPING LEO",
        "COSCO SHIPPING VIRGO",
        "COSCO SHIPPING TAURUS",
        "CSCL GLOBE",
        "CSCL SATURN",
        "COSCO FORTUNE",
        "COSCO HARMONY",
    ),
    "MAERSK": (
        "MADRID MAERSK",
        "MUMBAI MAERSK",
        "MAERSK ESSEN",
        "MAERSK ELBA",
        "MORTEN MAERSK",
        "MATHILDE MAERSK",
        "MAERSK KOLKATA",
        "GUDRUN MAERSK",
    ),
    "MSC": (
        "MSC GULSUN",
        "MSC OSCAR",
        "MSC ZOE",
        "MSC MAYA",
        "MSC SIXIN",
        "MSC AMBRA",
        "MSC TINA",
        "MSC ISABELLA",
    ),
}
_FALLBACK_STEMS = ("PACIFIC STAR", "ORIENT PEARL", "EASTERN GRACE", "JADE OCEAN")


@dataclass(frozen=True, slots=True)
class Ship:
    """A container vessel of a carrier's fleet."""

    name: str
    imo: ImoNumber
    call_sign: str
    operator: str  # participant code of the carrier operating it


@dataclass(frozen=True, slots=True)
class PortCall:
    """One call of a vessel at a terminal of the port, with its voyages and times.

    `moves` is the number of containers the call discharges plus loads; `before` and `after`
    are the ports of the rotation (nearest first in `after`, nearest last in `before`).
    """

    number: int
    ship: Ship
    service: str
    voyage_in: str
    voyage_out: str
    terminal: Member
    agent: Member
    eta: datetime
    etd: datetime
    ata: datetime
    atd: datetime
    before: tuple[UnLocode, ...]
    after: tuple[UnLocode, ...]
    moves: int

    @property
    def reference(self) -> str:
        """The port call's own reference, as ship agents and terminals use it."""
        return f"{self.terminal.code}{self.eta:%y%m%d}{self.number:04d}"

    @property
    def previous_port(self) -> UnLocode:
        return self.before[-1]

    @property
    def next_port(self) -> UnLocode:
        return self.after[0]


def imo_number(rng: random.Random) -> ImoNumber:
    """A random IMO number with a correct check digit (ships built since the 1990s: 9xxxxxx)."""
    digits = [9] + [rng.randrange(10) for _ in range(5)]
    check = sum(d * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10
    return ImoNumber("".join(map(str, digits)) + str(check))


def build_fleet(rng: random.Random, carriers: tuple[Member, ...], size: int) -> tuple[Ship, ...]:
    """`size` ships shared out over the carriers, with unique names, IMO numbers, call signs."""
    ships: list[Ship] = []
    seen_imo: set[str] = set()
    for i in range(size):
        carrier = carriers[i % len(carriers)]
        stems = _NAME_STEMS.get(carrier.code, _FALLBACK_STEMS)
        rank = i // len(carriers)
        name = stems[rank % len(stems)]
        if rank >= len(stems):
            name = f"{name} {rank // len(stems) + 1}"
        imo = imo_number(rng)
        while imo.value in seen_imo:
            imo = imo_number(rng)
        seen_imo.add(imo.value)
        call_sign = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
        ships.append(Ship(name, imo, f"{call_sign}{rng.randrange(1000, 9999)}", carrier.code))
    return tuple(ships)


def plan_port_calls(
    rng: random.Random,
    community: Community,
    start: datetime,
    days: int,
    calls_per_day: int,
    moves: tuple[int, int] = (150, 450),
) -> tuple[PortCall, ...]:
    """Port calls with ETAs spread over `days` days from `start`, in ETA order.

    Each ship calls once; actual times differ from the estimates by a few hours, as they do.
    """
    count = days * calls_per_day
    carriers = community.of_role(Role.CARRIER)
    fleet = build_fleet(rng, carriers, count)
    terminals = community.of_role(Role.TERMINAL)
    agent = community.of_role(Role.SHIP_AGENT)[0]
    calls: list[PortCall] = []
    for number, ship in enumerate(fleet, start=1):
        eta = start + timedelta(minutes=rng.randrange(days * 24 * 60))
        eta = eta.replace(second=0, microsecond=0)
        etd = eta + timedelta(hours=rng.randint(14, 30))
        ata = eta + timedelta(minutes=rng.randint(-120, 360))
        atd = max(etd + timedelta(minutes=rng.randint(-60, 240)), ata + timedelta(hours=12))
        service, before, after = rng.choice(_SERVICES)
        voyage = rng.randint(1, 299)
        calls.append(
            PortCall(
                number=number,
                ship=ship,
                service=service,
                voyage_in=f"{voyage:03d}E",
                voyage_out=f"{voyage:03d}W",
                terminal=rng.choice(terminals),
                agent=agent,
                eta=eta,
                etd=etd,
                ata=ata,
                atd=atd,
                before=tuple(UnLocode(c) for c in before),
                after=tuple(UnLocode(c) for c in after),
                moves=rng.randint(*moves),
            )
        )
    calls.sort(key=lambda c: (c.eta, c.number))
    return tuple(calls)
