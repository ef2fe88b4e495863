"""Reader for the UNECE directory publication text (UNTDID: TRMD/EDMD, TRSD/EDSD, ...).

The text layout changed over the years: D.95B uses box-drawing characters in the segment
tables and no repetition column for data elements, later releases add that column, and D.16A
draws the tables in plain ASCII (`-`, `|`, `+`). Names may wrap onto a second line. Change
indicators (`+ * # | X -`) may precede headers and codes. Everything here reads plain text
lines; `archive` deals with the zip files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, replace

from eport.edifact.spec import (
    ComponentSpec,
    DataElementSpec,
    ElementSpec,
    GroupSpec,
    Representation,
    SegmentSpec,
    SegmentUse,
)

_SEPARATOR = re.compile(r"^[\s─\-]{20,}$")
_MARKER = re.compile(r"^(\s*)[+*#|X-](?=\s)")
_TABLE_START = re.compile(r"^\s*4\.3\.1\s+Segment table", re.IGNORECASE)
_GROUP_LINE = re.compile(
    r"^\s*(\d{4,5})\s+(?:[+*#|X]\s+)?[─\-]+\s*Segment group\s+(\d+)\s*[─\-]+\s*([MC])\s+(\d+)"
)
_SEGMENT_LINE = re.compile(
    r"^\s*(\d{4,5})\s+(?:[+*#|X]\s+)?([A-Z]{3})\s+(.+?)\s+([MC])\s+(\d+)(.*)$"
)
_ITEM_LINE = re.compile(
    r"^(?P<pos>\d{3})?(?:\s+[+*#|X](?=\s))?\s+(?P<id>[A-Z]?\d{3,4})\s+(?P<name>.*?)\s+(?P<st>[MC])"
    r"(?:\s+(?P<rep>\d+))?(?:\s+(?P<repr>(?:an|a|n)(?:\.\.)?\d+))?\s*$"
)
_ITEM_START = re.compile(r"^(\d{3})?(?:\s+[+*#|X](?=\s))?\s+([A-Z]?\d{3,4})\s")
_ENTRY_HEAD = re.compile(r"^\s*([A-Z]{3}|[CSE]\d{3}|\d{4})\s+(\S.*?)(?:\s+\[[BIC]\])?\s*$")
_REPR_LINE = re.compile(r"^\s*Repr:\s*(\S+)")
_CODE_LINE = re.compile(r"^( {1,10})(\S+)\s+\S")
_CLOSERS = frozenset("┘┴+")


def unmark(line: str) -> str:
    """The line with a leading change indicator replaced by a space (columns kept)."""
    return _MARKER.sub(lambda m: m.group(1) + " ", line, count=1)


def entries(lines: Iterable[str]) -> Iterator[list[str]]:
    """Blocks of lines between the horizontal rules of a directory file."""
    block: list[str] = []
    for line in lines:
        if _SEPARATOR.match(line) and line.strip():
            if block:
                yield block
            block = []
        else:
            block.append(line.rstrip())
    if block:
        yield block


# --- message structures -------------------------------------------------------------------


@dataclass(slots=True)
class _OpenGroup:
    name: str
    mandatory: bool
    max_repeat: int
    position: str
    children: list[SegmentUse | GroupSpec]

    def close(self) -> GroupSpec:
        return GroupSpec(
            self.name, self.mandatory, self.max_repeat, tuple(self.children), self.position
        )


def segment_table(lines: list[str]) -> GroupSpec:
    """The segment table (section 4.3.1) of a message file as a group tree (root unnamed)."""
    starts = [i for i, line in enumerate(lines) if _TABLE_START.match(line)]
    if not starts:
        raise ValueError("no segment table (4.3.1) in message file")
    stack = [_OpenGroup("", True, 1, "", [])]
    for raw in lines[starts[-1] + 1 :]:
        line = unmark(raw)
        group = _GROUP_LINE.match(line)
        if group is not None:
            pos, number, status, repeat = group.groups()
            stack.append(_OpenGroup(f"SG{number}", status == "M", int(repeat), pos, []))
            continue
        seg = _SEGMENT_LINE.match(line)
        if seg is None:
            continue
        pos, tag, _name, status, repeat, tail = seg.groups()
        stack[-1].children.append(SegmentUse(tag, status == "M", int(repeat), None, pos))
        if tag == "UNT" and len(stack) == 1:
            break  # some files repeat the table after the message trailer
        for _ in range(sum(1 for ch in tail if ch in _CLOSERS)):
            if len(stack) == 1:
                raise ValueError(f"segment table closes more groups than it opens at {pos}")
            closed = stack.pop().close()
            stack[-1].children.append(closed)
    if len(stack) != 1:
        raise ValueError(f"segment table leaves group {stack[-1].name} open")
    return stack[0].close()


# --- segments and composites -------------------------------------------------------------


def _items(block: list[str]) -> Iterator[re.Match[str]]:
    """Element/component lines of one entry, with wrapped names joined."""
    pending = ""
    body = [raw for raw in block if raw.strip()][1:]  # the first line is the entry's head
    for raw in body:
        line = unmark(raw)
        if pending:
            line = pending + " " + line.strip()
            pending = ""
        elif not _ITEM_START.match(line):
            continue
        match = _ITEM_LINE.match(line)
        if match is not None:
            yield match
        elif line.strip():
            pending = line


def _head(block: list[str]) -> tuple[str, str] | None:
    for raw in block:
        line = unmark(raw)
        if not line.strip():
            continue
        match = _ENTRY_HEAD.match(line)
        return (match.group(1), match.group(2).strip()) if match else None
    return None


def _data_element(match: re.Match[str], elements: dict[str, DataElementSpec]) -> DataElementSpec:
    code = match.group("id")
    known = elements.get(code)
    text = match.group("repr")
    if text is None:
        if known is None:
            raise ValueError(f"data element {code} without representation")
        return known
    rep = Representation.parse(text)
    if known is not None and known.representation == rep:
        return known
    return DataElementSpec(code, match.group("name"), rep, known.codes if known else None)


def composites(
    lines: Iterable[str], elements: dict[str, DataElementSpec]
) -> dict[str, tuple[str, tuple[ComponentSpec, ...]]]:
    """Composite definitions (TRCD/EDCD): id -> (name, components)."""
    result: dict[str, tuple[str, tuple[ComponentSpec, ...]]] = {}
    for block in entries(lines):
        head = _head(block)
        if head is None or head[0][0] not in "CSE" or not head[0][1:].isdigit():
            continue
        comps = tuple(
            ComponentSpec(
                int(m.group("pos")) // 10, _data_element(m, elements), m.group("st") == "M"
            )
            for m in _items(block)
            if m.group("pos")
        )
        result[head[0]] = (head[1], comps)
    return result


def segments(
    lines: Iterable[str],
    elements: dict[str, DataElementSpec],
    composite_defs: dict[str, tuple[str, tuple[ComponentSpec, ...]]],
) -> dict[str, SegmentSpec]:
    """Segment definitions (TRSD/EDSD); composites resolved from `composite_defs`."""
    result: dict[str, SegmentSpec] = {}
    for block in entries(lines):
        head = _head(block)
        if head is None or len(head[0]) != 3 or not head[0].isalpha():
            continue
        specs: list[ElementSpec] = []
        inline: dict[str, list[ComponentSpec]] = {}
        for m in _items(block):
            if m.group("pos"):
                specs.append(_segment_element(m, elements, composite_defs))
            elif specs and specs[-1].is_composite:
                # components listed under the composite: used when the composite directory
                # lacks it (D.95B has a few new composites only in the segment directory)
                comps = inline.setdefault(specs[-1].id, [])
                comps.append(
                    ComponentSpec(len(comps) + 1, _data_element(m, elements), m.group("st") == "M")
                )
        specs = [
            _with_inline(e, tuple(inline.get(e.id, ())))
            if e.is_composite and not e.components
            else e
            for e in specs
        ]
        last = max((e.position for e in specs), default=0)
        result[head[0]] = SegmentSpec(head[0], head[1], tuple(specs), last)
    return result


def _with_inline(element: ElementSpec, comps: tuple[ComponentSpec, ...]) -> ElementSpec:
    return replace(element, components=comps, max_components=len(comps))


def _segment_element(
    m: re.Match[str],
    elements: dict[str, DataElementSpec],
    composite_defs: dict[str, tuple[str, tuple[ComponentSpec, ...]]],
) -> ElementSpec:
    code = m.group("id")
    pos = int(m.group("pos")) // 10
    repeat = int(m.group("rep") or 1)
    mandatory = m.group("st") == "M"
    if code[0].isalpha():
        name, comps = composite_defs.get(code, (m.group("name"), ()))
        return ElementSpec(pos, code, name, mandatory, repeat, None, comps, len(comps))
    simple = _data_element(m, elements)
    return ElementSpec(pos, code, simple.name, mandatory, repeat, simple)


# --- data elements and code lists --------------------------------------------------------


def data_elements(lines: Iterable[str]) -> dict[str, DataElementSpec]:
    """Simple data element definitions (TRED/EDED): id -> spec (representation from Repr)."""
    result: dict[str, DataElementSpec] = {}
    for block in entries(lines):
        head = _head(block)
        if head is None or not head[0].isdigit():
            continue
        for line in block:
            rep = _REPR_LINE.match(line)
            if rep is not None:
                text = rep.group(1).split()[0]
                # a few entries show a prose representation; they carry no checkable type
                with suppress(ValueError):
                    result[head[0]] = DataElementSpec(head[0], head[1], Representation.parse(text))
                break
    return result


def code_lists(lines: Iterable[str]) -> dict[str, frozenset[str]]:
    """Code lists (UNCL/UNSL): data element id -> codes (deleted codes left out)."""
    result: dict[str, frozenset[str]] = {}
    for block in entries(lines):
        head = _head(block)
        if head is None or not head[0].isdigit():
            continue
        codes: set[str] = set()
        seen_repr = False
        for raw in block:
            if not seen_repr:
                seen_repr = _REPR_LINE.match(raw) is not None
                continue
            if raw.startswith("-"):
                continue  # a deleted code
            match = _CODE_LINE.match(unmark(raw))
            if match is not None and not match.group(2).endswith(":"):
                codes.add(match.group(2))
        if codes:
            result[head[0]] = frozenset(codes)
    return result
