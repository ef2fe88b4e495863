"""The one exception the EDIFACT engine raises: input that cannot be cut into segments."""

from __future__ import annotations


class EdifactSyntaxError(ValueError):
    """Input that cannot be cut into segments and envelopes (or is too large to try).

    Carries the byte offset in the source where cutting failed; `code` is the UN/EDIFACT
    syntax error code (0085) when one applies.
    """

    def __init__(self, message: str, *, byte_offset: int | None = None, code: str | None = None):
        where = f" (at byte {byte_offset})" if byte_offset is not None else ""
        super().__init__(message + where)
        self.reason = message
        self.byte_offset = byte_offset
        self.code = code
