"""The one write of the analytics area: a suggested event becomes a draft event with its
invitations, in one unit of work (the events services do the writing and check everything)."""

from __future__ import annotations

from xzdesk.domain.analytics.dto import DraftEventInfo, SuggestionInfo
from xzdesk.domain.analytics.pool import load_pool
from xzdesk.domain.analytics.queries import not_served_indices
from xzdesk.domain.analytics.suggest import audience_ids
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.dto import EventDraft
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.uow import UnitOfWork


def create_suggested_event(uow: UnitOfWork, *, suggestion: SuggestionInfo, name: str) -> DraftEventInfo:
    """Create the suggested event as a draft (status draft: nothing is published) and invite, as
    pending registrations, the members who fit it and were not served recently, longest wait
    first (read again now, not from the screen's older figures). The organiser edits, approves
    and opens it on the events screen."""
    uow.require(Permission.EVENTS_MANAGE)
    uow.require(Permission.REPORTS_AGGREGATE)
    draft = EventDraft(
        name=name, kind=suggestion.kind, event_date=suggestion.event_date, start_time=suggestion.start_time,
        venue=suggestion.venue, capacity=suggestion.capacity, quota_male=suggestion.quota_male,
        quota_female=suggestion.quota_female, age_min=suggestion.age_min, age_max=suggestion.age_max,
        sectors=(suggestion.sector,) if suggestion.sector else (),
        district_code=suggestion.district_code or (uow.actor.district_code if uow.actor else None),
    )  # fmt: skip
    event = ev.create_event(uow, draft=draft)
    scope = uow.actor.district_code if uow.actor else None
    pool = load_pool(uow.session, today=uow.today(), district=scope)
    members = audience_ids(pool, not_served_indices(pool, today=uow.today()), suggestion)
    result = ev.invite_members(uow, event_id=event.id, member_ids=members, approve=False)
    uow.audit("event.from_suggestion", fields=[f"event:{event.id}", f"invited:{len(result.pending)}"])
    return DraftEventInfo(event.id, event.name, len(result.pending), len(result.skipped))
