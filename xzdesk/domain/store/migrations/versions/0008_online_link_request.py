"""members: link requests from the member web app (someone already on file registered online)

Revision ID: 0008_online_link_request
Revises: 0006_member_req_importance
Create Date: 2026-12-06 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_online_link_request"
down_revision = "0006_member_req_importance"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "online_link_request",
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("id_hmac", sa.LargeBinary(length=32), nullable=True),
        sa.Column("submitted", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("follow_up_id", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by", sa.String(length=36), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_online_link_request")),
    )
    with op.batch_alter_table("online_link_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_online_link_request_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_online_link_request_status"), ["status"], unique=False)


def downgrade() -> None:
    op.drop_table("online_link_request")
