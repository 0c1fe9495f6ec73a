"""Push: how a batch reaches the database. The rows and lookup keys a batch creates are written
with one INSERT per table, the replay check is one query, and whatever the batch does next to a
row it created (read it, change it, give up its keys) sees it stored."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, select

from tests.server.api import Api, member_row, note_row
from tests.sync.harness import add_user
from xzdesk.server.models import Record, RecordKey
from xzdesk.server.push import key_value
from xzdesk.server.runner import ServerThread


@contextmanager
def _statements(server: ServerThread) -> Iterator[list[str]]:
    """Every SQL statement the server runs meanwhile, as its first words and table (e.g.
    "INSERT INTO record", "SELECT applied_mutation")."""
    seen: list[str] = []
    engine = server.app.state.db.engine

    def before(_conn, _cursor, statement: str, *_args) -> None:  # type: ignore[no-untyped-def]
        words = statement.replace('"', "").split()
        verb = words[0].upper()
        if verb in ("INSERT", "DELETE"):
            seen.append(f"{verb} {words[2]}")
        elif verb == "UPDATE":
            seen.append(f"UPDATE {words[1]}")
        elif verb == "SELECT" and "FROM" in words:
            seen.append(f"SELECT {words[words.index('FROM') + 1]}")

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _members(api: Api, count: int, first: int) -> list[str]:
    members = [member_row(id_number=f"3203021990{first + i:08d}", mobile=f"139{first + i:08d}") for i in range(count)]
    api.push_ok(*(api.mutation("member", "insert", m["id"], fields=m, member_id=m["id"]) for m in members))
    return [str(m["id"]) for m in members]


def test_a_batch_writes_its_new_rows_and_keys_with_one_insert_each(server: ServerThread) -> None:
    """A laptop's usual batch (edits of case files, each with a new row about the member): 5 of
    each and 40 of each run the same statements, with one INSERT for the new rows, one for their
    lookup keys when they have any, one for the applied mutations, and one replay query."""
    add_user(server, "gulou", district="320302")
    api = Api(server.url, "gulou")
    counts = []
    for count, first in ((5, 0), (40, 100)):
        batch = []
        for i, member_id in enumerate(_members(api, count, first)):
            note = note_row(member_id)
            batch += [api.mutation("member", "update", member_id, fields={"union_no": f"U{first + i:06d}"},
                                   base={"union_no": None}, base_version=1),
                      api.mutation("note", "insert", note["id"], fields=note, member_id=member_id)]  # fmt: skip
        with _statements(server) as seen:
            results = api.push_ok(*batch)
        assert [r["status"] for r in results] == ["applied"] * (2 * count), results
        counts.append(Counter(seen))
    assert counts[0] == counts[1], counts
    assert counts[1]["INSERT record"] == counts[1]["INSERT applied_mutation"] == 1
    assert counts[1]["SELECT applied_mutation"] == 1  # seqs and keys already seen: one query
    with server.app.state.db.read() as s:
        assert len(s.execute(select(Record.id).where(Record.entity == "note")).all()) == 45
    api.close()


def test_rows_created_and_changed_in_one_batch(server: ServerThread) -> None:
    """A member inserted, then given another ID number, then a note on it, all in one batch:
    the row holds the last values, the old number's key is gone (a new person with that number
    is a new member) and the new one is held (the same number again is the same person); a member
    inserted and archived in one batch is archived."""
    add_user(server, "gulou", district="320302")
    api = Api(server.url, "gulou")
    member = member_row()
    changed = member_row(id_number="320302199001010062")
    new_id = {"id_number": changed["id_number"], "id_hmac": changed["id_hmac"]}
    note = note_row(member["id"])
    results = api.push_ok(
        api.mutation("member", "insert", member["id"], fields=member, member_id=member["id"]),
        api.mutation("member", "update", member["id"], fields=new_id, base_version=1,
                     base={"id_number": member["id_number"], "id_hmac": member["id_hmac"]}),
        api.mutation("note", "insert", note["id"], fields=note, member_id=member["id"]),
    )  # fmt: skip
    assert [r["status"] for r in results] == ["applied", "applied", "applied"], results
    assert results[1]["version"] == 2
    with server.app.state.db.read() as s:
        rec = s.get(Record, ("member", member["id"]))
        assert rec is not None and rec.version == 2 and json.loads(rec.fields)["id_hmac"] == changed["id_hmac"]
        keys = set(s.execute(select(RecordKey.name, RecordKey.value).where(
            RecordKey.entity == "member", RecordKey.record_id == member["id"])).all())  # fmt: skip
        assert {("nk", key_value([changed["id_hmac"]])), ("lk:id_hmac", changed["id_hmac"])} <= keys
        assert not keys & {("nk", key_value([member["id_hmac"]])), ("lk:id_hmac", member["id_hmac"])}
        assert s.get(Record, ("note", note["id"])).district == "320302"  # type: ignore[union-attr]
    old_person = member_row(id_number=member["id_number"], mobile="13800000003")
    same_person = member_row(id_number=changed["id_number"], mobile="13800000002")
    gone = member_row(id_number="320302199001010054", mobile="13800000004")
    results = api.push_ok(
        api.mutation("member", "insert", old_person["id"], fields=old_person, member_id=old_person["id"]),
        api.mutation("member", "insert", same_person["id"], fields=same_person, member_id=same_person["id"]),
        api.mutation("member", "insert", gone["id"], fields=gone, member_id=gone["id"]),
        api.mutation("member", "delete", gone["id"], member_id=gone["id"]),
    )  # fmt: skip
    assert results[0]["status"] == "applied", results[0]
    assert results[1]["status"] == "merged" and results[1]["merged_into"] == member["id"], results[1]
    assert results[3]["status"] == "applied" and results[3]["version"] == 2, results[3]
    with server.app.state.db.read() as s:
        archived = s.get(Record, ("member", gone["id"]))
        assert archived is not None and archived.version == 2 and not archived.deleted
    api.close()
