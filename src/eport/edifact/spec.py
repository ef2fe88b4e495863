"""Message specifications: the compiled form shared by UN/EDIFACT directories and MIGs.

A directory release and a message implementation guide (MIG) both compile into the same
frozen objects, so one validator serves both. A `MessageSpec` is a tree of `GroupSpec`s and
`SegmentUse`s (the segment table); each `SegmentUse` carries the `SegmentSpec` that applies in
that position (a MIG may narrow codes per position, e.g. LOC qualifiers in different groups);
a `SegmentSpec` lists `ElementSpec`s, simple or composite, down to `DataElementSpec`
(representation a/n/an with lengths). Positions are 1-based, as in the standard.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

CharClass = Literal["a", "n", "an"]

_REPR = re.compile(r"^(an|a|n)(\.\.)?(\d+)$")


@dataclass(frozen=True, slots=True)
class Representation:
    """A data element representation such as `an..35` (variable) or `n3` (fixed)."""

    char_class: CharClass
    min_length: int
    max_length: int

    @classmethod
    def parse(cls, text: str) -> Representation:
        """Read `a3`, `n..15`, `an..35`; raises ValueError for anything else."""
        match = _REPR.match(text.strip())
        if match is None:
            raise ValueError(f"not a data element representation: {text!r}")
        kind, dots, length = match.groups()
        size = int(length)
        return cls(kind, 1 if dots else size, size)  # type: ignore[arg-type]

    def __str__(self) -> str:
        if self.min_length == self.max_length:
            return f"{self.char_class}{self.max_length}"
        return f"{self.char_class}..{self.max_length}"


@dataclass(frozen=True, slots=True)
class DataElementSpec:
    """A simple data element (e.g. 8053) as used in one position.

    `codes` is the set of allowed values (None: not a coded element, or the list is unknown);
    `check` names an extra value check from `codecheck` (e.g. "unlocode"); `external` says the
    values come from a list outside the directory (ISO 6346, UN/LOCODE, carrier codes), so a
    MIG merged with a directory does not take the directory's code list for it;
    `extra_codes` are community codes accepted on top of the directory's list (e.g. SMDG's
    `VGM` in releases older than the code).
    """

    id: str
    name: str
    representation: Representation
    codes: frozenset[str] | None = None
    check: str | None = None
    external: bool = False
    extra_codes: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ComponentSpec:
    """A component position inside a composite."""

    position: int
    element: DataElementSpec
    mandatory: bool


@dataclass(frozen=True, slots=True)
class ElementSpec:
    """A data element position in a segment: a simple element or a composite.

    `max_components` is the number of components the composite has, when known (a MIG that
    lists only the components its community uses leaves it None: more are not an error).
    """

    position: int
    id: str
    name: str
    mandatory: bool
    max_repeat: int = 1
    simple: DataElementSpec | None = None
    components: tuple[ComponentSpec, ...] = ()
    max_components: int | None = None

    @property
    def is_composite(self) -> bool:
        return self.simple is None


@dataclass(frozen=True, slots=True)
class ValueCondition:
    """An extra check on one value, applied only when another value of the segment matches.

    Example: the ISO 6346 check digit of EQD 2.1 when EQD 1 is `CN`.
    """

    element: int
    component: int
    check: str
    when_element: int = 0
    when_component: int = 1
    when_values: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class SegmentSpec:
    """A segment's content: its data elements by position (gaps are unused positions).

    `max_position` is the last position the segment may carry at all (from the directory, or
    the MIG's own definition); values in positions a MIG leaves out are checked only for that.
    """

    tag: str
    name: str
    elements: tuple[ElementSpec, ...]
    max_position: int = 0
    conditions: tuple[ValueCondition, ...] = ()

    def element_at(self, position: int) -> ElementSpec | None:
        for element in self.elements:
            if element.position == position:
                return element
        return None


@dataclass(frozen=True, slots=True)
class SegmentUse:
    """A segment in the segment table: position (e.g. "0260"), status and repeats.

    `segment` is None when the content is not known (a MIG used without a directory for a
    segment it does not define): the segment is then accepted in its place unchecked.
    """

    tag: str
    mandatory: bool
    max_repeat: int
    segment: SegmentSpec | None = None
    position: str = ""


@dataclass(frozen=True, slots=True)
class GroupSpec:
    """A segment group (e.g. "SG5"); its first child is the trigger segment."""

    name: str
    mandatory: bool
    max_repeat: int
    children: tuple[SegmentUse | GroupSpec, ...] = ()
    position: str = ""

    @property
    def trigger(self) -> str:
        first = self.children[0]
        return first.tag if isinstance(first, SegmentUse) else first.trigger

    def walk(self) -> Iterator[SegmentUse | GroupSpec]:
        """Every segment use and group below this one, depth first, in table order."""
        for child in self.children:
            yield child
            if isinstance(child, GroupSpec):
                yield from child.walk()


@dataclass(frozen=True, slots=True)
class MessageSpec:
    """A message type in one directory version/release, or a MIG for it.

    `root` holds the segment table from UNH to UNT. `source` says where it comes from
    (e.g. "directory D.95B" or "MIG SMDG-CODECO-D95B") for findings that name it.
    """

    message_type: str
    version: str
    release: str
    agency: str
    root: GroupSpec
    source: str
    associations: frozenset[str] = frozenset()

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.message_type, self.version, self.release)


@dataclass(slots=True)
class Directory:
    """One directory release (e.g. D.95B): messages, segments, composites, elements, codes."""

    release: str  # "D.95B", or "SERVICE-3"/"SERVICE-4" for the service directories
    messages: dict[str, MessageSpec] = field(default_factory=dict)
    segments: dict[str, SegmentSpec] = field(default_factory=dict)
    composites: dict[str, tuple[str, tuple[ComponentSpec, ...]]] = field(default_factory=dict)
    elements: dict[str, DataElementSpec] = field(default_factory=dict)
    codes: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return self.release.split(".")[0]

    @property
    def short_release(self) -> str:
        return self.release.split(".")[-1]
