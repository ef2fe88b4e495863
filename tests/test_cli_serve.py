"""``eport serve`` as an operator runs it: stopping it, however it ends, stops its workers."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], list[int]]]:
    if not Path("/proc").is_dir():
        pytest.skip("needs /proc to find the worker processes")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(
        os.environ,
        EPORT_DATA_DIR=str(tmp_path),
        EPORT_DATABASE_URL=f"sqlite:///{tmp_path / 'eport.db'}",
        EPORT_ENVIRONMENT="test",
        EPORT_SECRET_KEY="serve-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "eport", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def up() -> bool:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        assert _wait(up, 60), "the server did not start"
        workers = [p for p in _children(process.pid) if _alive(p)]
        assert workers, "no worker process was started"
        yield process, workers
    finally:
        for pid in [process.pid, *_children(process.pid)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait(10)


def test_sigterm_stops_the_server_and_its_workers(
    server: tuple[subprocess.Popen[bytes], list[int]],
) -> None:
    process, workers = server
    process.send_signal(signal.SIGTERM)
    assert process.wait(40) == 0
    assert _wait(lambda: not any(_alive(w) for w in workers), 10)


def test_workers_stop_when_the_server_is_killed(
    server: tuple[subprocess.Popen[bytes], list[int]],
) -> None:
    process, workers = server
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    assert _wait(lambda: not any(_alive(w) for w in workers), 15)
