"""sync: who made each side of a conflict (device label, staff name, time) as the server sent it

Revision ID: f1a2b3c4d5e6
Revises: e946a4f35e6d
Create Date: 2026-12-06 13:25:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "f1a2b3c4d5e6"
down_revision = "e946a4f35e6d"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parties", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_column("parties")
