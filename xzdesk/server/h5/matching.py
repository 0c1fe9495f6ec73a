"""After an event and beyond: the online 心动卡, mutual matches, "可能合适的人" and "想认识".

- Cards: an online card is an `interest_card` row like one entered at the venue (append-only;
  it supersedes the owner's current card, so the paper card the office typed in and the online
  one are one card: the form starts from the current ticks). Only people present may fill one,
  for the people of the other sex present, until `interest_card_days` after the event.
- Mutual matches: the events area's rules over the current cards of people present
  (`checkin.matches.mutual_pairs`); each member sees only their own.
- Suggestions: members who consented to public display and to algorithmic matching, ranked by
  the matching area's `rank` with the union's weights and adopted model as the laptops synced
  them (`match_setting` records; the model only where `may_rank`, else the rule score; read
  again when a newer settings record arrives; `SuggestionPool.ranking` says which version
  ranked), shown masked: surname + 先生/女士, age band, district, tags.
- "想认识": an introduction in stage `proposed` (source online) with the asker's answer already
  "accepted", on the board of the asker's matchmaker, who still mediates it; contacts are never
  shown here (they are exchanged only once both accepted, on the laptop).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from xzdesk.domain.checkin.cards import _heads  # the one rule for "the current card of an owner"
from xzdesk.domain.checkin.codes import ACCEPTED, ATTENDED
from xzdesk.domain.checkin.matches import card_labels, mutual_pairs
from xzdesk.domain.checkin.queries import plate_sort_key
from xzdesk.domain.introductions.codes import CONTACT_STAGES, Response, Source, Stage
from xzdesk.domain.introductions.models import ordered_pair
from xzdesk.domain.matching import (
    DEFAULT_WEIGHTS,
    LabelledPairRow,
    MatchPool,
    MatchWeights,
    PairSet,
    ReciprocalModel,
    Signals,
    profile_from_member,
    rank,
    signals_from_labels,
)
from xzdesk.domain.matching.queries import (
    ADOPTED_KEY,
    NO_MODEL,
    WEIGHTS_KEY,
    RankingChoiceInfo,
    choice_from_adoption,
    labels_of_introduction,
    latest_settings,
    model_of_adoption,
    weights_from_value,
)
from xzdesk.domain.members.codes import ConsentType
from xzdesk.domain.members.identity import age_on
from xzdesk.domain.members.names import polite_name
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.server.h5 import records
from xzdesk.server.h5.records import RecordWriter
from xzdesk.server.h5.web import PageError
from xzdesk.server.models import Record
from xzdesk.server.push import key_value, lookup

SUGGEST_CONSENTS = frozenset({ConsentType.PUBLIC_DISPLAY.value, ConsentType.MATCHING.value})
AGE_BANDS = ((18, 24), (25, 29), (30, 34), (35, 39), (40, 49), (50, 200))


def age_band(age: int) -> str:
    for lo, hi in AGE_BANDS:
        if lo <= age <= hi:
            return f"{lo}–{hi}岁" if hi < 200 else f"{lo}岁以上"
    return ""


# --- cards --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CardPerson:
    registration_id: str
    plate: str
    name: str  # the badge name (surname + 先生/女士), as the roster holds it
    sex: int
    member_id: str | None


class EventCards:
    """One held event as the server holds it: roster, who was present, current cards."""

    def __init__(self, session: Session, event: dict[str, Any]) -> None:
        self.event = event
        event_id = event["id"]
        roster = records.rows(session, "checkin_roster", Record.event_id == event_id)
        self.people = {r["id"]: CardPerson(r["id"], r.get("plate") or "", r.get("display_name") or "", int(r["sex"]),
                                           r.get("member_id")) for r in roster}  # fmt: skip
        self.present = self._present(session, event_id, roster)
        rows = records.rows(session, "interest_card", Record.event_id == event_id)
        self.heads = _heads(SimpleNamespace(**{**r, "entered_at": datetime.fromisoformat(r["entered_at"])}) for r in rows)
        self.cards = {owner: tuple(h.ticked) for owner, h in self.heads.items() if not h.voided and owner in self.present}
        self.pairs = mutual_pairs(self.cards)

    @staticmethod
    def _present(session: Session, event_id: str, roster: list[dict[str, Any]]) -> set[str]:
        """Registrations present: a check-in in force, or marked attended (checkin.queries.present)."""
        annulled = {a["scan_id"] for a in records.rows(session, "checkin_annulment", Record.event_id == event_id)}
        scans = records.rows(session, "checkin_scan", Record.event_id == event_id)
        out = {s["registration_id"] for s in scans
               if s.get("verdict") == ACCEPTED.value and s.get("registration_id") and s["id"] not in annulled}  # fmt: skip
        out.update(r["id"] for r in roster if r.get("status") == ATTENDED)
        return out

    def mine(self, member_id: str) -> CardPerson | None:
        for p in self.people.values():
            if p.member_id == member_id and p.registration_id in self.present:
                return p
        return None

    def choices(self, me: CardPerson) -> list[CardPerson]:
        out = [p for p in self.people.values() if p.sex != me.sex and p.registration_id in self.present]
        return sorted(out, key=lambda p: plate_sort_key(p.plate))

    def ticked_by(self, me: CardPerson) -> set[str]:
        head = self.heads.get(me.registration_id)
        return set(head.ticked) if head is not None and not head.voided else set()

    def matches_of(self, me: CardPerson) -> list[CardPerson]:
        others = [b if a == me.registration_id else a for a, b in self.pairs if me.registration_id in (a, b)]
        return [self.people[o] for o in others if o in self.people]


def card_deadline(event: dict[str, Any], days: int) -> date:
    return date.fromisoformat(event["event_date"]) + timedelta(days=days)


def card_open(event: dict[str, Any], *, days: int, now: datetime) -> bool:
    return event.get("status") == "held" and now.astimezone(CHINA_TZ).date() <= card_deadline(event, days)


def save_card(session: Session, *, event: dict[str, Any], member_id: str, ticked: Iterable[str], days: int,
              server_id: str, now: datetime) -> bool:  # fmt: skip
    """Write the member's online card (a new row superseding the current one). False when the
    ticks are those of the current card (nothing written). PageError for a closed card, a member
    not present, or a registration that is not on the event (of the other sex, present)."""
    writer = RecordWriter(session, now)
    _ = writer.seq
    if not card_open(event, days=days, now=now):
        raise PageError(409, "h5.card_closed")
    state = EventCards(session, event)
    me = state.mine(member_id)
    if me is None:
        raise PageError(403, "h5.card_not_attended")
    allowed = {p.registration_id: p for p in state.choices(me)}
    chosen = sorted(set(ticked))
    unknown = [t for t in chosen if t not in allowed]
    if unknown:
        raise PageError(422, "h5.card_unknown_plate", plate="")
    head = state.heads.get(me.registration_id)
    if head is not None and not head.voided and sorted(head.ticked) == chosen:
        return False
    writer.insert("interest_card", {
        "id": new_id(), "event_id": event["id"], "office_district": event.get("district_code"),
        "owner_registration_id": me.registration_id, "member_id": member_id,
        "ticked": sorted(chosen, key=lambda r: plate_sort_key(allowed[r].plate)),
        "supersedes": head.id if head is not None else None, "voided": False, "entered_by": None,
        "entered_at": now.isoformat(), "device_id": server_id,
    }, member_id=member_id)  # fmt: skip
    return True


def held_events_of(session: Session, member_id: str) -> list[dict[str, Any]]:
    """Held events the member was registered for, newest first."""
    regs = records.member_rows(session, "registration", member_id)
    events = [records.read(session, "event", r["event_id"]) for r in regs]
    held = [e for e in events if e is not None and e.get("status") == "held"]
    return sorted(held, key=lambda e: e["event_date"], reverse=True)


# --- who may talk: mutual matches and accepted introductions --------------------------------------
def partners(session: Session, member_id: str) -> dict[str, str]:
    """{other member id: why they may talk ("match" or "introduction")} for this member."""
    out: dict[str, str] = {}
    for event in held_events_of(session, member_id):
        state = EventCards(session, event)
        me = state.mine(member_id)
        if me is None:
            continue
        for other in state.matches_of(me):
            if other.member_id:
                out.setdefault(other.member_id, "match")
    contact = {s.value for s in CONTACT_STAGES}
    for intro in introductions_of(session, member_id):
        if intro["stage"] in contact:
            other = intro["member_b_id"] if intro["member_a_id"] == member_id else intro["member_a_id"]
            out.setdefault(other, "introduction")
    return out


def introductions_of(session: Session, member_id: str) -> list[dict[str, Any]]:
    return [json.loads(rec.fields) for rec in records.held_about(session, member_id, "introduction")]


# --- suggestions --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ServerRanking:
    """What ranks the suggestions: the union's weights and adopted model as the laptops synced
    them (`match_setting` records; the model only where it may rank, the same guard as on the
    desktop), the signals of known answers, and the newest settings record they were read at."""

    weights: MatchWeights
    model: ReciprocalModel | None
    signals: Signals | None
    choice: RankingChoiceInfo
    settings_seq: int


NO_RANKING = ServerRanking(DEFAULT_WEIGHTS, None, None, RankingChoiceInfo(False, NO_MODEL, {}, None, None, None), -1)


def settings_seq(session: Session) -> int:
    """server_seq of the newest `match_setting` record (0 without any): a newer row changes it."""
    seq = session.execute(select(func.max(Record.server_seq)).where(Record.entity == "match_setting")).scalar()
    return int(seq or 0)


def server_labels(session: Session) -> list[LabelledPairRow]:
    """Labels the server holds: each introduction's answers and outcome (the desktop's rule,
    matching.queries.labels_of_introduction); `event_labels` gives those of the interest cards."""
    out: list[LabelledPairRow] = []
    for r in records.rows(session, "introduction"):
        out.extend(labels_of_introduction(r["id"], r["member_a_id"], r["member_b_id"], r.get("stage") or "",
                                          r.get("a_response"), r.get("b_response"), r.get("contacts_exchanged_at")))  # fmt: skip
    return out


def event_labels(session: Session) -> list[LabelledPairRow]:
    """Labels of every held event's current cards of people present (the laptops' rule)."""
    out: list[LabelledPairRow] = []
    for event in records.rows(session, "event"):
        if event.get("status") != "held":
            continue
        state = EventCards(session, event)
        members = {reg: p.member_id for reg, p in state.people.items()}
        sexes = {reg: p.sex for reg, p in state.people.items()}
        out.extend(card_labels(event["id"], state.cards, members.get, sexes.get))
    return out


def read_ranking(session: Session) -> ServerRanking:
    """The weights and the adopted model in force among the synced settings records."""
    seq = settings_seq(session)
    latest = latest_settings(records.rows(session, "match_setting"))
    weights = weights_from_value((latest.get(WEIGHTS_KEY) or {}).get("value"))
    adoption = latest.get(ADOPTED_KEY)
    if adoption is None:
        return ServerRanking(weights, None, None, NO_RANKING.choice, seq)
    value = dict(adoption.get("value") or {})
    at = adoption.get("set_at")
    choice = choice_from_adoption(value, datetime.fromisoformat(at) if at else None, adoption.get("set_by"))
    model = model_of_adoption(value) if choice.uses_model else None
    signals = signals_from_labels(server_labels(session) + event_labels(session)) if model is not None else None
    return ServerRanking(weights, model, signals, choice, seq)


class SuggestionPool:
    """The matching pool of every member who consented to public display and algorithmic
    matching, rebuilt from the records at most every `max_age_s` seconds (shared by requests),
    and the ranking settings, read again as soon as a newer `match_setting` record arrived."""

    def __init__(self, max_age_s: float = 60.0) -> None:
        self.max_age_s = max_age_s
        self._lock = threading.Lock()
        self._built_at = -1e9
        self.pool: MatchPool | None = None
        self.members: dict[str, dict[str, Any]] = {}
        self.ranking = NO_RANKING

    def get(self, session: Session, *, today: date) -> tuple[MatchPool, dict[str, dict[str, Any]]]:
        with self._lock:
            if self.pool is None or time.monotonic() - self._built_at > self.max_age_s:
                self.pool, self.members = build_pool(session, today=today)
                self._built_at = time.monotonic()
            return self.pool, self.members

    def ranking_for(self, session: Session) -> ServerRanking:
        """The ranking settings in force (one indexed max() per call; a full read only when a
        settings record newer than the last read arrived)."""
        seq = settings_seq(session)
        with self._lock:
            if seq != self.ranking.settings_seq:
                self.ranking = read_ranking(session)
            return self.ranking

    def invalidate(self) -> None:
        with self._lock:
            self.pool = None


def consents_by_member(session: Session) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for c in records.rows(session, "consent"):
        if not c.get("withdrawn_at"):
            out.setdefault(c["member_id"], set()).add(c["type"])
    return out


def build_pool(session: Session, *, today: date) -> tuple[MatchPool, dict[str, dict[str, Any]]]:
    consents = consents_by_member(session)
    members = {}
    profiles = []
    for m in records.rows(session, "member"):
        if not SUGGEST_CONSENTS <= consents.get(m["id"], set()):
            continue
        ns = SimpleNamespace(**m)
        ns.birth_date = date.fromisoformat(m["birth_date"])
        profiles.append(profile_from_member(ns, today=today, consent_matching=True))
        members[m["id"]] = m
    return MatchPool.from_profiles(profiles), members


def suggestions(session: Session, cache: SuggestionPool, *, member_id: str, k: int, now: datetime,
                exclude: set[str]) -> list[dict[str, Any]]:  # fmt: skip
    """Masked candidates for the member (empty when they did not consent or are not eligible)."""
    today = now.astimezone(CHINA_TZ).date()
    pool, members = cache.get(session, today=today)
    if member_id not in members:
        return []
    introduced = {ordered_pair(i["member_a_id"], i["member_b_id"]) for i in introductions_of(session, member_id)}
    blocked = {ordered_pair(member_id, o) for o in exclude}
    blocked |= {ordered_pair(b["member_id"], b["other_member_id"]) for b in records.member_rows(session, "pair_block", member_id)
                if not b.get("lifted_at")}  # fmt: skip
    ranking = cache.ranking_for(session)
    rows = rank(pool, member_id, k=k, exclude_pairs=PairSet(introduced), blocked=PairSet(blocked),
                weights=ranking.weights, model=ranking.model, signals=ranking.signals)  # fmt: skip
    out = []
    for row in rows:
        m = members.get(row.member_id)
        if m is None:
            continue
        out.append({"id": m["id"], "name": polite_name(m.get("name"), m.get("sex")),
                    "age": age_band(age_on(date.fromisoformat(m["birth_date"]), today)),
                    "district": m.get("district_code"), "tags": list(m.get("hobbies") or [])[:6]})  # fmt: skip
    return out


def want_to_meet(session: Session, *, member: dict[str, Any], other_id: str, allowed: set[str], now: datetime) -> None:
    """"想认识": a proposal on the asker's matchmaker's board (introduction, stage proposed,
    the asker's answer accepted). Only someone the member was shown may be asked for."""
    if other_id not in allowed:
        raise PageError(404, "h5.not_found")
    writer = RecordWriter(session, now)
    _ = writer.seq
    a, b = ordered_pair(member["id"], other_id)
    if lookup(session, "introduction", "nk", key_value([a, b])) is not None:
        raise PageError(409, "h5.already_asked")
    side = "a" if member["id"] == a else "b"
    writer.insert("introduction", {
        "id": new_id(), "member_a_id": a, "member_b_id": b, "stage": Stage.PROPOSED.value,
        "source": Source.ONLINE.value, "matchmaker_id": member.get("matchmaker_id"), "proposed_at": now.isoformat(),
        "proposed_by": None, f"{side}_response": Response.ACCEPTED.value, f"{side}_responded_at": now.isoformat(),
        "follow_up_ids": [], "updated_at": now.isoformat(),
    }, member_id=a)  # fmt: skip
