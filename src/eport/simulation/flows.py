"""The shared machinery of the export and import flows: the outbox, clocks and common parts.

A flow decides what happens to a vessel call's containers and when; it posts each message
to the `Outbox` with the moment it is sent.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import cache, lru_cache

from eport.logistics import (
    CarriageStage,
    CodeScheme,
    Document,
    DocumentHeader,
    GoodsItem,
    Location,
    LocationFunction,
    Party,
    PartyRole,
    Transport,
    TransportMode,
    UnLocode,
    Vessel,
)
from eport.simulation.batching import sending_time
from eport.simulation.cargo import ContainerPool
from eport.simulation.community import Community, Member, Role
from eport.simulation.schedule import PortCall
from eport.simulation.traffic import Dispatch, DocumentNumbers, Step, header_for


@dataclass(slots=True)
class Outbox:
    """Collects the messages the flows send, numbering them in the order they are made."""

    numbers: DocumentNumbers = field(default_factory=DocumentNumbers)
    dispatches: list[Dispatch] = field(default_factory=list)

    def send(
        self,
        time: datetime,
        sender: Member,
        recipient: Member,
        message_type: str,
        step: Step,
        make: Callable[[DocumentHeader], Document],
        containers: tuple[str, ...] = (),
    ) -> Document:
        # A report batched for the hour is issued when the batch is made.
        issued = sending_time(message_type, time)
        document = make(header_for(self.numbers, sender, recipient, issued))
        self.dispatches.append(
            Dispatch(
                time,
                len(self.dispatches),
                sender,
                recipient,
                message_type,
                step,
                document,
                containers,
            )
        )
        return document


@dataclass(slots=True)
class Port:
    """What every flow of one simulation shares: randomness, the community and references."""

    rng: random.Random
    community: Community
    outbox: Outbox
    pool: ContainerPool
    counters: dict[str, int] = field(default_factory=dict)

    def minutes(self, low: float, high: float) -> timedelta:
        """A random whole number of minutes between `low` and `high`."""
        return timedelta(minutes=self.rng.randint(int(low), int(high)))

    def hours(self, low: float, high: float) -> timedelta:
        return self.minutes(low * 60, high * 60)

    def serial(self, kind: str) -> int:
        n = self.counters.get(kind, 0) + 1
        self.counters[kind] = n
        return n

    def one(self, role: Role) -> Member:
        return self.community.one(role)

    def any(self, role: Role) -> Member:
        return self.rng.choice(self.community.of_role(role))

    @property
    def locode(self) -> UnLocode:
        return self.community.port


def split_into_shipments(rng: random.Random, containers: int) -> list[int]:
    """Container counts of bookings or bills of lading: mostly one or two boxes, some more."""
    sizes: list[int] = []
    while containers > 0:
        size = min(containers, rng.choice((1, 1, 1, 2, 2, 3, 4, 6)))
        sizes.append(size)
        containers -= size
    return sizes


def carrier_of(port: Port, call: PortCall) -> Member:
    return port.community.member(call.ship.operator)


# Parties and places repeat in every message: build each once (the arguments are few and
# frozen, so the caches stay small).
@cache
def operator_party(carrier: Member) -> Party:
    """The carrier as container operator, by its SMDG line code (NAD+CF in SMDG messages)."""
    return Party(
        PartyRole.CONTAINER_OPERATOR,
        code=carrier.smdg,
        scheme=CodeScheme.SMDG,
        name=carrier.name_en,
    )


@cache
def carrier_party(carrier: Member) -> Party:
    """The carrier by its SCAC, as bookings and manifests name it."""
    return Party(PartyRole.CARRIER, code=carrier.scac, scheme=CodeScheme.SCAC, name=carrier.name_en)


@cache
def member_party(member: Member, role: PartyRole) -> Party:
    return Party(role, code=member.code, scheme=CodeScheme.MUTUALLY_DEFINED, name=member.name_en)


def vessel_transport(call: PortCall, carrier: Member, *, export: bool) -> Transport:
    """The main carriage: the call's vessel and voyage, with the estimated times."""
    return _call_transports(call, carrier)[0 if export else 1]


def declared_transport(call: PortCall, carrier: Member, *, export: bool) -> Transport:
    """The vessel and voyage as a declaration names them: CUSDEC carries no schedule times."""
    return _call_transports(call, carrier)[2 if export else 3]


@lru_cache(maxsize=64)
def _call_transports(call: PortCall, carrier: Member) -> tuple[Transport, ...]:
    """Export, import, declared export and declared import transport of a call."""
    vessel = Vessel(name=call.ship.name, imo=call.ship.imo, call_sign=call.ship.call_sign)
    sailing = tuple(
        Transport(
            mode=TransportMode.SEA,
            stage=CarriageStage.MAIN_CARRIAGE,
            voyage=voyage,
            vessel=vessel,
            carrier=carrier.smdg,
            arrival=call.eta,
            departure=call.etd,
        )
        for voyage in (call.voyage_out, call.voyage_in)
    )
    return (*sailing, *(replace(t, arrival=None, departure=None) for t in sailing))


def declared_goods(items: Iterable[GoodsItem]) -> tuple[GoodsItem, ...]:
    """Goods items as a declaration lists them: the containers are named once for the whole
    declaration, and CUSDEC items carry no hazard details."""
    return tuple(replace(item, containers=(), dangerous_goods=()) for item in items)


def truck(port: Port, stage: CarriageStage) -> Transport:
    """A truck of the community's haulier, by its plate number."""
    plate = f"ZJB{port.rng.randrange(10_000, 99_999)}"  # 浙B plates, in UNOC letters
    return Transport(
        mode=TransportMode.ROAD, stage=stage, vehicle=plate, carrier=port.any(Role.TRUCKER).code
    )


@cache
def place(function: LocationFunction, locode: UnLocode, facility: str | None = None) -> Location:
    return Location(function, locode=locode, facility=facility)
