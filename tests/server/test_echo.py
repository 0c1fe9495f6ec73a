"""Echoes: a laptop is not sent back the rows it pushed and holds exactly as the server stored
them (push and pull with ?echo=1); it takes their versions from the push results instead. A row
anyone else wrote since, or one the server stored differently, still comes back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tests.server.api import Api, member_row, note_row
from tests.sync.harness import Laptop, LaptopFactory, add_user
from tests.sync.helpers import member_value, pull_only, register
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.service import update_member
from xzdesk.server.models import AppliedMutation, Record
from xzdesk.server.runner import ServerThread
from xzdesk.sync.client import ServerClient
from xzdesk.sync.engine import M_URL, SyncReport


def _push(api: Api, *mutations: dict[str, Any], echo: bool = True) -> list[dict[str, Any]]:
    body = {"mutations": list(mutations), "resolutions": [], "erasures": []}
    r = api.http.post("/sync/v1/push", json=body, params={"echo": 1} if echo else {})
    assert r.status_code == 200, r.text
    return r.json()["results"]


def _pulled(api: Api, cursor: str, *, echo: bool) -> list[tuple[str, str]]:
    r = api.http.get("/sync/v1/pull", params={"cursor": cursor, **({"echo": 1} if echo else {})})
    assert r.status_code == 200, r.text
    body = r.json()
    assert not body["has_more"]
    return [(c["entity"], c["id"]) for c in body["changes"]]


def _version(server: ServerThread, entity: str, rid: str) -> int:
    with server.app.state.db.read() as s:
        rec = s.get(Record, (entity, rid))
        assert rec is not None
        return rec.version


def test_echoes_are_reported_and_left_out_only_when_asked(server: ServerThread) -> None:
    add_user(server, "gulou")
    api = Api(server.url, "gulou")
    _, cursor, _ = api.pull_all()
    member = member_row()
    note = note_row(member["id"], body="first")
    insert = api.mutation("member", "insert", member["id"], fields=member, member_id=member["id"])
    (plain,) = _push(api, insert, echo=False)
    assert plain["status"] == "applied" and "echo" not in plain  # laptops before ?echo=1 refuse unknown fields
    # the answer to a resent batch is the stored one, echo included; the row is served again all
    # the same (a resent insert may have met a pull that kept the local row: see push._touch)
    (replayed,) = _push(api, insert)
    assert replayed["status"] == "applied" and replayed["echo"] is True
    assert _pulled(api, cursor, echo=True) == [("member", member["id"])]
    _, cursor, _ = api.pull_all(cursor)
    results = _push(api, api.mutation("note", "insert", note["id"], fields=note, member_id=member["id"]))
    assert [r["echo"] for r in results] == [True]
    assert _pulled(api, cursor, echo=True) == []
    assert _pulled(api, cursor, echo=False) == [("note", note["id"])]

    # an edit made on the current version: echo, and the next one (on the version it was told) too
    first = api.mutation("member", "update", member["id"], fields={"employer": "徐工集团"},
                         base={"employer": member["employer"]}, base_version=1, member_id=member["id"])  # fmt: skip
    (result,) = _push(api, first)
    assert (result["status"], result["version"], result["echo"]) == ("applied", 2, True)
    second = api.mutation("member", "update", member["id"], fields={"occupation": "工程师"},
                          base={"occupation": member["occupation"]}, base_version=2, member_id=member["id"])  # fmt: skip
    (result,) = _push(api, second)
    assert (result["status"], result["version"], result["echo"]) == ("applied", 3, True)
    assert _pulled(api, cursor, echo=True) == []

    # an edit on an older version is merged over changes this device may not hold: sent back
    stale = api.mutation("member", "update", member["id"], fields={"height_cm": 175},
                         base={"height_cm": member["height_cm"]}, base_version=1, member_id=member["id"])  # fmt: skip
    (result,) = _push(api, stale)
    assert (result["status"], result["echo"]) == ("merged", False)
    assert _pulled(api, cursor, echo=True) == [("member", member["id"])]

    # an edit on the current version whose later-wins time lost (a laptop clock behind): the
    # server keeps its later time, so the row is sent back
    _, cursor, _ = api.pull_all(cursor)
    behind = api.mutation("member", "update", member["id"], fields={"union_no": "77", "updated_at": "2020-01-01T00:00:00+00:00"},
                          base={"union_no": member["union_no"]}, base_version=4, member_id=member["id"])  # fmt: skip
    (result,) = _push(api, behind)
    assert (result["status"], result["applied_fields"], result["echo"]) == ("applied", ["union_no"], False)
    assert _pulled(api, cursor, echo=True) == [("member", member["id"])]
    members_seen = 5

    # two edits of one row in one batch: the second starts from a version the first replaced, so
    # the row is sent back (an echo is decided by the last mutation of a row in a batch)
    one = api.mutation("member", "update", member["id"], fields={"employer": "矿大"},
                       base={"employer": "徐工集团"}, base_version=members_seen, member_id=member["id"])  # fmt: skip
    two = api.mutation("member", "update", member["id"], fields={"occupation": "教师"},
                       base={"occupation": "工程师"}, base_version=members_seen, member_id=member["id"])  # fmt: skip
    _, cursor, _ = api.pull_all(cursor)
    results = _push(api, one, two)
    assert [(r["status"], r["echo"]) for r in results] == [("applied", False), ("merged", False)]
    assert _pulled(api, cursor, echo=True) == [("member", member["id"])]
    with server.app.state.db.read() as s:  # the stored result is the protocol's, echo kept beside it
        rows = s.execute(select(AppliedMutation.result, AppliedMutation.echo)).all()
    assert all('"echo"' not in result for result, _ in rows)
    assert sorted(echo for _, echo in rows) == [False, False, False, False, True, True, True, True]
    api.close()


def _two_laptops(server: ServerThread, laptops: LaptopFactory) -> tuple[Laptop, Laptop]:
    """Two matchmakers of one district, each on a laptop of their own."""
    add_user(server, "one")
    add_user(server, "two")
    return laptops.make(server.url, "one"), laptops.make(server.url, "two")


def test_a_laptop_keeps_the_versions_of_what_it_pushed_without_pulling_it_back(
    server: ServerThread, laptops: LaptopFactory
) -> None:  # fmt: skip
    a, b = _two_laptops(server, laptops)
    for laptop in (a, b, a):  # a first sync is a bootstrap: everything comes (and b's enrolment to a)
        assert laptop.engine.sync_once().error is None
    member = register(a)
    report = a.engine.sync_once()
    assert report.error is None and report.acked == 3 and report.pulled == 0  # the member, its consent and audit entry
    assert member_value(a, member, "version") == _version(server, "member", member) == 1
    assert b.engine.sync_once().pulled >= 2
    for round_no in range(2):
        with a.uow() as uow:
            update_member(uow, member_id=member, changes={"union_no": f"10{round_no}"})
        report = a.engine.sync_once()
        assert report.error is None and report.pulled == 0
        assert member_value(a, member, "version") == _version(server, "member", member) == 2 + round_no
        b_report = b.engine.sync_once()
        assert b_report.pulled == 2 and member_value(b, member, "union_no") == f"10{round_no}"
    # every edit started from the server's current version: applied, never merged
    with server.app.state.db.read() as s:
        results = s.execute(select(AppliedMutation.result).where(AppliedMutation.entity == "member")).scalars().all()
    assert [r.count('"status":"applied"') for r in results] == [1, 1, 1]
    a.close()
    b.close()


def _push_only(laptop: Laptop) -> SyncReport:
    """Push without pulling (another laptop's edit then lands between this push and the pull)."""
    from xzdesk.domain.progress import NEVER_CANCELLED

    meta = laptop.store.meta()
    report = SyncReport()
    with ServerClient(meta[M_URL], laptop.engine._token(meta), transport=laptop.transport) as client:
        laptop.engine._push_all(client, report, NEVER_CANCELLED, None)  # no cursor: the answer holds no page
    return report


def test_an_edit_by_someone_else_to_the_row_just_pushed_is_not_lost(
    server: ServerThread, laptops: LaptopFactory
) -> None:  # fmt: skip
    a, b = _two_laptops(server, laptops)
    member = register(a)
    assert a.engine.sync_once().error is None and b.engine.sync_once().error is None
    # b's edit reaches the server between a's push and a's pull
    with a.uow() as uow:
        update_member(uow, member_id=member, changes={"union_no": "201"})
    assert _push_only(a).acked == 2
    with b.uow() as uow:
        update_member(uow, member_id=member, changes={"employer": "徐工集团"})
    assert b.engine.sync_once().error is None
    assert pull_only(a).pulled >= 1
    # b's edit reached the server before a's push, on a version a had not seen
    with b.uow() as uow:
        update_member(uow, member_id=member, changes={"occupation": "工程师"})
    assert b.engine.sync_once().error is None
    with a.uow() as uow:
        update_member(uow, member_id=member, changes={"union_no": "202"})
    assert a.engine.sync_once().error is None
    assert b.engine.sync_once().error is None
    server_version = _version(server, "member", member)
    for laptop in (a, b):
        with laptop.store.read() as s:
            row = s.execute(select(Member.union_no, Member.employer, Member.occupation, Member.version)
                            .where(Member.id == member)).one()  # fmt: skip
        assert tuple(row) == ("202", "徐工集团", "工程师", server_version), laptop.name
    a.close()
    b.close()
