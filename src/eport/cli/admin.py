"""What the administration commands share: the platform, the CLI's audit origin, clean errors."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import OperationalError, ProgrammingError

from eport.auth.audit import Origin
from eport.auth.principal import CLI_PRINCIPAL
from eport.bootstrap import Platform
from eport.cli import context
from eport.db import migrate
from eport.participants.errors import AccessError


def cli_origin() -> Origin:
    """The command line acts as the operator; the audit log names the OS user."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        user = "unknown"
    return Origin(CLI_PRINCIPAL, "local", {"os_user": user})


@contextmanager
def administering() -> Iterator[Platform]:
    """A migrated platform for one command; use-case errors end it with a clear message."""
    platform = context.platform()
    try:
        if not migrate.is_at_head(platform.engine):
            migrate.upgrade(platform.settings.database_url)
        yield platform
    except AccessError as exc:
        context.fail(str(exc))
    except (OperationalError, ProgrammingError) as exc:
        context.fail(f"database error: {exc.orig}")
    finally:
        platform.close()
