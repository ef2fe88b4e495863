"""CSV for partners without EDI: one row per container event, and gate events read back.

The columns are fixed and documented in :data:`COLUMNS`; their order never changes, new
columns are only ever added at the end. Times are ISO 8601; a time without an offset is local
time of the partner's port (the ``zone`` the caller passes). Weights are decimal numbers with
their unit in the next column; seals are separated by ``;``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeVar

from eport.logistics import (
    BayPlan,
    CargoReport,
    ContainerAnnouncement,
    ContainerNumber,
    CustomsDeclaration,
    CustomsResponse,
    Document,
    DocumentHeader,
    Equipment,
    FullEmpty,
    GateDirection,
    GateEvent,
    GateEventReport,
    LoadDischargeOrder,
    LoadDischargeReport,
    Location,
    LocationFunction,
    MessageFunction,
    Seal,
    ShippingInstructions,
    StatusReport,
    Transport,
    TransportMode,
    UnLocode,
    VerifiedGrossMass,
    Vessel,
    VesselOperation,
    Weight,
    WeightUnit,
)
from eport.logistics.codes import IDENTITY, CodeListName, CodeMapper
from eport.logistics.identifiers import ImoNumber

if TYPE_CHECKING:
    from eport.translate.registry import Registry

MEDIA_TYPE = "text/csv"

T = TypeVar("T")
V = TypeVar("V")

#: The columns, in order: what each holds is in the module docstring and docs/formats.
COLUMNS = (
    "message_number",  # the document's number
    "message_function",  # original, replacement, cancellation, ...
    "issued",  # when the document was issued
    "event",  # gate_in, gate_out, load, discharge, load_planned, ..., status_<code>
    "event_time",  # when the event happened (or is planned)
    "container",  # ISO 6346 container number
    "size_type",  # ISO 6346 size-type code
    "full_empty",  # full or empty
    "locode",  # UN/LOCODE of the place of the event
    "facility",  # terminal or depot code inside that place
    "mode",  # sea, rail, road, air, inland_water
    "vessel",  # vessel name
    "imo",  # vessel IMO number
    "voyage",  # voyage number
    "carrier",  # carrier code (SCAC or SMDG)
    "vehicle",  # truck plate, wagon or barge
    "booking",  # booking number
    "bill_of_lading",  # bill of lading number
    "seals",  # seal numbers separated by ';'
    "gross_weight",  # decimal
    "gross_weight_unit",  # kg or lb
    "vgm",  # verified gross mass, decimal
    "vgm_unit",  # kg or lb
)
GATE_EVENTS = {"gate_in": GateDirection.IN, "gate_out": GateDirection.OUT}
_CODE_COLUMNS: dict[str, CodeListName] = {
    "size_type": "size-type",
    "locode": "location",
    "carrier": "carrier",
}


def _is_code(column: str, row: dict[str, str]) -> bool:
    # Only shipping lines have standard carrier codes; a haulier's code is its own.
    return column != "carrier" or row.get("mode") in ("sea", "inland_water")


class CsvFormatError(ValueError):
    """A bad cell or row: ``row`` is the 1-based line (the header is row 1), ``column`` its
    column name, or None for a problem with the whole row."""

    def __init__(self, row: int, column: str | None, message: str) -> None:
        where = f"row {row}" + (f", column {column}" if column else "")
        super().__init__(f"{where}: {message}")
        self.row = row
        self.column = column


# Writing ------------------------------------------------------------------------------------


def render_csv(document: Document | Sequence[Document], mapper: CodeMapper = IDENTITY) -> bytes:
    """The container events of one or more documents as UTF-8 CSV with a header row."""
    documents = document if isinstance(document, list | tuple) else (document,)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for one in documents:
        for row in document_rows(one):
            for column, list_name in _CODE_COLUMNS.items():
                if row[column] and _is_code(column, row):
                    row[column] = mapper.from_standard(list_name, row[column])
            writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def register(registry: Registry) -> None:
    """Offer ``csv`` for writing any document and for reading gate events."""
    registry.register_writer("csv", lambda documents, o: render_csv(documents, o.codes))
    registry.register_reader("csv", lambda data, o: list(parse_gate_csv(data, o.codes, zone=o.tz)))


def document_rows(document: Document) -> Iterator[dict[str, str]]:
    """One row per container event; documents without containers give no rows."""
    header = document.header
    if isinstance(document, GateEventReport):
        event = "gate_in" if document.direction is GateDirection.IN else "gate_out"
        for gate in document.events:
            places = (loc for loc in gate.locations if loc.locode or loc.facility)
            place = next(places, document.facility)
            transport = gate.inland_transport or document.transport
            yield _row(header, event, gate.time, gate.equipment, place, transport)
    elif isinstance(document, LoadDischargeReport | LoadDischargeOrder):
        load = document.operation is VesselOperation.LOAD
        event = "load" if load else "discharge"
        if isinstance(document, LoadDischargeOrder):
            event += "_planned"
        for move in document.containers:
            port = move.port_of_loading if load else move.port_of_discharge
            place = Location(LocationFunction.PORT_OF_CALL, port) if port else None
            yield _row(header, event, move.time, move.equipment, place, document.transport)
    elif isinstance(document, ContainerAnnouncement):
        event = document.purpose.value
        place = next((loc for loc in document.locations if loc.locode), None)
        for equipment in document.containers:
            yield _row(header, event, None, equipment, place, document.transport)
    else:
        yield from _other_rows(document)


def _other_rows(document: Document) -> Iterator[dict[str, str]]:
    header = document.header
    if isinstance(document, BayPlan):
        place = Location(LocationFunction.PORT_OF_CALL, document.port_of_departure)
        for stowed in document.containers:
            yield _row(header, "on_board", None, stowed.equipment, place, document.transport)
    elif isinstance(document, StatusReport):
        for status in document.events:
            if status.container is not None:
                equipment = Equipment(status.container)
                event = f"status_{status.code}"
                yield _row(header, event, status.time, equipment, status.location, status.transport)
    elif isinstance(document, CustomsResponse | CustomsDeclaration):
        event = (
            f"customs_{document.status.value}"
            if isinstance(document, CustomsResponse)
            else "customs_declared"
        )
        for number in document.containers:
            yield _row(header, event, None, Equipment(number), None, None)
    elif isinstance(document, VerifiedGrossMass):
        for vgm in document.declarations:
            equipment = Equipment(vgm.container, vgm=vgm.mass, booking=vgm.booking)
            yield _row(header, "vgm", vgm.weighed, equipment, None, None)
    elif isinstance(document, CargoReport):
        for equipment in document.equipment:
            yield _row(header, "manifested", None, equipment, None, document.transport)
    elif isinstance(document, ShippingInstructions):
        for equipment in document.equipment:
            yield _row(header, "shipping_instructions", None, equipment, None, None)


def _row(
    header: DocumentHeader,
    event: str,
    time: datetime | None,
    equipment: Equipment,
    place: Location | None,
    transport: Transport | None,
) -> dict[str, str]:
    vessel = transport.vessel if transport else None
    return {
        "message_number": header.number,
        "message_function": header.function.value,
        "issued": header.issued.isoformat(),
        "event": event,
        "event_time": time.isoformat() if time else "",
        "container": str(equipment.number),
        "size_type": equipment.size_type or "",
        "full_empty": equipment.status.value if equipment.status else "",
        "locode": str(place.locode) if place and place.locode else "",
        "facility": (place.facility or "") if place else "",
        "mode": transport.mode.value if transport else "",
        "vessel": (vessel.name or "") if vessel else "",
        "imo": str(vessel.imo) if vessel and vessel.imo else "",
        "voyage": (transport.voyage or "") if transport else "",
        "carrier": (transport.carrier or "") if transport else "",
        "vehicle": (transport.vehicle or "") if transport else "",
        "booking": equipment.booking or "",
        "bill_of_lading": equipment.bill_of_lading or "",
        "seals": ";".join(seal.number for seal in equipment.seals),
        "gross_weight": str(equipment.gross_weight.value) if equipment.gross_weight else "",
        "gross_weight_unit": equipment.gross_weight.unit.value if equipment.gross_weight else "",
        "vgm": str(equipment.vgm.value) if equipment.vgm else "",
        "vgm_unit": equipment.vgm.unit.value if equipment.vgm else "",
    }


# Reading gate events --------------------------------------------------------------------------


def parse_gate_csv(
    text: bytes | str, mapper: CodeMapper = IDENTITY, zone: tzinfo | None = None
) -> list[GateEventReport]:
    """Read gate-in and gate-out rows into gate event reports.

    Consecutive rows with the same message number and direction make one report. Only
    ``message_number``, ``event``, ``event_time`` and ``container`` are required columns;
    ``zone`` is the partner's local time zone for times written without an offset.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise CsvFormatError(1, None, f"not UTF-8 text: {error}") from error
    reader = csv.DictReader(io.StringIO(text))
    missing = [
        c
        for c in ("message_number", "event", "event_time", "container")
        if c not in (reader.fieldnames or ())
    ]
    if missing:
        raise CsvFormatError(1, None, f"missing columns: {', '.join(missing)}")
    groups: list[tuple[tuple[str, str], list[_GateRow]]] = []
    for number, raw in enumerate(reader, start=2):
        if None in raw or any(value is None for value in raw.values()):
            raise CsvFormatError(number, None, "the row does not have one cell per column")
        if not any(value.strip() for value in raw.values()):
            continue
        row = _GateRow(number, {k: v.strip() for k, v in raw.items()}, mapper, zone)
        key = (row.text("message_number", required=True), row.text("event", required=True))
        if groups and groups[-1][0] == key:
            groups[-1][1].append(row)
        else:
            groups.append((key, [row]))
    return [_report(rows) for _, rows in groups]


def _report(rows: list[_GateRow]) -> GateEventReport:
    first = rows[0]
    direction = GATE_EVENTS.get(first.text("event"))
    if direction is None:
        raise CsvFormatError(first.number, "event", "only gate_in and gate_out rows can be read")
    # The report's facility is the place all rows share; rows at different places keep theirs.
    places = [row.place() for row in rows]
    facility = places[0] if all(place == places[0] for place in places) else None
    events = tuple(row.gate_event(facility) for row in rows)
    issued = first.time("issued") or max(event.time for event in events)
    function = first.choice("message_function", MessageFunction) or MessageFunction.ORIGINAL
    header = DocumentHeader(first.text("message_number"), issued, function)
    return GateEventReport(header=header, direction=direction, facility=facility, events=events)


@dataclass
class _GateRow:
    number: int
    cells: dict[str, str]
    mapper: CodeMapper
    zone: tzinfo | None

    def text(self, column: str, required: bool = False) -> str:
        value = self.cells.get(column, "")
        if required and not value:
            raise CsvFormatError(self.number, column, "a value is required")
        list_name = _CODE_COLUMNS.get(column)
        if list_name and value and _is_code(column, self.cells):
            return self.mapper.to_standard(list_name, value)
        return value

    def build(self, column: str, make: Callable[[V], T], value: V) -> T:
        """``make(value)``, with a model error turned into one naming this cell."""
        try:
            return make(value)
        except CsvFormatError:
            raise
        except (ValueError, InvalidOperation) as error:
            raise CsvFormatError(self.number, column, str(error) or repr(value)) from error

    def choice(self, column: str, kind: Any) -> Any:
        value = self.text(column)
        return self.build(column, kind, value) if value else None

    def time(self, column: str, required: bool = False) -> datetime | None:
        value = self.text(column, required)
        if not value:
            return None
        moment: datetime = self.build(column, datetime.fromisoformat, value)
        if moment.utcoffset() is None:
            if self.zone is None:
                raise CsvFormatError(self.number, column, "a time without offset and no zone")
            moment = moment.replace(tzinfo=self.zone)
        return moment

    def weight(self, column: str) -> Weight | None:
        value = self.text(column)
        if not value:
            return None
        unit = self.choice(f"{column}_unit", WeightUnit) or WeightUnit.KILOGRAM
        weight: Weight = self.build(column, lambda v: Weight(Decimal(v), unit), value)
        return weight

    def place(self) -> Location | None:
        locode, facility = self.text("locode"), self.text("facility")
        if not locode and not facility:
            return None
        code = self.build("locode", UnLocode, locode) if locode else None
        return Location(LocationFunction.PLACE_OF_EVENT, code, facility or None)

    def transport(self) -> Transport | None:
        mode = self.choice("mode", TransportMode)
        if mode is None:
            filled = [c for c in ("vessel", "imo", "voyage", "carrier", "vehicle") if self.text(c)]
            if filled:
                raise CsvFormatError(self.number, "mode", f"needed when {filled[0]} is given")
            return None
        name, imo = self.text("vessel"), self.text("imo")
        vessel = None
        if name or imo:
            imo_number = self.build("imo", ImoNumber, imo) if imo else None
            vessel = Vessel(name or None, imo_number)
        transport: Transport = self.build(
            "mode",
            lambda m: Transport(
                m,
                voyage=self.text("voyage") or None,
                vessel=vessel,
                carrier=self.text("carrier") or None,
                vehicle=self.text("vehicle") or None,
            ),
            mode,
        )
        return transport

    def gate_event(self, facility: Location | None) -> GateEvent:
        """The row's gate event; its place is the report's facility unless the row names
        another."""
        number: ContainerNumber = self.build(
            "container", ContainerNumber.parse, self.text("container", True)
        )
        seals = tuple(Seal(s.strip()) for s in self.text("seals").split(";") if s.strip())
        equipment: Equipment = self.build(
            "size_type",
            lambda size: Equipment(
                number,
                size_type=size or None,
                status=self.choice("full_empty", FullEmpty),
                seals=seals,
                gross_weight=self.weight("gross_weight"),
                vgm=self.weight("vgm"),
                booking=self.text("booking") or None,
                bill_of_lading=self.text("bill_of_lading") or None,
            ),
            self.text("size_type"),
        )
        time = self.time("event_time", required=True)
        assert time is not None
        place = self.place()
        locations = (place,) if place is not None and place != facility else ()
        return GateEvent(equipment, time, self.transport(), locations)
