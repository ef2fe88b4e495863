"""``eport codes``: standard code lists and the per-partner code maps (代码转换).

Exit codes: 0 done, 1 bad input (a bad CSV row, an unknown code), 2 a file that cannot be
read or an unknown list. Errors name the row and column; none ends in a traceback.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from eport.cli.admin import administering, cli_origin
from eport.codemaps import services
from eport.codemaps.csvfile import CodeMapCsvError, write_entries
from eport.codes.catalog import LIST_NAMES, UnknownCodeList, lookup
from eport.codes.mapper import UnknownCodePolicy
from eport.logistics.codes import CODE_LISTS

codes_app = typer.Typer(help="Standard code lists and partners' code maps.", no_args_is_help=True)

PartnerOpt = Annotated[str, typer.Option("--partner", help="Participant code of the partner")]
ListOpt = Annotated[str, typer.Option("--list", help=f"Code list: {', '.join(CODE_LISTS)}")]


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _list_name(name: str) -> str:
    if name not in CODE_LISTS:
        _fail(f"unknown code list {name!r}; the lists are {', '.join(CODE_LISTS)}", 2)
    return name


def _read_text(name: str) -> str:
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        _fail(f"{name}: cannot read: {exc.strerror or exc}", 2)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _fail(f"{name}: not UTF-8 (byte {exc.start})", 1)


@codes_app.command("import")
def import_(
    file: Annotated[str, typer.Argument(help="CSV file (partner_code,standard_code); '-': stdin")],
    partner: PartnerOpt,
    list_name: ListOpt,
    merge: Annotated[bool, typer.Option("--merge", help="Add to the map, not replace it")] = False,
) -> None:
    """Load a partner's code map of one list from CSV (it replaces the map unless --merge)."""
    list_name = _list_name(list_name)
    text = _read_text(file)
    with administering() as platform, platform.uow() as uow:
        try:
            count = services.import_code_map(
                uow, partner, list_name, io.StringIO(text), cli_origin(), merge=merge
            )
        except CodeMapCsvError as exc:
            for error in exc.errors:
                typer.echo(f"error: {file}: {error}", err=True)
            raise typer.Exit(1) from None
    typer.echo(f"{partner.upper()} {list_name}: {count} entries")


@codes_app.command("export")
def export(
    partner: PartnerOpt,
    list_name: ListOpt,
    file: Annotated[str, typer.Argument(help="CSV file to write; '-' for stdout")] = "-",
) -> None:
    """Write a partner's code map of one list as CSV."""
    list_name = _list_name(list_name)
    with administering() as platform, platform.uow() as uow:
        code_map = services.code_map(uow.session, partner, list_name)
    text = io.StringIO()
    write_entries(code_map, text)
    if file == "-":
        sys.stdout.write(text.getvalue())
        sys.stdout.flush()
        return
    try:
        Path(file).write_text(text.getvalue(), encoding="utf-8")
    except OSError as exc:
        _fail(f"{file}: cannot write: {exc.strerror or exc}", 2)
    typer.echo(
        f"{partner.upper()} {list_name}: {len(code_map)} entries written to {file}", err=True
    )


@codes_app.command("policy")
def policy(
    partner: PartnerOpt,
    unknown_codes: Annotated[
        UnknownCodePolicy | None,
        typer.Argument(help="warn: a warning in the trace; reject: an APERAK rejection"),
    ] = None,
) -> None:
    """Show or set what a code neither standard nor mapped causes for a partner."""
    with administering() as platform, platform.uow() as uow:
        if unknown_codes is not None:
            services.set_unknown_code_policy(uow, partner, unknown_codes, cli_origin())
        summary = services.code_map_summary(uow.session, partner)
    counts = " ".join(f"{name}={count}" for name, count in summary.entries.items())
    typer.echo(f"{summary.participant_code}\tunknown codes: {summary.policy.value}\t{counts}")


@codes_app.command("lookup")
def lookup_(
    list_name: Annotated[str, typer.Argument(help=f"Code list: {', '.join(LIST_NAMES)}")],
    code: Annotated[str, typer.Argument(help="The code to look up")],
) -> None:
    """Print the entry of a standard code: code, name and details (tab-separated)."""
    try:
        entry = lookup(list_name, code)
    except UnknownCodeList:
        _fail(f"unknown code list {list_name!r}; the lists are {', '.join(LIST_NAMES)}", 2)
    if entry is None:
        _fail(f"{code!r} is not a standard {list_name} code", 1)
    details = [f"{key}={value}" for key, value in entry.details.items()]
    typer.echo("\t".join([entry.code, entry.name, *details]))
