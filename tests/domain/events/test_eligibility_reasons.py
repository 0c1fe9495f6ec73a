"""Why a member may not come to an event, with what the event needs (issue 10, item 8): the
invitation screen says it in words from these reasons."""

from __future__ import annotations

from tests.domain.events._factory import People, make_event
from xzdesk.domain.events import queries as q


def test_each_reason_says_what_the_event_needs(store, matchmaker):
    people = People()
    fine = people.make(store, matchmaker, sex=1, age=30, sector="education")
    registered = people.make(store, matchmaker, sex=1, age=30, sector="education", status="registered")
    old = people.make(store, matchmaker, sex=2, age=41, sector="education")
    banker = people.make(store, matchmaker, sex=2, age=30, sector="finance", district="320311")
    eid = make_event(store, matchmaker, kind="sector", sectors=("education",), districts=("320302",), age_min=25,
                     age_max=35, quota_male=0)
    with store.read() as s:
        rows = {r.member_id: r for r in q.check_eligibility(s, event_id=eid, member_ids=[fine, registered, old, banker])}
    assert [(r.code, dict(r.params)) for r in rows[fine].reasons] == [("sex", {"sex": 1})]
    assert [(r.code, dict(r.params)) for r in rows[registered].reasons] == [
        ("status", {"status": "registered", "needed": ("active", "verified")}), ("sex", {"sex": 1})]
    assert [(r.code, dict(r.params)) for r in rows[old].reasons] == [("age", {"age": 41, "min": 25, "max": 35})]
    assert [(r.code, dict(r.params)) for r in rows[banker].reasons] == [
        ("sector", {"value": "finance", "allowed": ("education",)}),
        ("district", {"value": "320311", "allowed": ("320302",)}),
    ]
    # the codes stay as they were, in the same order
    for row in rows.values():
        assert row.problems == tuple(r.code for r in row.reasons)
