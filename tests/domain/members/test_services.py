"""Case-file services on a real encrypted store: validation, duplicates, scope, lifecycle, audit, outbox."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from xzdesk.domain.errors import PermissionDenied, ValidationError, XzError
from xzdesk.domain.members import service
from xzdesk.domain.members.codes import ConsentType, Evidence, MemberStatus, VerificationKind
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.models import Member, Note
from xzdesk.domain.privacy.audit import verify_chain
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.service import create_staff
from xzdesk.domain.store.models import OutboxRow
from xzdesk.domain.uow import ActorInfo, unit_of_work

ZHANG = dict(name="张三丰", id_number="320302197001010012", mobile="13812345678", district_code="320302")


def register(store, actor, **overrides):
    with unit_of_work(store, actor) as uow:
        return service.register_member(uow, draft=MemberDraft(**{**ZHANG, **overrides}))


def test_register_masks_and_derives(store, matchmaker):
    info = register(store, matchmaker, hobbies="羽毛球、旅行")
    assert info.name_masked == "张*"
    assert info.id_masked == "320***********0012"
    assert info.mobile_masked == "138****5678"
    assert info.fields["sex"] == 1 and info.fields["birth_date"].isoformat() == "1970-01-01"
    assert info.fields["hobbies"] == ["羽毛球", "旅行"]
    assert info.status == "registered" and info.active_consents == {"basic"}
    assert info.member_no.startswith("XZ") and len(info.member_no) == 10


def test_invalid_draft_reports_every_field(store, matchmaker):
    with pytest.raises(ValidationError) as err:
        register(store, matchmaker, id_number="320302197001010013", mobile="123", district_code="999999")
    codes = {(p.field, p.code) for p in err.value.problems}
    assert ("id_number", "identity.id_checksum") in codes
    assert ("mobile", "identity.mobile_format") in codes
    assert ("district_code", "members.unknown_code") in codes
    with store.read() as s:
        assert s.execute(select(Member)).first() is None  # nothing half-written


def test_sex_contradicting_id_is_an_error(store, matchmaker):
    with pytest.raises(ValidationError) as err:
        register(store, matchmaker, sex=2)
    assert err.value.problems[0].code == "members.sex_contradicts_id"


def test_duplicate_by_id_or_phone_names_owner_with_masked_data(store, matchmaker):
    register(store, matchmaker)
    with pytest.raises(XzError) as err:
        register(store, matchmaker, name="李四", mobile="13912345678")  # same ID
    assert err.value.code == "members.duplicate"
    params = err.value.params
    assert params["owner"] == "王红娘" and params["name"] == "张*" and params["id_number"] == "320***********0012"
    assert "张三丰" not in str(err.value) and "320302197001010012" not in str(err.value)
    with pytest.raises(XzError) as err2:
        register(store, matchmaker, id_number="11010519491231002X", name="李四", mobile="+86 138 1234 5678")
    assert err2.value.params["field"] == "mobile"


def test_edit_writes_outbox_with_base_values_and_audit_names_only(store, matchmaker):
    info = register(store, matchmaker)
    with unit_of_work(store, matchmaker) as uow:
        updated = service.update_member(uow, member_id=info.id, changes={"height_cm": "176"}, base_version=0)
    assert updated.fields["height_cm"] == 176
    with store.read() as s:
        row = s.execute(select(OutboxRow).where(OutboxRow.op == "update")).scalar_one()
        assert row.fields["height_cm"] == 176 and row.base["height_cm"] is None
        assert row.entity == "member" and row.member_id == info.id and row.operator_id == matchmaker.staff_id
        audit = s.execute(select(AuditEntry).where(AuditEntry.action == "member.edit")).scalar_one()
        assert audit.fields == ["height_cm"]
        assert verify_chain(s).intact


def test_editing_nothing_changes_nothing(store, matchmaker):
    info = register(store, matchmaker)
    with store.read() as s:
        before = s.execute(select(OutboxRow)).all()
    with unit_of_work(store, matchmaker) as uow:
        service.update_member(uow, member_id=info.id, changes={"district_code": "320302"})
    with store.read() as s:
        assert len(s.execute(select(OutboxRow)).all()) == len(before)


def test_changing_id_number_rechecks_duplicates_and_updates_sex(store, matchmaker):
    a = register(store, matchmaker)
    register(store, matchmaker, name="李娜", id_number="11010519491231002X", mobile="13912345678")
    with unit_of_work(store, matchmaker) as uow, pytest.raises(XzError) as err:
        service.update_member(uow, member_id=a.id, changes={"id_number": "11010519491231002X", "sex": None,
                                                             "birth_date": None})  # fmt: skip
    assert err.value.code == "members.duplicate"


def test_lifecycle_requires_verification_and_consent(store, matchmaker):
    info = register(store, matchmaker)
    with unit_of_work(store, matchmaker) as uow, pytest.raises(XzError) as err:
        service.change_status(uow, member_id=info.id, status=MemberStatus.ACTIVE)
    assert err.value.code == "members.bad_transition"  # registered -> active is not a step
    with unit_of_work(store, matchmaker) as uow:
        for kind, ev in ((VerificationKind.REAL_NAME, Evidence.ID_CARD_SEEN), (VerificationKind.UNION_MEMBERSHIP,
                         Evidence.UNION_ROSTER), (VerificationKind.EMPLOYMENT, Evidence.EMPLOYER_LETTER),
                         (VerificationKind.DECLARATION, Evidence.SIGNED_FORM)):  # fmt: skip
            info = service.record_verification(uow, member_id=info.id, kind=kind, evidence=ev)
    assert info.verified and info.status == "verified"
    with unit_of_work(store, matchmaker) as uow:
        info = service.change_status(uow, member_id=info.id, status=MemberStatus.ACTIVE)
    assert info.status == "active"
    with unit_of_work(store, matchmaker) as uow:
        info = service.withdraw_consent(uow, member_id=info.id, type=ConsentType.BASIC)
    assert info.status == "withdrawn" and "basic" not in info.active_consents


def test_wrong_evidence_for_check(store, matchmaker):
    info = register(store, matchmaker)
    with unit_of_work(store, matchmaker) as uow, pytest.raises(ValidationError):
        service.record_verification(uow, member_id=info.id, kind=VerificationKind.REAL_NAME, evidence=Evidence.SIGNED_FORM)


def test_district_scope_and_roles(store, matchmaker):
    info = register(store, matchmaker)  # 鼓楼区
    admin = ActorInfo("admin", Role.ADMIN)
    with unit_of_work(store, admin) as uow:
        other = create_staff(uow, username="yl", display_name="云龙红娘", role="matchmaker", district_code="320303")
        staff = create_staff(uow, username="ev", display_name="现场", role="event_staff", district_code=None)
    with unit_of_work(store, other.actor()) as uow, pytest.raises(XzError) as err:
        service.update_member(uow, member_id=info.id, changes={"height_cm": 170})
    assert err.value.code == "members.not_in_scope"
    with unit_of_work(store, staff.actor()) as uow, pytest.raises(PermissionDenied):
        service.add_note(uow, member_id=info.id, body="x")


def test_reveal_needs_reason_and_is_audited(store, matchmaker):
    info = register(store, matchmaker)
    with unit_of_work(store, matchmaker) as uow, pytest.raises(ValidationError):
        service.reveal_member(uow, member_id=info.id, fields=("mobile",), reason=" ")
    with unit_of_work(store, matchmaker) as uow:
        values = service.reveal_member(uow, member_id=info.id, fields=("name", "mobile"), reason="安排牵线电话")
    assert values == {"name": "张三丰", "mobile": "13812345678"}
    with store.read() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "member.reveal")).scalar_one()
        assert entry.fields == ["mobile", "name"] and entry.reason == "安排牵线电话"


def test_notes_are_append_only_in_the_database(store, matchmaker):
    info = register(store, matchmaker)
    with unit_of_work(store, matchmaker) as uow:
        service.add_note(uow, member_id=info.id, body="第一次电话")
    with pytest.raises(Exception, match="append-only"), unit_of_work(store, matchmaker) as uow:
        note = uow.session.execute(select(Note)).scalar_one()
        note.body = "changed"
        uow.session.flush()
    with pytest.raises(Exception, match="append-only"), store.write_session() as s, s.begin():
        s.execute(Note.__table__.delete())


def test_follow_ups_due(store, matchmaker):
    from datetime import timedelta

    info = register(store, matchmaker)
    with unit_of_work(store, matchmaker) as uow:
        f = service.add_follow_up(uow, member_id=info.id, due_date=uow.today(), title="回访")
        today = uow.today()
    with store.read() as s:
        assert service.due_follow_ups(s, today=today) == 1
        assert service.due_follow_ups(s, today=today - timedelta(days=1)) == 0
    with unit_of_work(store, matchmaker) as uow:
        service.complete_follow_up(uow, follow_up_id=f.id, outcome="已联系")
    with store.read() as s:
        assert service.due_follow_ups(s, today=today) == 0


def test_supplementary_plane_name_round_trip(store, matchmaker):
    info = register(store, matchmaker, name="王𠇔䶮")
    assert info.name_masked == "王*"
    with unit_of_work(store, matchmaker) as uow:
        assert service.reveal_member(uow, member_id=info.id, fields=("name",), reason="核对")["name"] == "王𠇔䶮"
