"""Speed-dating rotations (8分钟约会): who meets whom, at which table, in which round, when.

Contract: `schedule_rotation` and `schedule_speed_dating` are pure functions (numpy inside, no
I/O, no globals), safe on any thread, deterministic (same input, same schedule). A 200 x 200
schedule takes a few milliseconds. Errors: XzError rotation.invalid_settings (field, value),
rotation.duplicate_guest (guest_id), seating.invalid_sex (guest_id, sex).

Rules
- One group stays seated, one table per seated guest (table k = the k-th seated guest, 1-based);
  the other group rotates. In each round every table hosts at most one meeting.
- No pair meets twice. Colleagues (same non-empty employer_key) are never paired.
- Unequal groups: in each round the larger group has guests resting (rest slots). Rests are
  spread evenly: over any number of consecutive rounds, two guests of the same group differ by
  at most one rest, apart from rests caused by skipped colleague pairs.
- `settings.rounds` None = N = max(seated, rotating) rounds, after which every non-colleague pair
  has met exactly once. Fewer rounds = a window of the full rotation, chosen to contain the
  fewest colleague pairs. More than N rounds are never needed, so at most N are scheduled.

Method: a cyclic Latin square. Both groups are spread evenly over N positions (empty positions
become rests); in the round with shift d the rotating guest at position q meets the seated guest
at position q + d (mod N), so every pair meets in exactly one of the N shifts. A colleague pair
that falls in the chosen window is repaired by exchanging the rotating guest with another
table's (or with a resting guest) when that creates only new, non-colleague pairs; when no such
exchange exists (always so with all N rounds, where every pair is used), the pair is skipped:
both rest that round.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from xzdesk.domain.errors import XzError
from xzdesk.domain.seating.dto import (
    DEFAULT_ROTATION,
    FEMALE,
    MALE,
    RotationBreakRow,
    RotationCardRow,
    RotationRoundRow,
    RotationSettingsInfo,
    RotationSlotRow,
    SeatGuestInfo,
)


@dataclass(frozen=True, eq=False)
class RotationScheduleInfo:
    """A computed schedule. The compact form is `partners`: for round r (0-based) and table k
    (0-based), the index into `rotating_ids` of the guest met there, or -1 (nobody: the seated
    guest rests). Rows for sheets and cards are derived on demand.

    `skipped_colleague_pairs` counts meetings dropped because a colleague pair could not be
    repaired (both rested instead).
    """

    seated_ids: tuple[str, ...]
    rotating_ids: tuple[str, ...]
    rounds: tuple[RotationRoundRow, ...]
    breaks: tuple[RotationBreakRow, ...]
    partners: np.ndarray = field(repr=False)
    skipped_colleague_pairs: int = 0

    @property
    def n_rounds(self) -> int:
        return len(self.rounds)

    @property
    def end_minute(self) -> int:
        return self.rounds[-1].end_minute if self.rounds else 0

    def meetings(self) -> int:
        return int((self.partners >= 0).sum())

    def round_slots(self, round_no: int) -> tuple[RotationSlotRow, ...]:
        """The meetings of one round (1-based), by table."""
        row = self.partners[round_no - 1]
        times = self.rounds[round_no - 1]
        return tuple(
            RotationSlotRow(round_no, k + 1, self.seated_ids[k], self.rotating_ids[j],
                            times.start_minute, times.end_minute)
            for k, j in enumerate(row.tolist()) if j >= 0
        )

    def slots(self) -> tuple[RotationSlotRow, ...]:
        """Every meeting, by round then table."""
        return tuple(slot for r in range(1, self.n_rounds + 1) for slot in self.round_slots(r))

    def resting(self, round_no: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(seated ids, rotating ids) of the guests without a partner in round `round_no`."""
        row = self.partners[round_no - 1]
        busy = set(row[row >= 0].tolist())
        seated = tuple(self.seated_ids[k] for k, j in enumerate(row.tolist()) if j < 0)
        rotating = tuple(rid for j, rid in enumerate(self.rotating_ids) if j not in busy)
        return seated, rotating

    def _rotating_tables(self) -> np.ndarray:
        """(rounds, len(rotating)): the 0-based table of each rotating guest, or -1."""
        out = np.full((self.n_rounds, len(self.rotating_ids)), -1, dtype=np.int32)
        for r in range(self.n_rounds):
            row = self.partners[r]
            tables = np.flatnonzero(row >= 0)
            out[r, row[tables]] = tables
        return out

    def partners_by_person(self) -> dict[str, tuple[str | None, ...]]:
        """Every guest's partner id per round (None = rest), seated and rotating alike."""
        out: dict[str, tuple[str | None, ...]] = {}
        rot = self.rotating_ids
        for k, sid in enumerate(self.seated_ids):
            out[sid] = tuple(rot[j] if j >= 0 else None for j in self.partners[:, k].tolist())
        tables = self._rotating_tables()
        seat = self.seated_ids
        for j, rid in enumerate(rot):
            out[rid] = tuple(seat[k] if k >= 0 else None for k in tables[:, j].tolist())
        return out

    def card_rows(self) -> dict[str, tuple[RotationCardRow, ...]]:
        """Every guest's 心动卡 lines: round, times, table (1-based; None = rest) and partner."""
        out: dict[str, tuple[RotationCardRow, ...]] = {}
        rot, seat, rounds = self.rotating_ids, self.seated_ids, self.rounds
        for k, sid in enumerate(seat):
            out[sid] = tuple(
                RotationCardRow(t.round_no, t.start_minute, t.end_minute, k + 1 if j >= 0 else None,
                                rot[j] if j >= 0 else None)
                for t, j in zip(rounds, self.partners[:, k].tolist(), strict=True)
            )
        tables = self._rotating_tables()
        for j, rid in enumerate(rot):
            out[rid] = tuple(
                RotationCardRow(t.round_no, t.start_minute, t.end_minute, k + 1 if k >= 0 else None,
                                seat[k] if k >= 0 else None)
                for t, k in zip(rounds, tables[:, j].tolist(), strict=True)
            )
        return out


def _check_settings(settings: RotationSettingsInfo) -> None:
    def bad(name: str, value: object) -> XzError:
        return XzError("rotation.invalid_settings", field=name, value=value)

    for name, minimum in (("round_minutes", 1), ("changeover_minutes", 0), ("break_every", 0),
                          ("break_minutes", 0)):
        value = getattr(settings, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise bad(name, value)
    if not isinstance(settings.start_minute, int) or isinstance(settings.start_minute, bool):
        raise bad("start_minute", settings.start_minute)
    if settings.rounds is not None and (not isinstance(settings.rounds, int) or settings.rounds < 0):
        raise bad("rounds", settings.rounds)


def round_times(
    n_rounds: int, settings: RotationSettingsInfo
) -> tuple[tuple[RotationRoundRow, ...], tuple[RotationBreakRow, ...]]:
    """Start and end minute of each round, and the breaks between them."""
    _check_settings(settings)
    step = settings.round_minutes + settings.changeover_minutes
    k = settings.break_every
    rounds = []
    breaks = []
    for r in range(n_rounds):
        start = settings.start_minute + r * step + ((r // k) * settings.break_minutes if k else 0)
        rounds.append(RotationRoundRow(r + 1, start, start + settings.round_minutes))
        if k and settings.break_minutes and (r + 1) % k == 0 and r + 1 < n_rounds:
            end = start + settings.round_minutes
            breaks.append(RotationBreakRow(r + 1, end, end + settings.break_minutes))
    return tuple(rounds), tuple(breaks)


def schedule_speed_dating(
    guests: Sequence[SeatGuestInfo],
    *,
    seated_sex: int = FEMALE,
    settings: RotationSettingsInfo = DEFAULT_ROTATION,
) -> RotationScheduleInfo:
    """Men and women: guests of `seated_sex` stay at their tables (in the order given), the
    others rotate."""
    if seated_sex not in (MALE, FEMALE):
        raise XzError("rotation.invalid_settings", field="seated_sex", value=seated_sex)
    for guest in guests:
        if guest.sex not in (MALE, FEMALE):
            raise XzError("seating.invalid_sex", guest_id=guest.id, sex=guest.sex)
    seated = [g for g in guests if g.sex == seated_sex]
    rotating = [g for g in guests if g.sex != seated_sex]
    return schedule_rotation(seated, rotating, settings=settings)


def schedule_rotation(
    seated: Sequence[SeatGuestInfo],
    rotating: Sequence[SeatGuestInfo],
    *,
    settings: RotationSettingsInfo = DEFAULT_ROTATION,
) -> RotationScheduleInfo:
    """Pair every seated guest with rotating guests round by round (see the module rules)."""
    _check_settings(settings)
    seen: set[str] = set()
    for guest in (*seated, *rotating):
        if guest.id in seen:
            raise XzError("rotation.duplicate_guest", guest_id=guest.id)
        seen.add(guest.id)
    S, R = len(seated), len(rotating)
    N = max(S, R)
    n_rounds = 0 if S == 0 or R == 0 else min(N, N if settings.rounds is None else settings.rounds)

    emp_codes: dict[str, int] = {}
    es = np.array([emp_codes.setdefault(g.employer_key, len(emp_codes)) if g.employer_key else -1
                   for g in seated], dtype=np.int64)
    er = np.array([emp_codes.setdefault(g.employer_key, len(emp_codes)) if g.employer_key else -1
                   for g in rotating], dtype=np.int64)
    partners = np.full((n_rounds, S), -1, dtype=np.int32)
    skipped = 0
    if n_rounds:
        sp = (np.arange(S, dtype=np.int64) * N) // S  # seated positions, evenly spread
        rp = (np.arange(R, dtype=np.int64) * N) // R
        rot_at = np.full(N, -1, dtype=np.int32)
        rot_at[rp] = np.arange(R, dtype=np.int32)
        shifts = _choose_shifts(sp, rp, es, er, N=N, n_rounds=n_rounds)
        partners = rot_at[(sp[None, :] - shifts[:, None]) % N]
        skipped = _repair_colleagues(partners, es, er, full=n_rounds == N)
    partners.setflags(write=False)
    rounds, breaks = round_times(n_rounds, settings)
    return RotationScheduleInfo(
        seated_ids=tuple(g.id for g in seated), rotating_ids=tuple(g.id for g in rotating),
        rounds=rounds, breaks=breaks, partners=partners, skipped_colleague_pairs=skipped,
    )


def _choose_shifts(sp: np.ndarray, rp: np.ndarray, es: np.ndarray, er: np.ndarray, *,
                   N: int, n_rounds: int) -> np.ndarray:
    """The window of `n_rounds` consecutive shifts holding the fewest colleague pairs (a window,
    not any set of shifts, so that rests stay evenly spread)."""
    if n_rounds >= N:
        return np.arange(N, dtype=np.int64)
    conflicts = np.zeros(N, dtype=np.int64)
    common = np.intersect1d(es[es >= 0], er[er >= 0])
    for e in common.tolist():
        d = (sp[es == e][:, None] - rp[er == e][None, :]) % N
        conflicts += np.bincount(d.ravel(), minlength=N)
    if conflicts.any():
        doubled = np.concatenate([[0], np.cumsum(np.concatenate([conflicts, conflicts]))])
        window = doubled[n_rounds:n_rounds + N] - doubled[:N]
        start = int(np.argmin(window))
    else:
        start = 0
    return (start + np.arange(n_rounds, dtype=np.int64)) % N


def _repair_colleagues(partners: np.ndarray, es: np.ndarray, er: np.ndarray, *, full: bool) -> int:
    """Remove colleague pairs from `partners` in place; return how many had to be skipped."""
    S = partners.shape[1]
    R = er.shape[0]
    er_ext = np.append(er, -2)  # index -1 (nobody) maps to a code no seated guest has
    met = partners >= 0
    colleague = met & (es[None, :] >= 0) & (es[None, :] == er_ext[partners])
    if not colleague.any():
        return 0
    if full:  # every non-colleague pair already meets once: no exchange can help
        partners[colleague] = -1
        return int(colleague.sum())
    used = np.zeros((S, R), dtype=bool)
    ok = met & ~colleague
    rr, kk = np.nonzero(ok)
    used[kk, partners[rr, kk]] = True
    skipped = 0
    tables = np.arange(S)
    for r, i in zip(*np.nonzero(colleague), strict=True):
        row = partners[r]
        a = int(row[i])
        if a < 0 or es[i] < 0 or es[i] != er[a]:
            continue  # already repaired by an earlier exchange
        # exchange with the guest b at another table k: i meets b, k meets a
        b = row
        b_ok = (b < 0) | (((er_ext[b] != es[i]) | (es[i] < 0)) & ~used[i, np.where(b >= 0, b, 0)])
        a_ok = ((es != er[a]) | (es < 0)) & ~used[:, a]
        cand = b_ok & a_ok & (tables != i)
        keep_both = np.flatnonzero(cand & (b >= 0))
        k = int(keep_both[0]) if keep_both.size else -1
        if k >= 0:
            b_k = int(row[k])
            row[i], row[k] = b_k, a
            used[i, b_k] = used[k, a] = True
            used[k, b_k] = False
            continue
        # or with a resting rotating guest c: i meets c, a rests
        resting = np.setdiff1d(np.arange(R), row[row >= 0], assume_unique=False)
        c_ok = resting[((er[resting] != es[i]) | (es[i] < 0)) & ~used[i, resting]]
        if c_ok.size:
            c = int(c_ok[0])
            row[i] = c
            used[i, c] = True
            continue
        # or move a to a table k whose seated guest rests: k meets a, i rests
        free_tables = np.flatnonzero(cand & (b < 0))
        if free_tables.size:
            k = int(free_tables[0])
            row[k] = a
            row[i] = -1
            used[k, a] = True  # a still meets someone; i rests like a seated guest without partner
            continue
        row[i] = -1
        skipped += 1
    return skipped
