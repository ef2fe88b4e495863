"""Random credentials (API tokens, session and CSRF secrets) and their stored fingerprints."""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_MARK = "ept_"
PREFIX_LENGTH = 12  # the mark and 8 random characters: enough to name a token, useless to use it


def new_api_token() -> str:
    """A long random token; 256 bits make a fast hash safe to store (no need for argon2)."""
    return TOKEN_MARK + secrets.token_urlsafe(32)


def token_prefix(token: str) -> str:
    return token[:PREFIX_LENGTH]


def fingerprint(secret: str) -> str:
    """The SHA-256 kept in the database in place of a token or a session secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_session_secret() -> str:
    return secrets.token_urlsafe(32)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def same_secret(given: str | None, expected: str) -> bool:
    """Constant-time comparison, so the answer time tells nothing about the secret."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())
