"""What CLI commands share: settings from the environment, the platform, clean failures."""

from __future__ import annotations

from typing import NoReturn

import typer

from eport.bootstrap import Platform, build_platform
from eport.settings import Settings, load_settings


def settings() -> Settings:
    try:
        return load_settings()
    except ValueError as exc:
        fail(f"invalid settings: {exc}")


def platform() -> Platform:
    return build_platform(settings())


def fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)
