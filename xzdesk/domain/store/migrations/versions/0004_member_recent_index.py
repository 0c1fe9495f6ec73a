"""members: covering index for the case list's default order (recently updated first)

Revision ID: 0004_member_recent
Revises: 0003_member_created
Create Date: 2026-11-25 15:20:00
"""

from __future__ import annotations

from alembic import op

revision = "0004_member_recent"
down_revision = "0003_member_created"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index("ix_member_updated_at")
        batch_op.create_index("ix_member_recent", ["updated_at", "id", "status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index("ix_member_recent")
        batch_op.create_index("ix_member_updated_at", ["updated_at"], unique=False)
