"""EQD and the segments that describe a container: RFF, MEA, TMP, SEL, DGS."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from eport.edifact.model import Segment
from eport.logistics.equipment import (
    DangerousGoods,
    Equipment,
    FullEmpty,
    Seal,
    Temperature,
    Weight,
)
from eport.logistics.identifiers import ContainerNumber
from eport.translate.edifact.context import Context, TranslationError
from eport.translate.edifact.qualifiers import (
    FULL_EMPTY,
    SEAL_ISSUER,
    TEMPERATURE_UNIT,
    WEIGHT_UNIT,
    decode,
    decode_optional,
)

GROSS, TARE, VGM = "G", "T", "VGM"  # 6313 measured attribute (VGM as SMDG uses it)
_WEIGHT_ALIASES = {"AET": GROSS, "AAL": TARE}


def number_text(value: Decimal) -> str:
    """A decimal as EDIFACT numeric text: no exponent, no trailing zeros after the mark."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def read_decimal(text: str, segment: Segment, position: int) -> Decimal:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation as error:
        raise TranslationError(
            f"not a number: {text!r}", position=position, tag=segment.tag
        ) from error
    if not value.is_finite():
        raise TranslationError(f"not a number: {text!r}", position=position, tag=segment.tag)
    return value


def eqd(equipment: Equipment, ctx: Context) -> Segment:
    size_type = (
        [ctx.partner("size-type", equipment.size_type), "102", "5"] if equipment.size_type else [""]
    )
    status = [FULL_EMPTY[equipment.status]] if equipment.status else [""]
    elements = [["CN"], [str(equipment.number)], size_type, [""], [""], status]
    while not any(elements[-1]):
        elements.pop()
    return Segment("EQD", elements)


def read_eqd(
    segment: Segment, ctx: Context, position: int
) -> tuple[ContainerNumber, str | None, FullEmpty | None]:
    try:
        number = ContainerNumber.parse(segment.component(2, 1))
    except ValueError as error:
        raise TranslationError(str(error), position=position, tag="EQD") from error
    size = segment.component(3, 1)
    size_type = ctx.standard("size-type", size) if size else None
    status = decode_optional(FULL_EMPTY, segment.element(6), "full/empty indicator (8169)")
    return number, size_type, status


def mea(attribute: str, weight: Weight) -> Segment:
    return Segment.of(
        "MEA", "AAE", attribute, [WEIGHT_UNIT[weight.unit], number_text(weight.value)]
    )


def read_weight(segment: Segment, position: int) -> tuple[str, Weight]:
    attribute = segment.component(2, 1)
    unit = decode(WEIGHT_UNIT, segment.component(3, 1), "weight unit (6411)", position=position)
    value = read_decimal(segment.component(3, 2), segment, position)
    return _WEIGHT_ALIASES.get(attribute, attribute), Weight(value, unit)


def tmp(temperature: Temperature, ctx: Context) -> Segment:
    """TMP+2: in D.95B the value (6246) is n3, three whole digits; later directories allow n..3."""
    value = temperature.value
    if ctx.version == "D95B":
        if value != value.to_integral_value() or abs(value) > 999:
            raise TranslationError(f"D.95B carries whole-degree temperatures only: {value}")
        text = ("-" if value < 0 else "") + f"{abs(int(value)):03d}"
    else:
        text = number_text(value)
    return Segment.of("TMP", "2", [text, TEMPERATURE_UNIT[temperature.unit]])


def read_tmp(segment: Segment, position: int) -> Temperature:
    unit = decode(
        TEMPERATURE_UNIT, segment.component(2, 2) or "CEL", "temperature unit", position=position
    )
    return Temperature(read_decimal(segment.component(2, 1), segment, position), unit)


def sel(seal: Seal) -> Segment:
    issuer = SEAL_ISSUER[seal.issuer] if seal.issuer else ""
    return Segment("SEL", [[seal.number], [issuer]] if issuer else [[seal.number]])


def read_sel(segment: Segment) -> Seal:
    return Seal(
        segment.element(1), decode_optional(SEAL_ISSUER, segment.element(2), "seal issuer (9303)")
    )


def dgs(goods: DangerousGoods) -> Segment:
    return Segment.of("DGS", "IMD", goods.imdg_class, goods.un_number)


def read_dgs(segment: Segment) -> DangerousGoods:
    return DangerousGoods(un_number=segment.component(3, 1), imdg_class=segment.component(2, 1))


def weight_segments(equipment: Equipment) -> list[Segment]:
    pairs = ((GROSS, equipment.gross_weight), (TARE, equipment.tare_weight), (VGM, equipment.vgm))
    return [mea(attribute, weight) for attribute, weight in pairs if weight is not None]


def equipment_refs(equipment: Equipment) -> list[Segment]:
    refs = []
    if equipment.booking:
        refs.append(Segment.of("RFF", ["BN", equipment.booking]))
    if equipment.bill_of_lading:
        refs.append(Segment.of("RFF", ["BM", equipment.bill_of_lading]))
    return refs


def read_equipment(group: list[Segment], ctx: Context, first_position: int) -> Equipment:
    """The container an EQD group describes; segments it does not know are left to the caller."""
    number, size_type, status = read_eqd(group[0], ctx, first_position)
    weights: dict[str, Weight] = {}
    seals, goods = [], []
    temperature = None
    booking = bill = None
    for offset, segment in enumerate(group[1:], start=1):
        position = first_position + offset
        if segment.tag == "MEA" and segment.element(1) in ("AAE", "WT"):
            attribute, weight = read_weight(segment, position)
            weights.setdefault(attribute, weight)
        elif segment.tag == "TMP":
            temperature = read_tmp(segment, position)
        elif segment.tag == "SEL":
            seals.append(read_sel(segment))
        elif segment.tag == "DGS":
            goods.append(read_dgs(segment))
        elif segment.tag == "RFF" and segment.component(1, 1) == "BN":
            booking = booking or segment.component(1, 2)
        elif segment.tag == "RFF" and segment.component(1, 1) == "BM":
            bill = bill or segment.component(1, 2)
    try:
        return Equipment(
            number=number,
            size_type=size_type,
            status=status,
            seals=tuple(seals),
            gross_weight=weights.get(GROSS),
            tare_weight=weights.get(TARE),
            vgm=weights.get(VGM),
            temperature=temperature,
            dangerous_goods=tuple(goods),
            booking=booking,
            bill_of_lading=bill,
        )
    except ValueError as error:
        raise TranslationError(str(error), position=first_position, tag="EQD") from error


def read_container_number(text: str, segment: Segment, position: int) -> ContainerNumber:
    try:
        return ContainerNumber.parse(text)
    except ValueError as error:
        raise TranslationError(str(error), position=position, tag=segment.tag) from error
