"""The optimiser's what-if deltas (internal) against applying the edit and rescoring."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.domain.seating._strategies import instances, plans
from xzdesk.domain.seating import SeatingWeightsInfo
from xzdesk.domain.seating._engine import Engine
from xzdesk.domain.seating.scoring import _problem_for_plan


@given(st.data(), st.sampled_from([SeatingWeightsInfo(), SeatingWeightsInfo(3, 1.5, 0.7, 2.5, 4, 0.3)]))
def test_what_if_deltas_equal_the_applied_change(data, weights):
    guests, tables = data.draw(instances(max_guests=14, employers=(None, "A", "B"), groups=(None, "F1", "F2")))
    plan = data.draw(plans(guests, tables, locks=False))
    prob, pos = _problem_for_plan(guests, tables, plan)
    engine = Engine(prob, weights)
    engine.load(pos)
    for _ in range(data.draw(st.integers(1, 20))):
        seated = [g for g in range(prob.n_guests) if engine.pos[g] >= 0]
        if not seated:
            return
        g = data.draw(st.sampled_from(seated))
        s = data.draw(st.integers(0, prob.n_seats - 1))
        h = engine.occ[s]
        if s == engine.pos[g]:
            continue
        before = engine.objective()
        if h >= 0:
            predicted = engine.delta_swap(g, h)
            engine.swap(g, h)
        else:
            predicted = engine.delta_move(g, s)
            engine.move(g, s)
        assert predicted == pytest.approx(engine.objective() - before, abs=1e-6)
