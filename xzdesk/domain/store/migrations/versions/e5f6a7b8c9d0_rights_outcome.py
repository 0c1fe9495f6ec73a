"""privacy rights: what a correction or a consent withdrawal request changed (field names or
consent types; never values)

Revision ID: e5f6a7b8c9d0
Revises: a576eb664c60
Create Date: 2026-12-06 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "e5f6a7b8c9d0"
down_revision = "a576eb664c60"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rights_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome_fields", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("rights_request", schema=None) as batch_op:
        batch_op.drop_column("outcome_fields")
