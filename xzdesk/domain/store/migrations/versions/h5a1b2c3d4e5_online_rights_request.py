"""privacy: data-subject requests made in the member web app (synced, append-only)

Revision ID: h5a1b2c3d4e5
Revises: e5f6a7b8c9d0
Create Date: 2026-12-06 15:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h5a1b2c3d4e5"
down_revision = "e5f6a7b8c9d0"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "online_rights_request",
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("due_provisional", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_online_rights_request")),
    )
    with op.batch_alter_table("online_rights_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_online_rights_request_member_id"), ["member_id"], unique=False)


def downgrade() -> None:
    op.drop_table("online_rights_request")
