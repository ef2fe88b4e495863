"""The root of the ``eport`` command."""

from __future__ import annotations

import typer

from eport.cli.codes import codes_app
from eport.cli.db import db_app
from eport.cli.edi import edi_app
from eport.cli.edi_directory import directory_app
from eport.cli.edi_translate import translate
from eport.cli.exchange import (
    deadletters_app,
    permissions_app,
    profiles_app,
    routes_app,
    send,
    worker,
)
from eport.cli.participants import participants_app
from eport.cli.serve import serve
from eport.cli.simulate import simulate
from eport.cli.tokens import tokens_app
from eport.cli.users import users_app

app = typer.Typer(
    help="eport: the electronic port (电子口岸) of a port community.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(db_app, name="db")
edi_app.add_typer(directory_app, name="directory")
edi_app.command("translate")(translate)
app.add_typer(edi_app, name="edi")
app.add_typer(codes_app, name="codes")
app.add_typer(participants_app, name="participants")
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")
app.command("serve")(serve)
app.command("simulate")(simulate)
app.command("worker")(worker)
app.command("send")(send)
app.add_typer(routes_app, name="routes")
app.add_typer(profiles_app, name="profiles")
app.add_typer(permissions_app, name="permissions")
app.add_typer(deadletters_app, name="deadletters")


def main() -> None:
    app()
