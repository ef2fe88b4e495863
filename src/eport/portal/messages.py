"""Portal pages for messages (报文): upload an interchange, what one sent, one's mailbox.

For a clerk without an EDI system of its own: an upload is stored and queued exactly as the
API's (``receive_interchange``, channel ``portal``). Uploading needs ``messages:send`` and the
mailbox ``messages:receive`` (by the user's role); anyone logged in sees what the participant
sent. Another participant's interchange or mailbox item is "not found" on every page and
download, exactly as one that does not exist; the operator sees any interchange.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from eport.auth.authenticate import SessionPrincipal
from eport.auth.scopes import MESSAGES_RECEIVE, MESSAGES_SEND
from eport.exchange import history, mailbox
from eport.exchange.channels.http_upload import rate_limiter
from eport.exchange.receiving import EmptyInterchange, InterchangeTooLarge, receive_interchange
from eport.portal.i18n import choose_language
from eport.portal.messages_views import (
    SentFilter,
    interchange_page,
    mailbox_page,
    page_key,
    sent_page,
)
from eport.portal.pages import SessionDep, render, render_refusal, require_session
from eport.web.deps import PlatformDep

CHANNEL = "portal"
TEXT_TYPES = frozenset({"application/edifact", "text/plain"})
UPLOAD_PATH = "/portal/messages/upload"
LOGIN = "/portal/login"

router = APIRouter(prefix="/messages")


def _to_login() -> RedirectResponse:
    return RedirectResponse(LOGIN, status_code=303)


def _render(request: Request, session: SessionPrincipal, name: str, **context: Any) -> Response:
    return render(
        request,
        name,
        principal=session.principal,
        csrf_token=session.csrf_token,
        **context,
    )


def _attachment(body: bytes, media_type: str, filename: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@router.get("", response_model=None)
def messages_home(session: SessionDep) -> Response:
    return _to_login() if session is None else RedirectResponse("/portal/messages/sent", 303)


@router.get("/upload", response_model=None)
def upload_page(request: Request, platform: PlatformDep, session: SessionDep) -> Response:
    if session is None:
        return _to_login()
    if not session.principal.has_scope(MESSAGES_SEND):
        return render_refusal(request, session, 403, "may_not_send")
    return _upload_form(request, session, platform.settings.max_interchange_bytes)


def _upload_form(
    request: Request, session: SessionPrincipal, limit: int, status: int = 200, error: str = ""
) -> HTMLResponse:
    return render(
        request,
        "upload.html",
        status,
        principal=session.principal,
        csrf_token=session.csrf_token,
        max_bytes=limit,
        error=error,
        language_path=UPLOAD_PATH,
    )


@router.post(
    "/upload",
    response_model=None,
    responses={413: {"description": "the file exceeds max_interchange_bytes"}},
)
def upload(
    request: Request,
    platform: PlatformDep,
    session: SessionDep,
    # Optional here so that a form without them is refused as forged (403) or shown again,
    # not answered with a validation error.
    csrf_token: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    found = require_session(session, csrf_token)
    if not found.principal.has_scope(MESSAGES_SEND):
        return render_refusal(request, found, 403, "may_not_send")
    limit = platform.settings.max_interchange_bytes
    if file is None or not file.filename:
        return _upload_form(request, found, limit, 400, "choose_file")
    wait = rate_limiter(request).acquire(found.principal.participant_id)
    if wait > 0:
        refused = _upload_form(request, found, limit, 429, "too_many_sent")
        refused.headers["Retry-After"] = str(max(1, math.ceil(wait)))
        return refused
    if file.size is not None and file.size > limit:
        return _upload_form(request, found, limit, 413, "too_large")
    raw = file.file.read(limit + 1)  # at most one byte more than allowed: enough to refuse
    try:
        receipt = receive_interchange(
            platform,
            found.principal.participant_id,
            raw,
            CHANNEL,
            content_type=_media_type(file.content_type),
        )
    except InterchangeTooLarge:
        return _upload_form(request, found, limit, 413, "too_large")
    except EmptyInterchange:
        return _upload_form(request, found, limit, 400, "empty_file")
    return RedirectResponse(f"/portal/messages/sent/{receipt.id}", status_code=303)


def _media_type(declared: str | None) -> str:
    # A browser names a file's type by its extension (mostly octet-stream for .edi): the
    # bytes are EDIFACT unless it says plain text.
    media_type = (declared or "").split(";")[0].strip().lower()
    return media_type if media_type in TEXT_TYPES else "application/edifact"


@router.get("/sent", response_model=None)
def sent(
    request: Request,
    platform: PlatformDep,
    session: SessionDep,
    status: str = "",
    message_type: str = "",
    control_ref: str = "",
    before: str = "",
) -> Response:
    if session is None:
        return _to_login()
    chosen = SentFilter.of(status, message_type, control_ref)
    page = sent_page(platform, session.principal, chosen, page_key(before))
    return _render(request, session, "sent.html", page=page)


@router.get("/sent/{interchange_id}", response_model=None)
def interchange(
    interchange_id: int, request: Request, platform: PlatformDep, session: SessionDep
) -> Response:
    if session is None:
        return _to_login()
    page = interchange_page(platform, session.principal, interchange_id, choose_language(request))
    if page is None:
        return render_refusal(request, session, 404, "not_found")
    return _render(request, session, "interchange.html", page=page)


@router.get("/sent/{interchange_id}/raw", response_model=None)
def interchange_raw(
    interchange_id: int, request: Request, platform: PlatformDep, session: SessionDep
) -> Response:
    if session is None:
        return _to_login()
    principal = session.principal
    found = history.sent_raw(
        platform, interchange_id, principal.participant_id, principal.is_operator
    )
    if found is None:
        return render_refusal(request, session, 404, "not_found")
    return _attachment(found.raw, found.content_type, f"{found.id}.edi")


@router.get("/mailbox", response_model=None)
def mailbox_list(
    request: Request, platform: PlatformDep, session: SessionDep, after: str = ""
) -> Response:
    if session is None:
        return _to_login()
    if not session.principal.has_scope(MESSAGES_RECEIVE):
        return render_refusal(request, session, 403, "may_not_receive")
    page = mailbox_page(platform, session.principal, page_key(after))
    return _render(request, session, "mailbox.html", page=page)


@router.get("/mailbox/{item_id}", response_model=None)
def mailbox_item(
    item_id: int, request: Request, platform: PlatformDep, session: SessionDep
) -> Response:
    if session is None:
        return _to_login()
    if not session.principal.has_scope(MESSAGES_RECEIVE):
        return render_refusal(request, session, 403, "may_not_receive")
    item = mailbox.item_payload(platform, session.principal.participant_id, item_id)
    if item is None:
        return render_refusal(request, session, 404, "not_found")
    return _attachment(item.payload, item.content_type, item.filename)


@router.post("/mailbox/{item_id}/ack", response_model=None)
def acknowledge(
    item_id: int,
    request: Request,
    platform: PlatformDep,
    session: SessionDep,
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    found = require_session(session, csrf_token)
    if not found.principal.has_scope(MESSAGES_RECEIVE):
        return render_refusal(request, found, 403, "may_not_receive")
    if not mailbox.acknowledge(platform, found.principal.participant_id, item_id):
        return render_refusal(request, found, 404, "not_found")
    return RedirectResponse("/portal/messages/mailbox", status_code=303)
