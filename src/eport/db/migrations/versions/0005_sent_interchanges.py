"""sent interchanges: an index to list a sender's interchanges newest first

Revision ID: 0005_sent_interchanges
Revises: 0004_participant_time_zone
Create Date: 2026-12-05 19:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005_sent_interchanges"
down_revision: str | Sequence[str] | None = "0004_participant_time_zone"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_interchanges_sender_id", "interchanges", ["sender_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_interchanges_sender_id", table_name="interchanges")
