"""Assemble segments into envelopes: interchanges (UNB..UNZ), groups (UNG..UNE), messages.

The assembler records structural findings (a missing UNT, a segment outside any message...)
instead of stopping, so a check can report everything; `parse` turns the first structural
error into an exception. Counts and references are not compared here (see `checks`).
"""

from __future__ import annotations

from collections.abc import Callable

from eport.edifact.findings import Finding, FindingCode
from eport.edifact.model import Group, Interchange, Layout, Message, Segment, Separators

_ENVELOPE_OR_UNT = frozenset({"UNH", "UNT", "UNB", "UNZ", "UNG", "UNE"})
ByteMapper = Callable[[int], int]


class Assembler:
    """Feeds segments (in order) into interchanges; call `finish` at the end of input."""

    def __init__(
        self,
        text: str,
        encoding: str,
        to_bytes: ByteMapper,
        byte_base: int = 0,
        keep_messages: bool = True,
    ):
        self.text = text
        self.text_base = 0  # character offset of text[0] in the whole input (streaming)
        self.keep_messages = keep_messages
        self.emitted: list[tuple[Interchange, Message]] = []  # completed, when not kept
        self.count = 0
        self.encoding = encoding
        self.to_bytes = to_bytes
        self.byte_base = byte_base
        self.findings: list[Finding] = []
        self.done: list[Interchange] = []
        self.ic: Interchange | None = None
        self.group: Group | None = None
        self.msg: Message | None = None
        self.seps = Separators()
        self.una: str | None = None
        self.line_end = ""
        self.before_terminator = ""
        self.start = 0  # character offset where the next interchange begins (its UNA or UNB)
        self.warned_bare = False

    def feed(
        self, segments: list[Segment], seps: Separators, line_end: str, before_terminator: str = ""
    ) -> None:
        self.seps = seps
        if line_end and not self.line_end:
            self.line_end = line_end
        if before_terminator and not self.before_terminator:
            self.before_terminator = before_terminator
        # Only envelope segments need a decision; the runs between them are moved in one slice.
        done = 0
        for k in [i for i, seg in enumerate(segments) if seg.tag in _ENVELOPE_OR_UNT]:
            if k > done:
                self._run(segments[done:k])
            seg = segments[k]
            if seg.tag == "UNT" and self.msg is not None:
                self.msg.segments.append(seg)
                self._close_message(seg)
            else:
                self._service(seg)
            done = k + 1
        if done < len(segments):
            self._run(segments[done:] if done else segments)

    def _run(self, run: list[Segment]) -> None:
        """Segments with no envelope tag among them: the open message's, or misplaced."""
        if self.msg is not None:
            self.msg.segments.extend(run)
        else:
            for seg in run:
                self._stray(seg)

    def _service(self, seg: Segment) -> None:
        tag = seg.tag
        if self.msg is not None:
            self._missing("UNT", seg, FindingCode.MISSING)
            self._close_message(None)
        if tag == "UNH":
            self._open_message(seg)
        elif tag == "UNB":
            if self.ic is not None:
                self._end_interchange(seg)
            if self.una is None:
                self.start = seg.offset
            self._open_interchange(seg)
        elif tag == "UNZ" and self.ic is not None and self.ic.header is not None:
            self._close_group_if_open(seg)
            self.ic.trailer = seg
            self._finish_interchange(self._segment_end(seg))
        elif tag == "UNG" and self.ic is not None:
            self._close_group_if_open(seg)
            self.group = Group(seg, None)
            self.ic.groups.append(self.group)
        elif tag == "UNE" and self.group is not None:
            self.group.trailer = seg
            self.group = None
        else:
            self._stray(seg)

    def _open_interchange(self, header: Segment | None) -> None:
        ic = Interchange(
            header,
            None,
            separators=self.seps,
            layout=Layout(self.una, self.line_end, self.before_terminator),
            encoding=self.encoding,
            byte_base=self.byte_base,
        )
        if self.keep_messages:
            ic._text = self.text
        ic.span = (self.to_bytes(self.start), -1)
        self.una = None
        self.ic = ic
        self.count = 0

    def _open_message(self, seg: Segment) -> None:
        if self.ic is None:
            self.start = seg.offset
            self._open_interchange(None)
            if not self.warned_bare:
                self.warned_bare = True
                self._add(
                    FindingCode.MISSING,
                    "no UNB: bare messages without an interchange",
                    "缺少UNB：报文没有交换信封",
                    seg,
                    severity="warning",
                    tag="UNB",
                )
        ic = self.ic
        assert ic is not None
        self.count += 1
        msg = Message([seg], self.count, (self.to_bytes(seg.offset), -1))
        if self.keep_messages:
            ic.messages.append(msg)
            if self.group is not None:
                self.group.messages.append(msg)
        self.msg = msg

    def _close_message(self, trailer: Segment | None) -> None:
        msg = self.msg
        assert msg is not None
        last = trailer if trailer is not None else msg.segments[-1]
        msg.span = (msg.span[0], self.to_bytes(self._segment_end(last)))
        self.msg = None
        if not self.keep_messages and self.ic is not None:
            self.emitted.append((self.ic, msg))

    def _close_group_if_open(self, seg: Segment) -> None:
        if self.group is not None:
            self._missing("UNE", seg, FindingCode.MISSING)
            self.group = None

    def _end_interchange(self, seg: Segment | None) -> None:
        """Close the open interchange at `seg` (or at the end of input) without its UNZ."""
        ic = self.ic
        assert ic is not None
        self._close_group_if_open(seg or Segment("", [], self.text_base + len(self.text)))
        last = ic.messages[-1].segments[-1] if ic.messages else ic.header
        if ic.header is not None:
            self._missing("UNZ", seg, FindingCode.MISSING)
        end = self._segment_end(last) if last is not None else self.start
        self._finish_interchange(end)

    def _finish_interchange(self, end_char: int) -> None:
        ic = self.ic
        assert ic is not None
        ic.span = (ic.span[0], self.to_bytes(end_char))
        self.done.append(ic)
        self.ic = None
        self.group = None
        self.start = end_char

    def finish(self) -> list[Interchange]:
        end = Segment("", [], self.text_base + len(self.text))
        if self.msg is not None:
            self._missing("UNT", None, FindingCode.MISSING)
            self._close_message(None)
        if self.ic is not None:
            self._close_group_if_open(end)
            self._end_interchange(None)
        return self.done

    def _segment_end(self, seg: Segment) -> int:
        """Character offset just past the terminator of `seg`."""
        text, term, rel = self.text, self.seps.segment, self.seps.release
        at = text.find(term, max(seg.offset - self.text_base, 0))
        while at > 0 and rel and text[at - 1] == rel and _released(text, at, rel):
            at = text.find(term, at + 1)
        return self.text_base + (len(text) if at < 0 else at + 1)

    def _stray(self, seg: Segment) -> None:
        if seg.tag == "" and not seg.elements:
            self._add(FindingCode.INVALID_VALUE, "empty segment", "空段", seg)
            return
        tag = seg.tag[:20]  # junk cut as a "segment" can be as long as the input
        if tag.upper() in _ENVELOPE_OR_UNT and tag != tag.upper():
            self._add(
                FindingCode.INVALID_VALUE,
                f"segment tag {tag!r}: service segment tags are upper case",
                f"段标签{tag!r}：服务段标签必须大写",
                seg,
                tag=tag,
            )
            return
        self._add(
            FindingCode.INVALID_OUTSIDE_ENVELOPE,
            f"segment {tag!r} is outside a message",
            f"段{tag!r}不在报文之内",
            seg,
            tag=tag,
        )

    def _missing(self, tag: str, seen: Segment | None, code: FindingCode) -> None:
        where = seen if seen is not None else Segment("", [], self.text_base + len(self.text))
        self._add(code, f"segment {tag} is missing", f"缺少段{tag}", where, tag=tag, missing=True)

    def _add(
        self,
        code: FindingCode | None,
        en: str,
        zh: str,
        seg: Segment,
        severity: str = "error",
        tag: str | None = None,
        missing: bool = False,
    ) -> None:
        msg = self.msg
        position = None
        if msg is not None:
            position = len(msg.segments) if missing else _position(msg, seg)
        self.findings.append(
            Finding.of(
                code,
                en,
                zh,
                severity="warning" if severity == "warning" else "error",
                interchange_ref=(self.ic.control_ref or None) if self.ic is not None else None,
                message_ref=msg.ref if msg is not None else None,
                message_index=msg.index if msg is not None else None,
                segment_position=position,
                segment_tag=tag if tag is not None else seg.tag,
                byte_offset=self.to_bytes(seg.offset) if seg.offset >= 0 else None,
            )
        )


def _position(msg: Message, seg: Segment) -> int | None:
    for i, s in enumerate(msg.segments, start=1):
        if s is seg:
            return i
    return None


def _released(text: str, at: int, rel: str) -> bool:
    """True when the character at `at` is preceded by an odd number of release characters."""
    n = 0
    while at - n - 1 >= 0 and text[at - n - 1] == rel:
        n += 1
    return n % 2 == 1
