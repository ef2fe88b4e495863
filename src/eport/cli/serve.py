"""``eport serve``: API, portal and background workers in one command (single node)."""

from __future__ import annotations

import logging

import typer
import uvicorn

from eport.cli import context
from eport.db import migrate
from eport.exchange.worker import (
    exit_on_sigterm,
    settle_garbage_collector,
    start_processes,
    stop_processes,
)
from eport.logs import configure_logging
from eport.web.app import create_app

log = logging.getLogger("eport.serve")


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on"),
    port: int = typer.Option(8000, help="Port to listen on"),
    demo: bool = typer.Option(
        False, "--demo", help="Load the demo port community and a simulated day of its traffic"
    ),
) -> None:
    """Run the platform: migrate, optionally load demo data, then serve HTTP."""
    settings = context.settings()
    configure_logging(json_lines=settings.log_json)
    migrate.upgrade(settings.database_url)
    platform = context.platform()
    if demo:
        from eport.demo import load_demo
        from eport.demo_traffic import load_demo_traffic

        load_demo(platform)
        load_demo_traffic(platform)
    app = create_app(settings, platform)
    exit_on_sigterm()
    workers = start_processes(settings, settings.workers)
    settle_garbage_collector()
    log.info("serving on http://%s:%d with %d worker process(es)", host, port, len(workers))
    try:
        uvicorn.run(app, host=host, port=port, log_config=None, access_log=False)
    finally:
        stop_processes(workers)
