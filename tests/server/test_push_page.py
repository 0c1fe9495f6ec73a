"""A push that sends the laptop's pull cursor (?echo=1&cursor=...) is answered with the pull page
after it, as a pull right after the push would answer: the laptop then need not ask. A cursor the
server cannot read after never costs the push; the pull that follows hears why."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update

from tests.server.api import Api, member_row, note_row
from tests.sync.harness import LaptopFactory, add_user
from tests.sync.helpers import member_value, register
from xzdesk.domain.members.service import update_member
from xzdesk.server.models import Device
from xzdesk.server.runner import ServerThread
from xzdesk.sync import client as client_module
from xzdesk.sync import protocol as p


def _push(api: Api, *mutations: dict[str, Any], cursor: str | None, echo: bool = True) -> dict[str, Any]:
    params: dict[str, Any] = {"echo": 1} if echo else {}
    if cursor:
        params["cursor"] = cursor
    r = api.http.post("/sync/v1/push", json={"mutations": list(mutations), "resolutions": [], "erasures": []},
                      params=params)  # fmt: skip
    assert r.status_code == 200, r.text
    return r.json()


def _pull(api: Api, cursor: str, limit: int | None = None) -> dict[str, Any]:
    r = api.http.get("/sync/v1/pull", params={"cursor": cursor, "echo": 1, **({"limit": limit} if limit else {})})
    assert r.status_code == 200, r.text
    return r.json()


def _without_time(page: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in page.items() if k != "server_time"}


def _insert(api: Api, name: str = "王小明", seq: str = "011") -> tuple[dict[str, Any], dict[str, Any]]:
    member = member_row(name=name, id_number=f"320302199001010{seq}")
    return member, api.mutation("member", "insert", member["id"], fields=member, member_id=member["id"])


def test_the_answer_holds_the_page_a_pull_would_answer(server: ServerThread) -> None:
    add_user(server, "gulou")
    mine, theirs = Api(server.url, "gulou"), Api(server.url, "gulou")
    _, cursor, _ = mine.pull_all()
    member, insert = _insert(theirs)
    theirs.push_ok(insert)  # another laptop's row, not pulled here yet
    note = note_row(member["id"], body="mine")
    answer = _push(mine, mine.mutation("note", "insert", note["id"], fields=note, member_id=member["id"]),
                   cursor=cursor)  # fmt: skip
    assert [r["echo"] for r in answer["results"]] == [True]
    page = answer["page"]
    assert [(c["entity"], c["id"]) for c in page["changes"]] == [("member", member["id"])]  # not the echo
    assert page["has_more"] is False and page["conflicts"] == []
    assert _without_time(page) == _without_time(_pull(mine, cursor))  # the same page, the same cursor
    assert _pull(mine, page["cursor"])["changes"] == []
    p.PushOut.model_validate(answer)  # what the laptop reads


def test_no_page_without_a_cursor_or_without_echo(server: ServerThread) -> None:
    add_user(server, "gulou")
    api = Api(server.url, "gulou")
    _, cursor, _ = api.pull_all()
    assert "page" not in _push(api, _insert(api)[1], cursor=None)
    assert "page" not in _push(api, _insert(api, "李小红", "029")[1], cursor=cursor, echo=False)  # older laptops


def test_a_cursor_it_cannot_read_after_costs_the_push_nothing(server: ServerThread) -> None:
    add_user(server, "gulou")
    api, other = Api(server.url, "gulou"), Api(server.url, "gulou")
    _, theirs, _ = other.pull_all()  # another device's cursor
    member, insert = _insert(api)
    answer = _push(api, insert, cursor=theirs)
    assert [r["status"] for r in answer["results"]] == ["applied"] and "page" not in answer
    forged = _push(api, _insert(api, "李小红", "029")[1], cursor="bm90LWEtY3Vyc29y.AAAA")
    assert [r["status"] for r in forged["results"]] == ["applied"] and "page" not in forged
    assert api.pull(theirs).status_code == 400  # the pull says why


def test_a_long_way_behind_the_page_has_more_and_its_cursor_goes_on(server: ServerThread,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr(p, "PUSH_PAGE", 2)
    add_user(server, "gulou")
    mine, theirs = Api(server.url, "gulou"), Api(server.url, "gulou")
    _, cursor, _ = mine.pull_all()
    others = []
    for i in range(4):  # four transactions of another laptop
        member, insert = _insert(theirs, f"王{i}", f"{31 + 2 * i:03d}")
        theirs.push_ok(insert)
        others.append(member["id"])
    answer = _push(mine, _insert(mine, "李小红", "029")[1], cursor=cursor)
    page = answer["page"]
    assert page["has_more"] is True and page["conflicts"] is None
    assert [c["id"] for c in page["changes"]] == others[:2]
    rest = _pull(mine, page["cursor"])
    assert [c["id"] for c in rest["changes"]] == others[2:] and rest["has_more"] is False


def test_a_complete_pull_is_noted_at_most_once_a_minute(server: ServerThread) -> None:
    """The device's last complete pull ages its cursor (a window of days): a pull, or a push's
    last page, writes it down when the note is a minute old, not at every sync."""
    add_user(server, "gulou")
    api = Api(server.url, "gulou")
    db = server.app.state.db

    def last_pull() -> Any:
        with db.read() as s:
            return s.get(Device, api.device_id).last_pull_at

    def age(minutes: int) -> Any:
        with db.write() as s:
            s.execute(update(Device).where(Device.id == api.device_id)
                      .values(last_pull_at=datetime.now(UTC) - timedelta(minutes=minutes)))  # fmt: skip
        return last_pull()

    _, cursor, _ = api.pull_all()
    noted = last_pull()
    assert noted is not None  # the first complete pull
    api.pull_all(cursor)
    assert last_pull() == noted  # seconds later: not written again
    _push(api, _insert(api)[1], cursor=cursor)
    assert last_pull() == noted
    old = age(2)
    api.pull_all(cursor)
    assert last_pull() > old  # a minute on: noted
    old = age(2)
    answer = _push(api, _insert(api, "李小红", "029")[1], cursor=cursor)
    assert answer["page"]["has_more"] is False and last_pull() > old  # the push's last page counts as a pull


def test_a_laptop_that_pushed_pulls_only_when_the_page_said_there_is_more(
    server: ServerThread, laptops: LaptopFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_user(server, "gulou")
    a, b = laptops.make(server.url, "gulou"), laptops.make(server.url, "gulou")
    member_id = register(b, seq=1)
    assert b.engine.sync_once().error is None
    assert a.engine.sync_once().error is None
    pulls: list[str | None] = []
    real_pull = client_module.ServerClient.pull

    def counted(self: client_module.ServerClient, cursor: str | None, **kw: Any) -> p.PullOut:
        pulls.append(cursor)
        return real_pull(self, cursor, **kw)

    monkeypatch.setattr(client_module.ServerClient, "pull", counted)
    with b.uow() as uow:  # B's edit, on the server before A pushes
        update_member(uow, member_id=member_id, changes={"union_no": "U-000001"})
    assert b.engine.sync_once().error is None
    pulls.clear()
    register(a, name="李小红", seq=2)
    report = a.engine.sync_once()
    assert report.error is None and report.acked > 0 and pulls == []  # one request: the push
    assert report.pulled >= 1 and member_value(a, member_id, "union_no") == "U-000001"  # B's edit (and its audit entry)
    assert a.engine.sync_once().error is None and pulls  # nothing to push: it pulls

    monkeypatch.setattr(p, "PUSH_PAGE", 1)  # the page after a push cannot hold all of it
    for seq in (3, 4):
        register(b, name="张小华", seq=seq)
        assert b.engine.sync_once().error is None  # two transactions of B's
    pulls.clear()
    with a.uow() as uow:
        update_member(uow, member_id=member_id, changes={"employer": "徐工集团"})
    report = a.engine.sync_once()
    assert report.error is None and len(pulls) == 1  # the push's page, then one pull for the rest
    with a.store.read() as s:
        from sqlalchemy import func, select

        from xzdesk.domain.members.models import Member

        assert s.execute(select(func.count()).select_from(Member)).scalar_one() == 4
