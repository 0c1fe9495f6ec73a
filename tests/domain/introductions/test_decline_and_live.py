"""Declining with a reason, undoing a decline within its window (a reversing transition in the
audit trail, accepted by the sync validator), and members in two live introductions at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.domain.introductions._people import make_member
from xzdesk.domain.errors import XzError
from xzdesk.domain.introductions import service
from xzdesk.domain.introductions.codes import Stage
from xzdesk.domain.introductions.models import UNDO_DECLINE_WINDOW, Introduction, validate_transition
from xzdesk.domain.introductions.queries import list_introductions, live_introductions
from xzdesk.domain.privacy.audit import verify_chain
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.uow import unit_of_work

T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def _pair(store, matchmaker):
    man, woman = make_member(store, matchmaker, sex=1), make_member(store, matchmaker, sex=2)
    with unit_of_work(store, matchmaker, clock=lambda: T0) as uow:
        intro = service.propose_introduction(uow, member_a=man, member_b=woman)
    return intro, man, woman


def _decline(store, matchmaker, intro_id, member, *, at=T0, reason="age", note=None):
    with unit_of_work(store, matchmaker, clock=lambda: at) as uow:
        return service.record_response(uow, introduction_id=intro_id, member_id=member, accepted=False,
                                       decline_reason=reason, decline_note=note)  # fmt: skip


def test_a_decline_keeps_its_reason_and_note_but_audits_field_names_only(store, matchmaker):
    intro, man, woman = _pair(store, matchmaker)
    info = _decline(store, matchmaker, intro.id, woman, reason="distance", note="他在新沂，太远")
    assert info.stage == Stage.DECLINED and info.decline_reason == "distance" and info.decline_note == "他在新沂，太远"
    assert info.undo_until == T0 + UNDO_DECLINE_WINDOW
    with store.read() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "introduction.response")).scalar_one()
        side = "a" if s.get(Introduction, intro.id).member_a_id == woman else "b"
        assert sorted(entry.fields) == sorted([f"{side}_response", "decline_reason", "decline_note"])
        assert entry.member_id == woman
        assert "新沂" not in str(entry.fields) and not entry.reason
    rows = list_introductions(store.read().__enter__(), today=T0.date(), stages=["declined"])
    assert rows[0].decline_reason == "distance" and rows[0].undo_until == T0 + UNDO_DECLINE_WINDOW


@pytest.mark.parametrize(
    ("reason", "note", "code"),
    [("bogus", None, "introductions.decline_reason"), ("other", "  ", "introductions.decline_note_required"),
     ("age", "长" * 201, "introductions.decline_note_too_long")],
)  # fmt: skip
def test_bad_decline_reasons_are_refused_and_nothing_is_written(store, matchmaker, reason, note, code):
    intro, man, _woman = _pair(store, matchmaker)
    with pytest.raises(XzError) as exc:
        _decline(store, matchmaker, intro.id, man, reason=reason, note=note)
    assert exc.value.code == code
    with store.read() as s:
        row = s.get(Introduction, intro.id)
        assert row.stage == Stage.PROPOSED and row.a_response is None and row.b_response is None


def test_undo_within_the_window_restores_the_entry_stage_and_is_audited(store, matchmaker):
    intro, man, woman = _pair(store, matchmaker)
    with unit_of_work(store, matchmaker, clock=lambda: T0) as uow:
        service.record_response(uow, introduction_id=intro.id, member_id=man, accepted=True)
    before = _decline(store, matchmaker, intro.id, woman, reason="not_ready")
    with store.read() as s:
        row = s.get(Introduction, intro.id)
        current = {c: getattr(row, c) for c in ("stage", "a_response", "b_response")}
    later = T0 + UNDO_DECLINE_WINDOW - timedelta(minutes=1)
    with unit_of_work(store, matchmaker, clock=lambda: later) as uow:
        info = service.undo_decline(uow, introduction_id=intro.id, base_version=before.version)
    assert info.stage == Stage.PROPOSED and info.decline_reason is None and info.undo_until is None
    assert info.side_of(man).response == "accepted" and info.side_of(woman).response is None
    assert info.closed_at is None
    with store.read() as s:
        entries = s.execute(select(AuditEntry).where(AuditEntry.action == "introduction.decline_undone")).scalars().all()
        assert sorted(e.member_id for e in entries) == sorted([man, woman])
        assert all("stage" in e.fields and "decline_reason" in e.fields for e in entries)
        assert verify_chain(s).intact
        row = s.get(Introduction, intro.id)
        changes = {c: getattr(row, c) for c in ("stage", "a_response", "b_response")}
    # the reversing transition is one the sync validator accepts (the server applies it too)
    assert validate_transition(current, {k: v for k, v in changes.items() if current[k] != v}) is None
    # ... but never an undo that leaves a declined answer behind
    assert validate_transition(current, {"stage": "proposed"}) == "introductions.bad_transition"
    # the pair goes on as if the decline never happened
    with unit_of_work(store, matchmaker, clock=lambda: later) as uow:
        again = service.record_response(uow, introduction_id=intro.id, member_id=woman, accepted=True)
    assert again.stage == Stage.ACCEPTED


def test_an_event_pair_goes_back_to_mutual_interest(store, matchmaker):
    man, woman = make_member(store, matchmaker, sex=1), make_member(store, matchmaker, sex=2)
    with unit_of_work(store, matchmaker, clock=lambda: T0) as uow:
        intro = service.create_from_mutual_interest(uow, event_id="e1", member_a=man, member_b=woman)
    _decline(store, matchmaker, intro.id, man)
    with unit_of_work(store, matchmaker, clock=lambda: T0 + timedelta(hours=1)) as uow:
        assert service.undo_decline(uow, introduction_id=intro.id).stage == Stage.MUTUAL_INTEREST


def test_undo_is_refused_after_the_window_and_on_a_live_introduction(store, matchmaker):
    intro, man, _woman = _pair(store, matchmaker)
    with pytest.raises(XzError) as exc, unit_of_work(store, matchmaker, clock=lambda: T0) as uow:
        service.undo_decline(uow, introduction_id=intro.id)
    assert exc.value.code == "introductions.not_declined"
    _decline(store, matchmaker, intro.id, man)
    too_late = T0 + UNDO_DECLINE_WINDOW + timedelta(seconds=1)
    with pytest.raises(XzError) as exc, unit_of_work(store, matchmaker, clock=lambda: too_late) as uow:
        service.undo_decline(uow, introduction_id=intro.id)
    assert exc.value.code == "introductions.undo_expired" and exc.value.params == {"hours": 24}
    with store.read() as s:
        assert s.get(Introduction, intro.id).stage == Stage.DECLINED


def test_a_member_in_two_live_introductions_is_named_on_both_rows(store, matchmaker):
    man = make_member(store, matchmaker, sex=1)
    w1, w2, w3 = (make_member(store, matchmaker, sex=2) for _ in range(3))
    with unit_of_work(store, matchmaker, clock=lambda: T0) as uow:
        first = service.propose_introduction(uow, member_a=man, member_b=w1)
        second = service.propose_introduction(uow, member_a=man, member_b=w2)
        third = service.propose_introduction(uow, member_a=man, member_b=w3)
    _decline(store, matchmaker, third.id, w3)  # no longer live
    with store.read() as s:
        live = live_introductions(s, [man, w1, w3], today=T0.date())
        rows = {r.id: r for r in list_introductions(s, today=T0.date(), stages=None)}
    assert sorted(r.introduction_id for r in live[man]) == sorted([first.id, second.id])
    assert [r.introduction_id for r in live[w1]] == [first.id] and w3 not in live
    on_first = rows[first.id].also_live
    assert [(r.introduction_id, r.member_id, r.stage) for r in on_first] == [(second.id, man, "proposed")]
    assert on_first[0].other_member_no == second.side_of(w2).member_no and on_first[0].other_name_masked.endswith("*")
    assert [r.introduction_id for r in rows[second.id].also_live] == [first.id]
