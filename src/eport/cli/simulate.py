"""``eport simulate``: generate a port's EDI traffic, to files or into a running eport."""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Annotated

import httpx
import typer

from eport.cli.context import fail
from eport.simulation.render import PORT_TIME, RenderedInterchange, Rendering
from eport.simulation.sender import collect_outcomes, load_tokens, send_interchanges
from eport.simulation.simulator import (
    DEFAULT_START,
    SimulationSettings,
    reference_prefix,
    render_traffic,
)
from eport.simulation.simulator import simulate as run_simulation
from eport.simulation.writer import write_interchanges

_FIRST_DAY = DEFAULT_START.date().isoformat()


def simulate(
    vessels: Annotated[int, typer.Option(help="Vessel calls per day")] = 10,
    days: Annotated[int, typer.Option(help="Days over which the vessels arrive")] = 1,
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same traffic")] = 1,
    start: Annotated[
        str, typer.Option(help="First day of arrivals (YYYY-MM-DD, port local time)")
    ] = _FIRST_DAY,
    version: Annotated[
        str, typer.Option(help="Directory of the messages: D00B or D95B (VERMAS is always D16A)")
    ] = "D00B",
    workers: Annotated[int, typer.Option(help="Processes that render EDIFACT")] = 1,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write one .edi file per interchange into this directory"),
    ] = None,
    send: Annotated[
        str | None,
        typer.Option("--send", help="Base URL of a running eport to send the interchanges to"),
    ] = None,
    token_file: Annotated[
        Path | None,
        typer.Option("--token-file", help="JSON file: participant code -> API token (with --send)"),
    ] = None,
    wait: Annotated[
        float,
        typer.Option(
            help="With --send: seconds to wait for the hub's verdict on every interchange"
        ),
    ] = 0.0,
) -> None:
    """Simulate vessel calls with their export and import flows as EDIFACT interchanges."""
    if (out is None) == (send is None):
        fail("give exactly one of --out DIR or --send URL")
    if send is not None and token_file is None:
        fail("--send needs --token-file")
    if version not in ("D95B", "D00B"):
        fail(f"unknown directory version {version!r}: use D95B or D00B")
    try:
        first_day = datetime.fromisoformat(start).replace(tzinfo=PORT_TIME)
        settings = SimulationSettings(vessels=vessels, days=days, seed=seed, start=first_day)
    except ValueError as exc:
        fail(str(exc))
    began = time.perf_counter()
    traffic = run_simulation(settings)
    rendering = Rendering(
        version="D95B" if version == "D95B" else "D00B", reference_prefix=reference_prefix(settings)
    )
    interchanges = render_traffic(traffic, rendering, workers)
    typer.echo(
        f"{len(traffic.calls)} vessel calls, {len(traffic.dispatches)} messages "
        f"in {len(traffic.batches)} interchanges"
    )
    if out is not None:
        summary = write_interchanges(out, interchanges, len(traffic.batches))
        typer.echo(
            f"wrote {summary.files} files, {summary.messages} messages, "
            f"{summary.bytes} bytes to {out} in {time.perf_counter() - began:.1f} s"
        )
    else:
        assert send is not None and token_file is not None
        _send_all(send, token_file, interchanges, wait)
    if rendering.skipped:
        skipped = ", ".join(f"{t} {n}" for t, n in sorted(rendering.skipped.items()))
        typer.echo(f"not rendered (no EDIFACT translator yet): {skipped}", err=True)


def _send_all(
    base_url: str, token_file: Path, interchanges: Iterable[RenderedInterchange], wait: float
) -> None:
    """Send in order with each sender's token; report what the hub received and decided."""
    try:
        tokens = load_tokens(token_file)
    except (OSError, ValueError) as exc:
        fail(f"cannot read tokens from {token_file}: {exc}")
    with httpx.Client(base_url=base_url, timeout=30.0) as client:
        report = send_interchanges(client, tokens, interchanges)
        outcomes = (
            collect_outcomes(client, tokens, report.receipts, timeout=wait) if wait > 0 else None
        )
    typer.echo(
        f"received {report.accepted} interchanges ({report.messages_accepted} "
        f"messages), refused {report.rejected}; HTTP {dict(report.statuses)}"
    )
    for reason in report.first_rejections:
        typer.echo(f"  refused: {reason}", err=True)
    if outcomes is not None:
        typer.echo(f"hub outcomes: {dict(sorted(outcomes.items()))}")
