"""FastAPI dependencies shared by every route: the platform and the calling principal.

Every API route names who may call it through these: ``PrincipalDep`` (any authenticated
caller), ``require_scope(scope)``, ``OperatorDep`` (a participant with the role operator).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from eport.auth.audit import Origin
from eport.auth.principal import Principal
from eport.bootstrap import Platform
from eport.participants.errors import AccessError, Conflict, Forbidden, Invalid, NotFound
from eport.web.problems import Problem, problem_response


def get_platform(request: Request) -> Platform:
    platform: Platform = request.app.state.platform
    return platform


# Declares bearer tokens in the OpenAPI document (the docs' "Authorize" button); the
# authentication itself happens earlier, in AuthenticationMiddleware.
_bearer = HTTPBearer(auto_error=False, description="an API token: eport tokens create")


def current_principal(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is None:
        raise Problem(401, "credentials required", headers={"WWW-Authenticate": "Bearer"})
    return principal


PlatformDep = Annotated[Platform, Depends(get_platform)]
PrincipalDep = Annotated[Principal, Depends(current_principal)]


def require_scope(scope: str) -> Callable[[Principal], Principal]:
    """A dependency that lets through only callers holding ``scope``."""

    def _check(principal: PrincipalDep) -> Principal:
        if not principal.has_scope(scope):
            raise Problem(403, f"this needs the scope '{scope}'", required_scope=scope)
        return principal

    _check.__name__ = f"require_{scope.replace(':', '_')}"
    return _check


def require_operator(principal: PrincipalDep) -> Principal:
    if not principal.is_operator:
        raise Problem(403, "only the platform operator may do this")
    return principal


OperatorDep = Annotated[Principal, Depends(require_operator)]


def client_ip(request: Request) -> str:
    return request.client.host if request.client else ""


def origin(request: Request, principal: PrincipalDep) -> Origin:
    """Who acts and from where, for the audit log."""
    return Origin(principal, client_ip(request))


OriginDep = Annotated[Origin, Depends(origin)]

_STATUS = {NotFound: 404, Conflict: 409, Invalid: 422, Forbidden: 403}


def install_access_error_handler(app: FastAPI) -> None:
    """Map the use cases' deliberate errors to problem+json, in one place."""

    @app.exception_handler(AccessError)
    async def _access_error(request: Request, exc: AccessError) -> JSONResponse:
        status = next((s for kind, s in _STATUS.items() if isinstance(exc, kind)), 400)
        return problem_response(status, str(exc), instance=request.url.path)
