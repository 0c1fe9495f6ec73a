"""Retention review queue: inactive for 24 months or married; the matchmaker keeps (with a reason,
restarting the clock), archives, or asks the privacy officer to erase."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from tests.domain.events._factory import People
from tests.domain.privacy._world import add_staff
from xzdesk.domain.errors import PermissionDenied, ValidationError, XzError
from xzdesk.domain.members import service as members
from xzdesk.domain.members.models import Member
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.privacy.queries import list_requests, months_before, retention_queue
from xzdesk.domain.privacy.rights import confirm_retention
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.uow import unit_of_work

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def at(now):
    return lambda: now


def set_activity(store, member_id, when):
    with store.write_session() as s, s.begin():
        s.execute(update(Member).where(Member.id == member_id).values(last_activity_at=when))


def queue(store, actor, now=NOW):
    with store.read() as s:
        return {r.member_id: r for r in retention_queue(s, actor=actor, now=now)}


@pytest.fixture
def people():
    return People()


@pytest.fixture
def cases(store, matchmaker, people):
    """fresh, inactive (exactly 24 months), nearly inactive, married, archived-and-inactive."""
    ids = {name: people.make(store, matchmaker, sex=1 + i % 2, age=30) for i, name in
           enumerate(("fresh", "inactive", "nearly", "married", "archived"))}  # fmt: skip
    cutoff = months_before(NOW, 24)
    set_activity(store, ids["fresh"], NOW - timedelta(days=3))
    set_activity(store, ids["inactive"], cutoff)
    set_activity(store, ids["nearly"], cutoff + timedelta(seconds=1))
    set_activity(store, ids["archived"], cutoff - timedelta(days=400))
    with unit_of_work(store, matchmaker, clock=at(NOW)) as uow:
        for step in ("in_relationship", "married"):
            members.change_status(uow, member_id=ids["married"], status=step)
        members.change_status(uow, member_id=ids["archived"], status="archived")
    set_activity(store, ids["married"], NOW - timedelta(days=10))
    return ids


def test_months_before_keeps_the_calendar():
    assert months_before(datetime(2026, 11, 25, 2, tzinfo=UTC), 24) == datetime(2024, 11, 25, 2, tzinfo=UTC)
    assert months_before(datetime(2026, 2, 28, tzinfo=UTC), 24) == datetime(2024, 2, 28, tzinfo=UTC)
    assert months_before(datetime(2026, 3, 31, tzinfo=UTC), 1) == datetime(2026, 2, 28, tzinfo=UTC)


def test_the_queue_holds_the_inactive_and_the_married(store, matchmaker, cases):
    rows = queue(store, matchmaker)
    assert set(rows) == {cases["inactive"], cases["married"]}
    assert rows[cases["inactive"]].reasons == ("inactive",)
    assert rows[cases["married"]].reasons == ("married",)
    assert rows[cases["inactive"]].name_masked.endswith("*") and rows[cases["inactive"]].matchmaker_name == "王红娘"
    assert list(queue(store, matchmaker))[0] == cases["inactive"]  # oldest activity first


def test_keep_needs_a_reason_and_restarts_the_clock(store, matchmaker, cases):
    with pytest.raises(ValidationError) as exc, unit_of_work(store, matchmaker, clock=at(NOW)) as uow:
        confirm_retention(uow, member_id=cases["married"], decision="keep", reason=" ")
    assert exc.value.problems[0].field == "reason"
    with unit_of_work(store, matchmaker, clock=at(NOW)) as uow:
        confirm_retention(uow, member_id=cases["married"], decision="keep", reason="夫妻双方愿意参加婚后回访")
        confirm_retention(uow, member_id=cases["inactive"], decision="keep", reason="本人来电表示仍在找")
    assert queue(store, matchmaker) == {}
    with store.read() as s:
        assert s.get(Member, cases["inactive"]).last_activity_at == NOW
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "retention.keep",
                                                   AuditEntry.member_id == cases["married"])).scalar_one()  # fmt: skip
        assert entry.reason == "夫妻双方愿意参加婚后回访" and entry.actor_id == matchmaker.staff_id
    # 24 months later both are due again
    later = NOW + timedelta(days=2 * 366)
    assert set(queue(store, matchmaker, later)) >= {cases["inactive"], cases["married"]}


def test_archive_or_erase(store, matchmaker, cases):
    officer = add_staff(store, username="po", name="周隐私", role=Role.PRIVACY_OFFICER)
    with unit_of_work(store, matchmaker, clock=at(NOW)) as uow:
        assert confirm_retention(uow, member_id=cases["inactive"], decision="archive") is None
        request = confirm_retention(uow, member_id=cases["married"], decision="erase", reason="婚后无需继续服务")
    assert request is not None and request.kind == "erasure" and request.channel == "retention_review"
    assert request.handler_id is None and request.due_on > NOW.date()
    rows = queue(store, matchmaker)
    assert set(rows) == {cases["married"]} and rows[cases["married"]].erasure_requested
    with store.read() as s:
        assert s.get(Member, cases["inactive"]).status == "archived"
        (listed,) = list_requests(s, actor=officer, today=NOW.date())
        assert listed.id == request.id and listed.created_by_name == "王红娘"
    with pytest.raises(XzError) as exc, unit_of_work(store, matchmaker, clock=at(NOW)) as uow:
        confirm_retention(uow, member_id=cases["married"], decision="erase", reason="再次申请")
    assert exc.value.code == "rights.request_open"


def test_who_sees_the_queue(store, matchmaker, cases, people):
    officer = add_staff(store, username="po", name="周隐私", role=Role.PRIVACY_OFFICER)
    with pytest.raises(PermissionDenied):
        queue(store, officer)
    local = add_staff(store, username="mm2", name="陈红娘", role=Role.MATCHMAKER, district="320303")
    elsewhere = people.make(store, matchmaker, sex=2, age=30, district="320303")
    set_activity(store, elsewhere, NOW - timedelta(days=900))
    assert set(queue(store, local)) == {elsewhere}
    assert set(queue(store, matchmaker)) == {cases["inactive"], cases["married"], elsewhere}
    with pytest.raises(XzError) as exc, unit_of_work(store, local, clock=at(NOW)) as uow:
        confirm_retention(uow, member_id=cases["inactive"], decision="keep", reason="不是本区的会员")
    assert exc.value.code == "members.not_in_scope"
