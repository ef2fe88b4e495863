"""Errors of the participant and access-control use cases; the web layer maps them to HTTP."""

from __future__ import annotations


class AccessError(Exception):
    """Base of the errors a use case raises on purpose; the message is safe to show."""


class NotFound(AccessError):
    """The thing does not exist, or the caller may not know that it exists."""


class Conflict(AccessError):
    """The request clashes with the current state (a duplicate code, a wrong status)."""


class Invalid(AccessError):
    """The request breaks a rule of the domain (a bad credit code, an unknown role)."""


class Forbidden(AccessError):
    """The caller is known but may not do this."""
