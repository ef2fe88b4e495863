"""Liveness, readiness and metrics: open to anyone, no login."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from eport.bootstrap import Platform
from eport.db.migrate import is_at_head
from eport.web.problems import problem_response

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is alive (no login)")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="Database reachable and migrated to head (no login)")
def readyz(request: Request) -> JSONResponse:
    platform: Platform = request.app.state.platform
    try:
        with platform.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        migrated = is_at_head(platform.engine)
    except Exception as exc:  # any failure to reach the database means not ready
        return problem_response(503, f"database unreachable: {type(exc).__name__}")
    if not migrated:
        return problem_response(503, "database schema is not at the latest migration")
    return JSONResponse({"status": "ready"})


@router.get("/metrics", summary="Prometheus metrics (no login)")
def metrics(request: Request) -> PlainTextResponse:
    body = generate_latest(request.app.state.metrics_registry)
    return PlainTextResponse(body, media_type=CONTENT_TYPE_LATEST)
