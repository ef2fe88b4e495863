"""What a translation needs besides the message: directory version, local time zone, code maps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Literal

from eport.edifact.model import Segment
from eport.logistics.codes import IDENTITY, CodeListName, CodeMapper
from eport.logistics.parties import Party
from eport.translate.message_codes import Reading, unflagged

Version = Literal["D95B", "D00B", "D16A"]
VERSIONS: tuple[Version, ...] = ("D95B", "D00B", "D16A")
# The directories of the container and customs messages; VERMAS first appears in D.16A.
CONTAINER_VERSIONS: tuple[Version, ...] = ("D95B", "D00B")


class TranslationError(ValueError):
    """A message that cannot be expressed in the canonical model, with the segment at fault.

    `position` counts UNH as 1, as EDIFACT findings do; 0 when no segment is to blame.
    """

    def __init__(self, text: str, *, position: int = 0, tag: str = "") -> None:
        where = f" (segment {position} {tag})" if position else ""
        super().__init__(f"{text}{where}")
        self.position = position
        self.tag = tag


@dataclass(frozen=True, slots=True)
class Envelope:
    """What the interchange (UNB) says about a message: who exchanges it and when prepared."""

    sender: Party | None = None
    recipient: Party | None = None
    prepared: datetime | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """Settings of one translation.

    `tz` is the partner's local time zone: EDIFACT times carry no zone, so times read are
    placed in it and times written are shown in it. `codes` maps the partner's codes.
    """

    version: Version
    tz: tzinfo
    codes: CodeMapper = field(default=IDENTITY)

    def standard(
        self, list_name: CodeListName, code: str, reading: Reading = Reading.LISTED
    ) -> str:
        """The standard code for a partner's code read as the message says (see ``Reading``)."""
        if reading is Reading.OTHER:
            return code
        if reading is Reading.OWN:
            with unflagged(self.codes):
                return self.codes.to_standard(list_name, code)
        return self.codes.to_standard(list_name, code)

    def partner(self, list_name: CodeListName, code: str, reading: Reading = Reading.LISTED) -> str:
        """The partner's code for a standard code written where it is read as ``reading``."""
        if reading is Reading.OTHER:
            return code
        if reading is Reading.OWN:
            with unflagged(self.codes):
                return self.codes.from_standard(list_name, code)
        return self.codes.from_standard(list_name, code)


def fail(text: str, segment: Segment | None = None, position: int = 0) -> TranslationError:
    """A TranslationError naming a segment."""
    return TranslationError(text, position=position, tag=segment.tag if segment else "")
