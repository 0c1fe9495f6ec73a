"""Collaborative signals: what the yes/no answers of past groups say about people.

Built from directional answers (`DirectedAnswer`: chooser, chosen, yes) of the groups a model is
trained on, never of the groups it is judged on:

- popularity of the chosen person: their received-yes rate, shrunk towards the overall rate
  (PRIOR_WEIGHT pseudo-answers), as log-odds relative to the overall rate (0 = average or unseen),
  and how many answers it rests on (log1p);
- selectivity of the chooser: the same for the answers they gave;
- item-item collaborative filtering (people with similar cards liked similar people): two chosen
  people are similar by the cosine of the sets of choosers who said yes to them; the signal for
  A choosing B is the mean similarity of B to the people A said yes to (0 when A said yes to
  nobody, with `cf_known` telling the model so).

These are per-person facts derived from labels: they live here, beside the labels they come from
(the local database), and are rebuilt when the model scores; they are never part of a model's
stored parameters. Without signals (e.g. on the server) every column takes its "unseen" value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from xzdesk.domain.matching.labels import LabelledPairRow, directed_answers, merge_labels
from xzdesk.domain.matching.pool import MatchPool

PRIOR_WEIGHT = 4.0
SIGNAL_FEATURES: tuple[str, ...] = ("b_popularity", "b_seen", "a_selectivity", "a_seen", "cf_score", "cf_known")


@dataclass(frozen=True, slots=True)
class DirectedAnswer:
    chooser: str
    chosen: str
    yes: bool


def _logit(p: np.ndarray | float) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


class Signals:
    """Signals from a set of directional answers (immutable once built; safe to share).

    Build with `Signals.from_answers(answers)`, or from arrays: `ids` names the people and
    `chooser`, `chosen` are indices into it (one per answer), `yes` the answers."""

    def __init__(self, ids: Sequence[str], chooser: np.ndarray, chosen: np.ndarray, yes: np.ndarray) -> None:
        # Imported here, not at the top (0.5 s): only a model that ranks builds signals, and a
        # suggestion ranked by the rule (the command line's `match suggest`) must not pay for it.
        from scipy import sparse

        self._ids = ids if isinstance(ids, list) else list(ids)
        self._index = {m: k for k, m in enumerate(self._ids)}
        n = len(self._ids)
        ch, cd = np.asarray(chooser, dtype=np.int64), np.asarray(chosen, dtype=np.int64)
        yes = np.asarray(yes, dtype=np.float64)
        self.n_answers = int(yes.size)
        self.rate = float(yes.mean()) if yes.size else 0.5
        got_yes, got_n = np.bincount(cd, yes, n), np.bincount(cd, minlength=n).astype(np.float64)
        gave_yes, gave_n = np.bincount(ch, yes, n), np.bincount(ch, minlength=n).astype(np.float64)
        self._pop = self._shrunk(got_yes, got_n)
        self._sel = self._shrunk(gave_yes, gave_n)
        self._got_n, self._gave_n = np.log1p(got_n), np.log1p(gave_n)
        liked = yes > 0
        y = sparse.csr_matrix((np.ones(int(liked.sum())), (ch[liked], cd[liked])), shape=(n, n))
        y.sum_duplicates()
        y.data[:] = 1.0
        self._n_liked = np.asarray(y.sum(axis=1)).ravel()
        likers = np.sqrt(np.asarray(y.sum(axis=0)).ravel())
        yn = y @ sparse.diags(np.where(likers > 0, 1.0 / np.maximum(likers, 1e-12), 0.0))
        sim = (yn.T @ yn).tocsr()
        sim.setdiag(0.0)
        sim.eliminate_zeros()
        self._cf = (y @ sim).tocsr()  # chooser x chosen: summed similarity to what they liked
        self._cf_by_chosen = self._cf.tocsc()  # the same, for reading one chosen person's column
        self._pool_map: tuple[int, int, np.ndarray] | None = None

    @classmethod
    def from_answers(cls, answers: Iterable[DirectedAnswer]) -> Signals:
        rows = list(answers)
        ids = sorted({r.chooser for r in rows} | {r.chosen for r in rows})
        index = {m: k for k, m in enumerate(ids)}
        return cls(ids, np.array([index[r.chooser] for r in rows], dtype=np.int64),
                   np.array([index[r.chosen] for r in rows], dtype=np.int64),
                   np.array([r.yes for r in rows], dtype=np.float64))  # fmt: skip

    def _shrunk(self, yes: np.ndarray, n: np.ndarray) -> np.ndarray:
        rate = (yes + PRIOR_WEIGHT * self.rate) / (n + PRIOR_WEIGHT)
        return _logit(rate) - _logit(self.rate)

    def __len__(self) -> int:
        return len(self._index)

    def same_people(self, ids: Sequence[str]) -> bool:
        """Whether these signals index exactly `ids` (so codes can be used directly)."""
        return ids is self._ids or (len(ids) == len(self._ids) and list(ids) == self._ids)

    # -- by member id (training and evaluation rows) --------------------------------------------
    def _ks(self, ids: Sequence[str]) -> np.ndarray:
        get = self._index.get
        return np.fromiter((get(m, -1) for m in ids), dtype=np.int64, count=len(ids))

    def columns_for(self, choosers: Sequence[str], chosen: Sequence[str]) -> list[np.ndarray]:
        """SIGNAL_FEATURES columns for directed pairs given by member id."""
        return self._columns(self._ks(choosers), self._ks(chosen))

    def columns_for_codes(self, chooser: np.ndarray, chosen: np.ndarray) -> list[np.ndarray]:
        """The same for indices into the `ids` these signals were built with (every person of
        that list is known here, with or without answers)."""
        return self._columns(np.asarray(chooser, dtype=np.int64), np.asarray(chosen, dtype=np.int64))

    def _columns(self, ka: np.ndarray, kb: np.ndarray) -> list[np.ndarray]:
        out = [np.zeros(ka.shape) for _ in SIGNAL_FEATURES]
        a_ok, b_ok = ka >= 0, kb >= 0
        out[0][b_ok], out[1][b_ok] = self._pop[kb[b_ok]], self._got_n[kb[b_ok]]
        out[2][a_ok], out[3][a_ok] = self._sel[ka[a_ok]], self._gave_n[ka[a_ok]]
        both = a_ok & b_ok
        if both.any():
            liked = self._n_liked[ka[both]]
            cf = np.asarray(self._cf[ka[both], kb[both]]).ravel()
            out[4][both] = np.where(liked > 0, cf / np.maximum(liked, 1), 0.0)
        out[5][a_ok] = (self._n_liked[ka[a_ok]] > 0).astype(np.float64)
        return out

    # -- by pool slot (ranking) -----------------------------------------------------------------
    def _slot_map(self, pool: MatchPool) -> np.ndarray:
        """Pool slot -> signal index (-1 none); cached per pool version. Caller holds the lock."""
        cached = self._pool_map
        if cached is not None and cached[0] == id(pool) and cached[1] == pool.version:
            return cached[2]
        out = np.full(pool.size, -1, dtype=np.int64)
        for member_id, k in self._index.items():
            slot = pool._slot.get(member_id)
            if slot is not None:
                out[slot] = k
        self._pool_map = (id(pool), pool.version, out)
        return out

    def columns_for_query(
        self, pool: MatchPool, query_slot: int, cand_slots: np.ndarray
    ) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """(columns of the query choosing each candidate, columns of each candidate choosing the
        query), SIGNAL_FEATURES order, for ranking one member."""
        m = self._slot_map(pool)  # every slot in use is below pool.size
        kq, kc = int(m[query_slot]), m[cand_slots]
        forward = self._columns(np.full(kc.shape, kq), kc) if kq < 0 else self._query_row(kq, kc)
        backward = self._columns(kc, np.full(kc.shape, kq)) if kq < 0 else self._query_col(kq, kc)
        return forward, backward

    def _query_row(self, kq: int, kc: np.ndarray) -> list[np.ndarray]:
        out = self._columns(np.full(kc.shape, -1), kc)  # the candidates' popularity
        out[2][:], out[3][:] = self._sel[kq], self._gave_n[kq]
        liked = self._n_liked[kq]
        out[5][:] = float(liked > 0)
        if liked > 0:
            row = np.asarray(self._cf[kq].todense()).ravel() / liked
            ok = kc >= 0
            out[4][ok] = row[kc[ok]]
        return out

    def _query_col(self, kq: int, kc: np.ndarray) -> list[np.ndarray]:
        out = self._columns(kc, np.full(kc.shape, -1))  # the candidates' selectivity
        out[0][:], out[1][:] = self._pop[kq], self._got_n[kq]
        ok = kc >= 0
        col = np.asarray(self._cf_by_chosen[:, kq].todense()).ravel()
        liked = self._n_liked[kc[ok]]
        out[4][ok] = np.where(liked > 0, col[kc[ok]] / np.maximum(liked, 1), 0.0)
        out[5][ok] = (liked > 0).astype(np.float64)
        return out


def no_signal_columns(shape: tuple[int, ...]) -> list[np.ndarray]:
    """SIGNAL_FEATURES columns when no signals are available (everyone unseen)."""
    return [np.zeros(shape) for _ in SIGNAL_FEATURES]


def signals_from_labels(rows: Iterable[LabelledPairRow]) -> Signals:
    """Signals from every known directional answer of some labelled pairs."""
    return Signals.from_answers(DirectedAnswer(a, b, yes) for a, b, yes in directed_answers(merge_labels(rows)))
