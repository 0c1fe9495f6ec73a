"""members.bulk.register_members writes what register_member writes, row for row, in bulk."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.domain.spreadsheets.helpers import make_id
from xzdesk.domain.errors import ValidationError, XzError
from xzdesk.domain.members.bulk import register_members
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.members.service import register_member
from xzdesk.domain.privacy.audit import verify_chain
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.store.models import OutboxRow
from xzdesk.domain.uow import unit_of_work

PER_PERSON = {"id", "member_no", "name", "name_pinyin", "name_initials", "sex", "birth_date", "id_number", "id_hmac",
              "mobile", "mobile_hmac", "mobile_last4", "created_at", "updated_at", "last_activity_at"}  # fmt: skip


def draft(n: int, **kw) -> MemberDraft:
    values = dict(name=f"测试{'甲乙丙丁戊己庚辛'[n]}", id_number=make_id("19900101", n, male=True),
                  mobile=f"1380000000{n}", district_code="320302", education="21", hobbies="读书、旅行",
                  height_cm="175", employer="徐工集团")  # fmt: skip
    return MemberDraft(**{**values, **kw})


def test_same_rows_as_register_member(store, matchmaker):
    with unit_of_work(store, matchmaker) as uow:
        single = register_member(uow, draft=draft(0)).id
    with unit_of_work(store, matchmaker) as uow:
        [bulk] = register_members(uow, drafts=[draft(1)])
    with store.read() as s:
        a, b = s.get(Member, single), s.get(Member, bulk)
        cols = [c.key for c in Member.__table__.columns if c.key not in PER_PERSON]
        assert {k: getattr(a, k) for k in cols} == {k: getattr(b, k) for k in cols}
        assert b.member_no.startswith("XZ") and b.mobile_last4 == "0001" and b.name_pinyin.startswith("ce shi")
        ca = s.execute(select(Consent).where(Consent.member_id == single)).scalar_one()
        cb = s.execute(select(Consent).where(Consent.member_id == bulk)).scalar_one()
        same = ("type", "notice_version", "channel", "collected_by", "withdrawn_at")
        assert [getattr(ca, k) for k in same] == [getattr(cb, k) for k in same]

        def outbox(member_id):
            rows = s.execute(select(OutboxRow).where(OutboxRow.member_id == member_id)).scalars().all()
            return {(r.entity, r.op, r.base_version, frozenset(r.fields)) for r in rows}

        assert outbox(single) == outbox(bulk)
        audit = s.execute(select(AuditEntry).where(AuditEntry.member_id == bulk)).scalar_one()
        assert audit.action == "member.create" and "id_number" in audit.fields and audit.actor_id == matchmaker.staff_id
        assert verify_chain(s).intact


def test_errors_stay_per_draft(store, matchmaker):
    with unit_of_work(store, matchmaker) as uow:
        register_member(uow, draft=draft(0))
    with unit_of_work(store, matchmaker) as uow:
        results = register_members(uow, drafts=[
            draft(1), draft(0, mobile="13900000009"), draft(2, mobile="123"), draft(3), draft(3, mobile="13900000003"),
        ])  # fmt: skip
    assert isinstance(results[0], str) and isinstance(results[3], str)
    assert isinstance(results[1], XzError) and results[1].code == "members.duplicate"
    assert results[1].params["field"] == "id_number" and "*" in results[1].params["id_number"]
    assert isinstance(results[2], ValidationError) and results[2].problems[0].code == "identity.mobile_format"
    assert isinstance(results[4], XzError) and results[4].code == "members.duplicate"  # same ID twice in one call
    with store.read() as s:
        assert len(s.execute(select(Member.id)).all()) == 3
        assert verify_chain(s).intact


def test_basic_consent_is_required(store, matchmaker):
    with pytest.raises(ValidationError) as err, unit_of_work(store, matchmaker) as uow:
        register_members(uow, drafts=[draft(0)], consents=("sensitive",))
    assert err.value.problems[0].code == "members.consent_missing"


def test_sensitive_consent_and_channel(store, matchmaker):
    with unit_of_work(store, matchmaker) as uow:
        [member_id] = register_members(uow, drafts=[draft(0)], consents=("basic", "sensitive"), channel="in_person")
    with store.read() as s:
        rows = s.execute(select(Consent.type, Consent.channel).where(Consent.member_id == member_id)).all()
    assert sorted(rows) == [("basic", "in_person"), ("sensitive", "in_person")]
