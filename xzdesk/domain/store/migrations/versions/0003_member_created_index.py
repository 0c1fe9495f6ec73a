"""members: index on created_at (statistics count new members by period)

Revision ID: 0003_member_created
Revises: 0001_initial
Create Date: 2026-11-25 14:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0003_member_created"
down_revision = "0001_initial"
branch_labels = ("members",)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_created_at"), ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_created_at"))
