"""In: ``POST /interchanges`` (raw EDIFACT body) and ``GET /interchanges/{id}`` (status, trace).

The 202 answer comes only after the bytes are committed. Limits: the interchange size
(``max_interchange_bytes``, 413) and a per-participant rate (``rate_limit_per_second``,
``rate_limit_burst``, 429 with Retry-After), both answered as problem+json.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from eport.auth.principal import Principal
from eport.auth.scopes import MESSAGES_SEND
from eport.exchange.ratelimit import RateLimiter
from eport.exchange.receiving import EmptyInterchange, InterchangeTooLarge, receive_interchange
from eport.exchange.status import interchange_status
from eport.web.deps import PlatformDep, PrincipalDep, require_scope
from eport.web.problems import Problem

CHANNEL = "http"
ACCEPTED_TYPES = frozenset({"application/edifact", "text/plain", "application/octet-stream"})

router = APIRouter(tags=["exchange"])
SenderDep = Annotated[Principal, Depends(require_scope(MESSAGES_SEND))]


def _limiter(request: Request) -> RateLimiter:
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
    wait = _limiter(request).acquire(principal.participant_id)
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
