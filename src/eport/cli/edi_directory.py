"""`eport edi directory`: import UN/EDIFACT directory publications into the data folder."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Annotated

import typer

from eport.cli.context import fail, settings
from eport.edifact.directory import (
    directories_dir,
    import_directory,
    load_stored,
    save,
    stored_releases,
)

directory_app = typer.Typer(
    help="UN/EDIFACT directories (UNECE publications) used for directory validation.",
    no_args_is_help=True,
)


@directory_app.command("import")
def import_command(
    path: Annotated[
        Path,
        typer.Argument(
            help="Release zip (e.g. d95b.zip), folder, or "
            "service directory folder (syntax 3/4 XML)."
        ),
    ],
) -> None:
    """Compile a directory publication and store it in the data folder."""
    if not path.exists():
        fail(f"{path}: no such file or folder", 2)
    try:
        directory = import_directory(path)
    except (ValueError, OSError, zipfile.BadZipFile) as exc:
        fail(f"{path}: cannot read directory: {exc}")
    target = save(directory, settings().data_dir)
    typer.echo(
        f"{directory.release}: {len(directory.messages)} messages, "
        f"{len(directory.segments)} segments, {len(directory.composites)} composites, "
        f"{len(directory.elements)} data elements, {len(directory.codes)} code lists -> {target}"
    )


@directory_app.command("list")
def list_command() -> None:
    """List the directories stored in the data folder."""
    data_dir = settings().data_dir
    releases = stored_releases(data_dir)
    if not releases:
        typer.echo(f"no directories stored in {directories_dir(data_dir)}")
        return
    for release in releases:
        try:
            directory = load_stored(release, data_dir)
        except ValueError as exc:
            typer.echo(f"{release}: unreadable ({exc})")
            continue
        count = len(directory.messages) if directory is not None else 0
        typer.echo(f"{release}: {count} messages")
