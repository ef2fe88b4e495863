"""Background workers: the loop that claims and runs jobs, and the processes that run loops.

A worker process runs two loops: interchanges (claim a batch, process it in one transaction)
and pushes (webhooks and other pushed channels, sent from a small thread pool). On PostgreSQL
an idle worker sleeps on LISTEN until a commit NOTIFYs it (or a second passes, for retries
and expired leases); on SQLite it polls with a cheap read. `eport serve` starts worker processes
beside the web server; `eport worker` runs them alone, on any machine reaching the database.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import socket
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any

import psycopg

from eport.bootstrap import Platform, build_platform
from eport.exchange import jobs
from eport.exchange.channels import OutboundChannel
from eport.exchange.channels.webhook import WebhookChannel
from eport.exchange.pipeline import MessageValidator
from eport.exchange.processing import BatchProcessor
from eport.exchange.pushing import push_once
from eport.exchange.validation import message_validator
from eport.settings import Settings

log = logging.getLogger("eport.worker")
IDLE_WAIT_POSTGRES = 1.0
IDLE_WAIT_SQLITE = 0.05


@dataclass(frozen=True)
class WorkerOptions:
    batch_size: int = 50
    lease_seconds: float = jobs.DEFAULT_LEASE_SECONDS
    push_threads: int = 8


def new_owner() -> str:
    """A lease owner name unique to this process and run."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Waker:
    """Waits for new jobs: LISTEN/NOTIFY on PostgreSQL, a short sleep on SQLite."""

    def __init__(self, platform: Platform, kind: str) -> None:
        self._conn: psycopg.Connection[Any] | None = None
        self._platform = platform
        if not platform.is_sqlite:
            url = platform.engine.url.set(drivername="postgresql")
            self._conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
            self._conn.execute(f"LISTEN {jobs.notify_channel(kind)}")

    def wait(self, stop: threading.Event) -> None:
        if self._conn is None:
            stop.wait(IDLE_WAIT_SQLITE)
            return
        for _ in self._conn.notifies(timeout=IDLE_WAIT_POSTGRES, stop_after=1):
            break

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()


class Worker:
    """One worker: ``run_once``/``push_once`` do one batch (tests), ``run`` loops until stopped."""

    def __init__(
        self,
        platform: Platform,
        options: WorkerOptions | None = None,
        *,
        channels: dict[str, OutboundChannel] | None = None,
        validator: MessageValidator | None = None,
    ) -> None:
        self.platform = platform
        self.options = options or WorkerOptions()
        self.owner = new_owner()
        if validator is None:
            validator = message_validator(platform.settings.data_dir)
        self.processor = BatchProcessor(platform, self.owner, validator=validator)
        self._webhook = WebhookChannel(platform.settings.webhook_timeout_seconds)
        self.channels: dict[str, OutboundChannel] = channels or {"webhook": self._webhook}
        self._pool = ThreadPoolExecutor(self.options.push_threads, thread_name_prefix="eport-push")

    def run_once(self) -> int:
        with self.platform.uow() as uow:
            claimed = jobs.claim(
                uow.session,
                jobs.PROCESS,
                self.owner,
                self.options.batch_size,
                self.options.lease_seconds,
                lane_depth=self.options.batch_size,
            )
            uow.commit()
        self.processor.run(claimed)
        return len(claimed)

    def push_once(self) -> int:
        lease = max(self.options.lease_seconds, 3 * self.platform.settings.webhook_timeout_seconds)
        return push_once(
            self.platform,
            self.channels,
            self.owner,
            self._pool,
            limit=self.options.push_threads * 4,
            lease_seconds=lease,
        )

    def drain(self, rounds: int = 100) -> None:
        """Run until nothing is ready (tests and one-shot commands)."""
        for _ in range(rounds):
            if self.run_once() == 0 and self.push_once() == 0:
                return

    def run(self, stop: threading.Event) -> None:
        pusher = threading.Thread(
            target=self._loop,
            args=(stop, self.push_once, jobs.PUSH),
            name="eport-push-loop",
            daemon=True,
        )
        pusher.start()
        self._loop(stop, self.run_once, jobs.PROCESS)
        pusher.join(timeout=30)

    def _loop(self, stop: threading.Event, step: Callable[[], int], kind: str) -> None:
        waker = Waker(self.platform, kind)
        try:
            while not stop.is_set():
                try:
                    busy = step() > 0
                except Exception:
                    log.exception("worker step failed")
                    busy = False
                if not busy:
                    waker.wait(stop)
        finally:
            waker.close()

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        self._webhook.close()


PARENT_CHECK_SECONDS = 1.0


def run_worker(
    settings: Settings, options: WorkerOptions | None = None, *, parent_pid: int | None = None
) -> None:
    """Run one worker in this process until SIGTERM or SIGINT; finish the batch in hand.

    A worker started by another process (``parent_pid``) also stops when that process is
    gone, however it ended: a killed ``eport serve`` must not leave workers running.
    """
    stop = threading.Event()

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    if parent_pid is not None:
        threading.Thread(
            target=_stop_when_orphaned, args=(parent_pid, stop), name="eport-parent", daemon=True
        ).start()
    platform = build_platform(settings)
    worker = Worker(platform, options)
    settle_garbage_collector()
    log.info("worker %s started", worker.owner)
    try:
        worker.run(stop)
    finally:
        worker.close()
        platform.close()
        log.info("worker %s stopped", worker.owner)


def _stop_when_orphaned(parent_pid: int, stop: threading.Event) -> None:
    while not stop.wait(PARENT_CHECK_SECONDS):
        if os.getppid() != parent_pid:
            log.warning("the process that started this worker is gone; stopping")
            stop.set()


def _child_main(settings_data: dict[str, Any], options: WorkerOptions, parent_pid: int) -> None:
    from eport.logs import configure_logging

    settings = Settings(**settings_data)
    configure_logging(json_lines=settings.log_json)
    run_worker(settings, options, parent_pid=parent_pid)


def settle_garbage_collector() -> None:
    """For a long-running process, once it has loaded what it keeps: what exists now is never
    scanned again, and collections come less often. A worker makes and drops many objects
    per message but few cycles; these settings took a fifth off its CPU per message."""
    gc.freeze()
    gc.set_threshold(50_000, 50, 1_000)


def exit_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit in this (parent) process, so that its ``finally`` blocks
    run and stop its worker processes. Without it the default action ends the process at
    once (uvicorn, too, re-raises the SIGTERM it caught once it has shut down)."""

    def _exit(_signum: int, _frame: FrameType | None) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, _exit)


def start_processes(
    settings: Settings, count: int, options: WorkerOptions | None = None
) -> list[BaseProcess]:
    """Start ``count`` worker processes (one on SQLite: it has a single writer)."""
    count = 1 if settings.database_url.startswith("sqlite") else max(1, count)
    ctx = multiprocessing.get_context("spawn")
    data = settings.model_dump()
    processes: list[BaseProcess] = []
    for i in range(count):
        p = ctx.Process(
            target=_child_main,
            args=(data, options or WorkerOptions(), os.getpid()),
            name=f"eport-worker-{i + 1}",
            daemon=False,
        )
        p.start()
        processes.append(p)
    return processes


def stop_processes(processes: list[BaseProcess], timeout: float = 30.0) -> None:
    """SIGTERM each worker, wait for it to finish its batch, kill it if it does not."""
    for p in processes:
        if p.is_alive() and p.pid is not None:
            os.kill(p.pid, signal.SIGTERM)
    for p in processes:
        p.join(timeout)
        if p.is_alive():
            p.kill()
            p.join(5)
