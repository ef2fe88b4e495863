"""Reading a message body in order: a cursor over its segments that knows their positions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from eport.edifact.model import Segment
from eport.translate.edifact.context import TranslationError

T = TypeVar("T")


class SegmentCursor:
    """Walks the body segments (UNH excluded) of one message."""

    def __init__(self, segments: list[Segment], first_position: int = 2) -> None:
        self._segments = segments
        self._index = 0
        self._first = first_position

    def peek(self) -> Segment | None:
        return self._segments[self._index] if self._index < len(self._segments) else None

    def at(self, *tags: str) -> bool:
        segment = self.peek()
        return segment is not None and segment.tag in tags

    def advance(self) -> Segment:
        """The next segment, whatever it is."""
        segment = self.peek()
        if segment is None:
            raise TranslationError("unexpected end of message", position=self.position)
        self._index += 1
        return segment

    def take(self, tag: str) -> Segment | None:
        """The next segment if it has this tag (and advance), else None."""
        if self.at(tag):
            self._index += 1
            return self._segments[self._index - 1]
        return None

    def require(self, tag: str) -> Segment:
        segment = self.take(tag)
        if segment is None:
            found = self.peek()
            raise TranslationError(
                f"expected {tag}, found {found.tag if found else 'end of message'}",
                position=self.position,
                tag=tag,
            )
        return segment

    def take_all(self, *tags: str) -> list[Segment]:
        """Consume and return the run of segments whose tags are among `tags`."""
        taken: list[Segment] = []
        while self.at(*tags):
            taken.append(self._segments[self._index])
            self._index += 1
        return taken

    def skip_until(self, *tags: str) -> list[Segment]:
        """Consume segments up to (not including) the next one with one of `tags`."""
        skipped: list[Segment] = []
        while not self.at(*tags) and self.peek() is not None:
            skipped.append(self._segments[self._index])
            self._index += 1
        return skipped

    def groups(self, anchor: str, stop: tuple[str, ...]) -> Iterator[list[Segment]]:
        """Each repetition of a group that starts with `anchor`, until a `stop` tag or the end."""
        while self.at(anchor):
            group = [self._segments[self._index]]
            self._index += 1
            while self.peek() is not None and not self.at(anchor, *stop):
                group.append(self._segments[self._index])
                self._index += 1
            yield group

    @property
    def position(self) -> int:
        """Position of the next segment, counting UNH as 1."""
        return self._first + self._index


def guarded(segment: Segment, position: int, read: Callable[[], T]) -> T:
    """Run a reader, turning a model validation error into a TranslationError at `segment`."""
    try:
        return read()
    except TranslationError:
        raise
    except ValueError as error:
        raise TranslationError(str(error), position=position, tag=segment.tag) from error
