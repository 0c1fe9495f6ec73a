"""Rights requests: who may handle them, due dates in working days, refusals need a reason,
partial answers stop processing, access requests hand the data over."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from tests.domain.events._factory import People
from tests.domain.privacy._world import add_staff
from xzdesk.domain.errors import NotFound, PermissionDenied, ValidationError, XzError
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.privacy.codes import RequestStatus
from xzdesk.domain.privacy.models import AuditEntry, RightsRequest
from xzdesk.domain.privacy.queries import list_requests
from xzdesk.domain.privacy.rights import (
    assign_request,
    complete_access_request,
    receive_request,
    refuse_request,
    stop_processing,
)
from xzdesk.domain.privacy.workdays import add_working_days, is_working_day, working_days_between
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.uow import unit_of_work

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)  # Wednesday 2026-11-25, 10:00 in Xuzhou


def clock():
    return NOW


@pytest.fixture
def people():
    return People()


@pytest.fixture
def member_no(store, matchmaker, people):
    mid = people.make(store, matchmaker, sex=1, age=30, consents=("basic", "matching", "share_profile"))
    with store.read() as s:
        return s.get(Member, mid).member_no


@pytest.fixture
def officer(store, matchmaker):
    return add_staff(store, username="po", name="周隐私", role=Role.PRIVACY_OFFICER)


# --- working days -----------------------------------------------------------------------------------
def test_due_date_is_fifteen_working_days_after_receipt():
    # an ordinary stretch: three weeks of weekdays
    assert add_working_days(date(2026, 3, 2)).due == date(2026, 3, 23)
    # Spring Festival 2026: 2-15..2-23 off, Saturdays 2-14 and 2-28 worked
    info = add_working_days(date(2026, 2, 10))
    assert info.due == date(2026, 3, 9) and not info.provisional
    assert is_working_day(date(2026, 2, 14)) and is_working_day(date(2026, 2, 28))
    assert not is_working_day(date(2026, 2, 16)) and not is_working_day(date(2026, 2, 21))
    # National Day: 9-20 (Sunday) worked, 10-1..10-7 off, 10-10 (Saturday) worked
    assert add_working_days(date(2026, 9, 18)).due == date(2026, 10, 15)
    # a request received on a holiday: counting starts on the next working day
    assert add_working_days(date(2026, 10, 3), 1).due == date(2026, 10, 8)


def test_a_year_without_the_published_arrangement_is_provisional():
    info = add_working_days(date(2026, 12, 20))
    assert info.provisional  # the count runs into 2027
    assert info.due == date(2027, 1, 11)  # 12-21..12-31: 9 days; 2027-01-01 off; 1-4..1-8, 1-11
    assert add_working_days(date(2028, 5, 1)).provisional
    assert not is_working_day(date(2027, 2, 8))  # 初三 of the 2027 Spring Festival


def test_working_days_between_counts_both_ways():
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 23)) == 15
    assert working_days_between(date(2026, 3, 23), date(2026, 3, 2)) == -15
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 1  # Friday to Monday


# --- who handles requests ---------------------------------------------------------------------------
def test_only_the_privacy_officer_handles_requests(store, matchmaker, officer, member_no):
    auditor = add_staff(store, username="au", name="吴审计", role=Role.AUDITOR)
    admin = add_staff(store, username="ua", name="郑管理", role=Role.UNION_ADMIN)
    for actor in (matchmaker, auditor, admin):
        with pytest.raises(PermissionDenied), unit_of_work(store, actor, clock=clock) as uow:
            receive_request(uow, member_no=member_no, kind="erasure", received_on=date(2026, 11, 20), channel="letter")
        with pytest.raises(PermissionDenied), store.read() as s:
            list_requests(s, actor=actor, today=date(2026, 11, 25))
    with unit_of_work(store, officer, clock=clock) as uow:
        info = receive_request(uow, member_no=member_no.lower(), kind="erasure", received_on=date(2026, 11, 20),
                               channel="letter")  # fmt: skip
    assert info.status == "open" and info.handler_id == officer.staff_id and info.handler_name == "周隐私"
    assert info.due_on == date(2026, 12, 11) and not info.due_provisional
    assert info.working_days_left == 12  # 11-26 .. 12-11
    with store.read() as s:
        (listed,) = list_requests(s, actor=officer, today=date(2026, 11, 25))
        assert listed.id == info.id and listed.member_no == member_no
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "rights.request.erasure")).scalar_one()
        assert entry.actor_id == officer.staff_id and entry.fields == ["letter"]
    for actor in (matchmaker,):
        with pytest.raises(PermissionDenied), unit_of_work(store, actor, clock=clock) as uow:
            refuse_request(uow, request_id=info.id, reason="法定保存期限未满")


def test_request_checks(store, officer, member_no):
    with pytest.raises(ValidationError) as exc, unit_of_work(store, officer, clock=clock) as uow:
        receive_request(uow, member_no=member_no, kind="access", received_on=date(2026, 11, 26), channel="email")
    assert exc.value.problems[0].code == "rights.received_in_future"
    with pytest.raises(NotFound), unit_of_work(store, officer, clock=clock) as uow:
        receive_request(uow, member_no="XZ00000000", kind="access", received_on=date(2026, 11, 20), channel="email")
    with unit_of_work(store, officer, clock=clock) as uow:
        receive_request(uow, member_no=member_no, kind="access", received_on=date(2026, 11, 20), channel="email")
    with pytest.raises(XzError) as dup, unit_of_work(store, officer, clock=clock) as uow:
        receive_request(uow, member_no=member_no, kind="access", received_on=date(2026, 11, 21), channel="phone")
    assert dup.value.code == "rights.request_open" and dup.value.params["member_no"] == member_no
    with unit_of_work(store, officer, clock=clock) as uow:  # another kind is another request
        receive_request(uow, member_no=member_no, kind="erasure", received_on=date(2026, 11, 21), channel="phone")


def test_handler_must_be_a_privacy_officer(store, matchmaker, officer, member_no):
    second = add_staff(store, username="po2", name="钱隐私", role=Role.PRIVACY_OFFICER)
    with pytest.raises(ValidationError) as exc, unit_of_work(store, officer, clock=clock) as uow:
        receive_request(uow, member_no=member_no, kind="erasure", received_on=date(2026, 11, 20), channel="letter",
                        handler_id=matchmaker.staff_id)  # fmt: skip
    assert exc.value.problems[0].field == "handler_id"
    with unit_of_work(store, officer, clock=clock) as uow:
        info = receive_request(uow, member_no=member_no, kind="erasure", received_on=date(2026, 11, 20), channel="letter")
        moved = assign_request(uow, request_id=info.id, handler_id=second.staff_id)
    assert moved.handler_name == "钱隐私"


def test_refusal_needs_a_reason(store, officer, member_no):
    with unit_of_work(store, officer, clock=clock) as uow:
        info = receive_request(uow, member_no=member_no, kind="erasure", received_on=date(2026, 11, 20), channel="letter")
    for blank in ("", "   ", "x"):
        with pytest.raises(ValidationError) as exc, unit_of_work(store, officer, clock=clock) as uow:
            refuse_request(uow, request_id=info.id, reason=blank)
        assert exc.value.problems[0].field == "reason" and exc.value.problems[0].code == "rights.reason_required"
    with store.read() as s:
        assert s.get(RightsRequest, info.id).status == "open"
    with unit_of_work(store, officer, clock=clock) as uow:
        done = refuse_request(uow, request_id=info.id, reason="  涉及正在处理的投诉，依法暂不删除  ")
    assert done.status == RequestStatus.REFUSED and done.reason == "涉及正在处理的投诉，依法暂不删除"
    assert done.closed_at == NOW and done.closed_by_name == "周隐私"
    with store.read() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "rights.erasure.refused")).scalar_one()
        assert entry.reason == "涉及正在处理的投诉，依法暂不删除"
        assert s.get(Member, done.member_id) is not None  # nothing erased
    with pytest.raises(XzError) as closed, unit_of_work(store, officer, clock=clock) as uow:
        refuse_request(uow, request_id=info.id, reason="再次拒绝")
    assert closed.value.code == "rights.request_closed"


def test_partial_answer_stops_processing_and_keeps_storage(store, officer, member_no):
    with unit_of_work(store, officer, clock=clock) as uow:
        info = receive_request(uow, member_no=member_no, kind="erasure", received_on=date(2026, 11, 20), channel="letter")
    with pytest.raises(ValidationError), unit_of_work(store, officer, clock=clock) as uow:
        stop_processing(uow, request_id=info.id, reason="")
    with unit_of_work(store, officer, clock=clock) as uow:
        done = stop_processing(uow, request_id=info.id, reason="档案保存期限未满（单位规定三年）")
    assert done.status == "partial"
    with store.read() as s:
        m = s.get(Member, info.member_id)
        assert m.status == "archived"
        consents = s.execute(select(Consent).where(Consent.member_id == m.id)).scalars().all()
        assert consents and all(c.withdrawn_at == NOW and c.withdrawn_by == officer.staff_id for c in consents)


def test_partial_answer_is_for_erasure_requests_only(store, officer, member_no, tmp_path):
    with unit_of_work(store, officer, clock=clock) as uow:
        info = receive_request(uow, member_no=member_no, kind="access", received_on=date(2026, 11, 20), channel="email")
    with pytest.raises(XzError) as exc, unit_of_work(store, officer, clock=clock) as uow:
        stop_processing(uow, request_id=info.id, reason="不适用")
    assert exc.value.code == "rights.wrong_kind"
    with unit_of_work(store, officer, clock=clock) as uow:
        export = complete_access_request(uow, request_id=info.id, directory=tmp_path / "out", reason="本人书面申请")
    assert export.xlsx_path.exists() and export.json_path.exists()
    assert export.xlsx_path.name == f"member-data-{member_no}-20261125.xlsx"
    with store.read() as s:
        assert s.get(RightsRequest, info.id).status == "done"
        actions = set(s.execute(select(AuditEntry.action).where(AuditEntry.member_id == info.member_id)).scalars())
        assert {"rights.request.access", "rights.export", "rights.access.done"} <= actions


def test_a_district_privacy_officer_stays_in_the_district(store, people, matchmaker):
    mid = people.make(store, matchmaker, sex=2, age=27, district="320303")
    local = add_staff(store, username="po3", name="孙隐私", role=Role.PRIVACY_OFFICER, district="320302")
    with store.read() as s:
        number = s.get(Member, mid).member_no
    with pytest.raises(XzError) as exc, unit_of_work(store, local, clock=clock) as uow:
        receive_request(uow, member_no=number, kind="erasure", received_on=date(2026, 11, 20), channel="letter")
    assert exc.value.code == "members.not_in_scope"
