"""The code-mapping port: translators ask it to turn partner codes into standard ones and back."""

from __future__ import annotations

from typing import Literal, Protocol

CodeListName = Literal["size-type", "location", "carrier", "package", "country", "currency"]
CODE_LISTS: tuple[CodeListName, ...] = (
    "size-type",
    "location",
    "carrier",
    "package",
    "country",
    "currency",
)


class CodeMapper(Protocol):
    """Maps one partner's codes to the standard lists and back.

    `to_standard` runs on every code read from an inbound message before the canonical model
    sees it; `from_standard` on every code written to an outbound message. A code the partner
    has no mapping for passes through unchanged.
    """

    def to_standard(self, list_name: CodeListName, code: str) -> str: ...

    def from_standard(self, list_name: CodeListName, code: str) -> str: ...


class IdentityCodeMapper:
    """The mapper for partners who use the standard codes themselves."""

    def to_standard(self, list_name: CodeListName, code: str) -> str:
        return code

    def from_standard(self, list_name: CodeListName, code: str) -> str:
        return code


IDENTITY = IdentityCodeMapper()
