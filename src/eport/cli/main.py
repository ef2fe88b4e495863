"""The root of the ``eport`` command."""

from __future__ import annotations

import typer

from eport.cli.db import db_app
from eport.cli.serve import serve

app = typer.Typer(
    help="eport: the electronic port (电子口岸) of a port community.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(db_app, name="db")
app.command("serve")(serve)


def main() -> None:
    app()
