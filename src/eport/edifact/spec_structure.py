"""Segment table matching: a message's segments against a `GroupSpec` tree, in linear time.

A deterministic state machine: the state is a stack of open groups, each with the index of its
current child and how often that child occurred. For each segment the matcher looks forward
from the current child in the innermost group, then in the enclosing groups (leaving the inner
ones), and commits only when it finds a place; a segment with no place is reported and skipped
without changing the state. A group's first segment (its trigger) starts a new occurrence of
the group. The work per segment is bounded by the size of the spec, so time is linear in the
number of segments, and one finding per problem is reported, never stopping early.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from eport.edifact.spec import GroupSpec, SegmentUse


class Problem(Enum):
    MISSING = "missing"  # a mandatory segment (or group, by its trigger tag) did not occur
    UNEXPECTED = "unexpected"  # the segment has no place here
    TOO_MANY = "too_many"  # segment repeated more often than allowed
    TOO_MANY_GROUPS = "too_many_groups"  # group repeated more often than allowed


# report(problem, segment index (0-based, in the list given), tag, group name or "")
Report = Callable[[Problem, int, str, str], None]


@dataclass(frozen=True, slots=True)
class _Node:
    name: str
    tags: tuple[str, ...]
    uses: tuple[SegmentUse | None, ...]
    groups: tuple[_Node | None, ...]
    mandatory: tuple[bool, ...]
    max_repeat: tuple[int, ...]
    positions: dict[str, tuple[int, ...]]  # child indexes by (trigger) tag


def _compile(group: GroupSpec) -> _Node:
    tags: list[str] = []
    uses: list[SegmentUse | None] = []
    groups: list[_Node | None] = []
    for child in group.children:
        if isinstance(child, SegmentUse):
            tags.append(child.tag)
            uses.append(child)
            groups.append(None)
        else:
            tags.append(child.trigger)
            uses.append(None)
            groups.append(_compile(child))
    positions: dict[str, tuple[int, ...]] = {}
    for index, tag in enumerate(tags):
        positions[tag] = (*positions.get(tag, ()), index)
    return _Node(
        group.name,
        tuple(tags),
        tuple(uses),
        tuple(groups),
        tuple(c.mandatory for c in group.children),
        tuple(c.max_repeat for c in group.children),
        positions,
    )


class _Frame:
    """An open group during matching: its current child and how often that child occurred."""

    __slots__ = ("count", "idx", "node")

    def __init__(self, node: _Node, idx: int, count: int) -> None:
        self.node = node
        self.idx = idx
        self.count = count


class StructureMatcher:
    """Compiled segment table; `match` is reentrant (all state is local to the call)."""

    __slots__ = ("_ignore_missing", "_root")

    def __init__(self, root: GroupSpec, ignore_missing: frozenset[str] = frozenset()) -> None:
        self._root = _compile(root)
        # tags whose absence another check reports (UNH/UNT belong to the envelope checks)
        self._ignore_missing = ignore_missing

    def match(self, tags: Sequence[str], report: Report) -> list[SegmentUse | None]:
        """The segment use of each tag (None where it has no place), reporting problems."""
        stack = [_Frame(self._root, -1, 0)]
        result: list[SegmentUse | None] = []
        for i, tag in enumerate(tags):
            # fast paths: the current segment again, or the next segment of the same group
            top = stack[-1]
            node, idx = top.node, top.idx
            if (
                idx >= 0
                and node.groups[idx] is None
                and node.tags[idx] == tag
                and (idx > 0 or len(stack) == 1)
            ):
                top.count += 1
                if top.count > node.max_repeat[idx]:
                    report(Problem.TOO_MANY, i, tag, node.name)
                result.append(node.uses[idx])
                continue
            nxt = idx + 1
            if nxt < len(node.tags) and node.tags[nxt] == tag:
                top.idx, top.count = nxt, 1
                sub = node.groups[nxt]
                if sub is None:
                    result.append(node.uses[nxt])
                else:
                    stack.append(_Frame(sub, 0, 1))
                    result.append(sub.uses[0])
                continue
            j = _ahead(node, idx, tag, len(stack) > 1)
            if j > idx and node.groups[j] is None:
                # a later segment of the innermost group (optional ones skipped): what
                # `_find` + `_commit` would do, without their calls
                self._skip(node, idx + 1, j, i, report)
                top.idx, top.count = j, 1
                result.append(node.uses[j])
                continue
            place = _find(stack, tag)
            if place is None:
                report(Problem.UNEXPECTED, i, tag, _name(stack))
                result.append(None)
                continue
            result.append(self._commit(stack, place[0], place[1], i, report))
        while stack:
            self._close(stack.pop(), len(tags), report)
        return result

    def _commit(
        self, stack: list[_Frame], level: int, j: int, i: int, report: Report
    ) -> SegmentUse | None:
        while len(stack) - 1 > level:
            self._close(stack.pop(), i, report)
        frame = stack[level]
        node = frame.node
        if j == frame.idx:
            frame.count += 1
            if frame.count > node.max_repeat[j]:
                child_group = node.groups[j]
                if child_group is None:
                    report(Problem.TOO_MANY, i, node.tags[j], node.name)
                else:
                    report(Problem.TOO_MANY_GROUPS, i, node.tags[j], child_group.name)
        else:
            self._skip(node, frame.idx + 1, j, i, report)
            frame.idx = j
            frame.count = 1
        sub = node.groups[j]
        if sub is None:
            return node.uses[j]
        stack.append(_Frame(sub, 0, 1))
        return sub.uses[0]

    def _skip(self, node: _Node, start: int, stop: int, i: int, report: Report) -> None:
        for k in range(start, stop):
            if node.mandatory[k] and node.tags[k] not in self._ignore_missing:
                sub = node.groups[k]
                report(Problem.MISSING, i, node.tags[k], sub.name if sub else node.name)

    def _close(self, frame: _Frame, i: int, report: Report) -> None:
        self._skip(frame.node, frame.idx + 1, len(frame.node.tags), i, report)


def _ahead(node: _Node, idx: int, tag: str, nested: bool) -> int:
    """The child index where `tag` fits in `node` from its current child `idx`, or -1
    (the innermost level of `_find`)."""
    candidates = node.positions.get(tag)
    if candidates is None:
        return -1
    start = max(idx, 0)
    if nested and start == 0 and node.max_repeat[0] == 1:
        start = 1
    for j in candidates:
        if j >= start:
            return j
    return -1


def _find(stack: list[_Frame], tag: str) -> tuple[int, int] | None:
    """Where `tag` fits: (stack level, child index), innermost first; None when nowhere."""
    for level in range(len(stack) - 1, -1, -1):
        node = stack[level].node
        candidates = node.positions.get(tag)
        if candidates is None:
            continue
        start = max(stack[level].idx, 0)
        if level > 0 and start == 0 and node.max_repeat[0] == 1:
            start = 1  # a group's trigger starts a new occurrence, found one level up
        for j in candidates:
            if j >= start:
                return level, j
    return None


def _name(stack: list[_Frame]) -> str:
    return stack[-1].node.name
