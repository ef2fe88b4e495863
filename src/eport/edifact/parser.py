"""Parse UN/EDIFACT bytes into a Transmission (interchanges, groups, messages, segments).

`parse` raises `EdifactSyntaxError` only when the input cannot be cut into segments and
envelopes; `read` does the same work but returns the structural findings instead, so that a
check can go on and report everything.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from eport.edifact.charsets import BadBytes, Charset, decode_reporting, sniff_charset, strip_bom
from eport.edifact.envelopes import Assembler
from eport.edifact.errors import EdifactSyntaxError
from eport.edifact.findings import Finding, FindingCode
from eport.edifact.model import Separators, Transmission
from eport.edifact.tokenizer import LINE_BREAKS, cut, parse_una

_SINGLE_BYTE = ("ascii", "latin-1", "iso8859-", "cp850")


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
    segment_offsets: list[int]
    undecodable: list[BadBytes]  # byte offsets relative to the start of the input


def parse(
    data: bytes | str, *, encoding: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Transmission:
    """Parse a whole file. `encoding` overrides the UNB character set (partner profile)."""
    reading = read(data, encoding=encoding, limits=limits, strict=True)
    for finding in reading.findings:
        if finding.is_error:
            raise EdifactSyntaxError(finding.text_en, byte_offset=finding.byte_offset,
                                     code=finding.code)
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
        body = data[len(bom):]
        charset = sniff_charset(body, encoding or bom_codec)
        codec = charset.codec
        text, bad = _decode(body, codec, len(bom), strict)
    transmission, offsets = _assemble(text, codec, len(bom), limits, findings)
    transmission.bom = bom
    return Reading(transmission, charset, text, findings, offsets, bad)


def _decode(body: bytes, codec: str, base: int, strict: bool) -> tuple[str, list[BadBytes]]:
    if strict:
        try:
            return body.decode(codec), []
        except UnicodeDecodeError as exc:
            raise EdifactSyntaxError(
                f"byte {body[exc.start]:#04x} cannot be decoded as {codec}",
                byte_offset=base + exc.start, code=FindingCode.INVALID_CHARACTER.value,
            ) from None
    text, bad = decode_reporting(body, codec)
    return text, [BadBytes(base + b.byte_offset, b.length, b.char_offset) for b in bad]


def byte_mapper(text: str, codec: str, base: int) -> tuple[bool, _ForwardMapper]:
    """A character-to-byte offset converter; cheap when the encoding is one byte a character."""
    simple = codec.startswith(_SINGLE_BYTE) or text.isascii()
    return simple, _ForwardMapper(text, codec, base, simple)


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


def _assemble(
    text: str, codec: str, base: int, limits: Limits, findings: list[Finding]
) -> tuple[Transmission, list[int]]:
    _, mapper = byte_mapper(text, codec, base)
    asm = Assembler(text, codec, mapper, base)
    offsets: list[int] = []
    n = len(text)
    pos = 0
    seps = _separators_at(text, 0, asm, findings, mapper)
    pos = 9 if asm.una is not None else 0
    search = pos
    trailing = ""
    while True:
        end = text.find("UNA", search)
        end = n if end < 0 else end
        piece = cut(text, seps, pos, end, limits.max_segment_length)
        for seg in piece.too_long:
            findings.append(Finding.of(
                None, f"segment {seg.tag[:3]} longer than {limits.max_segment_length}",
                f"段长度超过{limits.max_segment_length}", segment_tag=seg.tag[:3],
                byte_offset=mapper(seg.offset)))
        offsets.extend(s.offset for s in piece.segments)
        asm.feed(piece.segments, seps, piece.line_end)
        pos = piece.tail_offset
        if end == n:
            trailing = _tail(text, piece.tail, pos, seps, asm, findings, mapper, offsets)
            break
        search = end + 3
        if piece.tail.strip(LINE_BREAKS) == "":
            seps = _separators_at(text, end, asm, findings, mapper)
            pos = search = end + 9
    transmission = Transmission(asm.finish(), trailing=trailing)
    findings.extend(asm.findings)
    return transmission, offsets


def _tail(text: str, tail: str, pos: int, seps: Separators, asm: Assembler,
          findings: list[Finding], mapper: _ForwardMapper, offsets: list[int]) -> str:
    """Line breaks after the last terminator are layout; anything else is a cut-off segment."""
    if tail.strip(LINE_BREAKS) == "":
        return tail
    findings.append(Finding.of(
        FindingCode.MISSING, "segment terminator missing at end of input",
        "输入末尾缺少段终止符", byte_offset=mapper(pos)))
    # Cut what is left as if it were terminated, so the remaining checks can still run.
    rest = cut(text + seps.segment, seps, pos, None)
    offsets.extend(s.offset for s in rest.segments)
    asm.feed(rest.segments, seps, rest.line_end)
    return ""


def _separators_at(text: str, at: int, asm: Assembler, findings: list[Finding],
                   mapper: _ForwardMapper) -> Separators:
    """Separators for the interchange starting at `at`: its UNA, or the UNB defaults."""
    asm.start = at
    if text.startswith("UNA", at):
        seps = parse_una(text, at)
        if seps is None:
            findings.append(Finding.of(FindingCode.INVALID_SERVICE_CHARACTER,
                                       "UNA is shorter than 9 characters", "UNA不足9个字符",
                                       segment_tag="UNA", byte_offset=mapper(at)))
            return Separators.for_syntax(3)
        asm.una = text[at : at + 9]
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


def segment_index(offsets: list[int], char_offset: int) -> int:
    """Index of the segment containing `char_offset` in the sorted list of segment offsets."""
    return max(bisect_right(offsets, char_offset) - 1, 0)

