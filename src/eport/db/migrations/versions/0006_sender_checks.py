"""sender checks: how strictly each participant's interchanges are checked

Revision ID: 0006_sender_checks
Revises: 0005_sent_interchanges
Create Date: 2026-12-05 19:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_sender_checks"
down_revision: str | Sequence[str] | None = "0005_sent_interchanges"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sender_checks",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("strictness", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_sender_checks_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_sender_checks")),
    )


def downgrade() -> None:
    op.drop_table("sender_checks")
