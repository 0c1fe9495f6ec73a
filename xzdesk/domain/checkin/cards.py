"""Interest cards (心动卡): entry built for speed, corrections, and the current card per person.

Entry: the card's number plate, then the plates ticked on it. Plates are read forgivingly
(`m1`, `M01`, full-width digits); a bare number among the ticks means the opposite sex's plate
of that number (`3` on M05's card is F03), since cards list the people one met. Entering a card
again replaces it (a new row superseding the previous one); `void_interest_card` withdraws an
entry made by mistake. Rows are append-only facts, so entries made on two laptops both survive
sync; the current card of an owner is the newest entry that nothing supersedes.

Only the cards of people present count (matches.py): a card whose owner has no check-in is
saved but kept aside (`cards_aside`) until staff confirm the person was there.

Contract: services take the caller's UnitOfWork, need `checkin.record`, never commit; reads take
a Session. Errors: ValidationError with FieldProblems on "card" or "ticked"
(checkin.card_unknown_plate (plate), checkin.plate_ambiguous (plate), checkin.card_self),
checkin.event_not_found, checkin.no_card (plate).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from xzdesk.domain.changes import Area
from xzdesk.domain.checkin import queries
from xzdesk.domain.checkin.codes import ATTENDED
from xzdesk.domain.checkin.dto import CardOwnerInfo, CardProgressInfo, CardRow, InterestCardInfo
from xzdesk.domain.checkin.models import CheckinRoster, InterestCard
from xzdesk.domain.checkin.service import get_event
from xzdesk.domain.errors import FieldProblem, ValidationError, XzError
from xzdesk.domain.events.codes import SEX_PREFIX
from xzdesk.domain.reads import key_read
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.uow import UnitOfWork


class PlateBook:
    """The roster of one event indexed by plate, for reading typed plates."""

    def __init__(self, session: Session, event_id: str) -> None:
        self.rows = list(session.execute(select(CheckinRoster).where(CheckinRoster.event_id == event_id)).scalars())
        self.by_id = {r.id: r for r in self.rows}
        self.by_key: dict[tuple[str, int], list[CheckinRoster]] = {}
        for r in self.rows:
            key = queries.plate_key(r.plate or "")
            if key is not None:
                self.by_key.setdefault(key, []).append(r)

    def find(self, text: str, *, opposite_of: int | None = None) -> CheckinRoster:
        """The roster row of a typed plate; raises FieldProblem (field set by the caller)."""
        clean = unicodedata.normalize("NFKC", text or "").strip().upper()
        shown = clean[:8]
        if clean.isdigit():
            number = int(clean)
            if opposite_of in SEX_PREFIX:
                letter = SEX_PREFIX[3 - opposite_of]
                hits = self.by_key.get((letter, number), [])
                shown = f"{letter}{number:02d}"
            else:
                hits = [r for letter in SEX_PREFIX.values() for r in self.by_key.get((letter, number), [])]
        else:
            key = queries.plate_key(clean)
            hits = self.by_key.get(key, []) if key is not None else []
        if len(hits) == 1:
            return hits[0]
        code = "checkin.plate_ambiguous" if hits else "checkin.card_unknown_plate"
        raise FieldProblem("ticked", code, plate=shown)

    def plate(self, registration_id: str) -> str:
        row = self.by_id.get(registration_id)
        return (row.plate or "") if row else ""


def _heads(rows: Iterable[InterestCard]) -> dict[str, InterestCard]:
    """The current entry per owner (voided ones included): newest not superseded."""
    rows = list(rows)
    superseded = {r.supersedes for r in rows if r.supersedes}
    best: dict[str, InterestCard] = {}
    for r in rows:
        if r.id in superseded:
            continue
        cur = best.get(r.owner_registration_id)
        if cur is None or (r.entered_at, r.id) > (cur.entered_at, cur.id):
            best[r.owner_registration_id] = r
    return best


def _event_rows(session: Session, event_id: str) -> list[InterestCard]:
    return list(session.execute(select(InterestCard).where(InterestCard.event_id == event_id)).scalars())


def current_cards(session: Session, *, event_id: str) -> dict[str, tuple[str, ...]]:
    """{owner registration id: registration ids ticked} of every current (not voided) card."""
    return {owner: tuple(r.ticked) for owner, r in _heads(_event_rows(session, event_id)).items() if not r.voided}


@key_read
def card_rows(session: Session, *, event_id: str) -> list[CardRow]:
    """The current cards in plate order, as entered; `counted` False for cards kept aside."""
    book = PlateBook(session, event_id)
    heads = [r for r in _heads(_event_rows(session, event_id)).values() if not r.voided]
    present = queries.present(session, event_id=event_id)
    out = [
        CardRow(r.owner_registration_id, book.plate(r.owner_registration_id),
                tuple(book.plate(t) for t in r.ticked), r.entered_at, r.owner_registration_id in present)  # fmt: skip
        for r in heads
    ]
    return sorted(out, key=lambda c: queries.plate_sort_key(c.owner_plate))


def card_for(session: Session, *, event_id: str, plate: str) -> CardRow | None:
    """The current card of the person with this plate (for showing it before a correction)."""
    book = PlateBook(session, event_id)
    try:
        owner = book.find(plate)
    except FieldProblem:
        return None
    head = _heads(
        session.execute(
            select(InterestCard).where(InterestCard.event_id == event_id, InterestCard.owner_registration_id == owner.id)
        ).scalars()
    ).get(owner.id)
    if head is None or head.voided:
        return None
    return CardRow(owner.id, owner.plate or "", tuple(book.plate(t) for t in head.ticked), head.entered_at)


@key_read
def card_progress(session: Session, *, event_id: str) -> CardProgressInfo:
    """Cards that count (their owner is present) / people present, and cards kept aside."""
    owners = set(current_cards(session, event_id=event_id))
    present = queries.present(session, event_id=event_id)
    return CardProgressInfo(len(owners & present), len(present), len(owners - present))


def is_present(session: Session, event_id: str, row: CheckinRoster) -> bool:
    """Does this person count as present (`queries.present`, for one roster row)?"""
    return row.status == ATTENDED or queries.in_force(session, event_id=event_id, registration_id=row.id) is not None


@key_read
def card_owner(session: Session, *, event_id: str, plate: str) -> CardOwnerInfo:
    """Who card number `plate` belongs to, whether they are present and their card so far.
    Raises ValidationError (field "card": checkin.card_unknown_plate, checkin.plate_ambiguous)."""
    owner = _owner(PlateBook(session, event_id), plate)
    return CardOwnerInfo(owner.id, owner.plate or "", owner.display_name, owner.name_masked,
                         is_present(session, event_id, owner), card_for(session, event_id=event_id, plate=owner.plate or ""),
                         owner.status)  # fmt: skip


@key_read
def cards_aside(session: Session, *, event_id: str) -> list[CardOwnerInfo]:
    """Current cards whose owner has no check-in, in plate order: saved, not counted until staff
    confirm the person was there (`service.confirm_attendance`) or the card is deleted."""
    book = PlateBook(session, event_id)
    present = queries.present(session, event_id=event_id)
    out = []
    for owner_id in current_cards(session, event_id=event_id):
        row = book.by_id.get(owner_id)
        if row is None or owner_id in present:
            continue
        out.append(CardOwnerInfo(row.id, row.plate or "", row.display_name, row.name_masked, False,
                                 card_for(session, event_id=event_id, plate=row.plate or ""), row.status))  # fmt: skip
    return sorted(out, key=lambda o: queries.plate_sort_key(o.plate))


def _owner(book: PlateBook, card_plate: str) -> CheckinRoster:
    try:
        return book.find(card_plate)
    except FieldProblem as exc:
        raise ValidationError([FieldProblem("card", exc.code, **exc.params)]) from None


def enter_interest_card(uow: UnitOfWork, *, event_id: str, card_plate: str, ticked: Sequence[str]) -> InterestCardInfo:
    """Enter (or correct) the card of `card_plate` with the plates ticked on it.

    Every plate must be on the event's roster; all problems are reported at once. Entering the
    same ticks again writes nothing (`unchanged`). A card of someone not present is saved but
    kept aside (`owner_arrived` False: it counts once attendance is confirmed; callers warn
    before, see `card_owner`); ticks of the owner's own sex are flagged."""
    actor = uow.require(Permission.CHECKIN)
    event = get_event(uow.session, event_id)
    book = PlateBook(uow.session, event_id)
    owner = _owner(book, card_plate)
    problems: list[FieldProblem] = []
    chosen: dict[str, CheckinRoster] = {}
    for text in ticked:
        if not (text or "").strip():
            continue
        try:
            row = book.find(text, opposite_of=owner.sex)
        except FieldProblem as exc:
            problems.append(exc)
            continue
        if row.id == owner.id:
            problems.append(FieldProblem("ticked", "checkin.card_self", plate=owner.plate or ""))
            continue
        chosen.setdefault(row.id, row)
    if problems:
        raise ValidationError(problems)
    ticked_ids = sorted(chosen, key=lambda rid: queries.plate_sort_key(chosen[rid].plate))
    rows = list(
        uow.session.execute(
            select(InterestCard).where(InterestCard.event_id == event_id, InterestCard.owner_registration_id == owner.id)
        ).scalars()
    )
    head = _heads(rows).get(owner.id)
    arrived = is_present(uow.session, event_id, owner)
    same_sex = tuple(chosen[r].plate or "" for r in ticked_ids if chosen[r].sex == owner.sex)
    plates = tuple(chosen[r].plate or "" for r in ticked_ids)
    if head is not None and not head.voided and sorted(head.ticked) == sorted(ticked_ids):
        return InterestCardInfo(head.id, owner.id, owner.plate or "", plates, False, True, arrived, same_sex)
    card = InterestCard(
        id=new_id(), version=0, event_id=event_id, office_district=event.district_code, owner_registration_id=owner.id,
        member_id=owner.member_id,
        ticked=ticked_ids, supersedes=head.id if head is not None else None, voided=False,
        entered_by=actor.staff_id, entered_at=uow.now, device_id=uow.device_id,
    )  # fmt: skip
    uow.session.add(card)
    uow.mark(Area.CHECKIN)
    replaced = head is not None and not head.voided
    return InterestCardInfo(card.id, owner.id, owner.plate or "", plates, replaced, False, arrived, same_sex)


def void_interest_card(uow: UnitOfWork, *, event_id: str, card_plate: str) -> str:
    """Withdraw the card entered for `card_plate` (entered by mistake). Returns the new row's id."""
    actor = uow.require(Permission.CHECKIN)
    event = get_event(uow.session, event_id)
    owner = _owner(PlateBook(uow.session, event_id), card_plate)
    rows = uow.session.execute(
        select(InterestCard).where(InterestCard.event_id == event_id, InterestCard.owner_registration_id == owner.id)
    ).scalars()
    head = _heads(rows).get(owner.id)
    if head is None or head.voided:
        raise XzError("checkin.no_card", plate=owner.plate or "")
    card = InterestCard(
        id=new_id(), version=0, event_id=event_id, office_district=event.district_code, owner_registration_id=owner.id,
        member_id=owner.member_id,
        ticked=[], supersedes=head.id, voided=True, entered_by=actor.staff_id, entered_at=uow.now,
        device_id=uow.device_id,
    )  # fmt: skip
    uow.session.add(card)
    uow.mark(Area.CHECKIN)
    return card.id
