"""The parsed form of UN/EDIFACT (ISO 9735): separators, segments, messages, groups, interchanges.

Kept deliberately light (slotted dataclasses, plain lists of strings) because the parser builds
one `Segment` per segment of traffic and speed matters. Positions follow the standard and are
1-based: element 1 is the first data element after the tag, component 1 the first component.
Values are stored unescaped (release characters removed); the serializer adds them back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

UNA_DEFAULT = "UNA:+.? '"


@dataclass(frozen=True, slots=True)
class Separators:
    """Service characters of an interchange (UNA, or the defaults of ISO 9735)."""

    component: str = ":"
    element: str = "+"
    decimal: str = "."
    release: str = "?"  # '' when the interchange has no release character
    repetition: str = "*"  # syntax 4 only; '' (UNA shows a space) for syntax 1-3
    segment: str = "'"

    @classmethod
    def for_syntax(cls, version: int) -> Separators:
        """Defaults when UNA is absent: syntax 4 has a repetition separator, older ones none."""
        return cls() if version >= 4 else cls(repetition="")

    @classmethod
    def level_b(cls) -> Separators:
        """Defaults for UNOB: the information separators IS1/IS3/IS4 (IS2 repeats in syntax 4)."""
        return cls(component="\x1f", element="\x1d", repetition="\x1e", segment="\x1c")

    def una(self) -> str:
        """The UNA service string advice for these separators."""
        return (
            "UNA"
            + self.component
            + self.element
            + self.decimal
            + (self.release or " ")
            + (self.repetition or " ")
            + self.segment
        )

    def specials(self) -> str:
        """Characters that must be released when they occur in a value."""
        return "".join(
            c
            for c in (self.release, self.segment, self.element, self.component, self.repetition)
            if c
        )


@dataclass(slots=True)
class Segment:
    """One segment: tag and data elements, each a list of components (unescaped strings).

    `elements[0]` is data element 1. In syntax 4 a repeated data element keeps its first
    occurrence in `elements` and all occurrences (each a list of components) in
    `repetitions[index]` (0-based index into `elements`); `repetitions` is None when the segment
    has none. `tag_components` holds the rare extra components of the tag (syntax 4 nesting
    indicator). `offset` is the character offset of the tag in the decoded source text
    (-1 for segments built in code); `Interchange.byte_offset` turns it into bytes.
    """

    tag: str
    elements: list[list[str]] = field(default_factory=list)
    offset: int = -1
    repetitions: dict[int, list[list[str]]] | None = None
    tag_components: tuple[str, ...] = ()

    def components(self, i: int) -> list[str]:
        """Components of data element `i` (1-based); [] when absent."""
        return self.elements[i - 1] if 0 < i <= len(self.elements) else []

    def element(self, i: int) -> str:
        """First component (the value of a simple element) of element `i`; '' when absent."""
        if 0 < i <= len(self.elements):
            comps = self.elements[i - 1]
            return comps[0] if comps else ""
        return ""

    def component(self, i: int, j: int) -> str:
        """Component `j` of element `i` (both 1-based); '' when absent."""
        if 0 < i <= len(self.elements):
            comps = self.elements[i - 1]
            if 0 < j <= len(comps):
                return comps[j - 1]
        return ""

    def occurrences(self, i: int) -> list[list[str]]:
        """All occurrences of element `i` (syntax 4 repetitions), each a list of components."""
        if self.repetitions is not None and (i - 1) in self.repetitions:
            return self.repetitions[i - 1]
        comps = self.components(i)
        return [comps] if comps or 0 < i <= len(self.elements) else []

    @classmethod
    def of(cls, tag: str, *elements: str | list[str] | tuple[str, ...]) -> Segment:
        """Build a segment: `Segment.of("BGM", ["34", "", "", "ZZ"], "REF1", "9")`."""
        return cls(tag, [[e] if isinstance(e, str) else list(e) for e in elements])


@dataclass(slots=True)
class Message:
    """One message: UNH ... UNT inclusive, with its identification from UNH (S009)."""

    segments: list[Segment]
    index: int = 0  # 1-based position of the message in its interchange (0 = not placed)
    span: tuple[int, int] = (-1, -1)  # byte offsets [start, end) of UNH..UNT in the source

    @property
    def header(self) -> Segment:
        return self.segments[0]

    @property
    def trailer(self) -> Segment | None:
        last = self.segments[-1]
        return last if last.tag == "UNT" and len(self.segments) > 1 else None

    @property
    def ref(self) -> str:
        return self.header.element(1)

    @property
    def type(self) -> str:
        return self.header.component(2, 1)

    @property
    def version(self) -> str:
        return self.header.component(2, 2)

    @property
    def release(self) -> str:
        return self.header.component(2, 3)

    @property
    def agency(self) -> str:
        return self.header.component(2, 4)

    @property
    def association(self) -> str:
        return self.header.component(2, 5)

    @property
    def body(self) -> list[Segment]:
        """Segments between UNH and UNT."""
        end = len(self.segments) - 1 if self.trailer is not None else len(self.segments)
        return self.segments[1:end]


@dataclass(slots=True)
class Group:
    """A functional group UNG ... UNE and the messages inside it."""

    header: Segment
    trailer: Segment | None
    messages: list[Message] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return self.header.element(5)


@dataclass(slots=True)
class Layout:
    """How an interchange was written, so the serializer reproduces it byte for byte."""

    una: str | None = None  # the UNA segment text exactly as received ("UNA:+.? '"), or None
    line_end: str = ""  # written after every segment terminator: '', '\n' or '\r\n'
    before_terminator: str = ""  # '\r' when a line feed terminator ends lines in CR LF


@dataclass(slots=True)
class Interchange:
    """UNB ... UNZ (header None for a file of bare messages), its messages and groups.

    `messages` lists every message in order, including those inside groups; `groups` lists the
    UNG ... UNE groups, which share those Message objects.
    """

    header: Segment | None
    trailer: Segment | None
    messages: list[Message] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    separators: Separators = field(default_factory=Separators)
    layout: Layout = field(default_factory=Layout)
    span: tuple[int, int] = (-1, -1)  # byte offsets [start, end) including UNA
    encoding: str = "latin-1"
    byte_base: int = 0  # byte offset of character offset 0 of the decoded text
    _text: str | None = field(default=None, repr=False, compare=False)

    def _h(self, i: int, j: int = 1) -> str:
        return self.header.component(i, j) if self.header is not None else ""

    @property
    def syntax_id(self) -> str:
        return self._h(1, 1)

    @property
    def syntax_version(self) -> int:
        """Syntax version number from UNB (0 when missing or not a number)."""
        v = self._h(1, 2)
        return int(v) if v.isdigit() else 0

    @property
    def sender_id(self) -> str:
        return self._h(2, 1)

    @property
    def sender_qualifier(self) -> str:
        return self._h(2, 2)

    @property
    def recipient_id(self) -> str:
        return self._h(3, 1)

    @property
    def recipient_qualifier(self) -> str:
        return self._h(3, 2)

    @property
    def prep_date(self) -> str:
        return self._h(4, 1)

    @property
    def prep_time(self) -> str:
        return self._h(4, 2)

    @property
    def control_ref(self) -> str:
        return self._h(5)

    @property
    def application_ref(self) -> str:
        return self._h(7)

    @property
    def ack_request(self) -> bool:
        return self._h(9) == "1"

    @property
    def test_indicator(self) -> str:
        return self._h(11)

    def byte_offset(self, char_offset: int) -> int:
        """Byte offset in the source of a character offset of the decoded text (lazily)."""
        if char_offset < 0:
            return -1
        text = self._text
        if text is None or self.encoding in _SINGLE_BYTE:
            return self.byte_base + char_offset
        return self.byte_base + len(text[:char_offset].encode(self.encoding, "surrogateescape"))


@dataclass(slots=True)
class Transmission:
    """Everything one file carries: one or more interchanges (or bare messages)."""

    interchanges: list[Interchange]
    bom: bytes = b""
    trailing: str = ""  # line break(s) after the last segment terminator

    @property
    def messages(self) -> list[Message]:
        return [m for ic in self.interchanges for m in ic.messages]


_SINGLE_BYTE = frozenset(
    {"latin-1", "ascii"} | {f"iso8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9)}
)
