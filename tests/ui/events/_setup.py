"""Events for the UI tests, made through the real services on the `ctx` store."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from xzdesk.domain.events import seatplans
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.dto import EventDraft
from xzdesk.domain.events.models import EventSeat
from xzdesk.domain.events.queries import check_eligibility
from xzdesk.domain.members.models import Member
from xzdesk.domain.uow import CHINA_TZ


def today():
    from datetime import datetime

    return datetime.now(CHINA_TZ).date()


def make_event(ctx, *, status: str = "open", **overrides) -> str:
    values = dict(name="五月花青年联谊会", kind="mixer", event_date=today() + timedelta(days=20), start_time="14:30",
                  end_time="17:00", venue="徐州市工人文化宫", capacity=30, quota_male=15, quota_female=15)
    values.update(overrides)
    with ctx.uow() as uow:
        info = ev.create_event(uow, draft=EventDraft(**values))
        if status != "draft":
            ev.change_event_status(uow, event_id=info.id, status="open")
        if status in ("closed", "held"):
            ev.change_event_status(uow, event_id=info.id, status=status)
    return info.id


def eligible_members(ctx, event_id: str, *, sex: int, n: int) -> list[str]:
    with ctx.store.read() as s:
        ids = list(s.execute(select(Member.id).where(Member.sex == sex).order_by(Member.member_no)).scalars())
        rows = check_eligibility(s, event_id=event_id, member_ids=ids)
    found = [r.member_id for r in rows if r.eligible and r.registration_status is None]
    assert len(found) >= n, f"only {len(found)} eligible members of sex {sex}"
    return found[:n]


def add_guests(ctx, event_id: str, *, men: int, women: int, approve: bool = True) -> list[str]:
    """Invite (and approve) men then women; returns the registration ids."""
    ids = eligible_members(ctx, event_id, sex=1, n=men) + eligible_members(ctx, event_id, sex=2, n=women)
    with ctx.uow() as uow:
        result = ev.invite_members(uow, event_id=event_id, member_ids=ids, approve=approve)
    return [*result.approved, *result.waitlisted, *result.pending]


def seated_event(ctx, *, men: int = 6, women: int = 6, tables: int = 2, capacity: int = 8) -> str:
    """An open event with approved guests at round tables, seated by a short optimiser run."""
    event_id = make_event(ctx)
    add_guests(ctx, event_id, men=men, women=women)
    with ctx.uow() as uow:
        seatplans.add_tables(uow, event_id=event_id, count=tables, shape="round", capacity=capacity)
    with ctx.uow() as uow:
        seatplans.optimise_seat_plan(uow, event_id=event_id, max_iterations=2000, time_budget_s=5)
    return event_id


def seats_in_db(ctx, event_id: str) -> dict[str, tuple[str, int] | None]:
    with ctx.store.read() as s:
        rows = s.execute(select(EventSeat).where(EventSeat.event_id == event_id)).scalars()
        return {r.registration_id: (r.table_id, r.seat_index) if r.table_id else None for r in rows}
