"""What the portal's browser tests run against: a real server, a second origin, Chromium.

``LiveServer`` serves an ASGI app with uvicorn on a free port of 127.0.0.1 in a thread, so
the browser talks HTTP to the same app and database the test checks. ``OtherOrigin`` is a
tiny second web server playing a hostile site: same host, another port, so it is another
origin but the same site, and the browser sends SameSite=Lax cookies with its form posts;
only the CSRF tokens stand in the way. ``CHROMIUM`` is the system's browser (Debian's
``chromium`` package); Playwright drives it and never downloads one of its own.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

import uvicorn
from starlette.types import ASGIApp

from conftest import TEST_PASSWORD

if TYPE_CHECKING:  # Playwright may be missing; the tests then skip before using it
    from playwright.sync_api import Page

CHROMIUM = Path(os.environ.get("EPORT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # containers and CI runners give no user namespaces for the sandbox
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_SECONDS = 20.0


def _free_socket() -> socket.socket:
    # Bound before the server starts, so no other process can take the port in between.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


class LiveServer:
    """``with LiveServer(app) as live:`` serves ``app`` at ``live.url`` until the block ends."""

    def __init__(self, app: ASGIApp) -> None:
        # log_config=None leaves the logging set up by the tests and the app alone.
        config = uvicorn.Config(
            app, log_config=None, access_log=False, lifespan="on", timeout_graceful_shutdown=2
        )
        self._server = uvicorn.Server(config)
        self._socket = _free_socket()
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def __enter__(self) -> Self:
        self._thread.start()
        deadline = time.monotonic() + STARTUP_SECONDS
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=STARTUP_SECONDS)
        self._socket.close()


class _PageHandler(BaseHTTPRequestHandler):
    server: _PageServer

    def do_GET(self) -> None:
        body = self.server.pages.get(self.path)
        if body is None:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests' output is pytest's."""


class _PageServer(ThreadingHTTPServer):
    pages: dict[str, str]


class OtherOrigin:
    """A second site on 127.0.0.1; ``publish(path, html)`` returns the page's URL."""

    def __init__(self) -> None:
        self._server = _PageServer(("127.0.0.1", 0), _PageHandler)
        self._server.pages = {}
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def publish(self, path: str, html: str) -> str:
        self._server.pages[path] = html
        return self.url + path

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()


def submit(page: Page, button: str) -> int:
    """Click a form's button; the HTTP status of the page it leads to."""
    with page.expect_navigation() as landed:
        page.get_by_role("button", name=button).click()
    response = landed.value
    assert response is not None
    return response.status


def log_in(
    page: Page,
    username: str = "alpha.admin",
    password: str = TEST_PASSWORD,
    *,
    labels: tuple[str, str, str] = ("Username", "Password", "Log in"),
    again: bool = False,
) -> int:
    """Fill in and send the login form (``again``: the one a refused login shows)."""
    if not again:
        page.goto("/portal/login")
    page.get_by_label(labels[0]).fill(username)
    page.get_by_label(labels[1]).fill(password)
    return submit(page, labels[2])


def forged_form(action: str, fields: dict[str, str]) -> str:
    inputs = "".join(f'<input type="hidden" name="{k}" value="{v}">' for k, v in fields.items())
    return (
        f'<!doctype html><form method="post" action="{action}">{inputs}'
        '<button type="submit">Win a prize</button></form>'
    )


def post_from(page: Page, site: OtherOrigin, action: str, fields: dict[str, str]) -> int:
    """Open a page of ``site`` whose form posts ``fields`` to ``action``, and send it."""
    page.goto(site.publish("/prize.html", forged_form(action, fields)))
    return submit(page, "Win a prize")
