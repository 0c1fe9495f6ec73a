"""Server-side erasure: every row of the member goes (including stored results and conflicts),
only the random id stays, a purge entry without personal data reaches every device, devices
acknowledge, and any later push about the member is refused forever."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from tests.server.api import Api, member_row, note_row
from tests.sync.harness import add_user
from xzdesk.server.models import AppliedMutation, Conflict, Erasure, ErasureAck, Record, RecordKey, Tombstone
from xzdesk.server.runner import ServerThread

NAME, ID_NUMBER, MOBILE = "司马光明", "320302198807070016", "13612349876"


def test_erasure_removes_everything_and_is_final(server: ServerThread, backend: str) -> None:
    add_user(server, "gulou")
    add_user(server, "other")
    add_user(server, "privacy", role="privacy_officer", district=None)
    a, b, officer = Api(server.url, "gulou"), Api(server.url, "other"), Api(server.url, "privacy")
    member = member_row(name=NAME, id_number=ID_NUMBER, mobile=MOBILE, employer="徐工")
    note = note_row(member["id"], body=f"{NAME} 电话 {MOBILE}")
    keep = member_row(name="李四", id_number="320302199101010015", mobile="13700001111")
    a.push_ok(a.mutation("member", "insert", member["id"], fields=member, member_id=member["id"]),
              a.mutation("note", "insert", note["id"], fields=note, member_id=member["id"]),
              a.mutation("member", "insert", keep["id"], fields=keep, member_id=keep["id"]))  # fmt: skip
    b.pull_all()
    base = {"employer": "徐工"}
    a.push_ok(a.mutation("member", "update", member["id"], fields={"employer": "矿大"}, base=base))
    res = b.push_ok(b.mutation("member", "update", member["id"], fields={"employer": NAME}, base=base))
    assert res[0]["status"] == "conflict"
    _, cursor_b, _ = b.pull_all()

    r = officer.http.post("/sync/v1/erasures", json={"member_id": member["id"]})
    assert r.status_code == 200 and r.json()["rows_deleted"] == 2
    db = server.app.state.db
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(Record).where(Record.member_id == member["id"],
                                                                         Record.entity != "audit_log")).scalar_one() == 0  # fmt: skip
        assert s.execute(select(func.count()).select_from(AppliedMutation)
                         .where(AppliedMutation.member_id == member["id"])).scalar_one() == 0  # fmt: skip
        assert s.execute(select(func.count()).select_from(Conflict)).scalar_one() == 0
        assert s.execute(select(func.count()).select_from(RecordKey)
                         .where(RecordKey.record_id == member["id"])).scalar_one() == 0  # fmt: skip
        assert s.get(Erasure, member["id"]) is not None
        assert s.get(Record, ("member", keep["id"])) is not None
    # the purge entry carries the random id only
    r = b.pull(cursor_b)
    changes = r.json()["changes"]
    assert {"seq", "kind", "member_id"} == set(next(c for c in changes if c["kind"] == "purge"))
    for secret in (NAME, ID_NUMBER, MOBILE):
        assert secret not in r.text
    assert b.http.post("/sync/v1/erasures/ack", json={"member_ids": [member["id"]]}).json() == {"acknowledged": 1}
    with db.read() as s:
        acks = s.execute(select(ErasureAck.device_id).where(ErasureAck.member_id == member["id"])).scalars().all()
        assert acks == [b.device_id]
        assert s.execute(select(Tombstone.kind).where(Tombstone.member_id == member["id"])).scalars().all() == ["purge"]
    # later pushes about the member are refused forever: a new note, an edit, a re-insert
    n2 = note_row(member["id"])
    res = a.push_ok(
        a.mutation("note", "insert", n2["id"], fields=n2, member_id=member["id"]),
        a.mutation("member", "update", member["id"], fields={"employer": "x"}, base={"employer": "矿大"}),
        a.mutation("member", "insert", member["id"], fields=member, member_id=member["id"]),
    )
    assert [x["code"] for x in res] == ["sync.member_erased"] * 3
    assert officer.http.post("/sync/v1/erasures", json={"member_id": member["id"]}).json()["rows_deleted"] == 0
    if backend == "sqlite":
        _assert_no_bytes(Path(server.db_url.removeprefix("sqlite:///")), NAME, ID_NUMBER, MOBILE)
    for api in (a, b, officer):
        api.close()


def _assert_no_bytes(path: Path, *secrets: str) -> None:
    """The server's SQLite file is plaintext: after secure_delete and a WAL truncate no byte of
    the erased member may remain in the file or its WAL (except in later pushes, refused above,
    which store field names only)."""
    for file in (path, Path(str(path) + "-wal")):
        if not file.exists():
            continue
        raw = file.read_bytes()
        for secret in secrets:
            assert secret.encode("utf-8") not in raw, (file.name, "erased value still on disk")
