"""How strictly a sender's interchanges are checked: strict, standard or lenient.

Partners differ: a new system should be held to the standard, while a legacy one that
miscounts its UNT segments may have to be taken as it is until it is fixed. The level only
re-grades findings between error and warning (a warning is reported, never rejected); what is
checked, and what the sender is told, stays the same.
"""

from __future__ import annotations

from typing import Literal, get_args

from eport.edifact import FindingCode, Strictness
from eport.edifact.checks import DEFAULT_STRICTNESS

Level = Literal["strict", "standard", "lenient"]
LEVELS: tuple[str, ...] = get_args(Level)
STANDARD: Level = "standard"

# Defects that leave every value readable where it stands: counted wrong, too many
# repetitions, a value too long or short or of the wrong character type, a stray separator.
_LENIENT: Strictness = {
    **DEFAULT_STRICTNESS,
    FindingCode.CONTROL_COUNT.value: "warning",
    FindingCode.TOO_MANY_REPETITIONS.value: "warning",
    FindingCode.TOO_MANY_GROUP_REPETITIONS.value: "warning",
    FindingCode.TOO_LONG.value: "warning",
    FindingCode.TOO_SHORT.value: "warning",
    FindingCode.INVALID_CHARACTER_TYPE.value: "warning",
}
_TABLES: dict[str, Strictness | None] = {
    # even a character outside the repertoire or a stray separator is an error
    "strict": {
        FindingCode.INVALID_CHARACTER.value: "error",
        FindingCode.TRAILING_SEPARATOR.value: "error",
    },
    "standard": None,  # the engine's defaults
    "lenient": _LENIENT,
}


def table_for(level: str) -> Strictness | None:
    """The engine's strictness table for a level (None: the engine's defaults)."""
    return _TABLES[level]


def check_level(level: str) -> Level:
    if level not in LEVELS:
        raise ValueError(f"strictness must be one of {', '.join(LEVELS)}")
    return level  # type: ignore[return-value]
