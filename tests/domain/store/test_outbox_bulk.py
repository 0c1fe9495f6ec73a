"""outbox.insert_synced (bulk writes, issue 15) stores what a Core insert of the same rows stores
and writes the outbox payloads the old per-row path wrote, on the fast path (plain tuples) and on
its fallbacks (a row leaving a defaulted column out; a driver that is not qmark-style)."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from tests.domain.spreadsheets import reference_commit
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.store import outbox
from xzdesk.domain.store.hlc import HybridClock
from xzdesk.domain.uow import unit_of_work

AT = datetime(2026, 3, 1, 2, 30, 15, 250_000, tzinfo=UTC)


class _Rollback(Exception):
    pass


def _members() -> list[dict]:
    """Every column kind: timestamps (one in +08:00), dates, bytes, bools, None, JSON lists and dicts."""
    out = []
    for n in range(3):
        row = {c.key: None for c in Member.__table__.columns}
        row.update(
            id=f"00000000-0000-7000-8000-00000000000{n}", version=0, member_no=f"XZ0000000{n}", name=f"王{'一二三'[n]}",
            name_pinyin="wang", name_initials="w", sex=1 + n % 2, birth_date=date(1990, 1, 1 + n),
            id_number=f"32030219900101{n:03d}X", id_hmac=bytes([n]) * 32, mobile=f"1390000000{n}",
            mobile_hmac=bytes([9 - n]) * 32, mobile_last4=f"000{n}", district_code="320302",
            marital_status=10, children="none", income_band="unspecified", housing="unspecified",
            has_car=(None, True, False)[n], hobbies=[["读书", "旅行"], [], ["读书", "旅行"]][n], req_districts=[],
            req_marital=["10"] if n else [], req_children_ok=True, req_importance={"age": 3} if n == 2 else {},
            status="registered", referral_source="employer_union_list", fraud_flag=False, verified=False,
            created_at=AT, updated_at=AT.astimezone(timezone(timedelta(hours=8))), last_activity_at=AT + timedelta(days=n),
            self_description="\u2028 引号\"与\\反斜杠\x01" if n == 1 else None,
        )  # fmt: skip
        out.append(row)
    return out


def _consents() -> list[dict]:
    return [{"id": f"00000000-0000-7000-9000-00000000000{n}", "version": 0, "member_id": f"m{n}", "type": "basic",
             "notice_version": "2025-1", "granted_at": AT, "channel": "paper_form", "collected_by": "s",
             "withdrawn_at": None, "withdrawn_by": None} for n in range(2)]  # fmt: skip


def _stored(store, actor, writer, monkeypatch, model, rows) -> dict:
    counter = itertools.count()
    monkeypatch.setattr(outbox, "new_ids", lambda k: [f"key-{next(counter)}" for _ in range(k)])
    monkeypatch.setattr(outbox, "new_id", lambda: f"key-{next(counter)}")
    store.hlc = HybridClock(wall_ms=lambda: 1_772_000_000_000)
    out: dict = {}
    with pytest.raises(_Rollback), unit_of_work(store, actor, clock=lambda: AT) as uow:
        writer(uow.session, model, [dict(r) for r in rows])
        for table in (model.__tablename__, "sync_outbox"):
            out[table] = [dict(r._mapping) for r in uow.session.execute(text(f"SELECT * FROM {table} ORDER BY rowid"))]
        raise _Rollback
    for row in out["sync_outbox"]:
        row["fields"], row["base"] = json.loads(row["fields"]), json.loads(row["base"])
    return out


@pytest.mark.parametrize("model, rows", [(Member, _members()), (Consent, _consents())])
def test_bulk_insert_stores_what_the_core_insert_stored(store, matchmaker, monkeypatch, model, rows):
    before = _stored(store, matchmaker, reference_commit.insert_synced, monkeypatch, model, rows)
    after = _stored(store, matchmaker, outbox.insert_synced, monkeypatch, model, rows)
    assert after == before
    written = [o for o in after["sync_outbox"] if o["entity"] == model.__tablename__]
    assert len(written) == len(rows) == len(after[model.__tablename__])
    if model is Member:
        payload = written[1]["fields"]
        assert payload["updated_at"] == "2026-03-01T02:30:15.250000+00:00" and payload["birth_date"] == "1990-01-02"
        assert payload["id_hmac"] == "01" * 32 and payload["has_car"] is True and payload["req_marital"] == ["10"]
        assert payload["self_description"] == rows[1]["self_description"] and "version" not in payload


def test_fallbacks_store_the_same(store, matchmaker, monkeypatch):
    rows = _members()
    fast = _stored(store, matchmaker, outbox.insert_synced, monkeypatch, Member, rows)
    # a row without `version` (a defaulted column): the Core insert fills it in
    defaulted = _stored(store, matchmaker, outbox.insert_synced, monkeypatch, Member,
                        [{k: v for k, v in r.items() if k != "version"} for r in rows])  # fmt: skip
    assert defaulted == fast
    # a driver without `?` placeholders: Core inserts throughout
    monkeypatch.setattr(outbox, "_plain_tuples", lambda connection: False)
    named = _stored(store, matchmaker, outbox.insert_synced, monkeypatch, Member, rows)
    assert named == fast
