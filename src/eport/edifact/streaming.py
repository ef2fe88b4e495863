"""Read EDIFACT from a binary file object message by message, in bounded memory.

A 100 MB interchange (a large BAPLIE file set, say) is never held whole: text is decoded
incrementally, cut up to the last complete segment, and each message is handed out as soon as
its UNT has been read. Structural problems raise `EdifactSyntaxError` as in `parse`.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import BinaryIO

from eport.edifact.charsets import sniff_charset, strip_bom
from eport.edifact.envelopes import Assembler
from eport.edifact.errors import EdifactSyntaxError
from eport.edifact.findings import Finding, FindingCode
from eport.edifact.model import Interchange, Message
from eport.edifact.parser import DEFAULT_LIMITS, Limits, TextFeeder, gc_paused

CHUNK = 1 << 16  # a window of text becomes ~40 times its size in objects
_SNIFF = 4096
_SINGLE_BYTE = ("ascii", "latin-1", "iso8859-", "cp850")


class _StreamMapper:
    """Character to byte offsets for text that arrives window by window (offsets increase)."""

    def __init__(self, codec: str, base: int):
        self.codec, self.base = codec, base
        self.simple = codec.startswith(_SINGLE_BYTE)
        self.window = ""
        self.window_base = 0  # character offset of window[0]
        self.chars = 0  # last converted character offset ...
        self.bytes = 0  # ... and its byte offset, relative to base

    def __call__(self, char_offset: int) -> int:
        if self.simple:
            return self.base + char_offset
        if char_offset > self.chars:
            lo = max(self.chars - self.window_base, 0)
            piece = self.window[lo : char_offset - self.window_base]
            self.bytes += len(piece.encode(self.codec))
            self.chars = char_offset
        return self.base + self.bytes


def _windows(
    fp: BinaryIO, encoding: str | None, limits: Limits, chunk: int
) -> Iterator[tuple[str, str, int, bool]]:
    """Decoded windows: (text, codec, byte length of the BOM, last?)."""
    first = fp.read(max(chunk, _SNIFF))
    while len(first) < _SNIFF:  # the character set is declared in UNB: read that far first
        more = fp.read(_SNIFF - len(first))
        if not more:
            break
        first += more
    bom, bom_codec = strip_bom(first)
    codec = sniff_charset(first[len(bom) :], encoding or bom_codec).codec
    decoder = codecs.getincrementaldecoder(codec)("strict")
    consumed = len(bom)
    data = first[len(bom) :]
    total = len(first)
    while True:
        last = len(data) == 0 or total > limits.max_size
        if total > limits.max_size:
            raise EdifactSyntaxError(f"input larger than {limits.max_size} bytes")
        try:
            text = decoder.decode(data, final=last)
        except UnicodeDecodeError as exc:
            raise EdifactSyntaxError(
                f"bytes cannot be decoded as {codec}",
                byte_offset=consumed + exc.start,
                code=FindingCode.INVALID_CHARACTER.value,
            ) from None
        consumed += len(data)
        yield text, codec, len(bom), last
        if last:
            return
        data = fp.read(chunk)
        total += len(data)


def _raise_first(findings: list[Finding]) -> None:
    for f in findings:
        if f.is_error:
            raise EdifactSyntaxError(f.text_en, byte_offset=f.byte_offset, code=f.code)
    findings.clear()


def _stream(
    fp: BinaryIO, encoding: str | None, limits: Limits, chunk: int, keep_messages: bool
) -> Iterator[Assembler]:
    """Feed the file to an assembler window by window, yielding it after each window."""
    findings: list[Finding] = []
    asm: Assembler | None = None
    feeder: TextFeeder | None = None
    mapper: _StreamMapper | None = None
    rest, rest_base = "", 0
    for text, codec, bom, last in _windows(fp, encoding, limits, chunk):
        if asm is None:
            mapper = _StreamMapper(codec, bom)
            asm = Assembler("", codec, mapper, bom, keep_messages=keep_messages)
            feeder = TextFeeder(asm, limits, findings)
        assert feeder is not None and mapper is not None
        window = rest + text
        mapper.window, mapper.window_base = window, rest_base
        with gc_paused():
            pos = feeder.feed(window, rest_base, final=last)
            if last:
                feeder.tail(window, pos)
                asm.finish()
        if not last and len(window) - pos > limits.max_segment_length:
            raise EdifactSyntaxError(
                f"segment longer than {limits.max_segment_length} characters",
                byte_offset=mapper(rest_base + pos),
            )
        mapper(rest_base + pos)  # count the bytes of the consumed text before it goes
        rest, rest_base = window[pos:], rest_base + pos
        findings.extend(asm.findings)
        asm.findings.clear()
        _raise_first(findings)
        _check_message_size(asm, limits)
        yield asm


def _check_message_size(asm: Assembler, limits: Limits) -> None:
    msg = asm.msg
    if msg is not None and asm.to_bytes(asm.text_base) - msg.span[0] > limits.max_message_size:
        raise EdifactSyntaxError(
            f"message {msg.ref} larger than {limits.max_message_size} bytes",
            byte_offset=msg.span[0],
        )


def iter_messages(
    fp: BinaryIO,
    *,
    encoding: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    chunk: int = CHUNK,
) -> Iterator[tuple[Interchange, Message]]:
    """Each message with its interchange (header, separators; `messages` left empty)."""
    for asm in _stream(fp, encoding, limits, chunk, keep_messages=False):
        yield from asm.emitted
        asm.emitted.clear()


def iter_interchanges(
    fp: BinaryIO,
    *,
    encoding: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    chunk: int = CHUNK,
) -> Iterator[Interchange]:
    """Each interchange, whole, as soon as its UNZ has been read."""
    for asm in _stream(fp, encoding, limits, chunk, keep_messages=True):
        for ic in asm.done:
            ic._text = None  # only a window of the text was seen; offsets stay per character
            yield ic
        asm.done.clear()
