"""Streaming: message by message in bounded memory, same result as a whole-file parse."""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Iterator

import pytest
from tests.edifact.samples import interchange, message

from eport.edifact import EdifactSyntaxError, Limits, iter_interchanges, iter_messages, parse

BAY = (
    "LOC+147+0120482::5'MEA+WT++KGM:24000'LOC+9+CNSHA:139:6'EQD+CN+MSCU1234565+45G1'"
    "FTX+AAA+++ok ?'x'"
)


class GeneratedFile(io.RawIOBase):
    """A large interchange produced on the fly, so the test itself holds little of it."""

    def __init__(self, messages: int):
        self.parts = self._parts(messages)
        self.buffer = b""

    @staticmethod
    def _parts(n: int) -> Iterator[bytes]:
        yield b"UNA:+.? 'UNB+UNOC:3+S:ZZ+R:ZZ+260101:1200+BIG'\n"
        for i in range(1, n + 1):
            body = BAY * 40
            yield (
                message(str(i), body=body, kind="BAPLIE:D:95B:UN:SMDG20", count=2 + 40 * 5).encode()
                + b"\n"
            )
        yield f"UNZ+{n}+BIG'\n".encode()

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray) -> int:  # type: ignore[override]
        while len(self.buffer) < len(b):
            part = next(self.parts, None)
            if part is None:
                break
            self.buffer += part
        n = min(len(b), len(self.buffer))
        b[:n] = self.buffer[:n]
        self.buffer = self.buffer[n:]
        return n


def _peak(messages: int) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = 0
        for ic, msg in iter_messages(io.BufferedReader(GeneratedFile(messages)), chunk=1 << 16):
            assert ic.control_ref == "BIG" and len(msg.segments) == 202
            count += 1
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_as_the_input_grows() -> None:
    small_count, small_peak = _peak(60)  # about 0.5 MB
    big_count, big_peak = _peak(600)  # about 5 MB
    assert (small_count, big_count) == (60, 600)
    assert big_peak < 6_000_000
    assert big_peak < small_peak * 1.5


def test_streamed_messages_equal_parsed_ones() -> None:
    data = (
        interchange(message("1"), message("2", body=BAY), ref="A", una=True)
        + "\n"
        + interchange(message("3"), ref="B")
    ).encode()
    parsed = parse(data).messages
    for chunk in (7, 64, 5000, 1 << 20):
        streamed = [m for _, m in iter_messages(io.BytesIO(data), chunk=chunk)]
        assert [m.segments for m in streamed] == [m.segments for m in parsed]
        assert [m.span for m in streamed] == [m.span for m in parsed]


def test_iter_interchanges_yields_whole_interchanges() -> None:
    data = (
        interchange(message("1"), ref="A") + interchange(message("2"), message("3"), ref="B")
    ).encode()
    got = [
        (ic.control_ref, [m.ref for m in ic.messages])
        for ic in iter_interchanges(io.BytesIO(data), chunk=10)
    ]
    assert got == [("A", ["1"]), ("B", ["2", "3"])]


def test_streaming_multibyte_spans() -> None:
    messages = [message(str(i), body="FTX+AAA+++中文内容'" * 50) for i in range(1, 200)]
    data = interchange(*messages, syntax="UNOY:3").encode()
    spans = [m.span for _, m in iter_messages(io.BytesIO(data), chunk=1000)]
    assert [data[a:b].decode() for a, b in spans] == messages


def test_streaming_refuses_overlong_segments() -> None:
    data = interchange(message(body="FTX+AAA+++" + "A" * 5000 + "'")).encode()
    with pytest.raises(EdifactSyntaxError):
        list(iter_messages(io.BytesIO(data), limits=Limits(max_segment_length=1000), chunk=512))


def test_streaming_raises_on_structural_errors() -> None:
    data = b"UNB+UNOC:3+S+R+260101:1200+1'UNH+1+X:D:95B:UN'BGM+1'UNZ+1+1'"
    with pytest.raises(EdifactSyntaxError, match="UNT"):
        list(iter_messages(io.BytesIO(data)))
