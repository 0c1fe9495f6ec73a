"""Scope first. An insert reusing another district's member id answered "duplicate" with the
row's version and touched its server_seq (re-serving it to that district), as did a refused edit;
a matchmaker could erase ids the server never held, sending a tombstone to every laptop. Now a
change naming a row the device may not see is refused before anything else (no version, no
state, no change, nothing re-served), erasures reach only members in the caller's scope
(anywhere for a privacy officer), and an unknown id is refused without a tombstone."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from tests.server.api import Api, member_row
from tests.sync.harness import LaptopFactory, add_user
from tests.sync.helpers import register
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.store.models import OutboxRow
from xzdesk.domain.store.sync_state import erase_member
from xzdesk.server.models import AppliedMutation, Erasure, Record, Tombstone
from xzdesk.server.runner import ServerThread


def _record(server: ServerThread, member_id: str) -> tuple[int, int, str]:
    with server.app.state.db.read() as s:
        rec = s.get(Record, ("member", member_id))
        assert rec is not None
        return rec.version, rec.server_seq, rec.fields


def _purges(server: ServerThread) -> int:
    with server.app.state.db.read() as s:
        return s.execute(select(func.count()).select_from(Tombstone).where(Tombstone.kind == "purge")).scalar_one()


def test_an_insert_reusing_another_districts_id_learns_and_touches_nothing(server: ServerThread) -> None:
    add_user(server, "gulou", district="320302")
    add_user(server, "yunlong", district="320303")
    a, b = Api(server.url, "gulou"), Api(server.url, "yunlong")
    member = member_row(district="320302")
    a.push_ok(a.mutation("member", "insert", member["id"], fields=member, member_id=member["id"]))
    _, cursor, _ = a.pull_all()
    before = _record(server, member["id"])
    # the other district sends a case file of its own under the same id
    theirs = member_row(id=member["id"], district="320303", name="张三", mobile="13700000001")
    (result,) = b.push_ok(b.mutation("member", "insert", member["id"], fields=theirs, member_id=member["id"]))
    assert result["status"] == "rejected" and result["code"] == "sync.out_of_scope"
    assert result["version"] is None and result["params"] == {} and result["merged_into"] is None
    assert _record(server, member["id"]) == before  # same version, same server_seq, same values
    changes, _, _ = a.pull_all(cursor)
    assert changes == []  # nothing re-served to the owning district
    assert member["id"] not in b.pull().text
    a.close()
    b.close()


def test_an_edit_of_another_districts_row_learns_and_touches_nothing(server: ServerThread) -> None:
    add_user(server, "gulou", district="320302")
    add_user(server, "yunlong", district="320303")
    a, b = Api(server.url, "gulou"), Api(server.url, "yunlong")
    live, archived = member_row(district="320302"), member_row(district="320302", mobile="13900000003")
    for m in (live, archived):
        a.push_ok(a.mutation("member", "insert", m["id"], fields=m, member_id=m["id"]))
    a.push_ok(a.mutation("member", "delete", archived["id"], member_id=archived["id"]))  # archived
    _, cursor, _ = a.pull_all()
    before = [_record(server, m["id"]) for m in (live, archived)]
    answers = [b.push_ok(b.mutation("member", op, target, fields=fields, base=base))[0]
               for target in (live["id"], archived["id"])
               for op, fields, base in (("update", {"employer": "x"}, {"employer": None}), ("delete", {}, {}))]  # fmt: skip
    # a live and an archived row answer alike, with no version and nothing of the row
    assert [{k: v for k, v in r.items() if k != "seq"} for r in answers] == [{
        "status": "rejected", "version": None, "code": "sync.out_of_scope", "params": {}, "applied_fields": [],
        "conflict_fields": [], "merged_into": None, "clock_flagged": False}] * 4  # fmt: skip
    assert [_record(server, m["id"]) for m in (live, archived)] == before  # not changed, not touched
    assert a.pull_all(cursor)[0] == []  # nothing re-served to the owning district
    a.close()
    b.close()


def test_erasure_reaches_only_members_in_scope_and_unknown_ids_send_no_tombstone(server: ServerThread) -> None:
    add_user(server, "gulou", district="320302")
    add_user(server, "yunlong", district="320303")
    add_user(server, "officer", role="privacy_officer", district=None)
    a, b, po = Api(server.url, "gulou"), Api(server.url, "yunlong"), Api(server.url, "officer")
    ours, theirs = member_row(district="320302"), member_row(district="320303", mobile="13700000002")
    a.push_ok(a.mutation("member", "insert", ours["id"], fields=ours, member_id=ours["id"]))
    b.push_ok(b.mutation("member", "insert", theirs["id"], fields=theirs, member_id=theirs["id"]))
    unknown = new_id()
    # a matchmaker: an id the server never held is refused without a tombstone; another
    # district's member is refused; its own is erased
    r = a.push(erasures=[unknown, theirs["id"]])
    assert r.status_code == 200
    assert r.json()["erasures_unknown"] == [unknown] and r.json()["erasures_refused"] == [theirs["id"]]
    assert _purges(server) == 0
    r = a.http.post("/sync/v1/erasures", json={"member_id": unknown})
    assert r.status_code == 404 and r.json()["code"] == "erasure.unknown_member"
    assert "服务器上没有这位会员" in r.json()["message_zh"]
    assert a.http.post("/sync/v1/erasures", json={"member_id": theirs["id"]}).status_code == 403
    assert _purges(server) == 0
    with server.app.state.db.read() as s:
        assert s.get(Erasure, unknown) is None
    assert all(c["kind"] != "purge" for c in b.pull_all()[0])
    # the privacy officer erases anywhere, but not ids the server never held
    assert po.http.post("/sync/v1/erasures", json={"member_id": new_id()}).status_code == 404
    assert _purges(server) == 0
    r = po.http.post("/sync/v1/erasures", json={"member_id": theirs["id"]})
    assert r.status_code == 200 and r.json()["rows_deleted"] >= 1
    assert _purges(server) == 1
    # erasing an erased member again is done already: no second tombstone
    assert po.push(erasures=[theirs["id"]]).json()["erasures_refused"] == []
    assert _purges(server) == 1
    r = a.push(erasures=[ours["id"]])
    assert r.json()["erasures_refused"] == [] and r.json()["erasures_unknown"] == []
    assert _purges(server) == 2
    for api in (a, b, po):
        api.close()


def test_a_member_erased_on_the_laptop_before_it_was_ever_sent_is_settled(server: ServerThread,
                                                                           laptops: LaptopFactory) -> None:  # fmt: skip
    add_user(server, "gulou")
    laptop = laptops.make(server.url, "gulou")
    kept = register(laptop, seq=1)
    assert laptop.engine.sync_once().error is None
    never_sent = register(laptop, seq=2)
    erase_member(laptop.store, never_sent)  # its insert leaves the outbox with it
    assert laptop.engine.status().erasures_unreported == 1
    report = laptop.engine.sync_once()
    assert report.error is None
    assert laptop.engine.status().erasures_unreported == 0  # nothing waits to be sent again
    with server.app.state.db.read() as s:
        assert s.get(Erasure, never_sent) is None and s.get(Record, ("member", never_sent)) is None
        assert s.get(Record, ("member", kept)) is not None
        fields = json.loads(s.get(Record, ("member", kept)).fields)
        # nothing of it went out, not even its audit trail (it used to be sent and refused as
        # "unknown member", which the convergence property test found)
        applied = s.execute(select(AppliedMutation)).scalars().all()
        assert all(json.loads(a.result)["status"] != "rejected" for a in applied)
        assert not any(never_sent in (a.member_id, a.entity_id) for a in applied)
        assert not any(json.loads(r.fields).get("member_id") == never_sent for r in s.execute(select(Record)).scalars())
    assert fields["id"] == kept
    assert _purges(server) == 0
    with laptop.store.read() as s:  # here the audit trail stays: who created and erased the file
        assert s.execute(select(AuditEntry.action).where(AuditEntry.member_id == never_sent)).scalars().all()
        assert s.execute(select(func.count()).select_from(OutboxRow)).scalar_one() == 0
    assert laptop.engine.status().rejected == 0
    laptop.close()
