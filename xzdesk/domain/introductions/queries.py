"""Read-only queries over introductions: the board, a member's history, counts for matching.

Every function takes a Session (a read session or a unit of work's) and returns frozen rows
with masked names; nothing here writes or audits. Safe on any thread with its own session.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import Select, bindparam, or_, select
from sqlalchemy.orm import Session

from xzdesk.domain.introductions.codes import OPEN_STAGES, Stage
from xzdesk.domain.introductions.dto import (
    BoardColumnInfo,
    IntroductionRow,
    IntroductionSideRow,
    LiveIntroductionRow,
    ProfileCardInfo,
)
from xzdesk.domain.introductions.models import UNDO_DECLINE_WINDOW, Introduction, PairBlock, ordered_pair
from xzdesk.domain.members.codes import ConsentType
from xzdesk.domain.members.identity import age_on
from xzdesk.domain.members.models import Consent, FollowUp, Member
from xzdesk.domain.privacy.masking import mask
from xzdesk.domain.staff.models import Staff

CHUNK = 900  # ids per IN (...) list, well under SQLite's bound-parameter limit
FETCH_ROWS = 1000  # rows fetched at a time where every row is read
T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- lookups --------------------------------------------------------------------------------------
def find_introduction(session: Session, member_id: str, other_id: str) -> Introduction | None:
    """The introduction of the pair {member_id, other_id}, in any stage, or None (the first proposed, should
    two laptops have proposed the pair offline)."""
    a, b = ordered_pair(member_id, other_id)
    return session.execute(
        select(Introduction)
        .where(Introduction.member_a_id == a, Introduction.member_b_id == b)
        .order_by(Introduction.proposed_at, Introduction.id)
        .limit(1)
    ).scalar()


def active_block(session: Session, member_id: str, other_id: str) -> PairBlock | None:
    """A block of the pair {member_id, other_id} in force (either direction), or None."""
    return session.execute(
        select(PairBlock)
        .where(
            PairBlock.lifted_at.is_(None),
            or_(
                (PairBlock.member_id == member_id) & (PairBlock.other_member_id == other_id),
                (PairBlock.member_id == other_id) & (PairBlock.other_member_id == member_id),
            ),
        )
        .limit(1)
    ).scalar()


# Statements built once (SQLAlchemy then reuses their compiled form): every row, or the rows
# whose member columns hold any of the ids bound to "ids" (expanded to IN (...) per chunk).
IDS = bindparam("ids", expanding=True)
_INTRO = select(Introduction.id, Introduction.member_a_id, Introduction.member_b_id, Introduction.stage)
_INTRO_BY_IDS = _INTRO.where(or_(Introduction.member_a_id.in_(IDS), Introduction.member_b_id.in_(IDS)))
_BLOCK = select(PairBlock.member_id, PairBlock.other_member_id).where(PairBlock.lifted_at.is_(None))
_BLOCK_BY_IDS = _BLOCK.where(or_(PairBlock.member_id.in_(IDS), PairBlock.other_member_id.in_(IDS)))
_CONSENT = select(Consent.member_id, Consent.type).where(Consent.withdrawn_at.is_(None))
_CONSENT_BY_IDS = _CONSENT.where(Consent.member_id.in_(IDS))


def fetch(session: Session, everything: Any, by_ids: Any, member_ids: Collection[str] | None) -> Iterator[Any]:
    """Rows of `everything`, or of `by_ids` for each chunk of `member_ids` (bound to IDS).
    Rows come FETCH_ROWS at a time (fetchmany): a third of the cost of fetching them one by one."""
    if member_ids is None:
        for rows in session.execute(everything).partitions(FETCH_ROWS):
            yield from rows
        return
    for part in chunks(sorted(member_ids)):
        yield from session.execute(by_ids, {"ids": list(part)}).all()


def introduction_stages(session: Session, member_ids: Collection[str] | None = None) -> list[tuple[str, str, str]]:
    """(member_a_id, member_b_id, stage) of every introduction, or of those involving
    `member_ids`."""
    rows = {intro_id: (a, b, stage) for intro_id, a, b, stage in fetch(session, _INTRO, _INTRO_BY_IDS, member_ids)}
    return list(rows.values())


def introduced_pairs(session: Session, member_ids: Collection[str] | None = None) -> set[tuple[str, str]]:
    """Pairs with an introduction in any stage (never to be proposed again); all of them, or
    those involving `member_ids`."""
    return {ordered_pair(a, b) for a, b, _ in introduction_stages(session, member_ids)}


def open_counts_from(rows: Iterable[tuple[str, str, str]], member_ids: Collection[str] | None = None) -> Counter[str]:
    """Open (not final) introductions per member among `rows` of `introduction_stages`."""
    open_values = {s.value for s in OPEN_STAGES}
    counts: Counter[str] = Counter(m for a, b, stage in rows if stage in open_values for m in (a, b))
    if member_ids is not None:
        wanted = set(member_ids)
        counts = Counter({k: v for k, v in counts.items() if k in wanted})
    return counts


def open_proposal_counts(session: Session, member_ids: Collection[str] | None = None) -> Counter[str]:
    """Open (not final) introductions per member: the fairness damping's `open_proposals`.
    Members without any are absent (a Counter answers 0)."""
    return open_counts_from(introduction_stages(session, member_ids), member_ids)


def blocked_pairs(session: Session, member_ids: Collection[str] | None = None) -> set[tuple[str, str]]:
    """Pairs with a block in force (unordered), all or those involving `member_ids`."""
    return {ordered_pair(x, y) for x, y in fetch(session, _BLOCK, _BLOCK_BY_IDS, member_ids)}


def active_consent_types(
    session: Session, member_ids: Collection[str] | None = None, *, where: Any = None
) -> dict[str, set[str]]:
    """Consent types in force per member (withdrawn ones excluded); `where`: a further condition
    on the consent rows (e.g. matching's two types, of the members it reads)."""
    everything, by_ids = _CONSENT, _CONSENT_BY_IDS
    if where is not None:
        everything, by_ids = everything.where(where), by_ids.where(where)
    out: dict[str, set[str]] = {}
    for member_id, ctype in fetch(session, everything, by_ids, member_ids):
        out.setdefault(member_id, set()).add(ctype)
    return out


# --- rows -------------------------------------------------------------------------------------------
def _staff_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Staff.id, Staff.display_name)).all())


def side_rows(session: Session, member_ids: Iterable[str], *, today: date) -> dict[str, IntroductionSideRow]:
    """Masked side rows (without answers) for members, by id. Missing members are absent."""
    ids = sorted(set(member_ids))
    out: dict[str, IntroductionSideRow] = {}
    cols = (Member.id, Member.member_no, Member.name, Member.sex, Member.birth_date, Member.district_code,
            Member.status)  # fmt: skip
    for part in chunks(ids):
        for mid, no, name, sex, birth, district, status in session.execute(select(*cols).where(Member.id.in_(part))):
            out[mid] = IntroductionSideRow(
                member_id=mid, member_no=no, name_masked=mask(name, "name"), sex=sex,
                age=age_on(birth, today), district_code=district, status=status, response=None,
            )  # fmt: skip
    return out


def _with_answer(row: IntroductionSideRow | None, member_id: str, response: str | None, at: Any) -> IntroductionSideRow:
    if row is None:  # the member is not on this laptop (out of scope): keep the id only
        row = IntroductionSideRow(member_id, "", "", 0, 0, "", "", None)
    return replace(row, response=response, responded_at=at)


def sides_of(intro: Introduction, sides: dict[str, IntroductionSideRow]) -> tuple[IntroductionSideRow, IntroductionSideRow]:
    a = _with_answer(sides.get(intro.member_a_id), intro.member_a_id, intro.a_response, intro.a_responded_at)
    b = _with_answer(sides.get(intro.member_b_id), intro.member_b_id, intro.b_response, intro.b_responded_at)
    return a, b


def follow_up_dates(session: Session, intros: Sequence[Introduction]) -> dict[str, list[date]]:
    """Due dates of the open 回访 of each introduction, by introduction id."""
    owner: dict[str, str] = {fid: i.id for i in intros for fid in (i.follow_up_ids or ())}
    out: dict[str, list[date]] = {}
    for part in chunks(sorted(owner)):
        q = select(FollowUp.id, FollowUp.due_date).where(FollowUp.id.in_(part), FollowUp.done_at.is_(None))
        for fid, due in session.execute(q):
            out.setdefault(owner[fid], []).append(due)
    return out


def live_introductions(session: Session, member_ids: Iterable[str], *, today: date) -> dict[str, list[LiveIntroductionRow]]:
    """The open introductions of each of `member_ids` (members with none are absent), oldest
    proposal first, each naming the other side masked."""
    ids = sorted(set(member_ids))
    open_values = sorted(s.value for s in OPEN_STAGES)
    found: dict[str, tuple[str, str, str]] = {}
    cols = (Introduction.id, Introduction.member_a_id, Introduction.member_b_id, Introduction.stage)
    for part in chunks(ids):
        query = select(*cols).where(
            Introduction.stage.in_(open_values),
            or_(Introduction.member_a_id.in_(part), Introduction.member_b_id.in_(part)),
        ).order_by(Introduction.proposed_at, Introduction.id)  # fmt: skip
        for intro_id, a, b, stage in session.execute(query):
            found[intro_id] = (a, b, stage)
    sides = side_rows(session, [m for a, b, _s in found.values() for m in (a, b)], today=today)
    wanted = set(ids)
    out: dict[str, list[LiveIntroductionRow]] = {}
    for intro_id, (a, b, stage) in found.items():
        for member, other in ((a, b), (b, a)):
            if member not in wanted:
                continue
            me, them = sides.get(member), sides.get(other)
            out.setdefault(member, []).append(LiveIntroductionRow(
                intro_id, member, me.member_no if me else "", them.member_no if them else "",
                them.name_masked if them else "", stage,
            ))  # fmt: skip
    return out


def undo_deadline(intro: Introduction) -> datetime | None:
    """Until when a decline may be undone (None when the introduction is not declined)."""
    if intro.stage != Stage.DECLINED.value or intro.closed_at is None:
        return None
    closed = intro.closed_at if intro.closed_at.tzinfo else intro.closed_at.replace(tzinfo=UTC)
    return closed + UNDO_DECLINE_WINDOW


def rows_for(session: Session, intros: Sequence[Introduction], *, today: date) -> list[IntroductionRow]:
    """Board rows for loaded introductions, in the given order."""
    sides = side_rows(session, [m for i in intros for m in (i.member_a_id, i.member_b_id)], today=today)
    dues = follow_up_dates(session, intros)
    names = _staff_names(session)
    open_values = {s.value for s in OPEN_STAGES}
    live = live_introductions(
        session, [m for i in intros if i.stage in open_values for m in (i.member_a_id, i.member_b_id)], today=today
    )
    rows = []
    for intro in intros:
        a, b = sides_of(intro, sides)
        due = sorted(dues.get(intro.id, ()))
        others = () if intro.stage not in open_values else tuple(
            r for m in (intro.member_a_id, intro.member_b_id) for r in live.get(m, ()) if r.introduction_id != intro.id
        )  # fmt: skip
        rows.append(
            IntroductionRow(
                id=intro.id, stage=intro.stage, source=intro.source, a=a, b=b, proposed_at=intro.proposed_at,
                updated_at=intro.updated_at, matchmaker_name=names.get(intro.matchmaker_id or ""),
                next_follow_up=due[0] if due else None, overdue_follow_ups=sum(1 for d in due if d < today),
                decline_reason=intro.decline_reason, decline_note=intro.decline_note, closed_at=intro.closed_at,
                undo_until=undo_deadline(intro), also_live=others,
            )
        )  # fmt: skip
    return rows


def _board_query(
    *, stages: Collection[str] | None, matchmaker_id: str | None, district_code: str | None
) -> Select[tuple[Introduction]]:
    query = select(Introduction)
    if stages is not None:
        query = query.where(Introduction.stage.in_(sorted(str(s) for s in stages)))
    if matchmaker_id is not None:
        query = query.where(Introduction.matchmaker_id == matchmaker_id)
    if district_code is not None:
        in_district = select(Member.id).where(Member.district_code == district_code)
        query = query.where(or_(Introduction.member_a_id.in_(in_district), Introduction.member_b_id.in_(in_district)))
    return query


def list_introductions(
    session: Session,
    *,
    today: date,
    stages: Collection[str] | None = None,
    matchmaker_id: str | None = None,
    district_code: str | None = None,
    overdue_only: bool = False,
    limit: int | None = None,
) -> list[IntroductionRow]:
    """The board: introductions (default: open ones) newest change first, optionally those of
    one matchmaker or touching one district, or only those with overdue 回访."""
    if stages is None:
        stages = [s.value for s in OPEN_STAGES]
    query = _board_query(stages=stages, matchmaker_id=matchmaker_id, district_code=district_code)
    query = query.order_by(Introduction.updated_at.desc(), Introduction.id)
    if limit is not None and not overdue_only:
        query = query.limit(limit)
    rows = rows_for(session, list(session.execute(query).scalars()), today=today)
    if overdue_only:
        rows = [r for r in rows if r.overdue_follow_ups]
    return rows[:limit] if limit is not None else rows


def board_columns(
    session: Session, *, today: date, matchmaker_id: str | None = None, district_code: str | None = None
) -> list[BoardColumnInfo]:
    """Counts per stage (every stage, in pipeline order) with the number of introductions that
    have overdue 回访."""
    intros = list(
        session.execute(_board_query(stages=None, matchmaker_id=matchmaker_id, district_code=district_code)).scalars()
    )
    dues = follow_up_dates(session, intros)
    count: Counter[str] = Counter(i.stage for i in intros)
    overdue: Counter[str] = Counter(i.stage for i in intros if any(d < today for d in dues.get(i.id, ())))
    return [BoardColumnInfo(s.value, count[s.value], overdue[s.value]) for s in Stage]


def member_history(session: Session, member_id: str, *, today: date) -> list[IntroductionRow]:
    """Every introduction of one member, newest proposal first."""
    query = (
        select(Introduction)
        .where(or_(Introduction.member_a_id == member_id, Introduction.member_b_id == member_id))
        .order_by(Introduction.proposed_at.desc(), Introduction.id)
    )
    return rows_for(session, list(session.execute(query).scalars()), today=today)


# --- profile cards ----------------------------------------------------------------------------------
def profile_cards(session: Session, member_ids: Iterable[str], *, today: date) -> dict[str, ProfileCardInfo]:
    """Masked profile cards (side-by-side comparison, slips) for members, by id."""
    ids = sorted(set(member_ids))
    consents = active_consent_types(session, ids)
    out: dict[str, ProfileCardInfo] = {}
    for part in chunks(ids):
        for m in session.execute(select(Member).where(Member.id.in_(part))).scalars():
            out[m.id] = profile_card(m, today=today, sensitive_shared=ConsentType.SENSITIVE in consents.get(m.id, ()))
    return out


def profile_card(member: Member, *, today: date, sensitive_shared: bool) -> ProfileCardInfo:
    def sensitive(value: Any) -> Any:
        return value if sensitive_shared else None

    return ProfileCardInfo(
        member_id=member.id, member_no=member.member_no, name_masked=mask(member.name, "name"), nickname=member.nickname, sex=member.sex,
        age=age_on(member.birth_date, today), birth_year=member.birth_date.year, height_cm=member.height_cm,
        education=member.education, occupation=member.occupation, sector=member.sector, district_code=member.district_code,
        hukou_place=member.hukou_place, hobbies=tuple(member.hobbies or ()), self_description=member.self_description,
        sensitive_shared=sensitive_shared, marital_status=sensitive(member.marital_status),
        children=sensitive(member.children), income_band=sensitive(member.income_band), housing=sensitive(member.housing),
        has_car=sensitive(member.has_car), req_age_min=member.req_age_min, req_age_max=member.req_age_max,
        req_height_min=member.req_height_min, req_height_max=member.req_height_max, req_education_min=member.req_education_min,
        req_districts=tuple(member.req_districts or ()), req_marital=tuple(member.req_marital or ()),
        req_children_ok=member.req_children_ok,
    )  # fmt: skip
