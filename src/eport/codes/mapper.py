"""Applying a partner's code maps to the codes of a message, and flagging unknown codes.

The policy: a mapped code becomes its mapping; a standard code that the partner's map does not
mention passes through unchanged; a code that is neither is never passed on silently. It is
kept unchanged in the document but recorded as a :class:`CodeIssue`, and the caller turns the
issues into trace warnings or an APERAK rejection according to the partner's
:class:`UnknownCodePolicy`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

from eport.codes.catalog import CodeCatalog, default_catalog
from eport.codes.codemap import CodeMap


class UnknownCodePolicy(StrEnum):
    """What a partner wants done with a code that is neither standard nor mapped."""

    WARN = "warn"
    REJECT = "reject"


class MappingDirection(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


@dataclass(frozen=True)
class CodeIssue:
    """A code that is neither standard nor in the partner's map.

    `where` is what the caller said about the code's place (for EDIFACT the segment, e.g.
    ``"segment 7 EQD"``), or None when it did not say.
    """

    list_name: str
    code: str
    direction: MappingDirection
    where: str | None = None

    @property
    def message(self) -> str:
        place = f" in {self.where}" if self.where else ""
        return f"{self.list_name} code {self.code!r}{place} is neither standard nor mapped"


class MappingCodeMapper:
    """A partner's code maps behind the model's ``CodeMapper`` port.

    One instance serves one message (or one batch): it collects the issues it met, which the
    caller reads from :attr:`issues` after translating.
    """

    def __init__(
        self,
        maps: Iterable[CodeMap] = (),
        *,
        policy: UnknownCodePolicy = UnknownCodePolicy.WARN,
        catalog: CodeCatalog | None = None,
    ) -> None:
        self.policy = policy
        self._maps = {code_map.list_name: code_map for code_map in maps}
        self._catalog = catalog or default_catalog()
        self._issues: list[CodeIssue] = []
        self._where: str | None = None

    @property
    def issues(self) -> tuple[CodeIssue, ...]:
        return tuple(self._issues)

    @property
    def rejects(self) -> bool:
        """True when the partner's policy turns the recorded issues into a rejection."""
        return self.policy is UnknownCodePolicy.REJECT and bool(self._issues)

    def drain_issues(self) -> tuple[CodeIssue, ...]:
        """The issues recorded so far, forgetting them (for a mapper reused across messages)."""
        issues, self._issues = tuple(self._issues), []
        return issues

    @contextmanager
    def unflagged(self) -> Iterator[None]:
        """Codes mapped inside the block record no issue (a partner's own code, which no
        standard list holds, is mapped if the map knows it and passed on as it is if not)."""
        known = len(self._issues)
        try:
            yield
        finally:
            del self._issues[known:]

    @contextmanager
    def located(self, where: str) -> Iterator[None]:
        """Name the place of the codes mapped inside the block (e.g. the segment being read)."""
        outer, self._where = self._where, where
        try:
            yield
        finally:
            self._where = outer

    def to_standard(self, list_name: str, code: str, where: str | None = None) -> str:
        """The standard code for a partner's code (inbound)."""
        code_map = self._maps.get(list_name)
        mapped = code_map.to_standard(code) if code_map else None
        if mapped is not None:
            return mapped
        if not self._catalog.is_standard(list_name, code):
            self._record(list_name, code, MappingDirection.INBOUND, where)
        return code

    def from_standard(self, list_name: str, code: str, where: str | None = None) -> str:
        """The partner's code for a standard code (outbound)."""
        code_map = self._maps.get(list_name)
        mapped = code_map.to_partner(code) if code_map else None
        if mapped is not None:
            return mapped
        if not self._catalog.is_standard(list_name, code):
            self._record(list_name, code, MappingDirection.OUTBOUND, where)
        return code

    def _record(
        self, list_name: str, code: str, direction: MappingDirection, where: str | None
    ) -> None:
        self._issues.append(CodeIssue(list_name, code, direction, where or self._where))
