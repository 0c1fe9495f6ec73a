"""staff: the server's password hashes on an enrolled laptop (staff_password, synced)

Revision ID: 0006_staff_password
Revises: 0005_staff_credential
Create Date: 2026-12-06 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_staff_password"
down_revision = "0005_staff_credential"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_password",
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("district_code", sa.String(length=6), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_password")),
    )


def downgrade() -> None:
    op.drop_table("staff_password")
