"""`MatchIndex`: the matcher's pool built once from the database and kept current edit by edit.

    index = MatchIndex.build(store, progress=..., cancel=...)   # worker thread, once
    index.watch()            # optional: commits that touch members are noticed by themselves
    rows = index.rank(member_id, k=50)            # MatchCandidateRow list, best first
    index.refresh({member_id, ...})               # explicit: re-read just these members

What it holds: a `MatchPool` of every non-archived member (ineligible ones stay in the pool,
flagged not eligible, so outcome labels of married or paused members can still be featurised),
the already-introduced and blocked `PairSet`s, the rank weights in force, the adopted model when
it may rank (queries.ranking_model; else the rule ranks, and `ranking_choice()` says why) with
the collaborative signals of every known answer.

Keeping current: `refresh(member_ids)` re-reads those members (profile, consents in force, open
introductions, pairs) and upserts or removes just them; nothing is rebuilt. With `watch()`, a
flush hook collects the member ids touched by every committed transaction on this store (rows
of member, consent, verification, introduction, pair_block: their member columns) and a
settings change (match_setting); the next read (`rank`, `batch_suggest`, ...) applies them
first. So a withdrawn consent, a fraud flag or a new introduction is reflected in the very next
candidate list; an adopted or withdrawn model is a settings change too. Bulk Core inserts (seeding) bypass the hook: call `refresh` or `rebuild`.
Ages follow the calendar: on the first read of a new day the index is rebuilt (exact ages, with
their fraction of a year, move for everyone; whole years for those whose birthday passed).

Threads: build/rebuild/refresh/rank read the database through their own read sessions and may
run on any thread (not the UI thread: they can wait for the disk). The pool's lock serialises a
refresh with a ranking; the pending-id set has its own lock, so commits on the writer thread
only add ids. Fitting (`fit_model`, with its leave-groups-out evaluation) is long work with
progress and cancel; it never changes what ranks (adoption is matching.service's).
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from xzdesk.domain.errors import NotFound, XzError
from xzdesk.domain.matching.model import LabelledPairRow, ReciprocalModel
from xzdesk.domain.matching.pool import MatchPool, PairSet
from xzdesk.domain.matching.queries import (
    NO_MODEL,
    MatchStateInfo,
    ModelRecordInfo,
    RankingChoiceInfo,
    collect_labels,
    current_weights,
    load_match_state,
    load_ranking_state,
    ranking_inputs,
)
from xzdesk.domain.matching.ranking import MatchCandidateRow, rank
from xzdesk.domain.matching.rules import MatchWeights, ineligibility_reasons, pair_problems
from xzdesk.domain.matching.signals import Signals
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.uow import CHINA_TZ, ActorInfo, unit_of_work, utc_now

if TYPE_CHECKING:  # batch previews, fitting and keeping a model load when used (ranking never does)
    from xzdesk.domain.matching.batch import BatchPreviewInfo
    from xzdesk.domain.matching.evaluation import EvaluationInfo

log = logging.getLogger(__name__)

# Tables whose rows change a member's profile or pairs, and the settings table.
WATCHED_TABLES = frozenset({"member", "consent", "verification", "introduction", "pair_block"})
SETTINGS_TABLE = "match_setting"
_TOUCHED = "xz_matching_touched"
_SETTINGS = "xz_matching_settings"
# Refreshing more than this share of the pool at once is done as a rebuild.
REBUILD_SHARE = 0.25


@dataclass(frozen=True)
class WeightsPreviewInfo:
    """One member ranked with the weights in force and with proposed ones (nothing stored)."""

    member_id: str
    current: tuple[MatchCandidateRow, ...]
    proposed: tuple[MatchCandidateRow, ...]
    entered: tuple[str, ...]  # candidates in the proposed list but not in the current one
    left: tuple[str, ...]  # candidates in the current list but not in the proposed one


@dataclass(frozen=True)
class IndexStatsInfo:
    members: int
    eligible: int
    introduced_pairs: int
    blocked_pairs: int
    model_ready: bool  # an adopted model ranks (it beat the rule on held-out groups)
    built_on: date


@dataclass(frozen=True)
class FitReportInfo:
    labels: int
    used: int  # labels whose two members are both in the pool
    positive: int  # known "yes" answers
    negative: int  # known "no" answers
    ready: bool
    record: ModelRecordInfo | None
    evaluation: EvaluationInfo | None  # None when it could not be evaluated:
    not_evaluated: tuple[str, dict[str, Any]] | None = None  # why (code, params)

    @classmethod
    def of(cls, model: ReciprocalModel, record: ModelRecordInfo | None, *, offered: int, used: int,
           evaluation: EvaluationInfo | None, not_evaluated: tuple[str, dict[str, Any]] | None) -> FitReportInfo:  # fmt: skip
        """The report of a fitted model: its answer counts and readiness, where it was kept."""
        counts = model.counts
        return cls(offered, used, int(counts.get("answers_yes", 0)), int(counts.get("answers_no", 0)),
                   model.is_ready, record, evaluation, not_evaluated)  # fmt: skip


class MatchIndex:
    """See the module docstring."""

    def __init__(self, store: Any, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self.clock = clock
        self.pool = MatchPool()
        self.introduced = PairSet()
        self.blocked = PairSet()
        self.weights: MatchWeights = MatchWeights()
        self.model: ReciprocalModel | None = None  # only a model that may rank
        self.signals: Signals | None = None
        self.choice = RankingChoiceInfo(False, NO_MODEL, {}, None, None, None)
        self.day = self._today()
        self._pending: set[str] = set()
        self._settings_dirty = False
        self._pending_lock = threading.Lock()

    # -- building ----------------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        store: Any,
        *,
        clock: Callable[[], datetime] = utc_now,
        progress: Progress = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> MatchIndex:
        """Read every member and build the index (long work: a worker thread)."""
        index = cls(store, clock=clock)
        index.rebuild(progress=progress, cancel=cancel)
        return index

    def _today(self) -> date:
        return self.clock().astimezone(CHINA_TZ).date()

    @classmethod
    def for_member(cls, store: Any, member_id: str, *, clock: Callable[[], datetime] = utc_now) -> MatchIndex:
        """An index holding only what ranking `member_id` needs, for one look (the command
        line's `match suggest`): the member and every member of the other sex (the first hard
        filter drops everyone else), read without the others. When a model ranks, its features
        see the whole pool (the hobby vocabulary's size), so then everyone is read, as `build`
        does. Rankings of `member_id` equal those of a full index; anything else (other members,
        `stats`, `batch_suggest`, fitting, `watch`) needs `build`."""
        index = cls(store, clock=clock)
        index.reload_model()
        if index.model is not None:
            index.rebuild()
            return index
        today = index._today()
        with store.read() as s:
            loaded = load_ranking_state(s, today=today, member_id=member_id)
            weights = current_weights(s)
        index._install(loaded, weights, today)
        return index

    def rebuild(self, *, progress: Progress = no_progress, cancel: CancelToken = NEVER_CANCELLED) -> None:
        """Full rebuild from the database (also the reference the incremental path must equal)."""
        today = self._today()
        progress(0.0, "matching.index.profiles")
        with self._pending_lock:
            self._pending.clear()
            self._settings_dirty = False
        with self.store.read() as s:
            loaded = load_match_state(s, today=today)
            cancel.check()
            progress(0.6, "matching.index.pairs")
            weights = current_weights(s)
        cancel.check()
        progress(0.8, "matching.index.pool")
        self._install(loaded, weights, today, cancel=cancel)
        self.reload_model()
        progress(1.0, "matching.index.ready")

    def _install(self, loaded: MatchStateInfo, weights: MatchWeights, today: date,
                 cancel: CancelToken = NEVER_CANCELLED) -> None:  # fmt: skip
        introduced, blocked = PairSet(loaded.introduced), PairSet(loaded.blocked)
        pool = MatchPool.from_profiles(loaded.profiles, cancel=cancel)
        # Swap under the old pool's lock so a ranking in progress finishes on the old state.
        with self.pool.lock:
            self.pool, self.introduced, self.blocked = pool, introduced, blocked
            self.weights, self.day = weights, today

    def reload_model(self) -> None:
        """Read which model ranks (and the signals of every known answer when one does)."""
        with self.store.read() as s:
            inputs = ranking_inputs(s)
        with self.pool.lock:
            self.choice, self.model, self.signals = inputs.choice, inputs.model, inputs.signals

    # -- keeping current -----------------------------------------------------------------------
    def refresh(self, member_ids: Iterable[str]) -> int:
        """Re-read these members and update just them (removing those gone or archived), with
        their introduced and blocked pairs. Returns how many were refreshed."""
        ids = {m for m in member_ids if m}
        if not ids:
            return 0
        if len(ids) > max(1000, REBUILD_SHARE * len(self.pool)):
            self.rebuild()
            return len(ids)
        with self.store.read() as s:
            loaded = load_match_state(s, today=self.day, member_ids=ids)
        profiles = {p.member_id: p for p in loaded.profiles}
        pool = self.pool
        with pool.lock:
            for member_id in ids:
                profile = profiles.get(member_id)
                if profile is None:
                    pool.remove(member_id)
                else:
                    pool.upsert(profile)
            for pairs, fresh in ((self.introduced, loaded.introduced), (self.blocked, loaded.blocked)):
                for member_id in ids:
                    for other in pairs.partners(member_id):
                        pairs.discard(member_id, other)
                for a, b in fresh:
                    pairs.add(a, b)
        return len(ids)

    def mark_changed(self, member_ids: Iterable[str], *, settings: bool = False) -> None:
        """Note ids to refresh before the next read (cheap; called from commit hooks)."""
        with self._pending_lock:
            self._pending.update(m for m in member_ids if m)
            self._settings_dirty |= settings

    def apply_pending(self) -> int:
        """Apply noted changes and the change of day. Returns the number of members refreshed."""
        with self._pending_lock:
            ids, self._pending = self._pending, set()
            settings, self._settings_dirty = self._settings_dirty, False
        if settings:
            with self.store.read() as s:
                self.weights = current_weights(s)
            self.reload_model()
        if self._today() != self.day:
            # Every exact age (the soft score's, with a fraction) moved: rebuild once a day.
            self.rebuild()
            return len(self.pool)
        return self.refresh(ids) if ids else 0

    # -- watching commits ------------------------------------------------------------------------
    def watch(self) -> None:
        """Notice committed changes on this store by themselves (see the module docstring)."""
        _install_hooks()
        _WATCHERS.add(self)

    def unwatch(self) -> None:
        _WATCHERS.discard(self)

    # -- reading -----------------------------------------------------------------------------------
    def rank(self, member_id: str, *, k: int = 50, weights: MatchWeights | None = None) -> list[MatchCandidateRow]:
        """The member's best `k` candidates (two-way filters, not introduced, not blocked,
        reciprocal score, fairness damping, the outcome model once ready). [] when the member
        cannot be matched now (`ineligibility`); NotFound("matching.member_not_in_pool") for an
        unknown or archived member."""
        self.apply_pending()
        return rank(self.pool, member_id, k=k, exclude_pairs=self.introduced, blocked=self.blocked,
                    weights=weights or self.weights, model=self.model, signals=self.signals)  # fmt: skip

    def ranking_choice(self) -> RankingChoiceInfo:
        """Which score ranks now, and why (an adopted model that beat the rule, or the rule)."""
        self.apply_pending()
        return self.choice

    def batch_suggest(
        self,
        caseload_ids: Sequence[str],
        *,
        per_member: int = 1,
        candidates_per_member: int = 20,
        method: str = "auto",
        progress: Progress = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> BatchPreviewInfo:
        """A preview of pairs for a caseload, nobody double-booked (nothing is created)."""
        from xzdesk.domain.matching.batch import batch_suggest

        self.apply_pending()
        ids = [m for m in caseload_ids if m in self.pool]
        return batch_suggest(self.pool, ids, per_member=per_member, candidates_per_member=candidates_per_member,
                             exclude_pairs=self.introduced, blocked=self.blocked, weights=self.weights,
                             model=self.model, signals=self.signals, method=method, progress=progress,
                             cancel=cancel)  # fmt: skip

    def ineligibility(self, member_id: str) -> tuple[str, ...]:
        """Why a member takes no part in matching now (empty: they do)."""
        self.apply_pending()
        profile = self.pool.get(member_id)
        if profile is None:
            raise NotFound("matching.member_not_in_pool")
        return ineligibility_reasons(profile)

    def why_not(self, member_a: str, member_b: str) -> tuple[str, ...]:
        """Every reason the pair is not suggested: the matcher's hard-filter codes plus
        "already_introduced" and "blocked"."""
        self.apply_pending()
        a, b = self.pool.get(member_a), self.pool.get(member_b)
        if a is None or b is None:
            raise NotFound("matching.member_not_in_pool")
        out = list(pair_problems(a, b))
        with self.pool.lock:
            if (member_a, member_b) in self.introduced:
                out.append("already_introduced")
            if (member_a, member_b) in self.blocked:
                out.append("blocked")
        return tuple(out)

    def preview_weights(self, member_id: str, *, weights: MatchWeights, k: int = 20) -> WeightsPreviewInfo:
        """Rank one member with the weights in force and with `weights`, side by side."""
        current = tuple(self.rank(member_id, k=k))
        proposed = tuple(self.rank(member_id, k=k, weights=weights))
        now_ids = [r.member_id for r in current]
        new_ids = [r.member_id for r in proposed]
        return WeightsPreviewInfo(
            member_id=member_id, current=current, proposed=proposed,
            entered=tuple(m for m in new_ids if m not in set(now_ids)),
            left=tuple(m for m in now_ids if m not in set(new_ids)),
        )  # fmt: skip

    def stats(self) -> IndexStatsInfo:
        self.apply_pending()
        with self.pool.lock:
            eligible = sum(1 for m in self.pool.ids() if not ineligibility_reasons(self.pool.get(m)))  # type: ignore[arg-type]
            return IndexStatsInfo(len(self.pool), eligible, len(self.introduced), len(self.blocked),
                                  self.model is not None, self.day)  # fmt: skip

    # -- the model -----------------------------------------------------------------------------------
    def labels(self) -> list[LabelledPairRow]:
        """Every label source: introductions, and event interest cards with attendance (the
        check-in area registers its source when its module loads)."""
        # Registers "checkin.interest_cards". Loaded here, not at the top: check-in brings the print
        # engine (reportlab, qrcode), and only fitting needs its labels.
        import xzdesk.domain.checkin.matches  # noqa: F401

        with self.store.read() as s:
            return collect_labels(s)

    def fit_model(
        self,
        *,
        c: float = 1.0,
        min_per_class: int = 30,
        n_splits: int = 5,
        labels: Sequence[LabelledPairRow] | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> tuple[ReciprocalModel, EvaluationInfo | XzError, int, int]:
        """Fit a new model on the labels (default: `collect_labels`) whose members are in the
        pool, evaluated by leaving groups out first when there are enough groups (the model
        carries the evaluation; without one it can never rank). Returns (model, evaluation or the
        XzError saying why there is none, labels offered, labels used). Changes nothing: the
        index keeps ranking as before."""
        from xzdesk.domain.matching.evaluation import retrain

        self.apply_pending()
        rows = list(labels if labels is not None else self.labels())
        got = retrain(self.pool, rows, weights=self.weights, c=c, min_per_class=min_per_class, n_splits=n_splits,
                      progress=progress, cancel=cancel)  # fmt: skip
        return got.model, got.evaluation, got.offered, got.used

    def refit_and_store(
        self,
        *,
        actor: ActorInfo | None = None,
        c: float = 1.0,
        min_per_class: int = 30,
        n_splits: int = 5,
        progress: Progress = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> FitReportInfo:
        """Fit and evaluate on the current labels and keep the model in its own unit of work.
        Not adopted: matching.service.adopt_matching_model decides that."""
        from xzdesk.domain.matching.evaluation import EvaluationInfo
        from xzdesk.domain.matching.service import save_matching_model

        model, info, offered, used = self.fit_model(c=c, min_per_class=min_per_class, n_splits=n_splits,
                                                    progress=progress, cancel=cancel)  # fmt: skip
        cancel.check()
        with unit_of_work(self.store, actor, clock=self.clock) as uow:
            record = save_matching_model(uow, model=model)
        evaluated = info if isinstance(info, EvaluationInfo) else None
        why = None if evaluated is not None else (info.code, dict(info.params))
        return FitReportInfo.of(model, record, offered=offered, used=used, evaluation=evaluated, not_evaluated=why)


# --- commit hooks -----------------------------------------------------------------------------------
_WATCHERS: weakref.WeakSet[MatchIndex] = weakref.WeakSet()
_HOOKS_LOCK = threading.Lock()


def _member_ids(obj: Any) -> Iterable[str]:
    cls = type(obj)
    for column in (getattr(cls, "__member_column__", None), *getattr(cls, "__member_refs__", ())):
        if column:
            value = getattr(obj, column, None)
            if isinstance(value, str):
                yield value


def _after_flush(session: Session, _ctx: Any) -> None:
    touched: set[str] | None = None
    for obj in chain(session.new, session.dirty, session.deleted):
        table = getattr(type(obj), "__tablename__", None)
        if table in WATCHED_TABLES:
            if touched is None:
                touched = session.info.setdefault(_TOUCHED, set())
            touched.update(_member_ids(obj))
        elif table == SETTINGS_TABLE:
            session.info[_SETTINGS] = True


def _after_commit(session: Session) -> None:
    touched: Collection[str] = session.info.pop(_TOUCHED, ())
    settings = bool(session.info.pop(_SETTINGS, False))
    if not touched and not settings:
        return
    try:
        pool = session.get_bind().pool
    except Exception:  # an unbound session: nothing of ours
        return
    for index in list(_WATCHERS):
        if index.store.engine.pool is pool:
            index.mark_changed(touched, settings=settings)


def _after_rollback(session: Session) -> None:
    session.info.pop(_TOUCHED, None)
    session.info.pop(_SETTINGS, None)


def _install_hooks() -> None:
    with _HOOKS_LOCK:
        if not event.contains(Session, "after_flush", _after_flush):
            event.listen(Session, "after_flush", _after_flush)
            event.listen(Session, "after_commit", _after_commit)
            event.listen(Session, "after_rollback", _after_rollback)


__all__ = ["FitReportInfo", "IndexStatsInfo", "MatchIndex", "WeightsPreviewInfo"]
