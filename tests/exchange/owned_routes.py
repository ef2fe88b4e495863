"""Exchange hub routes that serve one participant's data (checked by tests/web/test_isolation)."""

from __future__ import annotations

from conftest import Owned, OwnedRoute, Owner
from eport.exchange.worker import Worker

GARBAGE_FROM_OWNER = b"UNB+UNOA:2+SOMEONEELSE+EPORT+261127:0415+OWN1'UNZ+0+OWN1'"


def _interchange(owner: Owner) -> Owned:
    sent = owner.client.post(
        "/api/v1/interchanges",
        content=GARBAGE_FROM_OWNER,
        headers={**owner.headers, "Content-Type": "application/edifact"},
    )
    assert sent.status_code == 202, sent.text
    return Owned({"interchange_id": str(sent.json()["id"])})


def _interchange_listed(owner: Owner) -> Owned:
    interchange_id = _interchange(owner).params["interchange_id"]
    return Owned(marker=f'"id":{interchange_id},')


def _mailbox_item(owner: Owner) -> Owned:
    """A CONTRL rejecting the owner's interchange (its UNB sender is not the owner's)."""
    _interchange(owner)
    worker = Worker(owner.platform)
    try:
        worker.drain()
    finally:
        worker.close()
    items = owner.client.get("/api/v1/mailbox", headers=owner.headers).json()["items"]
    assert len(items) == 1, items
    return Owned({"item_id": str(items[0]["id"])}, items[0]["control_ref"])


def _mailbox_item_id(owner: Owner) -> Owned:
    return Owned(_mailbox_item(owner).params)


def _subscription(owner: Owner) -> Owned:
    made = owner.client.post(
        "/api/v1/exchange/subscriptions", headers=owner.headers, json={"message_type": "COARRI"}
    )
    assert made.status_code == 201, made.text
    return Owned({"subscription_id": str(made.json()["id"])}, "COARRI")


def _subscription_id(owner: Owner) -> Owned:
    return Owned(_subscription(owner).params)


OWNED_ROUTES = [
    OwnedRoute("GET", "/api/v1/interchanges/{interchange_id}", _interchange, owner_status=200),
    OwnedRoute("GET", "/api/v1/interchanges/{interchange_id}/raw", _interchange, owner_status=200),
    OwnedRoute("GET", "/api/v1/interchanges", _interchange_listed, owner_status=200),
    OwnedRoute("GET", "/api/v1/mailbox/{item_id}", _mailbox_item_id, owner_status=200),
    OwnedRoute("POST", "/api/v1/mailbox/{item_id}/ack", _mailbox_item_id, owner_status=204),
    OwnedRoute("GET", "/api/v1/mailbox", _mailbox_item, owner_status=200),
    OwnedRoute(
        "DELETE",
        "/api/v1/exchange/subscriptions/{subscription_id}",
        _subscription_id,
        owner_status=204,
    ),
    OwnedRoute("GET", "/api/v1/exchange/subscriptions", _subscription, owner_status=200),
]
