"""members: how much each partner requirement matters (req_importance; empty = not said)

Revision ID: 0006_member_req_importance
Revises: 0004_member_recent
Create Date: 2026-12-10 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_member_req_importance"
down_revision = "0004_member_recent"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("req_importance", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_column("req_importance")
