"""The rules of participants: roles, statuses and their transitions, identification codes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from eport.participants.errors import Conflict, Invalid

# The roles of a port community (DOMAIN.md); a participant can hold several.
ROLES = (
    "shipper",
    "consignee",
    "forwarder",
    "customs_broker",
    "carrier",
    "ship_agent",
    "terminal",
    "depot",
    "warehouse",
    "trucker",
    "customs",
    "inspection",
    "operator",
)

APPLIED, ACTIVE, SUSPENDED = "applied", "active", "suspended"
STATUSES = (APPLIED, ACTIVE, SUSPENDED)
# Which status may follow which; an application that is never approved stays "applied".
TRANSITIONS: dict[str, frozenset[str]] = {
    APPLIED: frozenset({ACTIVE}),
    ACTIVE: frozenset({SUSPENDED}),
    SUSPENDED: frozenset({ACTIVE}),
}

# Schemes of the codes by which others know a participant.
IDENTIFIER_SCHEMES = {
    "edi": "UN/EDIFACT interchange ID (UNB sender/recipient), with an optional qualifier",
    "smdg": "SMDG liner code",
    "scac": "Standard Carrier Alpha Code",
    "terminal": "terminal or facility code (e.g. an SMDG terminal code)",
    "bic": "BIC container owner code",
    "local": "a code of the local port community",
}

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,31}$")
CUSTOMS_CODE_PATTERN = re.compile(r"^[0-9A-Z]{10}$")
TIME_ZONE_MAX = 64  # the column's width; IANA names are far shorter
EDI_ID_PATTERN = re.compile(r"^[^\s:+']{1,35}$")  # UNB 0004/0010: an..35 (an..70 in v4)


def check_code(code: str) -> str:
    canonical = code.strip().upper()
    if not CODE_PATTERN.match(canonical):
        raise Invalid(f"participant code {code!r}: 2-32 of A-Z, 0-9, '_' or '-'")
    return canonical


def check_roles(roles: list[str] | tuple[str, ...]) -> list[str]:
    if not roles:
        raise Invalid("a participant needs at least one role")
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        raise Invalid(f"unknown role(s) {', '.join(unknown)}; known: {', '.join(ROLES)}")
    return sorted(set(roles))


def check_customs_code(code: str) -> str:
    canonical = code.strip().upper()
    if not CUSTOMS_CODE_PATTERN.match(canonical):
        raise Invalid(f"customs registration code {code!r}: 10 digits or capitals")
    return canonical


def check_time_zone(name: str) -> str:
    """An IANA time zone name the platform knows (``Asia/Shanghai``); empty stays empty, for
    the platform's local zone."""
    name = name.strip()
    if not name:
        return ""
    unknown = Invalid(f"unknown time zone {name!r}; use an IANA name such as Asia/Shanghai")
    if len(name) > TIME_ZONE_MAX:
        raise unknown
    try:
        ZoneInfo(name)
    # ValueError: not a zone key at all (a path, or a data file of the zone database).
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise unknown from exc
    return name


def check_transition(current: str, wanted: str) -> None:
    if wanted not in TRANSITIONS.get(current, frozenset()):
        raise Conflict(f"a participant that is {current} cannot become {wanted}")


@dataclass(frozen=True)
class Identifier:
    """A code of a participant in a scheme; for ``edi`` an empty qualifier matches any."""

    scheme: str
    value: str
    qualifier: str = ""

    @classmethod
    def checked(cls, scheme: str, value: str, qualifier: str = "") -> Identifier:
        scheme = scheme.strip().lower()
        value = value.strip()
        if scheme not in IDENTIFIER_SCHEMES:
            known = ", ".join(IDENTIFIER_SCHEMES)
            raise Invalid(f"unknown identifier scheme {scheme!r}; known: {known}")
        if scheme == "edi" and not EDI_ID_PATTERN.match(value):
            raise Invalid(f"EDI ID {value!r}: 1-35 characters without spaces or separators")
        if not value or len(value) > 64:
            raise Invalid(f"identifier {value!r}: 1-64 characters")
        if len(qualifier) > 8:
            raise Invalid(f"qualifier {qualifier!r}: at most 8 characters")
        return cls(scheme, value, qualifier.strip())

    @classmethod
    def edi(cls, text: str) -> Identifier:
        """Parse ``ID`` or ``QUALIFIER:ID`` (as given to ``--edi-id``)."""
        qualifier, sep, value = text.partition(":")
        if not sep:
            qualifier, value = "", text
        return cls.checked("edi", value, qualifier)
