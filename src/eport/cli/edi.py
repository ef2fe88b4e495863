"""`eport edi parse|validate|ack`: the EDIFACT engine on the command line (no database).

Exit codes: 0 all good (warnings allowed), 1 the input has errors, 2 usage error or a file that
cannot be read. Results go to standard output, diagnostics to standard error; input errors
never produce a traceback.
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from eport.edifact.checks import check_syntax
from eport.edifact.contrl import build_contrl, is_contrl
from eport.edifact.errors import EdifactSyntaxError
from eport.edifact.findings import Finding
from eport.edifact.model import Interchange, Message, Segment, Transmission
from eport.edifact.parser import parse
from eport.edifact.serializer import serialize

edi_app = typer.Typer(
    help="Parse, validate and acknowledge UN/EDIFACT files.", no_args_is_help=True
)

FilesArg = Annotated[list[str], typer.Argument(help="Files to read; '-' for standard input.")]
EncodingOpt = Annotated[
    str | None,
    typer.Option("--encoding", help="Character set of the partner (e.g. gb18030), overriding UNB."),
]


@dataclass(frozen=True)
class Input:
    name: str
    data: bytes


def _read(names: list[str]) -> list[Input]:
    """Read every file first, so an unreadable one is a usage error before any output."""
    out: list[Input] = []
    for name in names:
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError as exc:
            _fail(f"{name}: cannot read: {exc.strerror or exc}", 2)
        out.append(Input(name, data))
    return out


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _check_encoding(encoding: str | None) -> None:
    if encoding is None:
        return
    try:
        codecs.lookup(encoding)
    except LookupError:
        _fail(f"unknown encoding {encoding!r}", 2)


@edi_app.command("parse")
def parse_command(
    files: FilesArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print the parsed structure.")] = False,
    echo: Annotated[bool, typer.Option("--echo", help="Write each file back out.")] = False,
    encoding: EncodingOpt = None,
) -> None:
    """Parse files; exit 0 when all of them parse."""
    _check_encoding(encoding)
    failed = False
    documents: list[dict[str, Any]] = []
    for item in _read(files):
        try:
            transmission = parse(item.data, encoding=encoding)
        except EdifactSyntaxError as exc:
            typer.echo(f"{item.name}: {exc}", err=True)
            failed = True
            continue
        if echo:
            sys.stdout.buffer.write(serialize(transmission))
            sys.stdout.buffer.flush()
        elif as_json:
            documents.append({"file": item.name, **transmission_json(transmission)})
        else:
            typer.echo(_summary(item.name, transmission))
    if as_json and not echo:
        typer.echo(json.dumps(documents, ensure_ascii=False, indent=1))
    raise typer.Exit(1 if failed else 0)


def _summary(name: str, t: Transmission) -> str:
    kinds = sorted({f"{m.type}:{m.version}:{m.release}" for m in t.messages})
    return f"{name}: {len(t.interchanges)} interchange(s), {len(t.messages)} message(s)" + (
        f" ({', '.join(kinds)})" if kinds else ""
    )


def transmission_json(t: Transmission) -> dict[str, Any]:
    """The parsed structure as plain JSON data: interchanges, messages, segments."""
    return {"interchanges": [_interchange_json(ic) for ic in t.interchanges]}


def _interchange_json(ic: Interchange) -> dict[str, Any]:
    return {
        "control_ref": ic.control_ref if ic.header else None,
        "syntax": {"id": ic.syntax_id, "version": ic.syntax_version} if ic.header else None,
        "sender": {"id": ic.sender_id, "qualifier": ic.sender_qualifier} if ic.header else None,
        "recipient": (
            {"id": ic.recipient_id, "qualifier": ic.recipient_qualifier} if ic.header else None
        ),
        "header": _segment_json(ic.header) if ic.header else None,
        "groups": [
            {
                "ref": g.ref,
                "header": _segment_json(g.header),
                "messages": [m.index for m in g.messages],
            }
            for g in ic.groups
        ],
        "messages": [_message_json(m) for m in ic.messages],
        "trailer": _segment_json(ic.trailer) if ic.trailer else None,
    }


def _message_json(m: Message) -> dict[str, Any]:
    return {
        "index": m.index,
        "ref": m.ref,
        "type": m.type,
        "version": m.version,
        "release": m.release,
        "agency": m.agency,
        "association": m.association,
        "segments": [_segment_json(s) for s in m.segments],
    }


def _segment_json(s: Segment) -> dict[str, Any]:
    out: dict[str, Any] = {"tag": s.tag, "elements": s.elements}
    if s.repetitions:
        out["repetitions"] = {str(i + 1): occ for i, occ in s.repetitions.items()}
    return out


Validator = Callable[[bytes, str | None, str | None], list[Finding]]


def _validator() -> Validator:
    """Syntax, envelope, MIG and, for releases imported into the data folder, directory."""
    from eport.edifact.validate import StoredDirectories, validate_bytes

    directories = StoredDirectories()

    def full(data: bytes, mig: str | None, encoding: str | None) -> list[Finding]:
        return validate_bytes(data, mig=mig, encoding=encoding, directories=directories)

    return full


@edi_app.command("validate")
def validate_command(
    files: FilesArg,
    mig: Annotated[str | None, typer.Option("--mig", help="Validate against this MIG.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print findings as JSON.")] = False,
    encoding: EncodingOpt = None,
) -> None:
    """Validate files; exit 0 when valid (warnings allowed), 1 when any error is found."""
    _check_encoding(encoding)
    validate = _validator()
    inputs = _read(files)
    everything: list[dict[str, Any]] = []
    has_error = False
    for item in inputs:
        try:
            findings = validate(item.data, mig, encoding)
        except ValueError as exc:  # an unknown MIG name: the caller's mistake
            _fail(str(exc), 2)
        has_error = has_error or any(f.is_error for f in findings)
        if as_json:
            everything += [{"file": item.name, **f.to_dict()} for f in findings]
        else:
            _print_findings(item.name, findings)
    if as_json:
        typer.echo(json.dumps(everything, ensure_ascii=False, indent=1))
    raise typer.Exit(1 if has_error else 0)


def _print_findings(name: str, findings: list[Finding]) -> None:
    if not findings:
        typer.echo(f"{name}: valid")
    for f in findings:
        code = f" [{f.code}]" if f.code else ""
        where = f.located()
        typer.echo(f"{name}: {f.severity}{code} {f.text_en}" + (f" ({where})" if where else ""))


@edi_app.command("ack")
def ack_command(
    file: Annotated[str, typer.Argument(help="File to acknowledge; '-' for standard input.")],
    sender: Annotated[
        str, typer.Option(help="Our interchange sender: ID or ID:QUALIFIER.")
    ] = "EPORT",
    control_ref: Annotated[
        str | None,
        typer.Option("--control-ref", help="Control reference of the CONTRL interchange."),
    ] = None,
    syntax: Annotated[int | None, typer.Option(help="CONTRL syntax version (3 or 4).")] = None,
    encoding: EncodingOpt = None,
) -> None:
    """Print the CONTRL acknowledging every interchange of the file."""
    _check_encoding(encoding)
    if syntax not in (None, 3, 4):
        _fail("--syntax must be 3 or 4", 2)
    item = _read([file])[0]
    transmission, _ = check_syntax(item.data, encoding=encoding)
    if transmission is None or not transmission.interchanges:
        _fail(f"{item.name}: cannot be read as EDIFACT", 1)
    findings = _validator()(item.data, None, encoding)
    out: list[bytes] = []
    for ic in transmission.interchanges:
        if ic.header is None:
            _fail(f"{item.name}: messages without UNB cannot be acknowledged by CONTRL", 1)
        if is_contrl(ic):
            typer.echo(
                f"{item.name}: interchange {ic.control_ref} carries CONTRL; "
                "a CONTRL is never acknowledged",
                err=True,
            )
            continue
        mine = [f for f in findings if f.interchange_ref in (ic.control_ref, None)]
        party = (sender.split(":", 1)[0], sender.split(":", 1)[1]) if ":" in sender else sender
        contrl = build_contrl(
            ic, mine, sender=party, syntax_version=syntax, control_ref=control_ref or ic.control_ref
        )
        if contrl is not None:
            out.append(serialize(contrl))
    sys.stdout.buffer.write(b"\n".join(out) + (b"\n" if out else b""))
    sys.stdout.buffer.flush()
