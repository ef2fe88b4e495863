"""Routes of the code maps: each serves one participant's maps."""

from __future__ import annotations

from conftest import Owned, OwnedRoute, Owner

MAPS = "/api/v1/code-maps/{participant}"
LIST = MAPS + "/{list_name}"
ENTRY = LIST + "/entries/{partner_code}"


def _sizes(owner: Owner) -> Owned:
    made = owner.client.post(
        f"/api/v1/code-maps/{owner.participant.code}/size-type/import",
        content="partner_code,standard_code\n40HC,45G1\n",
        headers={**owner.headers, "Content-Type": "text/csv"},
    )
    assert made.status_code == 200, made.text
    return Owned(
        {"participant": owner.participant.code, "list_name": "size-type", "partner_code": "40HC"}
    )


OWNED_ROUTES = [
    OwnedRoute("GET", MAPS, _sizes, owner_status=200),
    OwnedRoute("PUT", MAPS + "/policy", _sizes, body={"unknown_codes": "reject"}, owner_status=200),
    OwnedRoute("GET", LIST, _sizes, owner_status=200),
    OwnedRoute("GET", LIST + "/export", _sizes, owner_status=200),
    OwnedRoute("POST", LIST + "/import", _sizes),
    OwnedRoute("DELETE", LIST, _sizes, owner_status=204),
    OwnedRoute("PUT", ENTRY, _sizes, body={"standard_code": "42G1"}, owner_status=200),
    OwnedRoute("DELETE", ENTRY, _sizes, owner_status=204),
]
