"""What every portal page shares: rendering in the page's language, the session, CSRF checks.

A page needing a logged-in user takes ``SessionDep`` (None when nobody is logged in); a form
that changes something passes its ``csrf_token`` field to ``require_session``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from eport.auth.authenticate import SessionPrincipal, principal_for_session
from eport.auth.credentials import same_secret
from eport.auth.middleware import SESSION_COOKIE
from eport.db.types import utcnow
from eport.portal.i18n import LANG_COOKIE, MESSAGES, choose_language
from eport.web.deps import PlatformDep
from eport.web.problems import Problem

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))


def _moment(value: datetime | str | None) -> str:
    """A UTC time as the portal shows it; the exchange hub hands times over as ISO text."""
    if value is None or value == "":
        return "-"
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def _size(count: int) -> str:
    """A size in bytes as people read it: 812 B, 4.2 KiB, 20 MiB."""
    if count < 1024:
        return f"{count} B"
    amount, unit = (count / 1024, "KiB") if count < 1024 * 1024 else (count / 1024**2, "MiB")
    return f"{amount:.0f} {unit}" if amount >= 100 else f"{amount:.3g} {unit}"


TEMPLATES.env.filters["moment"] = _moment
TEMPLATES.env.filters["size"] = _size


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = choose_language(request)
    response = TEMPLATES.TemplateResponse(
        request, name, {"t": MESSAGES[lang], "lang": lang, **context}, status_code=status
    )
    if request.query_params.get("lang") == lang:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax")
    # Pages hold a participant's data, CSRF tokens or a new token's secret: no cache may keep
    # them, so after logout the browser's Back button cannot show them again.
    response.headers["Cache-Control"] = "no-store"
    return response


def render_refusal(
    request: Request, session: SessionPrincipal, status: int, reason: str
) -> HTMLResponse:
    """A 403 or 404 page in the page's language; a 404 says only that nothing was found."""
    return render(
        request,
        "refused.html",
        status,
        reason=reason,
        principal=session.principal,
        csrf_token=session.csrf_token,
    )


def current_session(request: Request, platform: PlatformDep) -> SessionPrincipal | None:
    secret = request.cookies.get(SESSION_COOKIE)
    if not secret:
        return None
    with platform.uow() as uow:
        return principal_for_session(uow, secret, utcnow())


SessionDep = Annotated[SessionPrincipal | None, Depends(current_session)]


def require_session(found: SessionPrincipal | None, csrf_token: str) -> SessionPrincipal:
    if found is None:
        raise Problem(401, "log in first")
    if not same_secret(csrf_token, found.csrf_token):
        raise Problem(403, "the form's CSRF token is missing or wrong")
    return found
