"""Contact details only after both accept, through audited services; 回访 dates; the board."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.domain.introductions._people import make_member
from tests.domain.introductions.conftest import T0
from xzdesk.domain.errors import PermissionDenied, ValidationError, XzError
from xzdesk.domain.introductions import queries, service
from xzdesk.domain.members import service as members
from xzdesk.domain.members.codes import ConsentType
from xzdesk.domain.members.models import FollowUp, Member
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.uow import ActorInfo, unit_of_work


def accepted_pair(store, actor, clock=None):
    man, woman = make_member(store, actor, sex=1), make_member(store, actor, sex=2)
    kwargs = {"clock": clock} if clock else {}
    with unit_of_work(store, actor, **kwargs) as uow:
        intro = service.propose_introduction(uow, member_a=man, member_b=woman).id
        service.record_response(uow, introduction_id=intro, member_id=man, accepted=True)
    return man, woman, intro


def audit_actions(store, member_id):
    with store.read() as s:
        return [(e.action, e.fields, e.reason) for e in s.execute(
            select(AuditEntry).where(AuditEntry.member_id == member_id).order_by(AuditEntry.seq)).scalars()]  # fmt: skip


def test_contacts_only_after_both_accepted(store, matchmaker):
    man, woman, intro = accepted_pair(store, matchmaker)
    for call in (
        lambda uow: service.exchange_contacts(uow, introduction_id=intro),
        lambda uow: service.reveal_contacts(uow, introduction_id=intro, reason="对方遗失号码"),
    ):
        with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
            call(uow)
        assert err.value.code in ("introductions.bad_transition", "introductions.not_accepted")
    assert not [a for a in audit_actions(store, man) if a[0].startswith("introduction.contacts")]
    with unit_of_work(store, matchmaker) as uow:
        service.record_response(uow, introduction_id=intro, member_id=woman, accepted=True)
        contacts = service.exchange_contacts(uow, introduction_id=intro)
        stored = {m.id: m for m in uow.session.execute(select(Member).where(Member.id.in_([man, woman]))).scalars()}
    assert contacts.stage == "accepted"  # the stage they were handed out at
    for row in (contacts.a, contacts.b):
        m = stored[row.member_id]
        assert (row.name, row.mobile, row.wechat) == (m.name, m.mobile, m.wechat)
    for member_id in (man, woman):
        action, fields, _ = [a for a in audit_actions(store, member_id) if a[0] == "introduction.contacts_exchange"][0]
        assert sorted(fields) == ["mobile", "name", "wechat"]
        values = (stored[member_id].mobile, stored[member_id].name)
        assert not any(v in str(audit_actions(store, member_id)) for v in values)  # names, never values


def test_reveal_needs_a_reason_permission_and_consent(store, matchmaker):
    man, woman, intro = accepted_pair(store, matchmaker)
    with unit_of_work(store, matchmaker) as uow:
        service.record_response(uow, introduction_id=intro, member_id=woman, accepted=True)
        service.exchange_contacts(uow, introduction_id=intro)
    with pytest.raises(ValidationError), unit_of_work(store, matchmaker) as uow:
        service.reveal_contacts(uow, introduction_id=intro, reason=" ")
    officer = ActorInfo(matchmaker.staff_id, Role.AUDITOR)
    with pytest.raises(PermissionDenied), unit_of_work(store, officer) as uow:
        service.reveal_contacts(uow, introduction_id=intro, reason="核对")
    with unit_of_work(store, matchmaker) as uow:
        service.reveal_contacts(uow, introduction_id=intro, reason="女方遗失号码")
    assert ("introduction.contacts_reveal", ["mobile", "name", "wechat"], "女方遗失号码") in [
        (a, sorted(f), r) for a, f, r in audit_actions(store, woman)
    ]
    with unit_of_work(store, matchmaker) as uow:
        members.withdraw_consent(uow, member_id=man, type=ConsentType.SHARE_PROFILE)
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        service.reveal_contacts(uow, introduction_id=intro, reason="再次核对")
    assert err.value.code == "introductions.consent_missing"


def test_follow_ups_at_three_days_weeks_and_months(store, matchmaker):
    clock = lambda: T0  # noqa: E731  2026-01-31 in Xuzhou
    man, woman, intro = accepted_pair(store, matchmaker, clock)
    with unit_of_work(store, matchmaker, clock=clock) as uow:
        service.record_response(uow, introduction_id=intro, member_id=woman, accepted=True)
        service.exchange_contacts(uow, introduction_id=intro)
        info = service.introduction_info(uow, intro)
    expected = [date(2026, 2, 3), date(2026, 2, 21), date(2026, 4, 30)]
    assert service.follow_up_dates(date(2026, 1, 31)) == expected
    with store.read() as s:
        rows = s.execute(select(FollowUp).where(FollowUp.id.in_([f.id for f in info.follow_ups]))).scalars().all()
        rows = [(r.member_id, r.due_date, r.kind, r.assigned_to, r.title) for r in rows]
    assert sorted(r[:2] for r in rows) == sorted((m, d) for m in (man, woman) for d in expected)
    assert {r[2] for r in rows} == {"introduction"} and {r[3] for r in rows} == {matchmaker.staff_id}
    assert {r[4] for r in rows} == {"introduction.follow_up.3d", "introduction.follow_up.3w", "introduction.follow_up.3m"}


def test_add_months_clamps_to_month_end():
    assert service.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert service.add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert service.add_months(date(2026, 5, 15), 3) == date(2026, 8, 15)


def test_board_history_and_open_counts(store, matchmaker):
    clock = lambda: T0  # noqa: E731
    man, woman, intro = accepted_pair(store, matchmaker, clock)
    other = make_member(store, matchmaker, sex=2)
    with unit_of_work(store, matchmaker, clock=clock) as uow:
        service.record_response(uow, introduction_id=intro, member_id=woman, accepted=True)
        service.exchange_contacts(uow, introduction_id=intro)
        second = service.propose_introduction(uow, member_a=man, member_b=other).id
    later = date(2026, 3, 2)  # +3 days and +3 weeks are overdue, +3 months is not
    with store.read() as s:
        rows = {r.id: r for r in queries.list_introductions(s, today=later)}
        assert rows[intro].overdue_follow_ups == 4 and rows[intro].next_follow_up == date(2026, 2, 3)
        assert rows[second].overdue_follow_ups == 0 and rows[second].next_follow_up is None
        assert [r.id for r in queries.list_introductions(s, today=later, overdue_only=True)] == [intro]
        assert [r.id for r in queries.list_introductions(s, today=later, stages=["proposed"])] == [second]
        columns = {c.stage: c for c in queries.board_columns(s, today=later)}
        assert (columns["contacts_exchanged"].count, columns["contacts_exchanged"].overdue) == (1, 1)
        assert (columns["proposed"].count, columns["proposed"].overdue) == (1, 0)
        assert {r.id for r in queries.member_history(s, man, today=later)} == {intro, second}
        assert queries.open_proposal_counts(s) == {man: 2, woman: 1, other: 1}
        assert queries.open_proposal_counts(s, [woman]) == {woman: 1}
        assert rows[intro].a.name_masked.endswith("*") and rows[intro].matchmaker_name == "王红娘"
        first_due = s.execute(select(FollowUp.id).where(FollowUp.due_date == date(2026, 2, 3))).scalars().all()
    with unit_of_work(store, matchmaker, clock=lambda: T0 + timedelta(days=30)) as uow:
        for fid in first_due:
            members.complete_follow_up(uow, follow_up_id=fid, outcome="已联系")
    with store.read() as s:
        row = {r.id: r for r in queries.list_introductions(s, today=later)}[intro]
    assert row.overdue_follow_ups == 2 and row.next_follow_up == date(2026, 2, 21)
