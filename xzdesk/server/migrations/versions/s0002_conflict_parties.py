"""server: who made each side of a conflict (device, staff account, time), so a laptop can say
which device and person made the other change

Revision ID: s0002_conflict_parties
Revises: s0001_initial
Create Date: 2026-12-06 13:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0002_conflict_parties"
down_revision = "s0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("applied_mutation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("operator_id", sa.String(length=36), nullable=True))
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.add_column(sa.Column("theirs_device_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("theirs_operator_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("theirs_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.drop_column("theirs_at")
        batch_op.drop_column("theirs_operator_id")
        batch_op.drop_column("theirs_device_id")
    with op.batch_alter_table("applied_mutation", schema=None) as batch_op:
        batch_op.drop_column("operator_id")
