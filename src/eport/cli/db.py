"""``eport db``: schema migrations."""

from __future__ import annotations

import typer

from eport.cli import context
from eport.db import migrate

db_app = typer.Typer(help="Database schema.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade(revision: str = typer.Argument("head", help="Target revision")) -> None:
    """Migrate the database named by EPORT_DATABASE_URL to the latest schema."""
    settings = context.settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    migrate.upgrade(settings.database_url, revision)
    typer.echo("database at head" if revision == "head" else f"database at {revision}")
