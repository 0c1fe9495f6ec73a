"""staff: local passwords and sign-in throttle (staff_credential)

Revision ID: 0005_staff_credential
Revises: 0001_initial
Create Date: 2026-12-06 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_staff_credential"
down_revision = "0001_initial"
branch_labels = ("staff",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_credential",
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(), nullable=True),
        sa.Column("locked_at", sa.DateTime(), nullable=True),
        sa.Column("must_change", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_staff_credential_staff_id_staff")),
        sa.PrimaryKeyConstraint("staff_id", name=op.f("pk_staff_credential")),
    )


def downgrade() -> None:
    op.drop_table("staff_credential")
