"""What the matching screens show, each read in one go from the index and the database.

Every function here runs on a worker thread (it ranks, and reads the database through its own
read sessions) and returns one frozen DTO: the index's answer plus the masked side rows or
profile cards of the people in it. No name, phone or ID number leaves masked.

    info = load_candidates(index, member_id)                      # CandidateListInfo
    info = load_comparison(index, member_id, candidate_id, today=day)   # ComparisonInfo | None
    info = load_weights_preview(index, member_id, weights)         # WeightsPreviewLoadInfo
    info = load_batch(index, matchmaker_id=..., scope=..., blind_index=..., per_member=1)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from xzdesk.domain.introductions.dto import IntroductionSideRow, ProfileCardInfo
from xzdesk.domain.introductions.queries import profile_cards, side_rows
from xzdesk.domain.matching.batch import BatchPreviewInfo
from xzdesk.domain.matching.index import MatchIndex, WeightsPreviewInfo
from xzdesk.domain.matching.ranking import MatchCandidateRow
from xzdesk.domain.matching.rules import MatchWeights, requirement_problems
from xzdesk.domain.members.codes import MemberStatus
from xzdesk.domain.members.queries import MemberFilter, list_member_ids
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress

RANK_K = 50  # candidates listed for a member
PREVIEW_K = 20  # candidates compared when previewing weights


@dataclass(frozen=True)
class CandidateListInfo:
    """One picked member's ranked candidates, with masked side rows for all of them."""

    member_id: str
    member: IntroductionSideRow | None
    ineligible: tuple[str, ...]  # why the member cannot be matched now (when nobody is listed)
    rows: tuple[MatchCandidateRow, ...]
    sides: dict[str, IntroductionSideRow]


@dataclass(frozen=True)
class ComparisonInfo:
    """Both cards and, for each side, which of its requirements the other side does not meet."""

    member: ProfileCardInfo
    candidate: ProfileCardInfo
    member_unmet: tuple[str, ...]  # the member's requirements the candidate does not meet
    candidate_unmet: tuple[str, ...]  # the candidate's requirements the member does not meet


@dataclass(frozen=True)
class WeightsPreviewLoadInfo:
    preview: WeightsPreviewInfo
    sides: dict[str, IntroductionSideRow]


@dataclass(frozen=True)
class BatchLoadInfo:
    caseload: int  # active members of the caseload
    preview: BatchPreviewInfo
    sides: dict[str, IntroductionSideRow]


def _sides(index: MatchIndex, member_ids: Iterable[str]) -> dict[str, IntroductionSideRow]:
    with index.store.read() as s:
        return side_rows(s, member_ids, today=index.day)


def load_candidates(index: MatchIndex, member_id: str, *, k: int = RANK_K) -> CandidateListInfo:
    """Rank the member (applying noticed edits first) and read the masked side rows."""
    rows = tuple(index.rank(member_id, k=k))
    ineligible = index.ineligibility(member_id) if not rows else ()
    sides = _sides(index, [member_id, *(r.member_id for r in rows)])
    return CandidateListInfo(member_id, sides.get(member_id), ineligible, rows, sides)


def load_comparison(index: MatchIndex, member_id: str, candidate_id: str, *, today: date) -> ComparisonInfo | None:
    """The two masked cards and the requirement checks (from the index's profiles); None when
    either member is gone."""
    with index.store.read() as s:
        cards = profile_cards(s, [member_id, candidate_id], today=today)
    if member_id not in cards or candidate_id not in cards:
        return None
    pm, pc = index.pool.get(member_id), index.pool.get(candidate_id)
    member_unmet = requirement_problems(pm, pc) if pm and pc else ()
    candidate_unmet = requirement_problems(pc, pm) if pm and pc else ()
    return ComparisonInfo(cards[member_id], cards[candidate_id], member_unmet, candidate_unmet)


def load_weights_preview(index: MatchIndex, member_id: str, weights: MatchWeights, *,
                         k: int = PREVIEW_K) -> WeightsPreviewLoadInfo:  # fmt: skip
    """The member ranked with the weights in force and with `weights` (nothing stored)."""
    preview = index.preview_weights(member_id, weights=weights, k=k)
    ids = {member_id, *(r.member_id for r in preview.current), *(r.member_id for r in preview.proposed)}
    return WeightsPreviewLoadInfo(preview, _sides(index, ids))


def load_batch(
    index: MatchIndex,
    *,
    matchmaker_id: str,
    scope: str | None,
    blind_index: Callable[[str, str], bytes],
    per_member: int,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> BatchLoadInfo:
    """The matchmaker's active caseload (within `scope`, a district or None for city-wide) and a
    preview of pairs for it, nobody double-booked; nothing is created."""
    flt = MemberFilter(matchmaker_id=matchmaker_id, status=MemberStatus.ACTIVE.value)
    with index.store.read() as s:
        caseload = list_member_ids(s, flt, blind_index=blind_index, today=index.day, scope_district=scope)
    preview = index.batch_suggest(caseload, per_member=per_member, progress=progress, cancel=cancel)
    ids = {x for p in preview.pairs for x in (p.member_id, p.candidate_id)}
    return BatchLoadInfo(len(caseload), preview, _sides(index, ids))
