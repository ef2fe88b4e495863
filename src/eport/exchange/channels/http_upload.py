"""In: ``POST /interchanges`` (raw EDIFACT body), ``GET /interchanges`` (what one has sent),
``GET /interchanges/{id}`` (status, trace) and ``GET /interchanges/{id}/raw`` (the bytes).

The 202 answer comes only after the bytes are committed. Limits: the interchange size
(``max_interchange_bytes``, 413) and a per-participant rate (``rate_limit_per_second``,
``rate_limit_burst``, 429 with Retry-After), both answered as problem+json.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from eport.auth.principal import Principal
from eport.auth.scopes import MESSAGES_SEND
from eport.exchange import history
from eport.exchange.ratelimit import RateLimiter
from eport.exchange.receiving import EmptyInterchange, InterchangeTooLarge, receive_interchange
from eport.exchange.status import interchange_status
from eport.web.deps import PlatformDep, PrincipalDep, require_scope
from eport.web.pagination import clamp_limit, decode_cursor, encode_cursor
from eport.web.problems import Problem

CHANNEL = "http"
ACCEPTED_TYPES = frozenset({"application/edifact", "text/plain", "application/octet-stream"})

router = APIRouter(tags=["exchange"])
SenderDep = Annotated[Principal, Depends(require_scope(MESSAGES_SEND))]


def rate_limiter(request: Request) -> RateLimiter:
    """The per-participant limit on interchanges sent, shared by every channel of this app."""
    state = request.app.state
    limiter: RateLimiter | None = getattr(state, "exchange_rate_limiter", None)
    if limiter is None:
        settings = state.settings
        limiter = RateLimiter(settings.rate_limit_per_second, settings.rate_limit_burst)
        state.exchange_rate_limiter = limiter
    return limiter


@router.post(
    "/interchanges",
    status_code=202,
    summary="Send an interchange (raw UN/EDIFACT bytes)",
    responses={413: {"description": "too large"}, 429: {"description": "rate limited"}},
)
async def post_interchange(
    request: Request, principal: SenderDep, platform: PlatformDep
) -> JSONResponse:
    """Caller: a participant's token or user with the scope ``messages:send``."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in ACCEPTED_TYPES:
        raise Problem(415, "send the interchange as application/edifact or text/plain")
    limit = platform.settings.max_interchange_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Problem(413, f"the interchange exceeds the limit of {limit} bytes", max_bytes=limit)
    wait = rate_limiter(request).acquire(principal.participant_id)
    if wait > 0:
        raise Problem(
            429,
            "too many interchanges; slow down",
            headers={"Retry-After": str(max(1, math.ceil(wait)))},
        )
    raw = await request.body()
    try:
        receipt = await run_in_threadpool(
            receive_interchange, platform, principal.participant_id, raw, CHANNEL, content_type
        )
    except InterchangeTooLarge as exc:
        raise Problem(413, str(exc), max_bytes=exc.limit) from exc
    except EmptyInterchange as exc:
        raise Problem(400, str(exc)) from exc
    return JSONResponse(
        {"id": receipt.id, "sha256": receipt.sha256, "size": receipt.size, "status": "received"},
        status_code=202,
        headers={"Location": f"{request.url.path}/{receipt.id}"},
    )


@router.get("/interchanges", summary="Interchanges one has sent, newest first")
def list_interchanges(
    principal: PrincipalDep,
    platform: PlatformDep,
    status: Annotated[history.Status | None, Query()] = None,
    message_type: Annotated[str | None, Query(pattern=r"^[A-Z0-9]{1,6}$")] = None,
    control_ref: Annotated[str | None, Query(max_length=35)] = None,
    since: Annotated[datetime | None, Query(description="received at or after")] = None,
    until: Annotated[datetime | None, Query(description="received before")] = None,
    test: Annotated[bool | None, Query()] = None,
    sender: Annotated[str | None, Query(description="operator only: a sender's code")] = None,
    limit: Annotated[int | None, Query()] = None,
    cursor: Annotated[str | None, Query()] = None,
) -> dict[str, Any]:
    """Caller: any participant, which sees only what it sent; the operator sees every sender
    (``sender`` narrows it to one). Times without a zone are UTC; ``limit`` is clamped."""
    if sender is not None and not principal.is_operator:
        raise Problem(403, "only the operator may list another sender's interchanges")
    before = decode_cursor(cursor)
    if before is not None and not isinstance(before, int):
        raise Problem(400, "the cursor is not one this API issued")
    size = clamp_limit(limit)
    conditions = history.HistoryFilter(
        status=status,
        message_type=message_type,
        control_ref=control_ref,
        since=_utc(since),
        until=_utc(until),
        test=test,
        sender=sender,
    )
    items = history.list_interchanges(
        platform, principal.participant_id, principal.is_operator, conditions, size, before
    )
    next_cursor = encode_cursor(items[-1]["id"]) if len(items) == size else None
    return {"items": items, "next_cursor": next_cursor}


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


@router.get(
    "/interchanges/{interchange_id}/raw",
    summary="The bytes of an interchange exactly as received",
    response_class=Response,
)
def get_interchange_raw(
    interchange_id: int, principal: PrincipalDep, platform: PlatformDep
) -> Response:
    """Caller: the participant that sent the interchange, or the operator (others get 404)."""
    found = history.sent_raw(
        platform, interchange_id, principal.participant_id, principal.is_operator
    )
    if found is None:
        raise Problem(404, "no such interchange")
    return Response(
        found.raw,
        media_type=found.content_type,
        headers={"Content-Disposition": f'attachment; filename="{found.id}.edi"'},
    )


@router.get("/interchanges/{interchange_id}", summary="Status and trace of an interchange")
def get_interchange(
    interchange_id: int, principal: PrincipalDep, platform: PlatformDep
) -> dict[str, Any]:
    """Caller: the participant that sent the interchange, or the operator."""
    found = interchange_status(
        platform, interchange_id, principal.participant_id, principal.is_operator
    )
    if found is None:
        raise Problem(404, "no such interchange")
    return found
