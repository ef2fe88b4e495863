"""Exchange hub commands: ``eport worker``, ``eport send`` and the hub's configuration
(``eport routes``, ``eport profiles``, ``eport permissions``, ``eport deadletters``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy import select

from eport.cli import context
from eport.cli.admin import administering
from eport.exchange import configuration as config
from eport.exchange import deadletters
from eport.exchange.receiving import InterchangeTooLarge, receive_interchange
from eport.exchange.worker import (
    WorkerOptions,
    exit_on_sigterm,
    run_worker,
    start_processes,
    stop_processes,
)
from eport.participants.models import Participant

routes_app = typer.Typer(help="Routing rules of the exchange hub.", no_args_is_help=True)
profiles_app = typer.Typer(help="Recipient profiles per message type.", no_args_is_help=True)
permissions_app = typer.Typer(
    help="Which roles may send which message types.", no_args_is_help=True
)
deadletters_app = typer.Typer(help="Dead letters: list, inspect, replay.", no_args_is_help=True)


def _print(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _guard(call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except (config.ConfigError, config.ConfigNotFound, deadletters.DeadLetterNotFound) as exc:
        context.fail(str(exc))


def worker(
    processes: int = typer.Option(0, help="Worker processes (default: EPORT_WORKERS)"),
    batch_size: int = typer.Option(50, help="Interchanges claimed per batch"),
    lease_seconds: float = typer.Option(30.0, help="Lease of a claim; then others take over"),
) -> None:
    """Run background workers only (add them on other machines to scale out)."""
    from eport.logs import configure_logging

    settings = context.settings()
    configure_logging(json_lines=settings.log_json)
    options = WorkerOptions(batch_size=batch_size, lease_seconds=lease_seconds)
    count = processes or settings.workers
    if count <= 1:
        run_worker(settings, options)
        return
    exit_on_sigterm()
    children = start_processes(settings, count, options)
    try:
        for child in children:
            child.join()
    except KeyboardInterrupt:
        pass
    finally:
        stop_processes(children)


def send(
    file: Annotated[Path, typer.Argument(help="Interchange file, or - for standard input")],
    as_: Annotated[str, typer.Option("--as", help="Code of the sending participant")],
) -> None:
    """Send an interchange into the hub as a participant; prints the interchange id."""
    raw = sys.stdin.buffer.read() if str(file) == "-" else _read(file)
    with administering() as platform:
        with platform.uow() as uow:
            sender_id = uow.session.scalar(
                select(Participant.id).where(Participant.code == as_.upper())
            )
        if sender_id is None:
            context.fail(f"no participant {as_!r}")
        try:
            receipt = receive_interchange(platform, sender_id, raw, "cli")
        except (InterchangeTooLarge, ValueError) as exc:
            context.fail(str(exc))
    typer.echo(receipt.id)


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as exc:
        context.fail(f"cannot read {file}: {exc.strerror}", code=2)


@routes_app.command("list")
def routes_list() -> None:
    """List the routing rules."""
    with administering() as platform:
        _print(config.list_rules(platform))


@routes_app.command("add")
def routes_add(
    message_type: str | None = typer.Option(None, "--message-type", help="e.g. CODECO"),
    sender: str | None = typer.Option(None, "--sender", help="Only from this participant"),
    recipient: str | None = typer.Option(None, "--recipient", help="To this participant"),
    recipient_role: str | None = typer.Option(
        None, "--recipient-role", help="To every participant of this role"
    ),
    party: str | None = typer.Option(None, "--party", help="To the party a NAD names, e.g. CF"),
    description: str = typer.Option("", "--description"),
) -> None:
    """Add a routing rule."""
    draft = config.RuleDraft(description, message_type, sender, recipient, recipient_role, party)
    with administering() as platform:
        _print(_guard(config.add_rule, platform, draft))


@routes_app.command("delete")
def routes_delete(rule_id: int) -> None:
    """Delete a routing rule."""
    with administering() as platform:
        _guard(config.delete_rule, platform, rule_id)


@profiles_app.command("list")
def profiles_list() -> None:
    """List recipient profiles."""
    with administering() as platform:
        _print(config.list_profiles(platform))


@profiles_app.command("set")
def profiles_set(
    participant: str = typer.Option(..., "--participant"),
    message_type: str = typer.Option("*", "--message-type", help="* for the default"),
    channel: str = typer.Option("mailbox", "--channel", help="mailbox or webhook"),
    fmt: str = typer.Option("edifact", "--format"),
    version: str = typer.Option("", "--version", help="empty: as received"),
    accepts_test: bool = typer.Option(False, "--accepts-test/--no-test"),
    wants_contrl: bool = typer.Option(False, "--wants-contrl/--no-contrl"),
) -> None:
    """Set a participant's profile for a message type."""
    draft = config.ProfileDraft(message_type, fmt, version, channel, accepts_test, wants_contrl)
    with administering() as platform:
        _print(_guard(config.set_profile, platform, participant, draft))


@profiles_app.command("strictness")
def profiles_strictness(
    participant: str = typer.Argument(None, help="omit to list the senders not at standard"),
    level: str = typer.Argument(None, help="strict, standard or lenient"),
) -> None:
    """How strictly a sender's interchanges are checked (strict, standard, lenient)."""
    with administering() as platform:
        if participant is None:
            _print(config.list_strictness(platform))
            return
        if level is None:
            raise typer.BadParameter("give the level: strict, standard or lenient")
        _print(_guard(config.set_strictness, platform, participant, level))


@permissions_app.command("list")
def permissions_list() -> None:
    """Show which roles may send which message types (defaults and the operator's)."""
    with administering() as platform:
        _print(config.list_permissions(platform))


@permissions_app.command("set")
def permissions_set(
    message_type: str,
    role: Annotated[list[str], typer.Option("--role", help="A role, or * for any")],
) -> None:
    """Set the roles that may send a message type."""
    with administering() as platform:
        _print(_guard(config.set_permission, platform, message_type, role))


@permissions_app.command("reset")
def permissions_reset(message_type: str) -> None:
    """Return a message type to the default roles."""
    with administering() as platform:
        config.reset_permission(platform, message_type)


@deadletters_app.command("list")
def deadletters_list(
    all_: bool = typer.Option(False, "--all", help="Also those already replayed"),
) -> None:
    """List open dead letters."""
    with administering() as platform:
        _print(deadletters.list_dead_letters(platform, None if all_ else deadletters.OPEN))


@deadletters_app.command("show")
def deadletters_show(dead_letter_id: int) -> None:
    """Show a dead letter with the trace of its interchange."""
    with administering() as platform:
        _print(_guard(deadletters.show_dead_letter, platform, dead_letter_id))


@deadletters_app.command("replay")
def deadletters_replay(dead_letter_id: int) -> None:
    """Replay a dead letter (after fixing the configuration its reason names)."""
    with administering() as platform:
        _print(_guard(deadletters.replay, platform, dead_letter_id))
