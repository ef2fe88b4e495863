"""ASGI middleware that authenticates every request under the API prefix.

It runs before routing, so an unknown path under ``/api/v1/`` without credentials gets 401
just like a known one: the API does not reveal which routes exist to strangers.

A token found in the platform's token cache is accepted without opening a database session;
one is opened only for a miss, a portal session, or to record a token's use.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from http.cookies import SimpleCookie

import anyio.to_thread
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from eport.auth.authenticate import authenticate_token, principal_for_session
from eport.auth.credentials import same_secret
from eport.auth.principal import Principal
from eport.bootstrap import Platform
from eport.db.types import utcnow

SESSION_COOKIE = "eport_session"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class _Refusal(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


class AuthenticationMiddleware:
    """Sets ``request.state.principal`` or answers 401 problem+json."""

    def __init__(
        self,
        app: ASGIApp,
        platform: Platform,
        prefix: str,
        public_paths: Collection[str],
    ) -> None:
        self.app = app
        self.platform = platform
        self.prefix = prefix.rstrip("/")
        self.public_paths = frozenset(public_paths)

    def _protects(self, path: str) -> bool:
        if path in self.public_paths:
            return False
        return path == self.prefix or path.startswith(self.prefix + "/")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self._protects(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        try:
            principal = await anyio.to_thread.run_sync(self._authenticate, headers, scope["method"])
        except _Refusal as refusal:
            await _refuse(send, refusal.status, refusal.detail, scope["path"])
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)

    def _authenticate(self, headers: Headers, method: str) -> Principal:
        authorization = headers.get("authorization", "")
        if authorization:
            scheme, _, credential = authorization.partition(" ")
            if scheme.lower() != "bearer" or not credential.strip():
                raise _Refusal(401, "use 'Authorization: Bearer <token>'")
            principal = authenticate_token(
                credential.strip(), utcnow(), self.platform.token_cache, self.platform.uow
            )
            if principal is None:
                raise _Refusal(401, "the token is unknown, expired or revoked")
            return principal
        secret = _cookie(headers, SESSION_COOKIE)
        if secret:
            with self.platform.uow() as uow:
                found = principal_for_session(uow, secret, utcnow())
            if found is None:
                raise _Refusal(401, "the session has ended; log in again")
            if method not in SAFE_METHODS and not same_secret(
                headers.get(CSRF_HEADER), found.csrf_token
            ):
                raise _Refusal(403, "a session request that changes data needs X-CSRF-Token")
            return found.principal
        raise _Refusal(401, "credentials required: an API token (Bearer) or a portal session")


def _cookie(headers: Headers, name: str) -> str | None:
    raw = headers.get("cookie")
    if not raw:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # a malformed Cookie header is as good as none
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


async def _refuse(send: Send, status: int, detail: str, path: str) -> None:
    title = "Unauthorized" if status == 401 else "Forbidden"
    body = json.dumps(
        {
            "type": "about:blank",
            "title": title,
            "status": status,
            "detail": detail,
            "instance": path,
        }
    ).encode()
    headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode()),
    ]
    if status == 401:
        headers.append((b"www-authenticate", b'Bearer realm="eport"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
