"""applied mutations say whether the device's copy equals the stored row (its pull leaves it out)

Revision ID: s0005_applied_echo
Revises: s0004_h5_audit_head
Create Date: 2026-12-07 01:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0005_applied_echo"
down_revision = "s0004_h5_audit_head"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("applied_mutation") as batch:
        batch.add_column(sa.Column("echo", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("applied_mutation") as batch:
        batch.drop_column("echo")
