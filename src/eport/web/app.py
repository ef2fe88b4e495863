"""The application factory: ``create_app(settings)`` builds a complete ASGI app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles
from prometheus_client import CollectorRegistry

import eport
from eport.auth import api as auth_api
from eport.auth.middleware import AuthenticationMiddleware
from eport.bootstrap import Platform, build_platform
from eport.codemaps import api as codemaps_api
from eport.exchange import api as exchange_api
from eport.participants import api as participants_api
from eport.portal import routes as portal
from eport.settings import Settings
from eport.web import health
from eport.web.deps import install_access_error_handler
from eport.web.limits import BodySizeLimit
from eport.web.metrics import HttpMetrics, MetricsMiddleware
from eport.web.problems import install_problem_handlers

API_PREFIX = "/api/v1"
OPENAPI_URL = f"{API_PREFIX}/openapi.json"
# Paths under the API prefix that need no credentials.
PUBLIC_API_PATHS = frozenset(
    {OPENAPI_URL, f"{API_PREFIX}/docs", f"{API_PREFIX}/docs/oauth2-redirect"}
)


def api_routers() -> list[APIRouter]:
    """Every router served under /api/v1; each area contributes its own."""
    routers: list[APIRouter] = [participants_api.router, auth_api.router, codemaps_api.router]
    routers += exchange_api.routers()
    return routers


def create_app(settings: Settings, platform: Platform | None = None) -> FastAPI:
    platform = platform or build_platform(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        platform.close()

    app = FastAPI(
        title="eport",
        version=eport.__version__,
        description="Electronic port (电子口岸): exchange hub, one-stop query and services.",
        openapi_url=OPENAPI_URL,
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.platform = platform
    app.state.settings = settings
    registry = CollectorRegistry()
    app.state.metrics_registry = registry
    install_problem_handlers(app)
    install_access_error_handler(app)
    app.include_router(health.router)
    for router in api_routers():
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(participants_api.public_router)
    app.include_router(portal.router)
    app.include_router(portal.root_router)
    app.mount("/portal/static", StaticFiles(directory=portal.STATIC_DIR), name="portal-static")
    # Starlette runs the middleware added last first: size limit, then metrics, then auth.
    app.add_middleware(
        AuthenticationMiddleware,
        platform=platform,
        prefix=API_PREFIX,
        public_paths=PUBLIC_API_PATHS,
    )
    app.add_middleware(MetricsMiddleware, metrics=HttpMetrics(registry))
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)
    return app
