"""participant time zone: the IANA zone a participant's systems keep time in

Revision ID: 0004_participant_time_zone
Revises: 0003_code_maps
Create Date: 2026-12-05 19:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_participant_time_zone"
down_revision: str | Sequence[str] | None = "0003_code_maps"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing participants get '' (the platform's local zone), as before this column.
    with op.batch_alter_table("participants") as batch:
        batch.add_column(
            sa.Column("time_zone", sa.String(length=64), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("time_zone")
