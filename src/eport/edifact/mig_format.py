"""Read MIG data files (YAML): segment libraries and message guides, into plain entries.

Segment library (`segments-<release>.yaml`): the segments as the community uses them, each a
list of lines `<pos>[.<comp>] <id> <M|C> [<repr>] [codes=A,B|+A,B|external] [check=<name>]`
(`codes=+A,B`: accepted on top of the directory's list; `codes=external`: values from a list
outside the directory, e.g. ISO 6346; a composite is
a line without representation, optionally `last=N` for its number of components, followed by
its component lines), an optional `last:` (the last data element position the segment has)
and `when:` conditions
`<pos>.<comp> <check> if <pos>[.<comp>]=<A,B>`.

Message guide (`<type>-<release>.yaml`): identification (`mig`, `message`, `version`,
`release`, `agency`, `associations`, `default`), `segments` (the library) and `structure`, a
list of `<TAG> <M|C|N> <repeats> [<pos>[.<comp>]=A,B|=+A,B] [<pos>[.<comp>]!]` lines (`=+A,B`:
accepted in that position only, on top of the segment's list) and groups
`{"<SGn> <M|C|N> <repeats> [closed]": [...]}`. N means the community forbids it; `closed`
means the group accepts nothing beyond what the guide lists, even with a directory loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from eport.edifact.spec import (
    ComponentSpec,
    DataElementSpec,
    ElementSpec,
    Representation,
    SegmentSpec,
    ValueCondition,
)

_ELEMENT_LINE = re.compile(
    r"^(\d+)(?:\.(\d+))?\s+([A-Z]?\d{3,4})\s+([MC])(?:\s+((?:an|a|n)(?:\.\.)?\d+))?((?:\s+\S+=\S+)*)$"
)
_CONDITION = re.compile(r"^(\d+)\.(\d+)\s+(\S+)\s+if\s+(\d+)(?:\.(\d+))?=(\S+)$")
_ENTRY = re.compile(r"^(SG\d+|[A-Z][A-Z0-9]{2})\s+([MCN])\s+(\d+)((?:\s+\S+)*)$")
_OVERRIDE = re.compile(r"^(\d+)(?:\.(\d+))?(?:=(\+?)(\S+)|(!))$")


@dataclass(frozen=True, slots=True)
class Override:
    """Per-position narrowing in a guide: allowed codes and/or community-required.

    With `extra`, `codes` are accepted on top of the segment's own list in this position only.
    """

    element: int
    component: int | None
    codes: frozenset[str] | None
    required: bool
    extra: bool = False


@dataclass(slots=True)
class Entry:
    """A segment or group line of a guide's structure."""

    name: str  # segment tag or group name (SGn)
    status: str  # M, C or N
    max_repeat: int
    is_group: bool = False
    closed: bool = False
    overrides: tuple[Override, ...] = ()
    children: list[Entry] = field(default_factory=list)


def parse_structure(items: list[Any], where: str) -> list[Entry]:
    entries: list[Entry] = []
    for item in items:
        if isinstance(item, str):
            entries.append(_entry(item, where, False))
        elif isinstance(item, dict) and len(item) == 1:
            ((head, children),) = item.items()
            entry = _entry(str(head), where, True)
            entry.children = parse_structure(list(children or []), where)
            entries.append(entry)
        else:
            raise ValueError(f"{where}: cannot read structure item {item!r}")
    return entries


def _entry(text: str, where: str, is_group: bool) -> Entry:
    match = _ENTRY.match(text.strip())
    if match is None or (re.fullmatch(r"SG\d+", match.group(1)) is not None) != is_group:
        raise ValueError(f"{where}: cannot read structure line {text!r}")
    name, status, repeat, rest = match.groups()
    words = rest.split()
    closed = "closed" in words
    overrides = tuple(_override(w, where) for w in words if w != "closed")
    return Entry(name, status, int(repeat), is_group, closed, overrides)


def _override(word: str, where: str) -> Override:
    match = _OVERRIDE.match(word)
    if match is None:
        raise ValueError(f"{where}: cannot read position rule {word!r}")
    element, component, plus, codes, bang = match.groups()
    return Override(
        int(element),
        int(component) if component else None,
        frozenset(codes.split(",")) if codes else None,
        bool(bang),
        bool(plus),
    )


def parse_segment(tag: str, raw: dict[str, Any], where: str) -> SegmentSpec:
    """One library segment into a `SegmentSpec` (codes only where the library lists them)."""
    elements: list[ElementSpec] = []
    pending: list[ComponentSpec] = []
    for line in raw.get("elements", []):
        match = _ELEMENT_LINE.match(str(line).strip())
        if match is None:
            raise ValueError(f"{where} {tag}: cannot read element line {line!r}")
        pos, comp, code, status, rep, extras = match.groups()
        options = dict(w.split("=", 1) for w in extras.split())
        simple = None
        if rep is not None:
            listed = options.get("codes", "")
            external = listed == "external"
            extra = listed.startswith("+")
            values = frozenset(listed.lstrip("+").split(",")) if listed else frozenset()
            codes = values if listed and not external and not extra else None
            simple = DataElementSpec(
                code,
                code,
                Representation.parse(rep),
                codes,
                options.get("check"),
                external,
                values if extra else frozenset(),
            )
        if comp is not None:
            if not elements or simple is None:
                raise ValueError(f"{where} {tag}: component {line!r} outside a composite")
            pending.append(ComponentSpec(int(comp), simple, status == "M"))
            elements[-1] = _with_components(elements[-1], tuple(pending))
            continue
        pending = []
        width = int(options["last"]) if "last" in options else None
        elements.append(ElementSpec(int(pos), code, code, status == "M", 1, simple, (), width))
    last = int(raw.get("last", max((e.position for e in elements), default=0)))
    conditions = tuple(_condition(str(c), f"{where} {tag}") for c in raw.get("when", []))
    return SegmentSpec(tag, str(raw.get("name", tag)), tuple(elements), last, conditions)


def _with_components(element: ElementSpec, comps: tuple[ComponentSpec, ...]) -> ElementSpec:
    return ElementSpec(
        element.position,
        element.id,
        element.name,
        element.mandatory,
        element.max_repeat,
        None,
        comps,
        element.max_components,
    )


def _condition(text: str, where: str) -> ValueCondition:
    match = _CONDITION.match(text.strip())
    if match is None:
        raise ValueError(f"{where}: cannot read condition {text!r}")
    pos, comp, check, when_pos, when_comp, values = match.groups()
    return ValueCondition(
        int(pos), int(comp), check, int(when_pos), int(when_comp or 1), frozenset(values.split(","))
    )
