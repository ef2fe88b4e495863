"""RFF: reference numbers by kind."""

from __future__ import annotations

from eport.edifact.model import Segment
from eport.logistics.references import Reference
from eport.translate.edifact.qualifiers import REFERENCE_ALIASES, REFERENCE_KIND, decode


def rff(reference: Reference) -> Segment:
    return Segment.of("RFF", [REFERENCE_KIND[reference.kind], reference.value])


def read_rff(segment: Segment, position: int = 0) -> Reference:
    kind = decode(
        REFERENCE_KIND,
        segment.component(1, 1),
        "reference qualifier (1153)",
        REFERENCE_ALIASES,
        position,
    )
    return Reference(kind=kind, value=segment.component(1, 2))


def is_known_reference(segment: Segment) -> bool:
    code = segment.component(1, 1)
    return code in REFERENCE_KIND.values() or code in REFERENCE_ALIASES
