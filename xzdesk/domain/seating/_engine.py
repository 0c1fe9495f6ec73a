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
        "prob", "w_hard", "w_sex", "w_alt", "w_face", "w_fill", "w_crowd",
        "occ", "pos", "diff", "cnt", "eu", "teu", "gt", "spans",
        "c_unseated", "c_pin", "c_emp", "c_split", "c_sex", "c_nb", "c_opp", "c_fill", "c_crowd",
        "_E", "_U", "_T",
    )

    def __init__(self, prob: Problem, weights: SeatingWeightsInfo) -> None:
        self.prob = prob
        self.w_hard = float(weights.hard)
        self.w_sex = float(weights.sex_balance)
        self.w_alt = float(weights.alternation)
        self.w_face = float(weights.facing)
        self.w_fill = float(weights.fill)
        self.w_crowd = float(weights.crowding)
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
        self.c_crowd = 0  # sum over (t, e) of C(units - 1, 2): colleague units beyond two at a table
        self._E = max(1, prob.n_emp)
        self._U = max(1, prob.n_units)
        self._T = max(1, prob.n_tables)

    def _same_sex_at(self, s: int, sign: int) -> tuple[int, int]:
        """Seated neighbours of seat s of this sex, and 1 when the facing seat holds one."""
        prob, occ = self.prob, self.occ
        same = 0
        for n in prob.nbrs[s]:
            h = occ[n]
            if h >= 0 and prob.sign[h] == sign:
                same += 1
        o = prob.opp[s]
        facing = 1 if o >= 0 and occ[o] >= 0 and prob.sign[occ[o]] == sign else 0
        return same, facing

    # -- the two primitive edits ---------------------------------------------------------------

    def add(self, g: int, s: int) -> None:
        """Seat guest g (currently unseated) on empty seat s."""
        prob = self.prob
        occ = self.occ
        sg = prob.sign[g]
        t = prob.seat_table[s]
        same, facing = self._same_sex_at(s, sg)
        self.c_nb += same
        self.c_opp += facing
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
                    if units >= 2:
                        self.c_crowd += units - 1
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
        same, facing = self._same_sex_at(s, sg)
        self.c_nb -= same
        self.c_opp -= facing
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
                    if units >= 2:
                        self.c_crowd -= units - 1
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

    # -- what-if without touching the state (the optimiser's inner loop) ----------------------

    def _same_sign_near(self, s: int, sign: int) -> tuple[int, int]:
        """(neighbours, facing) of seat s occupied by someone of this sign."""
        occ = self.occ
        psign = self.prob.sign
        n = 0
        for x in self.prob.nbrs[s]:
            h = occ[x]
            if h >= 0 and psign[h] == sign:
                n += 1
        o = self.prob.opp[s]
        f = 0
        if o >= 0:
            h = occ[o]
            if h >= 0 and psign[h] == sign:
                f = 1
        return n, f

    def _units_cost(self, u: int) -> float:
        """Hard excess plus crowding of u colleague units at one table."""
        if u <= 1:
            return 0.0
        return self.w_hard * (u - 1) + self.w_crowd * ((u - 1) * (u - 2) // 2)

    def _leave_join_employer(self, g: int, e: int, a: int, b: int) -> float:
        """Cost change when g (employer e) leaves table a for table b, nobody else moving."""
        E, U = self._E, self._U
        u = self.prob.unit[g]
        eu, teu = self.eu, self.teu
        delta = 0.0
        if eu[(a * E + e) * U + u] == 1:
            units = teu[a * E + e]
            delta += self._units_cost(units - 1) - self._units_cost(units)
        if eu.get((b * E + e) * U + u, 0) == 0:
            units = teu.get(b * E + e, 0)
            delta += self._units_cost(units + 1) - self._units_cost(units)
        return delta

    def _leave_join_group(self, gr: int, a: int, b: int) -> float:
        T = self._T
        sp = self.spans[gr]
        new = sp - (self.gt[gr * T + a] == 1) + (self.gt.get(gr * T + b, 0) == 0)
        return self.w_hard * (max(0, new - 1) - max(0, sp - 1))

    def delta_move(self, g: int, s: int) -> float:
        """Change of `objective()` if seated guest g moved to empty seat s."""
        prob = self.prob
        a = self.pos[g]
        sg = prob.sign[g]
        ta = prob.seat_table[a]
        tb = prob.seat_table[s]
        n0, f0 = self._same_sign_near(a, sg)
        if ta == tb:
            self.occ[a] = -1
            n1, f1 = self._same_sign_near(s, sg)
            self.occ[a] = g
            delta = self.w_alt * (n1 - n0) + self.w_face * (f1 - f0)
        else:
            n1, f1 = self._same_sign_near(s, sg)
            delta = self.w_alt * (n1 - n0) + self.w_face * (f1 - f0)
            delta += self.w_sex * (2 * sg * (self.diff[tb] - self.diff[ta]) + 2)
            fw = prob.fill_w
            delta += self.w_fill * ((1 - 2 * self.cnt[ta]) * fw[ta] + (2 * self.cnt[tb] + 1) * fw[tb]) / prob.fill_L
            e = prob.emp[g]
            if e >= 0:
                delta += self._leave_join_employer(g, e, ta, tb)
            gr = prob.group[g]
            if gr >= 0:
                delta += self._leave_join_group(gr, ta, tb)
        pin = prob.pin_seat[g]
        if pin >= 0:
            delta += self.w_hard * ((pin == a) - (pin == s))
        return delta

    def delta_swap(self, g: int, h: int) -> float:
        """Change of `objective()` if seated guests g and h exchanged seats."""
        prob = self.prob
        a, b = self.pos[g], self.pos[h]
        sg, sh = prob.sign[g], prob.sign[h]
        ta, tb = prob.seat_table[a], prob.seat_table[b]
        delta = 0.0
        if sg != sh:
            if ta == tb:
                occ = self.occ
                n0g, f0g = self._same_sign_near(a, sg)
                n0h, f0h = self._same_sign_near(b, sh)
                occ[a], occ[b] = h, g
                n1h, f1h = self._same_sign_near(a, sh)
                n1g, f1g = self._same_sign_near(b, sg)
                occ[a], occ[b] = g, h
                delta += self.w_alt * (n1g + n1h - n0g - n0h) + self.w_face * (f1g + f1h - f0g - f0h)
            else:
                n0g, f0g = self._same_sign_near(a, sg)
                n1h, f1h = self._same_sign_near(a, sh)
                n0h, f0h = self._same_sign_near(b, sh)
                n1g, f1g = self._same_sign_near(b, sg)
                delta += self.w_alt * (n1g + n1h - n0g - n0h) + self.w_face * (f1g + f1h - f0g - f0h)
                x = sh - sg
                delta += self.w_sex * (2 * x * (self.diff[ta] - self.diff[tb]) + 2 * x * x)
        if ta != tb:
            eg, eh = prob.emp[g], prob.emp[h]
            if eg != eh:
                if eg >= 0:
                    delta += self._leave_join_employer(g, eg, ta, tb)
                if eh >= 0:
                    delta += self._leave_join_employer(h, eh, tb, ta)
            elif eg >= 0 and prob.unit[g] != prob.unit[h]:
                E, U = self._E, self._U
                eu, teu = self.eu, self.teu
                ug, uh = prob.unit[g], prob.unit[h]
                units_a = teu[ta * E + eg]
                new_a = units_a - (eu[(ta * E + eg) * U + ug] == 1) + (eu.get((ta * E + eg) * U + uh, 0) == 0)
                units_b = teu[tb * E + eg]
                new_b = units_b - (eu[(tb * E + eg) * U + uh] == 1) + (eu.get((tb * E + eg) * U + ug, 0) == 0)
                delta += (self._units_cost(new_a) - self._units_cost(units_a)
                          + self._units_cost(new_b) - self._units_cost(units_b))
            rg, rh = prob.group[g], prob.group[h]
            if rg != rh:
                if rg >= 0:
                    delta += self._leave_join_group(rg, ta, tb)
                if rh >= 0:
                    delta += self._leave_join_group(rh, tb, ta)
        pg, ph = prob.pin_seat[g], prob.pin_seat[h]
        if pg >= 0:
            delta += self.w_hard * ((pg == a) - (pg == b))
        if ph >= 0:
            delta += self.w_hard * ((ph == b) - (ph == a))
        return delta

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
                + self.w_crowd * self.c_crowd + self.w_fill * self.c_fill / self.prob.fill_L)

    def score(self) -> SeatingScoreInfo:
        hard = self.hard()
        fill = self.fill_unevenness()
        soft = (self.w_sex * self.c_sex + self.w_alt * self.c_nb + self.w_face * self.c_opp
                + self.w_crowd * self.c_crowd + self.w_fill * fill)
        return SeatingScoreInfo(
            total=self.w_hard * hard + soft, hard=hard, soft=soft,
            unseated=self.c_unseated, pin_violations=self.c_pin, employer_excess=self.c_emp,
            friends_split=self.c_split, sex_imbalance=self.c_sex, same_sex_neighbours=self.c_nb,
            same_sex_facing=self.c_opp, colleague_crowding=self.c_crowd, fill_unevenness=fill,
        )

    def load(self, pos: list[int]) -> None:
        """Replace the whole plan by `pos` (guest -> seat or -1)."""
        for g, s in enumerate(self.pos):
            if s >= 0:
                self.remove(g)
        for g, s in enumerate(pos):
            if s >= 0:
                self.add(g, s)
