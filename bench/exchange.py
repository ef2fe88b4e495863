"""Benchmark of the exchange hub, end to end through the HTTP API.

Starts a real ``eport serve`` (uvicorn and worker processes) on 127.0.0.1 against a scratch
database (SQLite file or a new PostgreSQL database), registers terminals and depots that send
and carriers that receive, and sends a realistic mix (CODECO, COARRI, IFTSTA; 1 to 50 messages
per interchange) through ``POST /api/v1/interchanges``. Two phases:

1. throughput: everything at once; messages (UNH...UNT) per second from the first receipt
   to the last delivery being available in a mailbox;
2. latency: a steady offered rate (``--rate`` messages/s); p50/p99 from receipt to
   mailbox-available, taken from the database's own timestamps.

    python bench/exchange.py --db postgres --interchanges 4000 --rate 200
    python bench/exchange.py --db sqlite --interchanges 1000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pwd
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import aiohttp
import httpx
import psycopg
from sqlalchemy import func, select

from eport.auth.audit import Origin
from eport.auth.principal import CLI_PRINCIPAL
from eport.auth.tokens import issue_token
from eport.bootstrap import build_platform
from eport.db.migrate import upgrade
from eport.edifact.codecheck_iso6346 import check_digit
from eport.exchange import configuration as config
from eport.exchange.models import Delivery, InterchangeRecord, Job
from eport.participants.rules import Identifier
from eport.participants.services import ParticipantDraft, add_participant
from eport.settings import load_settings

SECRET = "bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
MIX = (("CODECO", 0.55), ("COARRI", 0.30), ("IFTSTA", 0.15))


@dataclass
class Sender:
    code: str
    token: str


@dataclass
class Item:
    sender: Sender
    body: bytes
    messages: int


def message_count(rng: random.Random) -> int:
    """1..50 messages: most interchanges small, some large (load lists, gate batches)."""
    roll = rng.random()
    if roll < 0.5:
        return rng.randint(1, 5)
    if roll < 0.85:
        return rng.randint(6, 20)
    return rng.randint(21, 50)


def container(rng: random.Random) -> str:
    owner = rng.choice(("MSCU", "MAEU", "CMAU", "TGHU", "OOLU"))
    first_ten = f"{owner}{rng.randint(0, 999999):06d}"
    return first_ten + str(check_digit(first_ten))


def message(rng: random.Random, mtype: str, ref: str, carrier: str) -> list[str]:
    box = container(rng)
    when = f"2026112{rng.randint(0, 7)}{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}"
    if mtype == "CODECO":
        body = [
            f"BGM+{rng.choice(('34', '36'))}+GT{ref}+9",
            f"TDT+1++3++{carrier}:172:20",
            f"NAD+MS+{carrier}:160:ZZZ",
            f"NAD+CF+{carrier}:160:ZZZ",
            f"EQD+CN+{box}+{rng.choice(('22G1', '45G1', '42G1', '45R1'))}:102:5++2+5",
            f"RFF+BN:BK{rng.randint(100000, 999999)}",
            f"DTM+7:{when}:203",
            "LOC+165+CNNGB:139:6+NBCT:TER:ZZZ",
            f"MEA+AAE+G+KGM:{rng.randint(2000, 30000)}",
            f"SEL+{rng.randint(100000, 999999)}+CA",
            f"TDT+1++3+31++++{ref}:146:ZZZ",
            "CNT+16:1",
        ]
    elif mtype == "COARRI":
        body = [
            f"BGM+{rng.choice(('44', '46'))}+LD{ref}+9",
            f"TDT+20+V{rng.randint(100, 999)}E+1++{carrier}:172:20+++9123456:146:11",
            "LOC+9+CNNGB:139:6",
            f"DTM+178:{when}:203",
            f"NAD+CA+{carrier}:160:ZZZ",
            f"NAD+CF+{carrier}:160:ZZZ",
            f"EQD+CN+{box}+45G1:102:5++2+5",
            f"DTM+203:{when}:203",
            f"LOC+147+0{rng.randint(10, 99)}0{rng.randint(100, 999)}::5",
            f"MEA+AAE+G+KGM:{rng.randint(2000, 30000)}",
            "CNT+16:1",
        ]
    else:
        body = [
            f"BGM+23+ST{ref}+9",
            f"DTM+137:{when}:203",
            f"NAD+CF+{carrier}:160:ZZZ",
            f"CNI+1+BL{rng.randint(100000, 999999)}",
            f"STS+1+{rng.choice(('1', '2', '3'))}",
            f"RFF+BN:BK{rng.randint(100000, 999999)}",
            f"DTM+334:{when}:203",
            "LOC+175+CNNGB:139:6",
            f"EQD+CN+{box}+45G1:102:5",
        ]
    version = {"CODECO": "D:95B:UN:ITG14", "COARRI": "D:95B:UN", "IFTSTA": "D:00B:UN"}[mtype]
    segments = [f"UNH+{ref}+{mtype}:{version}", *body]
    segments.append(f"UNT+{len(segments) + 1}+{ref}")
    return segments


def interchange(rng: random.Random, sender: str, carriers: list[str], n: int) -> bytes:
    carrier = rng.choice(carriers)
    ref = f"{rng.randint(0, 10**13):014d}"
    lines = [f"UNB+UNOA:2+{sender}:ZZZ+EPORT:ZZZ+261127:0415+{ref}"]
    for i in range(1, n + 1):
        mtype = rng.choices([m for m, _ in MIX], [w for _, w in MIX])[0]
        lines += message(rng, mtype, f"{i}", carrier)
    lines.append(f"UNZ+{n}+{ref}")
    return ("UNA:+.? '" + "'\n".join(lines) + "'\n").encode("ascii")


def scratch_database(kind: str, workdir: Path, pg_base: str) -> tuple[str, str | None]:
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'bench.db'}", None
    name = f"eport_bench_{os.getpid()}"
    with psycopg.connect(pg_base + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{pg_base.replace('postgresql://', 'postgresql+psycopg://')}/{name}", name


def drop_database(pg_base: str, name: str) -> None:
    with psycopg.connect(pg_base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def populate(
    url: str, data_dir: Path, senders: int, carriers: int
) -> tuple[list[Sender], list[str]]:
    settings = load_settings(
        environment="test", data_dir=data_dir, database_url=url, secret_key=SECRET
    )
    platform = build_platform(settings)
    origin = Origin(CLI_PRINCIPAL, "bench")
    carrier_codes = [f"CAR{i:02d}" for i in range(carriers)]
    for code in carrier_codes:
        with platform.uow() as uow:
            add_participant(
                uow,
                ParticipantDraft(
                    code=code, roles=["carrier"], name_en=code, identifiers=[Identifier.edi(code)]
                ),
                origin,
            )
    out = []
    for i in range(senders):
        code = f"TRM{i:02d}"
        with platform.uow() as uow:
            add_participant(
                uow,
                ParticipantDraft(
                    code=code, roles=["terminal"], name_en=code, identifiers=[Identifier.edi(code)]
                ),
                origin,
            )
        with platform.uow() as uow:
            out.append(Sender(code, issue_token(uow, code, origin).secret))
    config.add_rule(
        platform, config.RuleDraft(description="container operator", party_qualifier="CF")
    )
    platform.close()
    return out, carrier_codes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str, data_dir: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        EPORT_DATABASE_URL=url,
        EPORT_DATA_DIR=str(data_dir),
        EPORT_SECRET_KEY=SECRET,
        EPORT_WORKERS=str(workers),
        EPORT_LOG_JSON="true",
        EPORT_RATE_LIMIT_PER_SECOND="100000",
        EPORT_RATE_LIMIT_BURST="100000",
    )
    log = open(data_dir / "server.log", "wb")  # noqa: SIM115 - kept open for the child
    server = subprocess.Popen(
        [sys.executable, "-m", "eport", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=log,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"the server did not start; see {data_dir / 'server.log'}")


async def post_all(
    base: str, items: list[Item], concurrency: int, rate: float | None
) -> list[float]:
    """POST every item (at ``rate`` messages/s if given); returns each request's seconds.

    aiohttp, not httpx: the load generator shares the two cores with the server, and its
    cost per request is a fraction of httpx's.
    """
    latencies: list[float] = []
    queue: asyncio.Queue[Item | None] = asyncio.Queue(maxsize=concurrency * 2)
    url = f"{base}/api/v1/interchanges"

    async def worker(session: aiohttp.ClientSession) -> None:
        while (item := await queue.get()) is not None:
            started = time.perf_counter()
            headers = {
                "Authorization": f"Bearer {item.sender.token}",
                "Content-Type": "application/edifact",
            }
            async with session.post(url, data=item.body, headers=headers) as response:
                text = await response.text()
                if response.status != 202:
                    raise SystemExit(f"send failed: {response.status} {text}")
            latencies.append(time.perf_counter() - started)

    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        tasks = [asyncio.create_task(worker(session)) for _ in range(concurrency)]
        start, sent = time.perf_counter(), 0
        for item in items:
            if rate:
                due = start + sent / rate
                if (wait := due - time.perf_counter()) > 0:
                    await asyncio.sleep(wait)
            await queue.put(item)
            sent += item.messages
        for _ in tasks:
            await queue.put(None)
        await asyncio.gather(*tasks)
    return latencies


def wait_until_done(url: str, data_dir: Path, timeout: float) -> None:
    settings = load_settings(
        environment="test", data_dir=data_dir, database_url=url, secret_key=SECRET
    )
    platform = build_platform(settings)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            with platform.uow() as uow:
                left = uow.session.scalar(select(func.count()).select_from(Job))
            if not left:
                return
            time.sleep(0.1)
        raise SystemExit("timed out waiting for the workers")
    finally:
        platform.close()


@dataclass
class Figures:
    messages: int
    interchanges: int
    seconds: float
    latencies: list[float]
    statuses: dict[str, int]


def measure(url: str, data_dir: Path, after_id: int) -> Figures:
    settings = load_settings(
        environment="test", data_dir=data_dir, database_url=url, secret_key=SECRET
    )
    platform = build_platform(settings)
    with platform.uow() as uow:
        s = uow.session
        first_delivery = (
            select(Delivery.interchange_id, func.min(Delivery.created_at))
            .where(Delivery.interchange_id > after_id, Delivery.kind == "forward")
            .group_by(Delivery.interchange_id)
        )
        delivered: dict[int, datetime] = {row[0]: row[1] for row in s.execute(first_delivery)}
        rows = s.execute(
            select(
                InterchangeRecord.id,
                InterchangeRecord.received_at,
                InterchangeRecord.message_count,
                InterchangeRecord.status,
            ).where(InterchangeRecord.id > after_id)
        ).all()
    platform.close()
    statuses: dict[str, int] = {}
    for row in rows:
        statuses[row.status] = statuses.get(row.status, 0) + 1
    latencies = [
        (delivered[r.id] - r.received_at).total_seconds() for r in rows if r.id in delivered
    ]
    start = min(r.received_at for r in rows)
    end = max(delivered.values())
    return Figures(
        sum(r.message_count for r in rows),
        len(rows),
        (end - start).total_seconds(),
        latencies,
        statuses,
    )


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def last_id(url: str, data_dir: Path) -> int:
    settings = load_settings(
        environment="test", data_dir=data_dir, database_url=url, secret_key=SECRET
    )
    platform = build_platform(settings)
    with platform.uow() as uow:
        value = uow.session.scalar(select(func.max(InterchangeRecord.id)))
    platform.close()
    return int(value or 0)


def _ticks(pid: int) -> tuple[int, int, int] | None:
    """(parent pid, uid, utime + stime in clock ticks) of a process, from /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        uid = Path(f"/proc/{pid}").stat().st_uid
    except (OSError, IndexError):
        return None
    return int(stat[1]), uid, int(stat[11]) + int(stat[12])


def cpu_seconds(server_pid: int) -> dict[str, float]:
    """CPU seconds used so far by the web server, its worker processes and PostgreSQL (the
    processes of the user running it); empty where /proc is missing. Wall-clock figures
    move with whatever else the machine runs; CPU per message does not, or much less."""
    if not Path("/proc").is_dir():
        return {}
    hz = os.sysconf("SC_CLK_TCK")
    try:
        postgres_uid = pwd.getpwnam("postgres").pw_uid
    except KeyError:
        postgres_uid = -1
    out = {"web server": 0.0, "workers": 0.0, "PostgreSQL": 0.0}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        found = _ticks(int(entry.name))
        if found is None:
            continue
        parent, uid, ticks = found
        if int(entry.name) == server_pid:
            out["web server"] += ticks / hz
        elif parent == server_pid:
            out["workers"] += ticks / hz
        elif uid == postgres_uid:
            out["PostgreSQL"] += ticks / hz
    return out


def report_cpu(before: dict[str, float], after: dict[str, float], messages: int) -> None:
    if not before or not after:
        return
    parts = [
        f"{name} {(after[name] - before[name]) / messages * 1000:.2f}"
        for name in after
        if after[name] > before[name]
    ]
    print("CPU per message (ms): " + ", ".join(parts))


def report(title: str, figures: Figures, http: list[float]) -> None:
    print(f"\n== {title}")
    print(
        f"interchanges {figures.interchanges}, messages {figures.messages}, "
        f"statuses {figures.statuses}"
    )
    print(
        f"end to end (first receipt -> last mailbox-available): {figures.seconds:.2f} s, "
        f"{figures.messages / figures.seconds:.0f} messages/s"
    )
    if figures.latencies:
        print(
            f"latency receipt -> mailbox-available: p50 "
            f"{percentile(figures.latencies, 50) * 1000:.0f} ms, "
            f"p99 {percentile(figures.latencies, 99) * 1000:.0f} ms, "
            f"max {max(figures.latencies) * 1000:.0f} ms"
        )
    print(
        f"HTTP POST (202 after commit): p50 {statistics.median(http) * 1000:.1f} ms, "
        f"p99 {percentile(http, 99) * 1000:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--pg",
        default="postgresql://postgres@127.0.0.1:5432",
        help="PostgreSQL server for the scratch database",
    )
    parser.add_argument("--senders", type=int, default=20)
    parser.add_argument("--carriers", type=int, default=12)
    parser.add_argument("--interchanges", type=int, default=2000, help="throughput phase")
    parser.add_argument("--rate", type=float, default=200.0, help="latency phase, messages/s")
    parser.add_argument("--rate-seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2, help="worker processes (PostgreSQL)")
    parser.add_argument("--concurrency", type=int, default=16, help="HTTP requests in flight")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    workdir = Path(tempfile.mkdtemp(prefix="eport-bench-"))
    url, pg_name = scratch_database(args.db, workdir, args.pg)
    server = None
    try:
        upgrade(url)
        senders, carriers = populate(url, workdir, args.senders, args.carriers)

        def items(count: int) -> list[Item]:
            out = []
            for _ in range(count):
                sender = rng.choice(senders)
                n = message_count(rng)
                out.append(Item(sender, interchange(rng, sender.code, carriers, n), n))
            return out

        throughput = items(args.interchanges)
        total = sum(i.messages for i in throughput)
        size = sum(len(i.body) for i in throughput)
        print(
            f"database {args.db}, {args.workers if args.db == 'postgres' else 1} worker "
            f"process(es), {len(senders)} senders, {len(carriers)} recipients, "
            f"{os.cpu_count()} CPUs"
        )
        print(
            f"corpus: {len(throughput)} interchanges, {total} messages, "
            f"{size / 1e6:.1f} MB, {total / len(throughput):.1f} messages per interchange"
        )
        port = free_port()
        server = start_server(url, workdir, port, args.workers)
        base = f"http://127.0.0.1:{port}"

        before = last_id(url, workdir)
        cpu_before = cpu_seconds(server.pid)
        http = asyncio.run(post_all(base, throughput, args.concurrency, None))
        wait_until_done(url, workdir, 1800)
        cpu_after = cpu_seconds(server.pid)
        report("throughput (all at once)", measure(url, workdir, before), http)
        report_cpu(cpu_before, cpu_after, total)

        steady: list[Item] = []
        while sum(i.messages for i in steady) < args.rate * args.rate_seconds:
            steady += items(1)
        before = last_id(url, workdir)
        http = asyncio.run(post_all(base, steady, args.concurrency, args.rate))
        wait_until_done(url, workdir, 600)
        report(
            f"latency at a steady {args.rate:.0f} messages/s", measure(url, workdir, before), http
        )
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(60)
            except subprocess.TimeoutExpired:
                server.kill()
        if pg_name is not None:
            drop_database(args.pg, pg_name)


if __name__ == "__main__":
    main()
