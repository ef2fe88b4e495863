"""Portal pages: login (double-submit CSRF cookie), home, token creation and revocation, logout.

The messages pages (upload, sent, mailbox) are in ``messages.py``, included here.

Every form carries a CSRF token: before login one kept in a cookie, after login the
session's own. The session cookie is HttpOnly and SameSite=Lax (and Secure over HTTPS).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from eport.auth.audit import Origin
from eport.auth.credentials import new_csrf_token, same_secret
from eport.auth.login import LoginPolicy, LoginRefused, log_in, log_out
from eport.auth.middleware import SESSION_COOKIE
from eport.auth.throttle import AttemptLimit
from eport.auth.tokens import issue_token, revoke_token
from eport.portal import messages
from eport.portal.pages import SessionDep, render, require_session
from eport.portal.views import home_page
from eport.web.deps import PlatformDep, client_ip
from eport.web.problems import Problem

LOGIN_CSRF_COOKIE = "eport_login_csrf"
LOGINS_PER_ADDRESS = 30  # login attempts per client address in 15 minutes
STATIC_DIR = Path(__file__).with_name("static")

router = APIRouter(prefix="/portal", include_in_schema=False)
router.include_router(messages.router)


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _login_limit(request: Request) -> AttemptLimit:
    # Per address, on top of the per-user lock-out: slows down password spraying.
    limiter: AttemptLimit | None = getattr(request.app.state, "login_limit", None)
    if limiter is None:
        limiter = request.app.state.login_limit = AttemptLimit(LOGINS_PER_ADDRESS, 900.0)
    return limiter


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    csrf = request.cookies.get(LOGIN_CSRF_COOKIE) or new_csrf_token()
    response = render(request, "login.html", csrf_token=csrf)
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        csrf,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path="/portal",
    )
    return response


@router.post("/login", response_model=None)
def login(
    request: Request,
    platform: PlatformDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()],
) -> Response:
    kept = request.cookies.get(LOGIN_CSRF_COOKIE)
    if kept is None or not same_secret(csrf_token, kept):
        return render(
            request, "login.html", 403, csrf_token=kept or new_csrf_token(), error="form_expired"
        )
    if not _login_limit(request).admit(client_ip(request)):
        return render(request, "login.html", 429, csrf_token=kept, error="too_many")
    try:
        with platform.uow() as uow:
            opened = log_in(
                uow, username, password, client_ip(request), LoginPolicy.of(platform.settings)
            )
    except LoginRefused:
        return render(
            request, "login.html", 401, csrf_token=kept, error="login_failed", username=username
        )
    response = RedirectResponse("/portal/", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        opened.secret,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/",
        expires=opened.expires_at,
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/portal")
    return response


@router.post("/logout")
def logout(
    request: Request, platform: PlatformDep, session: SessionDep, csrf_token: Annotated[str, Form()]
) -> RedirectResponse:
    require_session(session, csrf_token)
    with platform.uow() as uow:
        log_out(uow, request.cookies[SESSION_COOKIE], client_ip(request))
    response = RedirectResponse("/portal/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/", response_model=None)
def home(request: Request, platform: PlatformDep, session: SessionDep) -> Response:
    if session is None:
        return RedirectResponse("/portal/login", status_code=303)
    with platform.uow() as uow:
        page = home_page(uow, session.principal)
    return render(
        request, "home.html", page=page, csrf_token=session.csrf_token, principal=session.principal
    )


@router.post("/tokens", response_class=HTMLResponse)
def create_token(
    request: Request,
    platform: PlatformDep,
    session: SessionDep,
    csrf_token: Annotated[str, Form()],
    name: Annotated[str, Form()] = "",
    expires_days: Annotated[str, Form()] = "",
) -> HTMLResponse:
    found = require_session(session, csrf_token)
    if not found.principal.has_scope("tokens:admin"):
        raise Problem(403, "only the participant's admins manage tokens")
    days = int(expires_days) if expires_days.strip().isdigit() else None
    with platform.uow() as uow:
        issued = issue_token(
            uow,
            found.principal.participant_code,
            Origin(found.principal, client_ip(request)),
            name=name,
            expires_days=days,
        )
    # The page answers a POST: its language link goes home (a GET here would be refused).
    return render(request, "token.html", issued=issued, language_path="/portal/")


@router.post("/tokens/{token_id}/revoke")
def revoke(
    token_id: int,
    request: Request,
    platform: PlatformDep,
    session: SessionDep,
    csrf_token: Annotated[str, Form()],
) -> RedirectResponse:
    found = require_session(session, csrf_token)
    if not found.principal.has_scope("tokens:admin"):
        raise Problem(403, "only the participant's admins manage tokens")
    with platform.uow() as uow:
        revoke_token(
            uow,
            str(token_id),
            Origin(found.principal, client_ip(request)),
            participant_id=found.principal.participant_id,
        )
    return RedirectResponse("/portal/", status_code=303)


root_router = APIRouter(include_in_schema=False)


@root_router.get("/")
def root() -> RedirectResponse:
    return RedirectResponse("/portal/", status_code=307)
