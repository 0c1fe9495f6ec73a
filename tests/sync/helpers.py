"""Laptop-side helpers for sync tests: register members through the real services, look for
personal data anywhere in a laptop database through SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, select, text

from tests.server.api import resident_id
from tests.sync.harness import Laptop
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.service import register_member
from xzdesk.domain.store.models import OutboxRow
from xzdesk.sync.client import ServerClient
from xzdesk.sync.engine import M_URL, SyncReport


def register(laptop: Laptop, *, name: str = "王小明", seq: int = 1, district: str | None = None,
             birth: str = "19900101") -> str:  # fmt: skip
    """Register a member (valid ID built from `seq`, mobile from `seq`); returns the member id."""
    draft = MemberDraft(name=name, id_number=resident_id(birth=birth, seq=f"{seq % 1000:03d}", region="320302"),
                        mobile=f"139{seq:08d}", district_code=district or laptop.actor.district_code or "320302")  # fmt: skip
    with laptop.uow() as uow:
        return register_member(uow, draft=draft).id


def member_value(laptop: Laptop, member_id: str, field: str) -> Any:
    with laptop.store.read() as s:
        return s.execute(select(getattr(Member, field)).where(Member.id == member_id)).scalar()


def outbox_count(laptop: Laptop) -> int:
    with laptop.store.read() as s:
        return len(s.execute(select(OutboxRow.seq)).all())


def pull_only(laptop: Laptop) -> SyncReport:
    """Pull without pushing first (what happens when an edit lands between push and pull)."""
    from xzdesk.domain.progress import NEVER_CANCELLED, no_progress

    meta = laptop.store.meta()
    report = SyncReport()
    with ServerClient(meta[M_URL], laptop.engine._token(meta), transport=laptop.transport) as client:
        laptop.engine._pull_all(client, report, no_progress, NEVER_CANCELLED)
    return report


def find_text(laptop: Laptop, *needles: str) -> list[tuple[str, str]]:
    """(table, needle) for every needle found in any column of any table (through SQL, since
    the file itself is encrypted)."""
    hits = []
    with laptop.store.engine.connect() as conn:
        tables = inspect(conn).get_table_names()
        for table in tables:
            for row in conn.execute(text(f'SELECT * FROM "{table}"')):
                blob = " ".join(str(v) for v in row)
                for needle in needles:
                    if needle in blob:
                        hits.append((table, needle))
    return hits
