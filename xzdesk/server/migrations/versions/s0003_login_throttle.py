"""server: sign-in throttle per user name and client address, and the server's audit trail

Revision ID: s0003_login_throttle
Revises: s0002_conflict_parties
Create Date: 2026-12-06 15:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0003_login_throttle"
down_revision = "s0002_conflict_parties"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("refused", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "key", name=op.f("pk_login_throttle")),
    )
    with op.batch_alter_table("login_throttle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_throttle_last_attempt_at"), ["last_attempt_at"], unique=False)
    op.create_table(
        "server_audit",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_server_audit")),
    )
    with op.batch_alter_table("server_audit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_server_audit_at"), ["at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("server_audit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_server_audit_at"))
    op.drop_table("server_audit")
    with op.batch_alter_table("login_throttle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_throttle_last_attempt_at"))
    op.drop_table("login_throttle")
