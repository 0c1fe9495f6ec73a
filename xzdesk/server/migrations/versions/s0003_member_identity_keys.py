"""server: one person, one case file: members stored before this version get their natural-key
entry (the blind index of the ID number), so a person registered again offline on another laptop
is merged into them like a member stored since

Revision ID: s0003_member_identity_keys
Revises: s0003_h5_member_app
Create Date: 2026-12-06 16:40:00
"""

from __future__ import annotations

import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = "s0003_member_identity_keys"
down_revision = "s0003_h5_member_app"
branch_labels = None
depends_on = None

BATCH = 2000
record = sa.table("record", sa.column("entity"), sa.column("id"), sa.column("deleted"), sa.column("fields"))
record_key = sa.table("record_key", sa.column("entity"), sa.column("name"), sa.column("value"),
                      sa.column("record_id"))  # fmt: skip


def _natural_key(id_hmac: str) -> str:
    """push.natural_key for ("id_hmac",): the key parts as canonical JSON, hashed (as stored)."""
    text = json.dumps([id_hmac], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "h:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def upgrade() -> None:
    conn = op.get_bind()
    have = set(conn.execute(
        sa.select(record_key.c.record_id).where(record_key.c.entity == "member", record_key.c.name == "nk")
    ).scalars())  # fmt: skip
    rows = conn.execute(
        sa.select(record.c.id, record.c.fields).where(record.c.entity == "member", record.c.deleted.is_(False))
    )  # fmt: skip
    pending: list[dict[str, str]] = []
    for member_id, fields in rows:
        values = json.loads(fields)
        key = values.get("id_hmac")
        if member_id in have or not isinstance(key, str) or not key or values.get("status") == "archived":
            continue
        pending.append({"entity": "member", "name": "nk", "value": _natural_key(key), "record_id": member_id})
    for start in range(0, len(pending), BATCH):
        conn.execute(record_key.insert(), pending[start : start + BATCH])


def downgrade() -> None:
    op.execute(record_key.delete().where(record_key.c.entity == "member", record_key.c.name == "nk"))
