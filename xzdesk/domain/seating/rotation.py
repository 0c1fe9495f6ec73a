"""Speed-dating rotations (8分钟约会): who meets whom, at which table, in which round, when.

Contract: `schedule_rotation` and `schedule_speed_dating` are pure functions (numpy inside, no
I/O, no globals), safe on any thread, deterministic (same input, same schedule). A 200 x 200
schedule takes about a millisecond (a few more with limited rounds and colleague repairs). Errors: XzError rotation.invalid_settings (field, value),
rotation.duplicate_guest (guest_id), seating.invalid_sex (guest_id, sex).

Rules
- One group stays seated, one table per seated guest (table k = the k-th seated guest, 1-based);
  the other group rotates. In each round every table hosts at most one meeting.
- No pair meets twice. Colleagues (same non-empty employer_key) are never paired.
- Unequal groups: in each round the larger group has guests resting (rest slots). Rests are
  spread evenly: without colleague pairs to avoid, over any number of consecutive rounds two
  guests of the same group differ by at most one rest. Avoiding colleagues moves some rests;
  who takes them is chosen by the fewest rests so far, so the spread stays small (but a guest
  with colleagues among most of the other group necessarily rests more).
- `settings.rounds` None = N = max(seated, rotating) rounds, after which every non-colleague pair
  has met exactly once (colleague pairs are the only meetings skipped: both rest that round).
  Fewer rounds = a window of the full rotation, chosen to contain the fewest colleague pairs.
  More than N rounds are never needed, so at most N are scheduled.

Method: a cyclic Latin square. Both groups are spread evenly over N positions (empty positions
become rests); in the round with shift d the rotating guest at position q meets the seated guest
at position q + d (mod N), so every pair meets in exactly one of the N shifts. With fewer rounds,
a round that still holds colleague pairs drops them and is re-matched as an assignment problem
(scipy's linear_sum_assignment) over the emptied tables, the resting guests and some paired
tables: a meeting must be new and between non-colleagues, more meetings come first, then resting
whoever rested least, then changing few pairs. `skipped_colleague_pairs` counts the meetings
that could not be replaced.
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
    """Remove colleague pairs from `partners` in place; return how many meetings were lost."""
    n_rounds, S = partners.shape
    R = er.shape[0]
    er_ext = np.append(er, -2)  # index -1 (nobody) maps to a code no seated guest has
    colleague = (partners >= 0) & (es[None, :] >= 0) & (es[None, :] == er_ext[partners])
    if not colleague.any():
        return 0
    partners[colleague] = -1
    if not full:  # with all N rounds every other pair already meets once: nothing to gain
        _rematch_rounds(partners, es, er, rounds=np.flatnonzero(colleague.any(axis=1)))
    return n_rounds * min(S, R) - int((partners >= 0).sum())


_BIG = 1e9
_REST = 10.0  # cost of a rest, so that any extra meeting beats reshuffling (cost 1 per change)
_FAIR = 4.0  # extra cost per rest already taken above the group's average


def _rematch_rounds(partners: np.ndarray, es: np.ndarray, er: np.ndarray, *, rounds: np.ndarray) -> None:
    """Refill the tables emptied by dropped colleague pairs, round by round: an assignment
    problem over the tables and guests without a partner plus a few other tables, where a
    meeting must be new and between non-colleagues, resting costs more for whoever rested more,
    and changing an existing pair costs a little."""
    n_rounds, S = partners.shape
    R = er.shape[0]
    used = np.zeros((S, R), dtype=bool)
    rr, kk = np.nonzero(partners >= 0)
    used[kk, partners[rr, kk]] = True
    rests_s = (partners < 0).sum(axis=0).astype(np.float64)
    appear = np.bincount(partners[partners >= 0], minlength=R)
    rests_r = (n_rounds - appear).astype(np.float64)
    for r in rounds.tolist():
        row = partners[r]
        empty = np.flatnonzero(row < 0)
        busy = np.flatnonzero(row >= 0)
        resting_r = np.setdiff1d(np.arange(R), row[busy])
        # a few paired tables too, spread over the room, so that pairs can be exchanged
        n_extra = min(busy.size, max(32, 4 * empty.size))
        extra = busy[(np.arange(n_extra) * busy.size) // n_extra] if n_extra else busy
        rows = np.concatenate([empty, extra])
        cols = np.concatenate([resting_r, row[extra]])
        if rows.size == 0 or cols.size == 0:
            continue
        used[extra, row[extra]] = False  # this round's own pairs may stay
        pair_ok = ~used[np.ix_(rows, cols)] & ((es[rows][:, None] < 0) | (es[rows][:, None] != er[cols][None, :]))
        current = row[rows][:, None] == cols[None, :]
        # rests taken in the other rounds, against the group's average
        other_s = rests_s[rows] - (row[rows] < 0)
        other_r = rests_r[cols] - (np.arange(cols.size) < resting_r.size)
        cost_s = _REST + _FAIR * (other_s - rests_s.mean())
        cost_r = _REST + _FAIR * (other_r - rests_r.mean())
        pair_cost = np.where(pair_ok, np.where(current, 0.0, 1.0) - cost_r[None, :], _BIG)
        rest_block = np.full((rows.size, rows.size), _BIG)
        rest_block[np.arange(rows.size), np.arange(rows.size)] = cost_s
        cost = np.concatenate([pair_cost, rest_block], axis=1)
        from scipy.optimize import linear_sum_assignment  # loaded when a repair needs it (start-up cost)

        rows_idx, col_idx = linear_sum_assignment(cost)
        new = np.full(rows.size, -1, dtype=partners.dtype)
        paired = col_idx < cols.size
        new[rows_idx[paired]] = cols[col_idx[paired]]
        for k, old, b in zip(rows.tolist(), row[rows].tolist(), new.tolist(), strict=True):
            if old == b:
                if b >= 0:
                    used[k, b] = True
                continue
            if old >= 0:
                appear[old] -= 1
                rests_r[old] += 1
            if b >= 0:
                used[k, b] = True
                appear[b] += 1
                rests_r[b] -= 1
            rests_s[k] += (b < 0) - (old < 0)
            row[k] = b
