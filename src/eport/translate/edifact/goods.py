"""Goods items: GID with packages, description, weight, value, commodity code, placement, hazards.

Messages differ in where the commodity code goes (PIA in the IFTM messages, CST in the
customs ones) and in which of these segments their goods item group has at all; `GoodsLayout`
says which to write. Reading takes whatever is there.
"""

from __future__ import annotations

from dataclasses import dataclass

from eport.edifact.model import Segment
from eport.logistics.cargo import GoodsItem, Money
from eport.logistics.identifiers import ContainerNumber
from eport.translate.edifact.context import Context, TranslationError
from eport.translate.edifact.cursor import guarded
from eport.translate.edifact.equipment import (
    GROSS,
    dgs,
    mea,
    number_text,
    read_decimal,
    read_dgs,
    read_weight,
)

CUSTOMS_VALUE = "40"  # 5025
DESCRIPTION = "AAA"  # 4451: goods description
HS_PIA = "5"  # 4347: product identification
HS_CODE_LIST = "HS"  # 7143: Harmonised system


@dataclass(frozen=True, slots=True)
class GoodsLayout:
    """Which goods details a message's goods item group can carry."""

    commodity: str = "PIA"  # "PIA", "CST" or "" (none)
    value: bool = True
    value_first: bool = True  # MOA before the description (IFTM) or after the weight (CUSCAR)
    placement: bool = True
    hazards: bool = True


def gid(item: GoodsItem, ctx: Context) -> Segment:
    packages: list[str] = []
    if item.package_count is not None or item.package_type:
        packages = [
            str(item.package_count) if item.package_count is not None else "",
            ctx.partner("package", item.package_type) if item.package_type else "",
        ]
    while packages and not packages[-1]:
        packages.pop()
    return Segment("GID", [[str(item.sequence)], packages] if packages else [[str(item.sequence)]])


def goods_segments(item: GoodsItem, ctx: Context, layout: GoodsLayout) -> list[Segment]:
    _check_layout(item, layout)
    segments = [gid(item, ctx)]
    value = [moa(item.value, ctx)] if item.value is not None else []
    if layout.value_first:
        segments += value
    if item.hs_code and layout.commodity == "PIA":
        segments.append(Segment.of("PIA", HS_PIA, [item.hs_code, HS_CODE_LIST]))
    if item.description:
        segments.append(ftx_description(item.description))
    if item.gross_weight is not None:
        segments.append(mea(GROSS, item.gross_weight))
    if not layout.value_first:
        segments += value
    segments += [Segment.of("SGP", str(number)) for number in item.containers]
    segments += [dgs(goods) for goods in item.dangerous_goods]
    if item.hs_code and layout.commodity == "CST":
        segments.append(Segment.of("CST", "", [item.hs_code, "122"]))
    return segments


def _check_layout(item: GoodsItem, layout: GoodsLayout) -> None:
    lost = [
        name
        for name, present, allowed in (
            ("commodity code", item.hs_code, layout.commodity),
            ("value", item.value, layout.value),
            ("containers", item.containers, layout.placement),
            ("dangerous goods", item.dangerous_goods, layout.hazards),
        )
        if present and not allowed
    ]
    if lost:
        raise TranslationError(
            f"goods item {item.sequence}: this message cannot carry its " + ", ".join(lost)
        )


def moa(money: Money, ctx: Context) -> Segment:
    currency = ctx.partner("currency", money.currency)
    return Segment.of("MOA", [CUSTOMS_VALUE, number_text(money.amount), currency])


def read_moa(segment: Segment, ctx: Context, position: int) -> Money:
    amount = read_decimal(segment.component(1, 2), segment, position)
    currency = ctx.standard("currency", segment.component(1, 3))
    return guarded(segment, position, lambda: Money(amount, currency))


def ftx_description(text: str) -> Segment:
    return free_text(DESCRIPTION, text)


def free_text(qualifier: str, text: str) -> Segment:
    """FTX with the text in 70-character components (4440 is an..70, up to five)."""
    if len(text) > 350:
        raise TranslationError(f"free text longer than FTX can carry (350): {text[:20]!r}...")
    chunks = [text[i : i + 70] for i in range(0, len(text), 70)]
    return Segment("FTX", [[qualifier], [""], [""], chunks])


def read_goods(group: list[Segment], ctx: Context, start: int) -> GoodsItem:
    """A goods item from its GID group (or a CST-headed customs item group)."""
    head = group[0]
    sequence, count, package = head.element(1), head.component(2, 1), head.component(2, 2)
    if head.tag == "CST":  # a customs item: packages come in PAC, element 2 is the tariff code
        count = package = ""
    fields: dict[str, object] = {}
    containers: list[ContainerNumber] = []
    hazards = []
    for offset, segment in enumerate(group):
        position = start + offset
        if segment.tag == "SGP":
            containers.append(_container(segment, position))
        elif segment.tag == "DGS":
            hazards.append(read_dgs(segment))
        elif segment.tag == "PAC":
            count, package = segment.element(1), segment.component(3, 1)
        else:
            fields.update(_detail(segment, ctx, position))
    return guarded(
        head,
        start,
        lambda: GoodsItem(
            sequence=int(sequence) if sequence.isdigit() else 0,
            package_count=int(count) if count.isdigit() else None,
            package_type=ctx.standard("package", package) if package else None,
            containers=tuple(containers),
            dangerous_goods=tuple(hazards),
            **fields,  # type: ignore[arg-type]  # keys and types are set by _detail
        ),
    )


def _container(segment: Segment, position: int) -> ContainerNumber:
    return guarded(segment, position, lambda: ContainerNumber.parse(segment.element(1)))


def _detail(segment: Segment, ctx: Context, position: int) -> dict[str, object]:
    """The goods item field one segment of the group gives, if any."""
    tag, qualifier = segment.tag, segment.component(1, 1)
    if tag == "MOA" and qualifier == CUSTOMS_VALUE:
        return {"value": read_moa(segment, ctx, position)}
    if (tag == "PIA" and segment.component(2, 2) == HS_CODE_LIST) or (
        tag == "CST" and segment.component(2, 1)
    ):
        return {"hs_code": segment.component(2, 1)}
    if tag == "FTX" and qualifier == DESCRIPTION:
        return {"description": "".join(segment.components(4))}
    if tag == "MEA" and segment.component(2, 1) in (GROSS, "AAD", "AAB", ""):
        return {"gross_weight": read_weight(segment, position)[1]}
    return {}
