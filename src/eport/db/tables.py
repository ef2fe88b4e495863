"""Every table of eport, gathered on one metadata for Alembic and the drift check.

Each area keeps its tables in its own ``models.py``; importing them here registers them.
"""

from __future__ import annotations

import eport.auth.models
import eport.codemaps.models
import eport.exchange.models
import eport.participants.models  # noqa: F401
from eport.db.base import Base

metadata = Base.metadata
