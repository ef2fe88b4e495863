"""Find where a character offset lies: interchange, message, segment, element and component.

Only used when a finding is made, so nothing here is on the parsing fast path.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from eport.edifact.model import Interchange, Message, Segment, Transmission


@dataclass(frozen=True, slots=True)
class Place:
    interchange: Interchange | None
    message: Message | None
    segment: Segment | None
    segment_position: int | None
    element: int | None
    component: int | None
    segment_end: int = -1  # character offset where the next segment (or the text) begins

    def where(self, byte_offset: int | None) -> dict[str, Any]:
        """Keyword arguments for `Finding.of` describing this place."""
        ic, msg, seg = self.interchange, self.message, self.segment
        return {
            "interchange_ref": ic.control_ref if ic is not None and ic.header else None,
            "message_ref": msg.ref if msg is not None else None,
            "message_index": msg.index if msg is not None else None,
            "segment_position": self.segment_position,
            "segment_tag": seg.tag if seg is not None else None,
            "element_position": self.element or None,
            "component_position": self.component or None,
            "byte_offset": byte_offset,
        }


class Locator:
    """Maps character offsets of one decoded text to places in its transmission."""

    def __init__(self, transmission: Transmission, text: str):
        self.text = text
        self.rows: list[tuple[int, Interchange, Message | None, list[Segment]]] = []
        for ic in transmission.interchanges:
            if ic.header is not None:
                self.rows.append((ic.header.offset, ic, None, [ic.header]))
            for m in ic.messages:
                self.rows.append((m.segments[0].offset, ic, m, m.segments))
            tail = [g.header for g in ic.groups] + [g.trailer for g in ic.groups if g.trailer]
            tail += [ic.trailer] if ic.trailer is not None else []
            for s in tail:
                self.rows.append((s.offset, ic, None, [s]))
        self.rows.sort(key=lambda r: r[0])
        self.starts = [r[0] for r in self.rows]

    def place(self, char_offset: int) -> Place:
        i = bisect_right(self.starts, char_offset) - 1
        if i < 0:
            return Place(None, None, None, None, None, None)
        _, ic, msg, segs = self.rows[i]
        j = max(bisect_right([s.offset for s in segs], char_offset) - 1, 0)
        seg = segs[j]
        elem, comp = self._element_at(seg, char_offset, ic)
        if j + 1 < len(segs):
            end = segs[j + 1].offset
        else:
            end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return Place(ic, msg, seg, j + 1 if msg is not None else None, elem, comp, end)

    def _element_at(self, seg: Segment, char_offset: int, ic: Interchange) -> tuple[int, int]:
        """Element and component position of `char_offset` inside segment `seg`."""
        seps = ic.separators
        elem = comp = 0
        i = seg.offset
        text = self.text
        while i < char_offset and i < len(text):
            c = text[i]
            if seps.release and c == seps.release:
                i += 2
                continue
            if c == seps.element:
                elem, comp = elem + 1, 1
            elif c == seps.component:
                comp += 1
            elif c == seps.segment:
                break
            i += 1
        return elem, (comp if elem else 0)
