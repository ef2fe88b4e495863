"""Out, pull: ``GET /mailbox``, ``GET /mailbox/{id}`` and ``POST /mailbox/{id}/ack``.

An item's bytes are served in the media type of the format its recipient's profile asked for
(EDIFACT, JSON, DCSA events, CSV), as an attachment named ``<id>.<edi|json|csv>``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from eport.auth.principal import Principal
from eport.auth.scopes import MESSAGES_RECEIVE
from eport.exchange import mailbox
from eport.web.deps import PlatformDep, require_scope
from eport.web.pagination import clamp_limit, decode_cursor, encode_cursor
from eport.web.problems import Problem

router = APIRouter(tags=["exchange"])
ReceiverDep = Annotated[Principal, Depends(require_scope(MESSAGES_RECEIVE))]


@router.get("/mailbox", summary="Deliveries waiting in one's mailbox, oldest first")
def list_mailbox(
    principal: ReceiverDep,
    platform: PlatformDep,
    limit: Annotated[int | None, Query()] = None,
    cursor: Annotated[str | None, Query()] = None,
) -> dict[str, Any]:
    """Caller: a participant with ``messages:receive``; it sees only its own mailbox.

    An item stays listed until acknowledged; ``limit`` is clamped, never refused."""
    after = decode_cursor(cursor)
    if after is not None and not isinstance(after, int):
        raise Problem(400, "the cursor is not one this API issued")
    size = clamp_limit(limit)
    items = mailbox.list_items(platform, principal.participant_id, size, after)
    next_cursor = encode_cursor(items[-1].id) if len(items) == size else None
    return {"items": [i.to_dict() for i in items], "next_cursor": next_cursor}


@router.get("/mailbox/{item_id}", summary="The bytes of a mailbox item", response_class=Response)
def get_mailbox_item(item_id: int, principal: ReceiverDep, platform: PlatformDep) -> Response:
    """Caller: the participant whose mailbox holds the item (others get 404)."""
    item = mailbox.item_payload(platform, principal.participant_id, item_id)
    if item is None:
        raise Problem(404, "no such mailbox item")
    return Response(
        item.payload,
        media_type=item.content_type,
        headers={"Content-Disposition": f'attachment; filename="{item.filename}"'},
    )


@router.post(
    "/mailbox/{item_id}/ack",
    status_code=204,
    response_class=Response,
    summary="Acknowledge (remove from the listing) a mailbox item",
)
def ack_mailbox_item(item_id: int, principal: ReceiverDep, platform: PlatformDep) -> Response:
    """Caller: the participant whose mailbox holds the item (others get 404)."""
    if not mailbox.acknowledge(platform, principal.participant_id, item_id):
        raise Problem(404, "no such mailbox item")
    return Response(status_code=204)
