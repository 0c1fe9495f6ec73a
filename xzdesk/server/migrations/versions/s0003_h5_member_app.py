"""the member web app's own tables (accounts, codes, throttles, sessions, chat)

Revision ID: s0003_h5_member_app
Revises: s0003_login_throttle
Create Date: 2026-12-06 15:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0003_h5_member_app"
down_revision = "s0003_login_throttle"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "h5_account",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("mobile_hmac", sa.String(64), nullable=False),
        sa.Column("member_id", sa.String(36), nullable=True),
        sa.Column("pending_request_id", sa.String(36), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_h5_account")),
        sa.UniqueConstraint("mobile_hmac", name=op.f("uq_h5_account_mobile_hmac")),
    )
    op.create_index(op.f("ix_h5_account_member_id"), "h5_account", ["member_id"])
    op.create_table(
        "h5_code",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("mobile_hmac", sa.String(64), nullable=False),
        sa.Column("code_hmac", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_h5_code")),
    )
    op.create_index(op.f("ix_h5_code_mobile_hmac"), "h5_code", ["mobile_hmac"])
    op.create_table(
        "h5_throttle",
        sa.Column("key", sa.String(96), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_h5_throttle")),
    )
    op.create_table(
        "h5_session",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("account_id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_h5_session")),
    )
    op.create_index(op.f("ix_h5_session_account_id"), "h5_session", ["account_id"])
    op.create_table(
        "h5_message",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("pair", sa.String(73), nullable=False),
        sa.Column("sender_id", sa.String(36), nullable=False),
        sa.Column("recipient_id", sa.String(36), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.Column("warned", sa.Boolean(), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_h5_message")),
    )
    op.create_index(op.f("ix_h5_message_recipient_id"), "h5_message", ["recipient_id"])
    op.create_index(op.f("ix_h5_message_created_at"), "h5_message", ["created_at"])
    op.create_index("ix_h5_message_pair_id", "h5_message", ["pair", "id"])
    op.create_index("ix_h5_message_sender", "h5_message", ["sender_id"])
    op.create_table(
        "h5_block",
        sa.Column("member_id", sa.String(36), nullable=False),
        sa.Column("other_id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("member_id", "other_id", name=op.f("pk_h5_block")),
    )
    op.create_index(op.f("ix_h5_block_other_id"), "h5_block", ["other_id"])
    op.create_table(
        "h5_notice",
        sa.Column("member_id", sa.String(36), nullable=False),
        sa.Column("pair", sa.String(73), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("member_id", "pair", name=op.f("pk_h5_notice")),
    )


def downgrade() -> None:
    for table in ("h5_notice", "h5_block", "h5_message", "h5_session", "h5_throttle", "h5_code", "h5_account"):
        op.drop_table(table)
