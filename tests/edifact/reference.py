"""Where the tests find the official UN/EDIFACT publications (reference data, never committed)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def unece_dir(*needed: str) -> Path:
    """The publications (EPORT_UNECE_DIR, else <repo>/../shared/unece); the calling test is
    skipped, saying so, when a file it needs (default: the D.95B directory) is absent."""
    configured = os.environ.get("EPORT_UNECE_DIR")
    root = Path(configured) if configured else Path(__file__).parents[3] / "shared" / "unece"
    if not all((root / name).exists() for name in needed or ("d95b.zip",)):
        pytest.skip("UN/EDIFACT reference directories not available (../shared/unece)")
    return root
