"""Internal: the incremental score of a seat plan.

`Engine` holds who sits where and every counter the score needs, so seating or unseating one
guest updates the score in O(neighbours) time. The optimiser and the public SeatPlanScorer both
use it; a full rescoring is just unseating nobody and adding everyone.

Not thread-safe: one Engine belongs to one thread (it is cheap to build another).
"""

from __future__ import annotations

from xzdesk.domain.seating._problem import Problem
from xzdesk.domain.seating.dto import SeatingScoreInfo, SeatingWeightsInfo


class Engine:
    __slots__ = (
        "prob", "w_hard", "w_sex", "w_alt", "w_face", "w_fill",
        "occ", "pos", "diff", "cnt", "eu", "teu", "gt", "spans",
        "c_unseated", "c_pin", "c_emp", "c_split", "c_sex", "c_nb", "c_opp", "c_fill",
        "_E", "_U", "_T",
    )

    def __init__(self, prob: Problem, weights: SeatingWeightsInfo) -> None:
        self.prob = prob
        self.w_hard = float(weights.hard)
        self.w_sex = float(weights.sex_balance)
        self.w_alt = float(weights.alternation)
        self.w_face = float(weights.facing)
        self.w_fill = float(weights.fill)
        self.occ = [-1] * prob.n_seats
        self.pos = [-1] * prob.n_guests
        self.diff = [0] * prob.n_tables  # men - women
        self.cnt = [0] * prob.n_tables
        self.eu: dict[int, int] = {}  # (t, e, unit) -> members present
        self.teu: dict[int, int] = {}  # (t, e) -> distinct units present
        self.gt: dict[int, int] = {}  # (group, t) -> members present
        self.spans = [0] * len(prob.group_members)  # tables a group uses
        self.c_unseated = prob.n_guests
        self.c_pin = sum(1 for s in prob.pin_seat if s >= 0)
        self.c_emp = 0
        self.c_split = 0
        self.c_sex = 0
        self.c_nb = 0
        self.c_opp = 0
        self.c_fill = 0  # sum cnt^2 * fill_w  (= fill_L * sum cnt^2 / cap)
        self._E = max(1, prob.n_emp)
        self._U = max(1, prob.n_units)
        self._T = max(1, prob.n_tables)

    # -- the two primitive edits ---------------------------------------------------------------

    def add(self, g: int, s: int) -> None:
        """Seat guest g (currently unseated) on empty seat s."""
        prob = self.prob
        occ = self.occ
        sg = prob.sign[g]
        t = prob.seat_table[s]
        same = 0
        for n in prob.nbrs[s]:
            h = occ[n]
            if h >= 0 and prob.sign[h] == sg:
                same += 1
        self.c_nb += same
        o = prob.opp[s]
        if o >= 0:
            h = occ[o]
            if h >= 0 and prob.sign[h] == sg:
                self.c_opp += 1
        d = self.diff[t]
        self.c_sex += 2 * d * sg + 1
        self.diff[t] = d + sg
        c = self.cnt[t]
        self.c_fill += (2 * c + 1) * prob.fill_w[t]
        self.cnt[t] = c + 1
        e = prob.emp[g]
        if e >= 0:
            te = t * self._E + e
            k = te * self._U + prob.unit[g]
            eu = self.eu
            c = eu.get(k, 0)
            eu[k] = c + 1
            if c == 0:
                units = self.teu.get(te, 0)
                if units >= 1:
                    self.c_emp += 1
                self.teu[te] = units + 1
        gr = prob.group[g]
        if gr >= 0:
            k = gr * self._T + t
            c = self.gt.get(k, 0)
            self.gt[k] = c + 1
            if c == 0:
                sp = self.spans[gr]
                if sp >= 1:
                    self.c_split += 1
                self.spans[gr] = sp + 1
        if prob.pin_seat[g] == s:
            self.c_pin -= 1
        self.c_unseated -= 1
        occ[s] = g
        self.pos[g] = s

    def remove(self, g: int) -> int:
        """Unseat guest g; return the seat they had."""
        prob = self.prob
        occ = self.occ
        s = self.pos[g]
        occ[s] = -1
        self.pos[g] = -1
        sg = prob.sign[g]
        t = prob.seat_table[s]
        same = 0
        for n in prob.nbrs[s]:
            h = occ[n]
            if h >= 0 and prob.sign[h] == sg:
                same += 1
        self.c_nb -= same
        o = prob.opp[s]
        if o >= 0:
            h = occ[o]
            if h >= 0 and prob.sign[h] == sg:
                self.c_opp -= 1
        d = self.diff[t] - sg
        self.c_sex -= 2 * d * sg + 1
        self.diff[t] = d
        c = self.cnt[t] - 1
        self.c_fill -= (2 * c + 1) * prob.fill_w[t]
        self.cnt[t] = c
        e = prob.emp[g]
        if e >= 0:
            te = t * self._E + e
            k = te * self._U + prob.unit[g]
            c = self.eu[k] - 1
            self.eu[k] = c
            if c == 0:
                units = self.teu[te] - 1
                if units >= 1:
                    self.c_emp -= 1
                self.teu[te] = units
        gr = prob.group[g]
        if gr >= 0:
            k = gr * self._T + t
            c = self.gt[k] - 1
            self.gt[k] = c
            if c == 0:
                sp = self.spans[gr] - 1
                if sp >= 1:
                    self.c_split -= 1
                self.spans[gr] = sp
        if prob.pin_seat[g] == s:
            self.c_pin += 1
        self.c_unseated += 1
        return s

    # -- compound edits ------------------------------------------------------------------------

    def move(self, g: int, s: int) -> int:
        """Move seated guest g to empty seat s; return the old seat."""
        old = self.remove(g)
        self.add(g, s)
        return old

    def swap(self, g: int, h: int) -> None:
        """Exchange the seats of two seated guests."""
        sg = self.remove(g)
        sh = self.remove(h)
        self.add(g, sh)
        self.add(h, sg)

    # -- score ---------------------------------------------------------------------------------

    def hard(self) -> int:
        return self.c_unseated + self.c_pin + self.c_emp + self.c_split

    def fill_unevenness(self) -> float:
        prob = self.prob
        n = prob.n_guests - self.c_unseated
        value = self.c_fill / prob.fill_L - (n * n / prob.total_capacity if prob.total_capacity else 0.0)
        return max(0.0, value) if abs(value) > 1e-9 else 0.0

    def objective(self) -> float:
        """The weighted total, up to the constant N^2/C of the fill term (for fixed N)."""
        return (self.w_hard * (self.c_unseated + self.c_pin + self.c_emp + self.c_split)
                + self.w_sex * self.c_sex + self.w_alt * self.c_nb + self.w_face * self.c_opp
                + self.w_fill * self.c_fill / self.prob.fill_L)

    def score(self) -> SeatingScoreInfo:
        hard = self.hard()
        fill = self.fill_unevenness()
        soft = self.w_sex * self.c_sex + self.w_alt * self.c_nb + self.w_face * self.c_opp + self.w_fill * fill
        return SeatingScoreInfo(
            total=self.w_hard * hard + soft, hard=hard, soft=soft,
            unseated=self.c_unseated, pin_violations=self.c_pin, employer_excess=self.c_emp,
            friends_split=self.c_split, sex_imbalance=self.c_sex, same_sex_neighbours=self.c_nb,
            same_sex_facing=self.c_opp, fill_unevenness=fill,
        )

    def load(self, pos: list[int]) -> None:
        """Replace the whole plan by `pos` (guest -> seat or -1)."""
        for g, s in enumerate(self.pos):
            if s >= 0:
                self.remove(g)
        for g, s in enumerate(pos):
            if s >= 0:
                self.add(g, s)
