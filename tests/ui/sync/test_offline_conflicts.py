"""The 同步 screen shows what two laptops did offline together: a number plate handed out twice
(resolved by giving one person a new plate), a cap exceeded, a person registered twice (values
masked as everywhere)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from tests.domain.events._factory import People, make_event
from tests.sync.harness import PASSWORD
from tests.ui.sync.conftest import _connect
from xzdesk.app_context import AppContext
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.models import EventRegistration
from xzdesk.sync.conflicts import ConflictRow
from xzdesk.ui.app import install_translators
from xzdesk.ui.sync.page import ConflictDialog, choice_texts, field_label, show_value, value_cells

SHOTS = os.environ.get("XZDESK_SHOTS")  # a folder: screenshots of the screen and the dialog


@pytest.fixture(autouse=True)
def chinese(qapp):
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, name))


def test_a_plate_given_twice_is_shown_and_resolved_on_the_sync_screen(qtbot, sync_window, empty_ctx, server,
                                                                      tmp_path, monkeypatch):  # fmt: skip
    page = _connect(qtbot, sync_window, server)
    other = AppContext.open(home=tmp_path / "other")
    try:
        engine = other.sync_engine()
        other.act_as(engine.enrol(server.url, "li", PASSWORD, label="鼓楼区办公室-2号机").staff_id)
        people = People()
        men = [people.make(other.store, other.actor, sex=1, age=28) for _ in range(2)]
        event_id = make_event(other.store, other.actor)
        with other.uow() as uow:
            ev.invite_members(uow, event_id=event_id, member_ids=men, approve=False)
        with other.store.read() as s:
            r1, r2 = s.execute(select(EventRegistration.id).where(EventRegistration.event_id == event_id)
                               .order_by(EventRegistration.requested_at)).scalars().all()  # fmt: skip
        assert engine.sync_once().error is None
        page.controller.sync_now()
        qtbot.waitUntil(lambda: not sync_window.sync.running, timeout=20000)
        with other.uow() as uow:  # offline on both: each hands out the first men's plate
            ev.approve_registration(uow, registration_id=r1)
        with empty_ctx.uow() as uow:
            assert ev.approve_registration(uow, registration_id=r2).plate == "M01"
        assert engine.sync_once().error is None
    finally:
        other.close()
    page.controller.sync_now()
    qtbot.waitUntil(lambda: not sync_window.sync.running and page.conflicts.rowCount() == 1, timeout=20000)
    cells = [page.conflicts.item(0, c).text() for c in range(7)]
    assert cells[1] == "号码牌重复" and cells[3] == cells[4] == "M01"
    assert cells[0].startswith("报名") and "*" in cells[0]  # the person, masked
    assert "鼓楼区办公室-2号机" in cells[6]
    _shot(sync_window, "sync-plate-conflict.png")

    seen: list[tuple[str, str, str, bool]] = []

    def keep_first(dialog: ConflictDialog) -> int:
        question = dialog.findChild(type(dialog.who), "conflict_question")
        record = dialog.findChild(type(dialog.who), "conflict_record")
        assert record.text().startswith("记录：报名 · ") and "*" in record.text()  # whose plate, masked
        seen.append((question.text(), dialog.theirs.text(), dialog.mine.text(), dialog.mine.isVisibleTo(dialog)))
        _shot(dialog, "sync-plate-dialog.png")
        dialog.theirs.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ConflictDialog, "exec", keep_first)
    page.conflicts.selectRow(0)
    page._on_resolve()
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 0, timeout=10000)
    question, theirs, mine, mine_shown = seen[0]
    assert "号码牌 M01" in question and "重新打印胸牌" in question
    assert theirs == "先拿到号码的人保留 M01，此人改用新号码" and mine_shown and "此人保留 M01" in mine
    with empty_ctx.store.read() as s:
        assert s.get(EventRegistration, r2).plate == "M02"
    page.controller.sync_now()
    qtbot.waitUntil(lambda: not sync_window.sync.running, timeout=20000)
    assert page.conflicts.rowCount() == 0 and empty_ctx.sync_engine().conflicts() == []


def _row(kind: str, field: str | None, theirs, mine) -> ConflictRow:
    return ConflictRow(id="c", kind=kind, entity="event" if kind == "quota" else "member", entity_id="e",
                       member_id=None, field=field, base=None, theirs=theirs, mine=mine, current=None, other_id=None,
                       device_id=None, operator_id=None, client_time=None, clock_flagged=False,
                       created_at=datetime.now(UTC), resolved_here=False)  # fmt: skip


def test_caps_and_merged_duplicates_in_words(qtbot):
    over = _row("quota", "band:1:2", 4, 6)
    assert field_label(over.field, over.kind) == "第 2 个年龄段的女性名额"
    assert value_cells(over) == ("—", "4 个名额", "已占 6 个")
    assert choice_texts(over) == ("全部保留（关闭此冲突）", None)
    dialog = ConflictDialog(over)
    qtbot.addWidget(dialog)
    assert not dialog.who.isVisibleTo(dialog)  # several approvals together: no single "other change"
    assert not dialog.mine.isVisibleTo(dialog) and "已占用 6 个" in dialog.findChild(type(dialog.who), "conflict_question").text()
    twice = _row("natural_key", None, {"mobile": "13912345678", "employer": "徐工集团"},
                 {"mobile": "13987654321", "employer": "徐州地铁"})  # fmt: skip
    shown = show_value(None, twice.mine)
    assert "139****4321" in shown and "13987654321" not in shown and "徐州地铁" in shown
    assert choice_texts(twice) == ("保留合并后记录的内容", "采用本机录入的内容")
    merged = ConflictDialog(twice, record="档案 · XZ12345678 欧阳*")
    qtbot.addWidget(merged)
    texts = [label.text() for label in merged.findChildren(type(merged.who))]
    assert "修改之前" not in texts  # two copies typed in apart have no common "before"
    assert any("139****4321" in t for t in texts) and not any("13987654321" in t for t in texts)
