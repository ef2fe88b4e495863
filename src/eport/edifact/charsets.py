"""Character sets of UN/EDIFACT: the UNB syntax identifier (0001) and encoding (0133).

Decoding never replaces a byte: undecodable bytes are reported with their byte offset.
Repertoire checks find characters the declared level does not allow (syntax error 21).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Python codec for each syntax identifier of service code list 0001. UNOA and UNOB are
# ASCII subsets; UNOC..UNOK are ISO 8859 parts; UNOW and UNOY carry ISO 10646 (UTF-8 unless
# 0133 says otherwise). UNOX (ISO 2022 code extension) has no safe decoder and is refused.
SYNTAX_CODECS: dict[str, str] = {
    "UNOA": "ascii",
    "UNOB": "ascii",
    "UNOC": "latin-1",
    "UNOD": "iso8859-2",
    "UNOE": "iso8859-5",
    "UNOF": "iso8859-7",
    "UNOG": "iso8859-3",
    "UNOH": "iso8859-4",
    "UNOI": "iso8859-6",
    "UNOJ": "iso8859-8",
    "UNOK": "iso8859-9",
    "UNOW": "utf-8",
    "UNOY": "utf-8",
}

# 0133 character encoding, coded (syntax 4).
ENCODING_CODECS: dict[str, str] = {
    "1": "ascii",
    "2": "latin-1",
    "4": "cp850",
    "5": "utf-16-be",
    "6": "utf-32-be",
    "7": "utf-8",
    "8": "utf-16-be",
}

_LEVEL_A = "A-Z0-9 .,\\-()/='+:?!\"%&*;<>"
_LEVEL_B = _LEVEL_A + "a-z"
# Controls are never part of a repertoire (except as service characters, see below).
_CONTROLS = "\x00-\x1f\x7f-\x9f"


def repertoire_pattern(syntax_id: str, service_chars: str) -> re.Pattern[str]:
    """A pattern matching one character outside the repertoire of `syntax_id`."""
    escaped = re.escape(service_chars)
    if syntax_id == "UNOA":
        return re.compile(f"[^{_LEVEL_A}{escaped}]+")
    if syntax_id == "UNOB":
        return re.compile(f"[^{_LEVEL_B}{escaped}]+")
    # Service characters that are controls (IS1..IS4 of level B, a line feed as the segment
    # terminator) are where they belong; the tokenizer has already taken them out of values.
    allowed_controls = "".join(c for c in service_chars if c <= "\x1f")
    if allowed_controls:
        rest = "".join(
            f"{re.escape(chr(a))}-{re.escape(chr(b))}"
            for a, b in _ranges_without(0, 0x1F, {ord(c) for c in allowed_controls})
        )
        return re.compile(f"[{rest}\x7f-\x9f]+")
    return re.compile(f"[{_CONTROLS}]+")


def _ranges_without(lo: int, hi: int, holes: set[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = lo
    for n in range(lo, hi + 2):
        if n > hi or n in holes:
            if start <= n - 1:
                out.append((start, n - 1))
            start = n + 1
    return out


@dataclass(frozen=True, slots=True)
class Charset:
    """The character set in force: syntax identifier, codec and where it came from."""

    syntax_id: str
    codec: str
    overridden: bool = False  # set by the caller's encoding (a partner profile)
    supported: bool = True


def sniff_charset(data: bytes, encoding: str | None = None) -> Charset:
    """Find the UNB syntax identifier (and 0133) in the first bytes, and its codec."""
    syntax_id, code_0133 = _sniff_unb(data)
    if encoding is not None:
        return Charset(syntax_id, codecs.lookup(encoding).name, overridden=True)
    if code_0133 and code_0133 in ENCODING_CODECS and syntax_id in ("UNOW", "UNOY"):
        return Charset(syntax_id, ENCODING_CODECS[code_0133])
    if not syntax_id:
        # Bare messages: no declaration, so take UTF-8, of which ASCII is a subset.
        return Charset("", "utf-8")
    codec = SYNTAX_CODECS.get(syntax_id)
    if codec is None:
        return Charset(syntax_id, "latin-1", supported=False)
    return Charset(syntax_id, codec)


def _sniff_unb(data: bytes) -> tuple[str, str]:
    head = data[:512]
    at = head.find(b"UNB")
    if at < 0 or at + 8 > len(head):
        return "", ""
    sep = head[at + 3 : at + 4]
    if head[:3] == b"UNA" and len(head) >= 9:
        comp = head[3:4]
    else:
        comp = b"\x1f" if sep == b"\x1d" else b":"
    end = head.find(sep, at + 4)
    s001 = head[at + 4 : end if end > 0 else at + 40]
    parts = s001.split(comp)
    syntax_id = parts[0].decode("ascii", "replace")[:4]
    code_0133 = parts[3].decode("ascii", "replace") if len(parts) > 3 else ""
    return syntax_id, code_0133


def strip_bom(data: bytes) -> tuple[bytes, str | None]:
    """The byte-order mark, if any, and the codec it implies."""
    if data.startswith(codecs.BOM_UTF8):
        return codecs.BOM_UTF8, "utf-8"
    if data.startswith(codecs.BOM_UTF16_LE):
        return codecs.BOM_UTF16_LE, "utf-16-le"
    if data.startswith(codecs.BOM_UTF16_BE):
        return codecs.BOM_UTF16_BE, "utf-16-be"
    return b"", None


@dataclass(frozen=True, slots=True)
class BadBytes:
    """Bytes that could not be decoded: where the first one is and how many in a row."""

    byte_offset: int
    length: int
    char_offset: int  # where the run sits in the decoded text (as surrogate escapes)


_SURROGATE = re.compile("[\udc80-\udcff]+")


def decode_reporting(data: bytes, codec: str, limit: int = 100) -> tuple[str, list[BadBytes]]:
    """Decode keeping bad bytes as lone surrogates, and report where they are (at most `limit`).

    The text keeps undecodable bytes as surrogate escapes so that checking can continue past
    them; they are never turned into characters that look valid.
    """
    try:
        return data.decode(codec), []
    except UnicodeDecodeError as first:
        try:
            text = data.decode(codec, "surrogateescape")
        except UnicodeDecodeError:
            # Bad sequences that include ASCII bytes cannot be escaped: report the first one
            # and keep the text readable as Latin-1 so the other checks can still run.
            only = BadBytes(first.start, first.end - first.start, first.start)
            return data.decode("latin-1"), [only]
    bad: list[BadBytes] = []
    char_done = 0
    byte_done = 0
    for match in _SURROGATE.finditer(text):
        if len(bad) >= limit:
            break
        byte_done += len(text[char_done : match.start()].encode(codec, "surrogateescape"))
        char_done = match.start()
        bad.append(BadBytes(byte_done, match.end() - match.start(), match.start()))
    return text, bad
