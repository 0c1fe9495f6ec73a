"""Office and venue laptops for the member web app's end-to-end tests (real SQLCipher databases,
the real sync client, the domain services the desktop runs)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from xzdesk.domain.checkin import service as checkin
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.dto import EventDraft
from xzdesk.domain.events.models import EventRegistration
from xzdesk.domain.members import service as members
from xzdesk.domain.members.codes import Evidence, VerificationKind

CHECKS = ((VerificationKind.REAL_NAME, Evidence.ID_CARD_SEEN), (VerificationKind.UNION_MEMBERSHIP, Evidence.UNION_CARD_SEEN),
          (VerificationKind.EMPLOYMENT, Evidence.LABOUR_CONTRACT_SEEN), (VerificationKind.DECLARATION, Evidence.SIGNED_FORM))  # fmt: skip


def verify_all(laptop: Any, member_ids: list[str]) -> None:
    """The matchmaker records the four checks (ID card seen, union card, contract, declaration)."""
    with laptop.uow() as uow:
        for member_id in member_ids:
            for kind, evidence in CHECKS:
                members.record_verification(uow, member_id=member_id, kind=kind, evidence=evidence)
            members.change_status(uow, member_id=member_id, status="active")


def create_open_event(laptop: Any, *, capacity: int = 20, name: str = "云龙湖读书联谊会", days: int = 5) -> str:
    draft = EventDraft(name=name, kind="mixer", event_date=(datetime.now(UTC) + timedelta(days=days)).date(),
                       start_time="14:00", end_time="17:00", venue="云龙湖畔职工之家", capacity=capacity)  # fmt: skip
    with laptop.uow() as uow:
        info = ev.create_event(uow, draft=draft)
        ev.change_event_status(uow, event_id=info.id, status="open")
    return info.id


def approve_all(laptop: Any, event_id: str) -> list[str]:
    with laptop.uow() as uow:
        ids = list(uow.session.execute(select(EventRegistration.id).where(
            EventRegistration.event_id == event_id, EventRegistration.status == "pending")).scalars())  # fmt: skip
        for reg_id in ids:
            ev.approve_registration(uow, registration_id=reg_id)
    return ids


def scan(laptop: Any, event_id: str, text: str) -> Any:
    with laptop.uow() as uow:
        return checkin.record_scan(uow, event_id=event_id, text=text)
