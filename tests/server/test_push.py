"""Push: idempotency, replay, refusal of reused seqs/keys, rejected inbox, merge rules."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from tests.server.api import Api, member_row, note_row
from tests.sync.harness import add_user
from xzdesk.server.models import AppliedMutation, Conflict, Record
from xzdesk.server.runner import ServerThread


def _count(server: ServerThread, model: type, *where: object) -> int:
    with server.app.state.db.read() as s:
        return s.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def _record(server: ServerThread, entity: str, rid: str) -> Record:
    with server.app.state.db.read() as s:
        rec = s.get(Record, (entity, rid))
        assert rec is not None
        return rec


def _api(server: ServerThread, name: str = "gulou", district: str = "320302") -> Api:
    add_user(server, name, district=district)
    return Api(server.url, name)


def test_replayed_batch_returns_stored_results_and_writes_once(server: ServerThread) -> None:
    api = _api(server)
    member = member_row()
    batch = [api.mutation("member", "insert", member["id"], fields=member, member_id=member["id"])]
    note = note_row(member["id"])
    batch.append(api.mutation("note", "insert", note["id"], fields=note, member_id=member["id"]))
    first = api.push(*batch).json()
    again = api.push(*batch).json()  # the response was lost: the device sends the same batch
    assert first["acked"] == again["acked"] == [1, 2]
    assert first["results"] == again["results"]
    assert _count(server, Record, Record.entity == "note") == 1
    assert _count(server, AppliedMutation) == 2
    # a duplicated request inside one batch is answered once
    dup = api.push(batch[1], batch[1]).json()
    assert dup["acked"] == [2, 2] and dup["results"][0] == dup["results"][1]
    api.close()


def test_reused_seq_or_key_with_another_payload_is_refused_whole(server: ServerThread) -> None:
    api = _api(server)
    member = member_row()
    m1 = api.mutation("member", "insert", member["id"], fields=member, member_id=member["id"])
    api.push_ok(m1)
    other = member_row(id_number="320302199001010038", mobile="13800000002")
    reuse_seq = api.mutation("member", "insert", other["id"], fields=other, member_id=other["id"], seq=1)
    r = api.push(reuse_seq)
    assert r.status_code == 409 and r.json()["code"] == "sync.seq_reused"
    reuse_key = {**api.mutation("member", "insert", other["id"], fields=other, member_id=other["id"]),
                 "idempotency_key": m1["idempotency_key"]}  # fmt: skip
    fresh = api.mutation("note", "insert", (n := note_row(member["id"]))["id"], fields=n, member_id=member["id"])
    r = api.push(fresh, reuse_key)
    assert r.status_code == 409 and r.json()["code"] == "sync.key_reused"
    # nothing of the refused batches was written
    assert _count(server, Record, Record.entity == "member") == 1
    assert _count(server, Record, Record.entity == "note") == 0
    api.close()


def test_rejected_mutation_is_acknowledged_kept_and_does_not_wedge(server: ServerThread) -> None:
    api = _api(server)
    member = member_row()
    bad = member_row(id_number="320302199001010038", mobile="13800000002", sex="male")  # wrong type
    orphan = note_row("01a00000-0000-7000-8000-000000000000")
    results = api.push_ok(
        api.mutation("member", "insert", bad["id"], fields=bad, member_id=bad["id"]),
        api.mutation("note", "insert", orphan["id"], fields=orphan, member_id=orphan["member_id"]),
        api.mutation("nonsense", "insert", member["id"], fields={}),
        api.mutation("member", "insert", member["id"], fields=member, member_id=member["id"]),
    )
    assert [r["status"] for r in results] == ["rejected", "rejected", "rejected", "applied"]
    assert [r["code"] for r in results[:3]] == ["sync.invalid", "sync.unknown_member", "sync.unknown_entity"]
    assert results[0]["params"] == {"field": "sex", "problem": "sync.field_type"}
    inbox = api.http.get("/sync/v1/rejected").json()
    assert sorted(r["seq"] for r in inbox) == [1, 2, 3]
    assert all("王小明" not in json.dumps(r, ensure_ascii=False) for r in inbox)  # names only, no values
    api.close()


def test_three_way_merge_per_field(server: ServerThread) -> None:
    add_user(server, "aa")
    add_user(server, "bb")
    a, b = Api(server.url, "aa"), Api(server.url, "bb")
    member = member_row(employer="徐工", occupation="工程师")
    a.push_ok(a.mutation("member", "insert", member["id"], fields=member, member_id=member["id"]))
    t0 = member["updated_at"]
    later = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
    earlier = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    # a edits employer; b (same base) edits occupation and employer
    ra = a.push_ok(a.mutation("member", "update", member["id"], fields={"employer": "矿大", "updated_at": later},
                              base={"employer": "徐工", "updated_at": t0}, base_version=1))  # fmt: skip
    rb = b.push_ok(b.mutation("member", "update", member["id"],
                              fields={"occupation": "教师", "employer": "地铁", "updated_at": earlier},
                              base={"occupation": "工程师", "employer": "徐工", "updated_at": t0},
                              base_version=1))  # fmt: skip
    assert ra[0]["status"] == "applied"
    assert rb[0]["status"] == "conflict"
    assert rb[0]["applied_fields"] == ["occupation"] and rb[0]["conflict_fields"] == ["employer"]
    fields = json.loads(_record(server, "member", member["id"]).fields)
    assert (fields["employer"], fields["occupation"], fields["updated_at"]) == ("矿大", "教师", later)
    _, _, conflicts = b.pull_all()
    assert len(conflicts) == 1
    c = conflicts[0]
    assert (c["field"], c["base"], c["theirs"], c["mine"]) == ("employer", "徐工", "矿大", "地铁")
    # the same device losing again on the same field updates its conflict, not a second one
    b.push_ok(b.mutation("member", "update", member["id"], fields={"employer": "港务"}, base={"employer": "地铁"}))
    assert _count(server, Conflict) == 1
    assert b.pull_all()[2][0]["mine"] == "港务"
    # a deliberate edit from the current value applies; the conflict stays open until resolved
    a.push_ok(a.mutation("member", "update", member["id"], fields={"employer": "港务"}, base={"employer": "矿大"}))
    conflict = a.pull_all()[2][0]
    assert conflict["theirs"] == "港务"
    b.push_ok(resolutions=[conflict["id"]])
    assert a.pull_all()[2] == []
    a.close()
    b.close()


def test_derived_fields_never_conflict_and_follow_their_source(server: ServerThread) -> None:
    add_user(server, "aa")
    add_user(server, "bb")
    a, b = Api(server.url, "aa"), Api(server.url, "bb")
    member = member_row(name="王小明")
    a.push_ok(a.mutation("member", "insert", member["id"], fields=member, member_id=member["id"]))
    base = {"name": "王小明", "name_pinyin": member["name_pinyin"], "name_initials": member["name_initials"]}
    a.push_ok(a.mutation("member", "update", member["id"], base=base,
                         fields={"name": "王晓明", "name_pinyin": "wang xiao ming x", "name_initials": "wxmx"}))  # fmt: skip
    res = b.push_ok(b.mutation("member", "update", member["id"], base=base,
                               fields={"name": "汪小明", "name_pinyin": "wang xiao ming w", "name_initials": "wxmw"}))  # fmt: skip
    assert res[0]["conflict_fields"] == ["name"]
    fields = json.loads(_record(server, "member", member["id"]).fields)
    assert (fields["name"], fields["name_pinyin"]) == ("王晓明", "wang xiao ming x")
    assert [c["field"] for c in b.pull_all()[2]] == ["name"]
    a.close()
    b.close()


def test_append_only_and_archive(server: ServerThread) -> None:
    api = _api(server)
    member = member_row()
    note = note_row(member["id"])
    api.push_ok(api.mutation("member", "insert", member["id"], fields=member, member_id=member["id"]),
                api.mutation("note", "insert", note["id"], fields=note, member_id=member["id"]))  # fmt: skip
    res = api.push_ok(
        api.mutation("note", "insert", note["id"], fields=note, member_id=member["id"]),  # another seq, same id
        api.mutation("note", "update", note["id"], fields={"body": "x"}, base={"body": note["body"]}),
        api.mutation("note", "delete", note["id"]),
        api.mutation("member", "delete", member["id"]),
    )
    assert [r["status"] for r in res] == ["duplicate", "rejected", "rejected", "applied"]
    assert res[1]["code"] == res[2]["code"] == "sync.append_only"
    rec = _record(server, "member", member["id"])
    assert not rec.deleted and json.loads(rec.fields)["status"] == "archived"
    assert _count(server, Record, Record.entity == "note") == 1
    api.close()


def test_far_future_client_clock_is_flagged_never_trusted(server: ServerThread) -> None:
    api = _api(server)
    member = member_row()
    future = int((datetime.now(UTC) + timedelta(days=30000)).timestamp() * 1000)  # 2099 and beyond
    res = api.push_ok(api.mutation("member", "insert", member["id"], fields=member, member_id=member["id"],
                                   hlc=f"{future:013d}-000000"))  # fmt: skip
    assert res[0]["status"] == "applied" and res[0]["clock_flagged"] is True
    assert _record(server, "member", member["id"]).clock_flagged
    api.close()


def test_unique_columns_are_enforced(server: ServerThread) -> None:
    api = _api(server)
    one = member_row()
    two = member_row(id_number="320302199001010038", mobile="13800000002", member_no=one["member_no"])
    res = api.push_ok(api.mutation("member", "insert", one["id"], fields=one, member_id=one["id"]),
                      api.mutation("member", "insert", two["id"], fields=two, member_id=two["id"]))  # fmt: skip
    assert res[1]["code"] == "sync.unique_violation" and res[1]["params"] == {"field": "member_no"}
    api.close()


def test_member_moving_district_takes_its_rows_along(server: ServerThread) -> None:
    add_user(server, "city", district=None)
    add_user(server, "gulou", district="320302")
    add_user(server, "yunlong", district="320303")
    city, gulou, yunlong = (Api(server.url, n) for n in ("city", "gulou", "yunlong"))
    member = member_row(district="320302")
    note = note_row(member["id"])
    city.push_ok(city.mutation("member", "insert", member["id"], fields=member, member_id=member["id"]),
                 city.mutation("note", "insert", note["id"], fields=note, member_id=member["id"]))  # fmt: skip
    g_changes, g_cursor, _ = gulou.pull_all()
    y_changes, y_cursor, _ = yunlong.pull_all()
    assert {c.get("id") for c in g_changes} >= {member["id"], note["id"]}
    assert member["id"] not in {c.get("id") for c in y_changes}
    city.push_ok(city.mutation("member", "update", member["id"], fields={"district_code": "320303"},
                               base={"district_code": "320302"}))  # fmt: skip
    g_changes, _, _ = gulou.pull_all(g_cursor)
    y_changes, _, _ = yunlong.pull_all(y_cursor)
    assert {(c["kind"], c["id"]) for c in g_changes if c.get("id")} == {("remove", member["id"]), ("remove", note["id"])}
    assert {(c["kind"], c["id"]) for c in y_changes if c.get("entity") in ("member", "note")} == {
        ("upsert", member["id"]), ("upsert", note["id"])
    }
    # a city-wide device sees the row removed and re-added in one transaction: the upsert wins
    c_changes, _, _ = city.pull_all()
    kinds = [c["kind"] for c in c_changes if c.get("id") == member["id"]]
    assert kinds[-1] == "upsert"
    for api in (city, gulou, yunlong):
        api.close()


def test_a_conflict_names_the_device_and_person_of_each_side(server: ServerThread) -> None:
    add_user(server, "aa")
    add_user(server, "bb")
    a = Api(server.url, "aa", label="鼓楼区办公室-1号机")
    b = Api(server.url, "bb", label="鼓楼区办公室-2号机")
    member = member_row(employer="徐工")
    a.push_ok(a.mutation("member", "insert", member["id"], fields=member, member_id=member["id"]))
    a.push_ok(a.mutation("member", "update", member["id"], fields={"occupation": "教师"}, base={"occupation": None}))
    b.push_ok(b.mutation("member", "update", member["id"], fields={"employer": "矿大"}, base={"employer": "徐工"}))
    before = datetime.now(UTC)
    rb = a.push_ok(a.mutation("member", "update", member["id"], fields={"employer": "地铁"}, base={"employer": "徐工"}))
    assert rb[0]["status"] == "conflict"
    for api in (a, b):  # both laptops are told who made each side
        c = api.pull_all()[2][0]
        mine, theirs = c["mine_by"], c["theirs_by"]
        # "theirs" (矿大, in force) was written by b on its laptop, "mine" (地铁, lost) came from a
        assert (theirs["device_id"], theirs["device_label"], theirs["operator_id"], theirs["operator_name"]) == (
            b.device_id, "鼓楼区办公室-2号机", b.staff_id, "bb")
        assert (mine["device_id"], mine["device_label"], mine["operator_name"]) == (a.device_id, "鼓楼区办公室-1号机", "aa")
        assert datetime.fromisoformat(theirs["at"]) <= before <= datetime.fromisoformat(mine["at"])
        assert "徐工" not in json.dumps([mine, theirs], ensure_ascii=False)  # who, never what
    a.close()
    b.close()
