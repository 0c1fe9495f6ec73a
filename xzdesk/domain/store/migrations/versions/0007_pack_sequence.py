"""checkin: event packs are numbered per event (checkin_pack.seq), so an older pack is refused

Revision ID: 0007_pack_sequence
Revises: 216167dc9e2b
Create Date: 2026-12-06 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_pack_sequence"
down_revision = "216167dc9e2b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("checkin_pack", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("checkin_pack", schema=None) as batch_op:
        batch_op.drop_column("seq")
