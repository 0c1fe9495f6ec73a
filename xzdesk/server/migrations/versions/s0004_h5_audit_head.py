"""the member web app's audit chains (last hash per district): members' own acts online

Revision ID: s0004_h5_audit_head
Revises: s0003_member_identity_keys
Create Date: 2026-12-06 19:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0004_h5_audit_head"
down_revision = "s0003_member_identity_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "h5_audit_head",
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_h5_audit_head")),
    )


def downgrade() -> None:
    op.drop_table("h5_audit_head")
