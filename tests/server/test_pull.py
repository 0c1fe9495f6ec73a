"""Pull: pages end on transaction boundaries, cursors resume exactly, 410 resets, and on
PostgreSQL concurrent writers never make a reader skip a row."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from tests.server.api import Api, member_row, note_row
from tests.sync.harness import add_user
from xzdesk.server import admin
from xzdesk.server.db import next_seq
from xzdesk.server.models import Device, Tombstone
from xzdesk.server.runner import ServerThread


def _seed(api: Api, members: int, notes_per: int = 0) -> list[str]:
    ids = []
    for i in range(members):
        m = member_row(id_number=f"3203021990010{i:04d}"[:17] + "X", mobile=f"138{i:08d}")
        batch = [api.mutation("member", "insert", m["id"], fields=m, member_id=m["id"])]
        for _ in range(notes_per):
            n = note_row(m["id"])
            batch.append(api.mutation("note", "insert", n["id"], fields=n, member_id=m["id"]))
        api.push_ok(*batch)
        ids.append(m["id"])
    return ids


def test_pages_end_on_transaction_boundaries_and_resume(server: ServerThread) -> None:
    add_user(server, "gulou")
    api = Api(server.url, "gulou")
    # one push = one transaction of 1 member + 9 notes; pull 4 rows at a time
    _seed(api, 3, notes_per=9)
    cursor = None
    pages: list[list[dict]] = []
    while True:
        body = api.pull(cursor, limit=4).json()
        pages.append(body["changes"])
        cursor = body["cursor"]
        assert (body["conflicts"] is None) == body["has_more"]
        if not body["has_more"]:
            break
    seqs_per_page = [{c["seq"] for c in page} for page in pages if page]
    flat = [c for page in pages for c in page]
    # no row twice, none missing, and no transaction split across pages
    assert len({(c["entity"], c["id"]) for c in flat}) == len(flat) == 3 * 10 + 2  # + the staff row and its password record
    for a, b in zip(seqs_per_page, seqs_per_page[1:], strict=False):
        assert max(a) < min(b)
    assert all(len(page) >= 4 or page is pages[-1] for page in pages if page)
    # nothing new: an empty last page, same position
    again = api.pull(cursor).json()
    assert again["changes"] == [] and not again["has_more"]
    api.close()


def test_410_when_scope_changed_cursor_expired_or_offline_too_long(server: ServerThread) -> None:
    add_user(server, "gulou")
    api = Api(server.url, "gulou")
    _seed(api, 1)
    cursor = api.pull_all()[1]
    db = server.app.state.db
    with db.write() as s:
        admin.set_device_scope(s, device_id=api.device_id, districts=["320302", "320303"])
    r = api.pull(cursor)
    assert r.status_code == 410 and r.json()["code"] == "sync.scope_changed"
    cursor = api.pull_all()[1]  # bootstrap without a cursor works
    # removals older than the horizon were pruned: an older cursor might have missed one
    with db.write() as s:
        s.add(Tombstone(server_seq=next_seq(s), kind="remove", entity="note", entity_id="x", district="320399",
                        created_at=datetime.now(UTC) - timedelta(days=90)))  # fmt: skip
    with db.write() as s:
        assert admin.prune_tombstones(s, older_than=timedelta(days=30), now=datetime.now(UTC)) == 1
    r = api.pull(cursor)
    assert r.status_code == 410 and r.json()["code"] == "sync.cursor_expired"
    with db.write() as s:
        s.execute(update(Device).where(Device.id == api.device_id)
                  .values(last_pull_at=datetime.now(UTC) - timedelta(days=31)))  # fmt: skip
    fresh_body = api.pull().json()
    fresh = fresh_body["cursor"]
    r = api.pull(fresh)
    assert r.status_code == 200, r.text  # the bootstrap itself counted as contact
    with db.write() as s:
        s.execute(update(Device).where(Device.id == api.device_id)
                  .values(last_pull_at=datetime.now(UTC) - timedelta(days=31)))  # fmt: skip
    r = api.pull(fresh)
    assert r.status_code == 410 and r.json()["code"] == "sync.offline_too_long"
    api.close()


def test_concurrent_writers_never_make_a_reader_skip_rows(server: ServerThread) -> None:
    """Pushes from several devices run while a reader pulls continuously; every committed row
    reaches the reader (server_seq is handed out in commit order)."""
    writers = []
    for i in range(3):
        add_user(server, f"w{i}")
        writers.append(Api(server.url, f"w{i}"))
    add_user(server, "reader")
    reader = Api(server.url, "reader")
    written: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def write(api: Api, k: int) -> None:
        for j in range(8):
            m = member_row(id_number=f"32030219900{k}{j:02d}0001"[:17] + "X", mobile=f"139{k}{j:07d}")
            notes = [note_row(m["id"]) for _ in range(3)]
            api.push_ok(api.mutation("member", "insert", m["id"], fields=m, member_id=m["id"]),
                        *[api.mutation("note", "insert", n["id"], fields=n, member_id=m["id"]) for n in notes])  # fmt: skip
            with lock:
                written.extend([m["id"], *(n["id"] for n in notes)])

    seen: set[str] = set()
    cursor: list[str | None] = [None]

    def read() -> None:
        while True:
            body = reader.pull(cursor[0], limit=5).json()
            seen.update(c["id"] for c in body["changes"] if c.get("id"))
            cursor[0] = body["cursor"]
            if stop.is_set() and not body["has_more"]:
                return

    threads = [threading.Thread(target=write, args=(api, k)) for k, api in enumerate(writers)]
    reader_thread = threading.Thread(target=read)
    reader_thread.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    stop.set()
    reader_thread.join(timeout=120)
    # one more pull after the writers finished: the reader's cursor must not have passed a row
    changes, _, _ = reader.pull_all(cursor[0])
    seen.update(c["id"] for c in changes if c.get("id"))
    assert len(written) == 3 * 8 * 4
    assert set(written) <= seen
    for api in (*writers, reader):
        api.close()
