"""`MatchPool`: numpy column arrays over every member, kept current by upsert/remove.

Layout: one row ("slot") per member; `_slot` maps member id -> slot. A removed member's slot is
freed and reused by the next new member; when no slot is free the arrays double, so upsert and
remove are O(1) amortised and nothing is rebuilt per edit. Hobbies and accepted districts are
bitsets over vocabularies that only grow (a word is added to every row when one runs out).

Thread contract: a pool may be shared between threads. Every public method, and `rank` /
`batch_suggest` / the model's scoring while they read the columns, hold the pool's re-entrant
lock (`pool.lock`), so a writer's upsert waits for a ranking in progress (a few milliseconds at
100,000 members) and a ranking never sees a half-written row. The arrays are never handed out;
results are frozen DTOs. `version` increases with every change (for caches).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from xzdesk.domain.errors import NotFound
from xzdesk.domain.matching.geo import distance_matrix
from xzdesk.domain.matching.profile import MARITAL_ANY, MatchProfile, income_index, marital_bit
from xzdesk.domain.matching.rules import ineligibility_reasons
from xzdesk.domain.members.codes import IMPORTANCE_KEYS
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken

NONE_MIN = -1  # "no lower bound" / unknown value
NONE_MAX = np.iinfo(np.int16).max  # "no upper bound"

# name -> (dtype, fill value of an empty slot)
_COLUMNS: dict[str, tuple[Any, Any]] = {
    "alive": (np.bool_, False),
    "eligible": (np.bool_, False),
    "sex": (np.int8, 0),
    "age": (np.int16, NONE_MIN),
    "age_f": (np.float32, np.nan),  # exact age (years with a fraction); NaN unknown
    "height": (np.int16, NONE_MIN),
    "edu": (np.int8, NONE_MIN),
    "marital_bit": (np.uint8, 0),
    "has_children": (np.bool_, False),
    "district": (np.int32, 0),
    "income": (np.int8, 0),
    "sector": (np.int32, 0),  # index in sector_vocab; 0 = unknown
    "occupation": (np.int32, 0),
    "employer": (np.int32, 0),
    "n_req": (np.int8, 0),  # how many requirements the member states
    "tag_count": (np.int16, 0),
    "open": (np.int32, 0),
    "req_age_min": (np.int16, NONE_MIN),
    "req_age_max": (np.int16, NONE_MAX),
    "req_h_min": (np.int16, NONE_MIN),
    "req_h_max": (np.int16, NONE_MAX),
    "req_edu": (np.int8, NONE_MIN),
    "req_marital": (np.uint8, MARITAL_ANY),
    "req_children_ok": (np.bool_, True),
    "req_dist_any": (np.bool_, True),
    **{f"imp_{key}": (np.int8, NONE_MIN) for key in IMPORTANCE_KEYS},  # importance; -1 not said
}


def _requirements_stated(p: MatchProfile) -> int:
    ranges = (p.req_age_min, p.req_age_max, p.req_height_min, p.req_height_max, p.req_education_min)
    lists = (p.req_districts, p.req_marital)
    return sum(v is not None for v in ranges) + sum(bool(v) for v in lists) + (not p.req_children_ok)


def _clip16(v: int | None, none: int) -> int:
    if v is None:
        return none
    return max(0, min(int(v), NONE_MAX - 1))


class PairSet:
    """Unordered pairs of member ids (already introduced, blocked), indexed by member.

    Build it once and keep it: `rank` looks up one member's partners in O(1).
    """

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._by: defaultdict[str, set[str]] = defaultdict(set)
        self._n = 0
        for a, b in pairs:
            self.add(a, b)

    @classmethod
    def coerce(cls, value: PairSet | Iterable[tuple[str, str]] | None) -> PairSet:
        if isinstance(value, PairSet):
            return value
        return cls(value or ())

    def add(self, a: str, b: str) -> None:
        if b not in self._by[a]:
            self._by[a].add(b)
            self._by[b].add(a)
            self._n += 1

    def discard(self, a: str, b: str) -> None:
        if b in self._by.get(a, ()):
            self._by[a].discard(b)
            self._by[b].discard(a)
            self._n -= 1

    def partners(self, member_id: str) -> frozenset[str]:
        return frozenset(self._by.get(member_id, ()))

    def __contains__(self, pair: object) -> bool:
        if not isinstance(pair, tuple) or len(pair) != 2:
            return False
        a, b = pair
        return b in self._by.get(a, ())

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for a, others in self._by.items():
            for b in others:
                if a < b:
                    yield a, b


class _Vocab:
    """Strings -> bit indices, append-only. With `unknown`, "" is index 0 (unknown values)."""

    def __init__(self, *, unknown: bool = False) -> None:
        self.index: dict[str, int] = {}
        self.words: list[str] = []
        if unknown:
            self.get("")

    def get(self, s: str) -> int:
        i = self.index.get(s)
        if i is None:
            i = self.index[s] = len(self.words)
            self.words.append(s)
        return i


class MatchPool:
    """Columns over all members for vectorised matching. See the module docstring."""

    def __init__(self, capacity: int = 1024) -> None:
        self.lock = threading.RLock()
        self._cap = max(16, int(capacity))
        self._size = 0  # high-water mark of used slots
        self._c: dict[str, np.ndarray] = {
            name: np.full(self._cap, fill, dtype=dtype) for name, (dtype, fill) in _COLUMNS.items()
        }
        self._tags = np.zeros((self._cap, 1), dtype=np.uint64)
        self._req_dist = np.zeros((self._cap, 1), dtype=np.uint64)
        self._ids: list[str | None] = [None] * self._cap
        self._profiles: list[MatchProfile | None] = [None] * self._cap
        self._slot: dict[str, int] = {}
        self._free: list[int] = []
        self.tag_vocab = _Vocab()
        self.district_vocab = _Vocab()
        self.sector_vocab = _Vocab(unknown=True)
        self.occupation_vocab = _Vocab(unknown=True)
        self.employer_vocab = _Vocab(unknown=True)
        self._km: np.ndarray = np.zeros((0, 0))
        self.version = 0

    # -- building ----------------------------------------------------------------------------

    @classmethod
    def from_profiles(
        cls, profiles: Iterable[MatchProfile], *, cancel: CancelToken = NEVER_CANCELLED
    ) -> MatchPool:
        """Bulk build (column-wise; a later profile with the same id replaces an earlier one)."""
        latest: dict[str, MatchProfile] = {}
        for p in profiles:
            latest[p.member_id] = p
        items = list(latest.values())
        pool = cls(capacity=max(16, len(items)))
        cancel.check()
        with pool.lock:
            slots = np.arange(len(items), dtype=np.int64)
            for i, p in enumerate(items):
                pool._slot[p.member_id] = i
                pool._ids[i] = p.member_id
                pool._profiles[i] = p
            pool._size = len(items)
            cancel.check()
            pool._write(slots, items)
            pool.version += 1
        return pool

    def upsert(self, profile: MatchProfile) -> None:
        """Insert or replace one member's profile. O(1) amortised."""
        with self.lock:
            slot = self._slot.get(profile.member_id)
            if slot is None:
                if self._free:
                    slot = self._free.pop()
                else:
                    if self._size == self._cap:
                        self._grow(self._cap * 2)
                    slot = self._size
                    self._size += 1
                self._slot[profile.member_id] = slot
                self._ids[slot] = profile.member_id
            self._profiles[slot] = profile
            self._write(np.array([slot], dtype=np.int64), [profile])
            self.version += 1

    def remove(self, member_id: str) -> bool:
        """Drop a member; their slot is reused later. Returns False if they were not there."""
        with self.lock:
            slot = self._slot.pop(member_id, None)
            if slot is None:
                return False
            for name, (_, fill) in _COLUMNS.items():
                self._c[name][slot] = fill
            self._tags[slot] = 0
            self._req_dist[slot] = 0
            self._ids[slot] = None
            self._profiles[slot] = None
            self._free.append(slot)
            self.version += 1
            return True

    def set_open_proposals(self, member_id: str, count: int) -> None:
        """Update only the open-proposal count (cheaper than a full upsert)."""
        with self.lock:
            slot = self.slot_of(member_id)
            p = self._profiles[slot]
            assert p is not None
            self._profiles[slot] = replace(p, open_proposals=count)
            self._c["open"][slot] = max(0, int(count))
            self.version += 1

    # -- reading -----------------------------------------------------------------------------

    def get(self, member_id: str) -> MatchProfile | None:
        with self.lock:
            slot = self._slot.get(member_id)
            return None if slot is None else self._profiles[slot]

    def __contains__(self, member_id: object) -> bool:
        return member_id in self._slot

    def __len__(self) -> int:
        return len(self._slot)

    def ids(self) -> list[str]:
        with self.lock:
            return list(self._slot)

    def slot_of(self, member_id: str) -> int:
        slot = self._slot.get(member_id)
        if slot is None:
            raise NotFound("matching.member_not_in_pool")
        return slot

    def district_km(self) -> np.ndarray:
        """Kilometres between districts by district index (NaN unknown); caller holds the lock."""
        n = len(self.district_vocab.words)
        if self._km.shape[0] != n:
            self._km = distance_matrix(self.district_vocab.words)
        return self._km

    @property
    def capacity(self) -> int:
        return self._cap

    @property
    def size(self) -> int:
        """High-water mark of slots (free slots below it are reused first)."""
        return self._size

    # -- internals ---------------------------------------------------------------------------

    def _grow(self, new_cap: int) -> None:
        for name, (dtype, fill) in _COLUMNS.items():
            arr = np.full(new_cap, fill, dtype=dtype)
            arr[: self._cap] = self._c[name]
            self._c[name] = arr
        for attr in ("_tags", "_req_dist"):
            old = getattr(self, attr)
            arr = np.zeros((new_cap, old.shape[1]), dtype=np.uint64)
            arr[: self._cap] = old
            setattr(self, attr, arr)
        self._ids.extend([None] * (new_cap - self._cap))
        self._profiles.extend([None] * (new_cap - self._cap))
        self._cap = new_cap

    def _widen(self, attr: str, words: int) -> None:
        old = getattr(self, attr)
        if old.shape[1] >= words:
            return
        new_words = max(words, old.shape[1] * 2)
        arr = np.zeros((self._cap, new_words), dtype=np.uint64)
        arr[:, : old.shape[1]] = old
        setattr(self, attr, arr)

    def _bits(self, attr: str, slots: np.ndarray, index_lists: Sequence[Sequence[int]]) -> None:
        top = max((max(ix) for ix in index_lists if ix), default=-1)
        self._widen(attr, top // 64 + 1)
        arr = getattr(self, attr)
        arr[slots] = 0
        rows = np.repeat(slots, [len(ix) for ix in index_lists])
        if rows.size:
            flat = np.fromiter((i for ix in index_lists for i in ix), dtype=np.int64, count=rows.size)
            vals = np.left_shift(np.uint64(1), (flat & 63).astype(np.uint64))
            np.add.at(arr, (rows, flat >> 6), vals)  # indices are distinct within a row

    def _write(self, slots: np.ndarray, items: Sequence[MatchProfile]) -> None:
        c = self._c

        def put(name: str, values: list[Any]) -> None:
            c[name][slots] = values

        put("alive", [True] * len(items))
        put("eligible", [not ineligibility_reasons(p) for p in items])
        put("sex", [p.sex if p.sex in (1, 2) else 0 for p in items])
        put("age", [_clip16(p.age, NONE_MIN) for p in items])
        put("age_f", [np.nan if p.age_exact is None else p.age_exact for p in items])
        put("height", [_clip16(p.height_cm, NONE_MIN) for p in items])
        put("edu", [p.education_rank for p in items])
        put("marital_bit", [marital_bit(p.marital_status) for p in items])
        put("has_children", [p.has_children for p in items])
        put("district", [self.district_vocab.get(p.district_code) for p in items])
        put("income", [income_index(p.income_band) for p in items])
        put("tag_count", [len(p.hobbies) for p in items])
        for name in ("sector", "occupation", "employer"):
            vocab = getattr(self, f"{name}_vocab")
            put(name, [vocab.get(getattr(p, name)) for p in items])
        put("n_req", [_requirements_stated(p) for p in items])
        for key in IMPORTANCE_KEYS:
            put(f"imp_{key}", [NONE_MIN if (lv := p.importance(key)) is None else lv for p in items])
        put("open", [p.open_proposals for p in items])
        put("req_age_min", [_clip16(p.req_age_min, NONE_MIN) for p in items])
        put("req_age_max", [_clip16(p.req_age_max, NONE_MAX) for p in items])
        put("req_h_min", [_clip16(p.req_height_min, NONE_MIN) for p in items])
        put("req_h_max", [_clip16(p.req_height_max, NONE_MAX) for p in items])
        put("req_edu", [p.req_education_rank for p in items])
        put(
            "req_marital",
            [
                MARITAL_ANY if not p.req_marital else sum({marital_bit(m) for m in p.req_marital})
                for p in items
            ],
        )
        put("req_children_ok", [p.req_children_ok for p in items])
        put("req_dist_any", [not p.req_districts for p in items])
        tv, dv = self.tag_vocab, self.district_vocab
        self._bits("_tags", slots, [[tv.get(t) for t in p.hobbies] for p in items])
        self._bits("_req_dist", slots, [[dv.get(d) for d in p.req_districts] for p in items])
        # Every district index must have a bit position, listed by someone or not.
        self._widen("_req_dist", (len(dv.words) - 1) // 64 + 1)
