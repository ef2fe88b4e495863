"""code maps: per-partner code map entries and the policy for unknown codes

Revision ID: 0003_code_maps
Revises: 0002_exchange
Create Date: 2026-11-27 04:50:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import eport.db.types

revision: str = "0003_code_maps"
down_revision: str | Sequence[str] | None = "0002_exchange"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "code_map_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("list_name", sa.String(length=16), nullable=False),
        sa.Column("partner_code", sa.String(length=64), nullable=False),
        sa.Column("standard_code", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_code_map_entries_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_code_map_entries")),
        sa.UniqueConstraint(
            "participant_id",
            "list_name",
            "partner_code",
            name=op.f("uq_code_map_entries_participant_id_list_name_partner_code"),
        ),
        sa.UniqueConstraint(
            "participant_id",
            "list_name",
            "standard_code",
            name=op.f("uq_code_map_entries_participant_id_list_name_standard_code"),
        ),
    )
    op.create_table(
        "code_map_policies",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("unknown_codes", sa.String(length=8), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("updated_at", eport.db.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_code_map_policies_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_code_map_policies")),
    )


def downgrade() -> None:
    op.drop_table("code_map_policies")
    op.drop_table("code_map_entries")
