"""introductions: why a side declined (reason code and a short note), so a decline can be undone

Revision ID: c3d1e2f4a5b6
Revises: 73489c530924
Create Date: 2026-12-06 12:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c3d1e2f4a5b6"
down_revision = "73489c530924"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("introduction", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decline_reason", sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column("decline_note", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("introduction", schema=None) as batch_op:
        batch_op.drop_column("decline_note")
        batch_op.drop_column("decline_reason")
