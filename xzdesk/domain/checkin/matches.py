"""After the event: mutual matches from the interest cards, private result slips, introductions in
the case files, labels for the matching model, and the event summary.

- `mutual_pairs(cards)` is the pure computation: two people match when each one's current card
  ticks the other. Linear in the number of ticks (a set lookup per tick).
- Only people present count (`queries.present`: a check-in in force, attendance confirmed by
  staff, or marked attended by the office). A card handed in by someone with no check-in is kept
  aside: saved, listed by `cards.cards_aside`, and counted once attendance is confirmed
  (`service.confirm_attendance`). So the summary's attendance, the cards that count, the mutual
  matches, the result slips and the model's labels always agree.
- Result slips name everyone in one form, number plate + surname 先生/女士 (the badge name,
  `members.names.polite_name`): the slip's owner and each mutual match; contact details go
  through the introduction pipeline alone.
- `create_event_introductions` turns each mutual pair whose two people have case files into an
  introduction at stage "mutual_interest" (introductions.service.create_from_mutual_interest:
  idempotent per pair). A pair the introduction rules refuse is reported with every reason, each
  naming the member it is about (number plate, masked name, case file) so the office can act.
- `interest_labels` is the label source for the matching model (see its docstring). Importing
  this module registers it with the matching queries as "checkin.interest_cards", so
  `matching.queries.collect_labels(session)` includes the event labels once this module is loaded
  (the matching wiring imports it; it is not imported at start-up, to keep numpy and reportlab
  off the start-up path).

Walk-ins linked at the office to a registration the person already had are counted once: every
registration id is mapped through `service.registration_aliases`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from xzdesk.domain.changes import Area
from xzdesk.domain.checkin import queries
from xzdesk.domain.checkin.cards import current_cards
from xzdesk.domain.checkin.codes import EXPECTED_STATUSES, Verdict
from xzdesk.domain.checkin.dto import (
    EventSummaryInfo,
    IntroductionProblemRow,
    IntroductionsResultInfo,
    MutualPairRow,
    PersonRow,
    SummaryRow,
)
from xzdesk.domain.checkin.models import CheckinRoster, CheckinScan, InterestCard
from xzdesk.domain.checkin.service import get_event, header_of, registration_aliases
from xzdesk.domain.errors import XzError
from xzdesk.domain.events.models import Event
from xzdesk.domain.introductions.queries import find_introduction
from xzdesk.domain.introductions.service import check_pair, create_from_mutual_interest
from xzdesk.domain.matching.model import LabelledPairRow
from xzdesk.domain.matching.queries import register_label_source
from xzdesk.domain.members.identity import age_on
from xzdesk.domain.members.models import Member
from xzdesk.domain.printing import MatchRow, Output, PrintReportInfo, ResultSlipInfo, print_result_slips
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.reads import key_read
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.uow import UnitOfWork

# Age bands of the summary when the event defines none (ages at the event date).
DEFAULT_BANDS: tuple[tuple[int, int], ...] = ((18, 24), (25, 29), (30, 34), (35, 39), (40, 49), (50, 120))


def mutual_pairs(cards: Mapping[str, Iterable[str]]) -> set[tuple[str, str]]:
    """Pairs (x, y), x < y, whose cards tick each other. `cards` maps an owner to the people
    ticked on their card; self-ticks are ignored."""
    ticks = {owner: set(ticked) for owner, ticked in cards.items()}
    out: set[tuple[str, str]] = set()
    for owner, ticked in ticks.items():
        for other in ticked:
            if other != owner and owner in ticks.get(other, ()):
                out.add((owner, other) if owner < other else (other, owner))
    return out


class _EventCards:
    """One event's roster, arrivals and current cards with walk-in aliases resolved."""

    def __init__(self, session: Session, event_id: str) -> None:
        self.event_id = event_id
        self.aliases = registration_aliases(session, event_id=event_id)
        rows = list(session.execute(select(CheckinRoster).where(CheckinRoster.event_id == event_id)).scalars())
        self.rows = {r.id: r for r in rows}
        # the row shown for a person: the walk-in row they wore when linked to an older registration
        self.shown = {r.id: r for r in rows if r.id not in self.aliases}
        for source, target in self.aliases.items():
            if source in self.rows:
                self.shown[target] = self.rows[source]
        self.arrived = {self.canon(r) for r in queries.present(session, event_id=event_id)}
        every: dict[str, set[str]] = {}
        for owner, ticked in current_cards(session, event_id=event_id).items():
            every.setdefault(self.canon(owner), set()).update(self.canon(t) for t in ticked)
        # only the cards of people present count; the others are kept aside (module docstring)
        self.cards = {owner: ticked for owner, ticked in every.items() if owner in self.arrived}
        self.aside = set(every) - self.arrived
        self.pairs = mutual_pairs(self.cards)

    def canon(self, registration_id: str) -> str:
        return self.aliases.get(registration_id, registration_id)

    def member(self, registration_id: str) -> str | None:
        for rid in (registration_id, *[s for s, t in self.aliases.items() if t == registration_id]):
            row = self.rows.get(rid)
            if row is not None and row.member_id:
                return row.member_id
        return None

    def plate(self, registration_id: str) -> str:
        row = self.shown.get(registration_id)
        return (row.plate or "") if row else ""

    def name(self, registration_id: str) -> str:
        """The badge name (surname + 先生/女士), as the roster holds it."""
        row = self.shown.get(registration_id)
        return row.display_name if row else ""

    def person(self, registration_id: str, session: Session) -> PersonRow:
        row = self.shown.get(registration_id)
        member_id = self.member(registration_id)
        member_no = session.execute(select(Member.member_no).where(Member.id == member_id)).scalar() if member_id else None
        return PersonRow(registration_id, self.plate(registration_id), row.name_masked if row else "", member_id,
                         member_no)  # fmt: skip

    def sex(self, registration_id: str) -> int | None:
        row = self.shown.get(registration_id)
        return int(row.sex) if row else None


@key_read
def mutual_matches(session: Session, *, event_id: str) -> list[MutualPairRow]:
    """Every mutual pair of the event, in plate order."""
    return _pair_rows(_EventCards(session, event_id))


def _pair_rows(ev: _EventCards) -> list[MutualPairRow]:
    out = []
    for a, b in ev.pairs:
        if queries.plate_sort_key(ev.plate(b)) < queries.plate_sort_key(ev.plate(a)):
            a, b = b, a
        out.append(MutualPairRow(a, b, ev.plate(a), ev.plate(b), ev.member(a), ev.member(b), ev.name(a), ev.name(b)))
    return sorted(out, key=lambda p: (queries.plate_sort_key(p.a_plate), queries.plate_sort_key(p.b_plate)))


def result_slips(session: Session, *, event_id: str) -> list[ResultSlipInfo]:
    """One slip per person present, in plate order: their own plate and badge name and their
    mutual matches' plates and badge names, nothing else."""
    ev = _EventCards(session, event_id)
    matches: dict[str, list[str]] = {}
    for a, b in ev.pairs:
        matches.setdefault(a, []).append(b)
        matches.setdefault(b, []).append(a)
    people = sorted(ev.arrived, key=lambda r: queries.plate_sort_key(ev.plate(r)))
    slips = []
    for person in people:
        others = sorted(matches.get(person, []), key=lambda r: queries.plate_sort_key(ev.plate(r)))
        rows = tuple(MatchRow(ev.plate(o), ev.name(o)) for o in others)
        slips.append(ResultSlipInfo(ev.plate(person), rows, name=ev.name(person)))
    return slips


def print_result_slips_for_event(
    uow: UnitOfWork,
    *,
    event_id: str,
    out: Output,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> PrintReportInfo:
    """Print every person's private result slip (two per A4 sheet, in plate order)."""
    uow.require(Permission.CHECKIN)
    event = get_event(uow.session, event_id)
    slips = result_slips(uow.session, event_id=event_id)
    report = print_result_slips(slips, out, event=header_of(event), progress=progress, cancel=cancel)
    uow.audit("print.result_slips", fields=[f"event:{event_id}", f"slips:{len(slips)}"])
    return report


def create_event_introductions(uow: UnitOfWork, *, event_id: str) -> IntroductionsResultInfo:
    """Each mutual pair becomes an introduction in both case files (stage mutual_interest).

    Pairs already introduced are counted as `existing`. A pair the introduction rules refuse
    (case file not active, consent withdrawn, fraud flag, block, a walk-in without a case file
    yet...) is skipped and reported with every reason, each naming the member it is about.
    Idempotent."""
    uow.require(Permission.MEMBERS_EDIT)
    get_event(uow.session, event_id)
    ev = _EventCards(uow.session, event_id)
    created = existing = 0
    problems: list[IntroductionProblemRow] = []
    for pair in _pair_rows(ev):
        if pair.a_member_id and pair.b_member_id and find_introduction(uow.session, pair.a_member_id, pair.b_member_id):
            existing += 1
            continue
        refused = _pair_problems(uow, ev, pair)
        if refused:
            problems.extend(refused)
            continue
        savepoint = uow.session.begin_nested()
        try:
            create_from_mutual_interest(uow, event_id=event_id, member_a=pair.a_member_id or "",
                                        member_b=pair.b_member_id or "")  # fmt: skip
        except XzError as exc:  # a rule check_pair does not cover: still reported, the others go ahead
            savepoint.rollback()
            problems.append(IntroductionProblemRow((pair.a_plate, pair.b_plate), exc.code, dict(exc.params)))
            continue
        savepoint.commit()
        created += 1
    if created:
        uow.mark(Area.CHECKIN, Area.INTRODUCTIONS)
    return IntroductionsResultInfo(created, existing, tuple(problems))


def _pair_problems(uow: UnitOfWork, ev: _EventCards, pair: MutualPairRow) -> list[IntroductionProblemRow]:
    """Every reason the introduction rules give against this pair, each with the member concerned
    (None when the reason is about the pair: blocked, introduced before)."""
    plates = (pair.a_plate, pair.b_plate)
    people = {rid: ev.person(rid, uow.session) for rid in (pair.a_registration_id, pair.b_registration_id)}
    without = [p for p in people.values() if not p.member_id]
    if without:
        return [IntroductionProblemRow(plates, "checkin.no_case_file", {}, p) for p in without]
    by_member = {p.member_id: p for p in people.values()}
    by_no = {p.member_no: p for p in people.values()}
    try:
        check = check_pair(uow, member_a=pair.a_member_id or "", member_b=pair.b_member_id or "")
    except XzError as exc:  # e.g. a case file of another district's office
        return [IntroductionProblemRow(plates, exc.code, dict(exc.params), by_no.get(exc.params.get("member_no")))]
    return [
        IntroductionProblemRow(plates, p.code, dict(p.params), by_member.get(p.member_id) if p.member_id else None)
        for p in check.blocking
    ]


def interest_labels(session: Session, *, event_id: str | None = None) -> list[LabelledPairRow]:
    """Labelled pairs for the matching model from interest cards and attendance.

    For each event (or the one given): among the people present who handed in a card (cards
    kept aside give no label), every man-woman
    pair is labelled True when both ticked each other and False otherwise (each saw the other at
    the event and at least one did not tick), with each one's own tick (`a_yes`, `b_yes`: the
    model learns each person's own "yes"). People without a card (no-shows, cards not
    returned) give no label, and walk-ins without a case file are left out. `member_a` is the man,
    `source` is "event" and `group` the event id (validation leaves whole events out).

    Call it from the matching wiring, e.g.
    `fit_model(profiles, interest_labels(session) + introduction_labels(...))`.
    """
    if event_id is None:
        event_ids = list(session.execute(select(InterestCard.event_id).distinct()).scalars())
    else:
        event_ids = [event_id]
    out: list[LabelledPairRow] = []
    for eid in event_ids:
        ev = _EventCards(session, eid)
        out.extend(card_labels(eid, ev.cards, ev.member, ev.sex))
    return out


def card_labels(event_id: str, cards: Mapping[str, Collection[str]], member_of: Callable[[str], str | None],
                sex_of: Callable[[str], int | None]) -> list[LabelledPairRow]:  # fmt: skip
    """The labels of one event's current cards of people present ({owner registration: ticked
    registrations}), by the rule of `interest_labels`. Pure: the server reads its records with it."""
    owners = [o for o in cards if member_of(o) and sex_of(o) in (1, 2)]
    men = [o for o in owners if sex_of(o) == 1]
    women = [o for o in owners if sex_of(o) == 2]
    out: list[LabelledPairRow] = []
    for m in men:
        for w in women:
            m_yes, w_yes = w in cards[m], m in cards[w]  # each one's own tick
            out.append(LabelledPairRow(member_of(m) or "", member_of(w) or "", m_yes and w_yes, "event", event_id,
                                       a_yes=m_yes, b_yes=w_yes))  # fmt: skip
    return out


# --- summary --------------------------------------------------------------------------------------
def _bands(event: Event) -> list[tuple[int, int]]:
    bands = [(int(b["min"]), int(b["max"])) for b in (event.age_bands or []) if "min" in b and "max" in b]
    return bands or list(DEFAULT_BANDS)


def _band_label(bands: list[tuple[int, int]], birth: date | None, on: date) -> str:
    if birth is None:
        return "band:unknown"
    age = age_on(birth, on)
    for lo, hi in bands:
        if lo <= age <= hi:
            return f"band:{lo}-{hi}"
    return "band:other"


@key_read
def event_summary(session: Session, *, event_id: str) -> EventSummaryInfo:
    """Attendance rate, no-shows, walk-ins, cards and mutual pairs, in total, by sex and by age
    band (ages at the event date, from the case files on this laptop; "band:unknown" where the
    case file is not here, e.g. on a venue laptop). "Arrived" is the people present, "cards" the
    cards that count (their owners present) and "matched" the people present with a mutual
    match, so matched <= cards <= arrived in every group; cards kept aside are counted apart."""
    event = get_event(session, event_id)
    ev = _EventCards(session, event_id)
    bands = _bands(event)
    member_ids = {ev.member(r) for r in ev.shown} - {None}
    births = dict(session.execute(select(Member.id, Member.birth_date).where(Member.id.in_(list(member_ids)))).all()) if (
        member_ids
    ) else {}  # fmt: skip
    matched = {x for pair in ev.pairs for x in pair}
    groups: dict[str, Counter[str]] = {}

    def add(keys: list[str], field: str) -> None:
        for key in keys:
            groups.setdefault(key, Counter())[field] += 1

    for reg_id, row in ev.shown.items():
        base = ev.rows.get(reg_id, row)
        member = ev.member(reg_id)
        keys = ["all", f"sex:{row.sex}", _band_label(bands, births.get(member) if member else None, event.event_date)]
        for k in keys:
            groups.setdefault(k, Counter())
        expected = base.status in EXPECTED_STATUSES or row.status in EXPECTED_STATUSES
        came = reg_id in ev.arrived
        if expected:
            add(keys, "expected")
            if not came:
                add(keys, "no_shows")
        if came:
            add(keys, "arrived")
        if row.walk_in:
            add(keys, "walk_ins")
        if reg_id in ev.cards:
            add(keys, "cards")
        if reg_id in matched:
            add(keys, "matched")

    def row_of(key: str) -> SummaryRow:
        c = groups.get(key, Counter())
        return SummaryRow(key, c["expected"], c["arrived"], c["no_shows"], c["walk_ins"], c["cards"], c["matched"])

    band_keys = [f"band:{lo}-{hi}" for lo, hi in bands] + ["band:other", "band:unknown"]
    scans = list(session.execute(select(CheckinScan.verdict, CheckinScan.duplicate_of).where(CheckinScan.event_id == event_id)).all())
    return EventSummaryInfo(
        event_id=event_id,
        event_name=event.name,
        total=row_of("all"),
        by_sex=(row_of("sex:1"), row_of("sex:2")),
        by_age_band=tuple(row_of(k) for k in band_keys if k in groups),
        mutual_pairs=len(ev.pairs),
        cards_aside=len(ev.aside),
        duplicates=sum(1 for _v, d in scans if d is not None),
        refused_scans=sum(1 for v, _d in scans if v != Verdict.CHECKED_IN),
    )


# Interest cards with attendance are labels for the matching outcome model (collect_labels).
register_label_source("checkin.interest_cards", interest_labels)
