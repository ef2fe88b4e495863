"""Parse UN/EDIFACT bytes into a Transmission (interchanges, groups, messages, segments).

`parse` raises `EdifactSyntaxError` only when the input cannot be cut into segments and
envelopes; `read` does the same work but returns the structural findings instead, so that a
check can go on and report everything.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from eport.edifact.charsets import BadBytes, Charset, decode_reporting, sniff_charset, strip_bom
from eport.edifact.envelopes import Assembler
from eport.edifact.errors import EdifactSyntaxError
from eport.edifact.findings import Finding, FindingCode
from eport.edifact.model import Segment, Separators, Transmission
from eport.edifact.tokenizer import LINE_BREAKS, PADDING, cut, parse_una

_SINGLE_BYTE = ("ascii", "latin-1", "iso8859-", "cp850")
_SERVICE_STARTS = ("UNA", "UNB", "UNH")
# An interchange after a transport header: UNA and its six characters, or UNB and a separator.
_SERVICE_SEGMENT = re.compile(r"UNA.{6}\s*UNB|UNB[^A-Za-z0-9\s]UNO[A-Z]|UNH[^A-Za-z0-9\s]", re.S)
_LEADING_SEARCH = 4096  # how far into the input to look for the first service segment


@dataclass(frozen=True, slots=True)
class Limits:
    """Guards against hostile input."""

    max_size: int = 512 * 1024 * 1024  # bytes in one parse() call
    max_segment_length: int = 64 * 1024  # characters in one segment
    max_message_size: int = 64 * 1024 * 1024  # bytes of one message when streaming


DEFAULT_LIMITS = Limits()


@dataclass(slots=True)
class Reading:
    """What `read` found: the transmission, its character set and the findings made."""

    transmission: Transmission
    charset: Charset
    text: str
    findings: list[Finding]
    undecodable: list[BadBytes]  # byte offsets relative to the start of the input


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building the parsed form.

    Parsing creates millions of small lists that all survive, which makes the collector run
    over and over for nothing (the parsed form has no reference cycles; reference counting
    frees it). Pausing it makes parsing several times faster; it is re-enabled afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse(
    data: bytes | str, *, encoding: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Transmission:
    """Parse a whole file. `encoding` overrides the UNB character set (partner profile)."""
    reading = read(data, encoding=encoding, limits=limits, strict=True)
    for finding in reading.findings:
        if finding.is_error:
            raise EdifactSyntaxError(
                finding.text_en, byte_offset=finding.byte_offset, code=finding.code
            )
    return reading.transmission


def read(
    data: bytes | str,
    *,
    encoding: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    strict: bool = False,
) -> Reading:
    """Decode and cut, collecting structural findings; strict stops at undecodable bytes."""
    if len(data) > limits.max_size:
        raise EdifactSyntaxError(f"input larger than {limits.max_size} bytes", byte_offset=0)
    findings: list[Finding] = []
    bad: list[BadBytes] = []
    if isinstance(data, str):
        bom, text = b"", data.removeprefix("\ufeff")
        charset = sniff_charset(text[:512].encode("utf-8", "replace"), encoding)
        codec = "utf-8" if charset.overridden else charset.codec
    else:
        bom, bom_codec = strip_bom(data)
        body = data[len(bom) :]
        charset = sniff_charset(body, encoding or bom_codec)
        codec = charset.codec
        text, bad = _decode(body, codec, len(bom), strict)
    with gc_paused():
        transmission = _assemble(text, codec, len(bom), limits, findings)
    transmission.bom = bom
    return Reading(transmission, charset, text, findings, bad)


def _decode(body: bytes, codec: str, base: int, strict: bool) -> tuple[str, list[BadBytes]]:
    if strict:
        try:
            return body.decode(codec), []
        except UnicodeDecodeError as exc:
            raise EdifactSyntaxError(
                f"byte {body[exc.start]:#04x} cannot be decoded as {codec}",
                byte_offset=base + exc.start,
                code=FindingCode.INVALID_CHARACTER.value,
            ) from None
    text, bad = decode_reporting(body, codec)
    return text, [BadBytes(base + b.byte_offset, b.length, b.char_offset) for b in bad]


def byte_mapper(text: str, codec: str, base: int) -> _ForwardMapper:
    """A character-to-byte offset converter; cheap when the encoding is one byte a character."""
    simple = codec.startswith(_SINGLE_BYTE) or text.isascii()
    return _ForwardMapper(text, codec, base, simple)


class _ForwardMapper:
    """Converts increasing character offsets to byte offsets in linear total time."""

    def __init__(self, text: str, codec: str, base: int, simple: bool):
        self.text, self.codec, self.base, self.simple = text, codec, base, simple
        self.chars = 0
        self.bytes = 0

    def __call__(self, char_offset: int) -> int:
        if self.simple:
            return self.base + char_offset
        if char_offset < self.chars:
            self.chars = self.bytes = 0
        chunk = self.text[self.chars : char_offset]
        self.bytes += len(chunk.encode(self.codec, "surrogateescape"))
        self.chars = char_offset
        return self.base + self.bytes


class TextFeeder:
    """Cuts windows of decoded text and feeds the segments to an assembler.

    Switches separators at every UNA. A window need not end at a segment boundary: `feed`
    returns where the unconsumed rest begins, to be fed again with more text.
    """

    def __init__(self, asm: Assembler, limits: Limits, findings: list[Finding]):
        self.asm, self.limits, self.findings = asm, limits, findings
        self.seps: Separators | None = None

    def feed(self, text: str, base: int, final: bool) -> int:
        asm = self.asm
        asm.text, asm.text_base = text, base
        n = len(text)
        pos = 0
        if self.seps is None:
            pos = self._service_string(text, self._first_segment(text, final))
        search = pos
        while True:
            end = text.find("UNA", search)
            end = n if end < 0 else end
            seps = self.seps
            assert seps is not None
            piece = cut(text, seps, pos, end, self.limits.max_segment_length, base)
            self._too_long(piece.too_long)
            asm.feed(piece.segments, seps, piece.line_end, piece.before_terminator)
            pos = piece.tail_offset - base
            if end == n:
                return pos
            search = end + 3
            if piece.tail.strip(PADDING) == "":
                if not final and end + 9 > n:
                    return end
                pos = search = self._service_string(text, end)

    def _service_string(self, text: str, at: int) -> int:
        """Take the separators of the interchange at `at`; return where its segments begin."""
        self.seps = _separators_at(text, at, self.asm, self.findings)
        if not text.startswith("UNA", at):
            return at
        if self.asm.una is None:  # too short to be a UNA: reported, and skipped
            return at + 9
        # Some writers put a space or a line break between UNA and UNB: layout, not data.
        after = at + 9
        while after < len(text) and text[after] in PADDING:
            after += 1
        return after if text.startswith("UNB", after) else at + 9

    def _first_segment(self, text: str, final: bool) -> int:
        """Where the first interchange (UNA, UNB) or bare message (UNH) begins.

        Leading padding is skipped silently. Anything else before the first service segment (a
        transport header, a stray terminator) is reported and skipped, so that the interchange
        after it is still read and checked; input with no service segment near its start is
        reported as not EDIFACT.
        """
        at = len(text) - len(text.lstrip(PADDING))
        head = text[at : at + 3].upper()  # lower-case service tags are reported as such later
        if at == len(text) or head in _SERVICE_STARTS or (not final and at + 3 > len(text)):
            return at
        found = _SERVICE_SEGMENT.search(text, at, at + _LEADING_SEARCH)
        asm = self.asm
        if found is None:
            shown = text[at : at + 20]
            self.findings.append(
                Finding.of(
                    FindingCode.INVALID_OUTSIDE_ENVELOPE,
                    f"the input does not begin with UNA, UNB or UNH (it begins {shown!r}); "
                    "it does not look like EDIFACT",
                    f"输入不以UNA、UNB或UNH开头（开头为{shown!r}），不像是EDIFACT",
                    byte_offset=asm.to_bytes(asm.text_base + at),
                )
            )
            return at
        start = found.start()
        self.findings.append(
            Finding.of(
                FindingCode.INVALID_OUTSIDE_ENVELOPE,
                f"{start - at} character(s) before the first {text[start : start + 3]} are not "
                f"EDIFACT ({text[at : min(start, at + 20)]!r}...)",
                f"第一个{text[start : start + 3]}之前有{start - at}个字符不属于EDIFACT",
                byte_offset=asm.to_bytes(asm.text_base + at),
            )
        )
        return start

    def _too_long(self, segments: list[Segment]) -> None:
        limit = self.limits.max_segment_length
        for seg in segments:
            self.findings.append(
                Finding.of(
                    None,
                    f"segment {seg.tag[:3]} longer than {limit} characters",
                    f"段长度超过{limit}个字符",
                    segment_tag=seg.tag[:3],
                    byte_offset=self.asm.to_bytes(seg.offset),
                )
            )

    def tail(self, text: str, pos: int) -> str:
        """Padding after the last terminator is layout; anything else lacks a terminator.

        Line breaks, spaces and tabs pass silently; an end-of-file mark (Ctrl-Z) or NUL bytes
        are reported as a warning, since they say something about the partner's software.
        """
        rest = text[pos:]
        if rest.strip(PADDING) == "":
            marks = rest.strip(" \t\r\n\f\v")
            if marks:
                at = pos + rest.index(marks[0])
                self.findings.append(
                    Finding.of(
                        None,
                        f"{len(marks)} end-of-file mark or NUL character(s) after the last "
                        "segment, ignored",
                        f"最后一个段之后有{len(marks)}个文件结束符或空字符，已忽略",
                        severity="warning",
                        byte_offset=self.asm.to_bytes(self.asm.text_base + at),
                    )
                )
            return rest
        self.findings.append(
            Finding.of(
                FindingCode.MISSING,
                "segment terminator missing at end of input",
                "输入末尾缺少段终止符",
                byte_offset=self.asm.to_bytes(self.asm.text_base + pos),
            )
        )
        # Cut what is left as if it were terminated, so the remaining checks can still run.
        seps = self.seps or Separators()
        base = self.asm.text_base
        self.feed(rest + seps.segment, base + pos, final=True)
        self.asm.text, self.asm.text_base = text, base
        return ""


def _assemble(
    text: str, codec: str, base: int, limits: Limits, findings: list[Finding]
) -> Transmission:
    mapper = byte_mapper(text, codec, base)
    asm = Assembler(text, codec, mapper, base)
    feeder = TextFeeder(asm, limits, findings)
    pos = feeder.feed(text, 0, final=True)
    trailing = feeder.tail(text, pos)
    transmission = Transmission(asm.finish(), trailing=trailing)
    findings.extend(asm.findings)
    if not transmission.interchanges and not findings:
        findings.append(
            Finding.of(
                FindingCode.MISSING, "no segments in the input", "输入中没有段", byte_offset=base
            )
        )
    return transmission


def _separators_at(text: str, at: int, asm: Assembler, findings: list[Finding]) -> Separators:
    """Separators for the interchange starting at `at`: its UNA, or the UNB defaults."""
    asm.start = at + asm.text_base
    if text.startswith("UNA", at):
        seps = parse_una(text, at)
        if seps is None:
            findings.append(
                Finding.of(
                    FindingCode.INVALID_SERVICE_CHARACTER,
                    "UNA is shorter than 9 characters",
                    "UNA不足9个字符",
                    segment_tag="UNA",
                    byte_offset=asm.to_bytes(at + asm.text_base),
                )
            )
            return Separators.for_syntax(3)
        asm.una = text[at : at + 9]
        if seps.repetition and _syntax_version_after_una(text, at, seps) in ("1", "2", "3"):
            # Position 5 is reserved before syntax 4; writers that fill it anyway (often with
            # '*') mean no repetition separator, and the character is data.
            findings.append(
                Finding.of(
                    FindingCode.INVALID_SERVICE_CHARACTER,
                    f"UNA position 5 is {seps.repetition!r}, but syntax versions 1 to 3 have no "
                    "repetition separator: read as data",
                    f"UNA第5位为{seps.repetition!r}，但语法版本1至3没有重复分隔符：按数据处理",
                    severity="warning",
                    segment_tag="UNA",
                    byte_offset=asm.to_bytes(at + asm.text_base),
                )
            )
            seps = replace(seps, repetition="")
        return seps
    asm.una = None
    head = text[at : at + 40].lstrip(LINE_BREAKS)
    if head.startswith("UNB\x1d"):
        return Separators.level_b()
    if head.startswith("UNB+"):
        version = head[4:].split("+", 1)[0].split(":")
        if len(version) > 1 and version[1] == "4":
            return Separators.for_syntax(4)
    return Separators.for_syntax(3)


def _syntax_version_after_una(text: str, at: int, seps: Separators) -> str:
    """The syntax version (0002) in the UNB that follows the UNA at `at`, or ''."""
    head = text[at + 9 : at + 80].lstrip(PADDING)
    if not head.startswith("UNB" + seps.element):
        return ""
    s001 = head[4:].split(seps.element, 1)[0].split(seps.component)
    return s001[1] if len(s001) > 1 else ""
