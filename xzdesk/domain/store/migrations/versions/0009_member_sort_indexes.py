"""members: the case list sorted by any column reads one covering index in order

Every order of the case list is now the leading columns of one index that holds every column the
query reads, district included (a matchmaker's list is confined to a district), so SQLite neither
sorts nor reads a table row per member: by name (name_pinyin, member_no, ...), recently updated
(updated_at, id, status, district_code), by member number, by district then name, by status then
name. They replace the single-column indexes on district_code, status and name_pinyin and the
(district_code, status) pair, whose queries they serve by their first column.

Revision ID: 0009_member_sort_indexes
Revises: 0008_online_link_request
Create Date: 2026-12-07 01:20:00
"""

from __future__ import annotations

from alembic import op

revision = "0009_member_sort_indexes"
down_revision = "0008_online_link_request"
branch_labels = None
depends_on = None

_LIST = ["name_initials", "mobile_last4", "member_no", "district_code", "status", "verified", "matchmaker_id", "id"]
_NEW = {
    "ix_member_list": ["name_pinyin", "member_no", "name", "name_initials", "mobile_last4", "district_code",
                       "status", "verified", "matchmaker_id", "id"],
    "ix_member_recent": ["updated_at", "id", "status", "district_code"],
    "ix_member_by_no": ["member_no", "status", "district_code", "id"],
    "ix_member_by_district": ["district_code", "name_pinyin", "member_no", "id", "status", "updated_at"],
    "ix_member_by_status": ["status", "name_pinyin", "member_no", "district_code", "id"],
}  # fmt: skip
_OLD = {
    "ix_member_list": ["name_pinyin", "name", *_LIST],
    "ix_member_recent": ["updated_at", "id", "status"],
    "ix_member_district_status": ["district_code", "status"],
    "ix_member_district_code": ["district_code"],
    "ix_member_status": ["status"],
    "ix_member_name_pinyin": ["name_pinyin"],
}


def _swap(drop: dict[str, list[str]], create: dict[str, list[str]]) -> None:
    for name in drop:
        op.drop_index(name, table_name="member")
    for name, columns in create.items():
        op.create_index(name, "member", columns, unique=False)


def upgrade() -> None:
    _swap(_OLD, _NEW)


def downgrade() -> None:
    _swap(_NEW, _OLD)
