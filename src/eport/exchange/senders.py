"""Who may send what: the UNB sender check and the role → message type permission table.

The defaults are safe: an authority's or a terminal's messages can only come from a
participant holding that role, so a forged customs release (CUSRES) from a forwarder is
rejected. The operator overrides the roles per message type (table ``sender_permissions``);
message types named in neither may be sent by any active participant.
"""

from __future__ import annotations

from collections.abc import Mapping

from eport.exchange.community import Member

ANY_ROLE = "*"

DEFAULT_SENDER_ROLES: Mapping[str, frozenset[str]] = {
    "CUSRES": frozenset({"customs"}),
    "CODECO": frozenset({"terminal", "depot"}),
    "COARRI": frozenset({"terminal"}),
    "BAPLIE": frozenset({"terminal", "carrier", "ship_agent"}),
    "COPRAR": frozenset({"carrier", "ship_agent"}),
    "COPARN": frozenset({"carrier", "ship_agent"}),
    "IFTMBC": frozenset({"carrier", "ship_agent"}),
    "IFTMBF": frozenset({"forwarder", "shipper"}),
    "IFTMIN": frozenset({"forwarder", "shipper"}),
    "VERMAS": frozenset({"forwarder", "shipper", "terminal", "carrier"}),
    "CUSCAR": frozenset({"ship_agent", "carrier"}),
    "CUSDEC": frozenset({"customs_broker", "forwarder", "shipper", "consignee"}),
    "IFTSTA": frozenset({"carrier", "ship_agent", "terminal", "depot", "forwarder", "trucker"}),
}


def sender_owns_unb_id(member: Member, unb_id: str, qualifier: str) -> bool:
    """The UNB sender must be one of the sending participant's registered interchange IDs."""
    return member.owns_edi_id(unb_id, qualifier)


def allowed_roles(
    message_type: str, overrides: Mapping[str, frozenset[str]]
) -> frozenset[str] | None:
    """Roles that may send ``message_type``; None when any role may."""
    roles = overrides.get(message_type, DEFAULT_SENDER_ROLES.get(message_type))
    if roles is None or ANY_ROLE in roles:
        return None
    return roles


def may_send(member: Member, message_type: str, overrides: Mapping[str, frozenset[str]]) -> bool:
    roles = allowed_roles(message_type, overrides)
    return roles is None or bool(roles & member.roles)


def permission_table(
    overrides: Mapping[str, frozenset[str]],
) -> dict[str, tuple[frozenset[str] | None, str]]:
    """Every message type with a rule: its roles (None = any) and whether default or operator."""
    table: dict[str, tuple[frozenset[str] | None, str]] = {}
    for message_type in sorted(set(DEFAULT_SENDER_ROLES) | set(overrides)):
        source = "operator" if message_type in overrides else "default"
        table[message_type] = (allowed_roles(message_type, overrides), source)
    return table
