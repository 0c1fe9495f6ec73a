"""An online link request on the 档案 screen: the case list's 待核验 filter, the banner on the case
file, the side-by-side comparison, confirm (one unit of work, audited) and reject with a reason;
a request made with the phone number alone cannot be confirmed."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QMessageBox
from sqlalchemy import select

from tests.ui.conftest import wait_jobs
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.links import comparison
from xzdesk.domain.members.models import OnlineLinkRequest
from xzdesk.domain.members.service import register_member
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.store.ids import new_id
from xzdesk.ui.members import link_dialog
from xzdesk.ui.members.page import LINK_PENDING
from xzdesk.ui.reason import ReasonDialog

ID_ZHANG = "320302197001010012"
SHOTS = os.environ.get("XZDESK_WALK_SHOTS")


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or QMessageBox.StandardButton.Ok)
    yield shown


def _zhang_with_request(ctx, *, id_number: str, mobile: str = "13912345678", employer: str = "徐州地铁"):
    with ctx.uow() as uow:
        info = register_member(uow, draft=MemberDraft(name="张三丰", id_number=ID_ZHANG, mobile="13812345678",
                                                       district_code="320302", employer="徐工集团"))  # fmt: skip
    case = {"name": "张三丰", "id_number": ID_ZHANG, "mobile": "13812345678", "sex": 1, "birth_date": "1970-01-01",
            "district_code": "320302", "employer": "徐工集团"}  # fmt: skip
    online = {**case, "id_number": id_number, "mobile": mobile, "employer": employer}
    request_id = new_id()
    session = ctx.store.write_session()
    session.info["sync_apply"] = True  # as a pulled row arrives
    with session.begin():
        session.add(OnlineLinkRequest(
            id=request_id, version=1, member_id=info.id, account_id=new_id(),
            id_hmac=ctx.store.blind_index("id", id_number), submitted=comparison(case, online), status="pending",
            created_at=datetime.now(UTC)))  # fmt: skip
    session.close()
    return info, request_id


def _open(qtbot, window, info):
    page = window.show_page("members")
    wait_jobs(qtbot, window)
    page.verified.setCurrentIndex(page.verified.findData(LINK_PENDING))
    qtbot.waitUntil(lambda: page.model.ids == [info.id], timeout=5000)  # only the case file with a request
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.editor.info is not None and page.editor.info.id == info.id, timeout=5000)
    return page


def _with_dialog(qtbot, monkeypatch, act):
    """Run `act(dialog)` once the comparison dialog is up (modal: driven from a timer)."""
    seen = []
    real_exec = link_dialog.LinkRequestDialog.exec

    def exec_(dialog):
        seen.append(dialog)
        QTimer.singleShot(0, lambda: act(dialog))
        return real_exec(dialog)

    monkeypatch.setattr(link_dialog.LinkRequestDialog, "exec", exec_)
    return seen


def test_confirm_after_comparing_side_by_side(qtbot, window, ctx, monkeypatch):
    info, request_id = _zhang_with_request(ctx, id_number=ID_ZHANG)
    page = _open(qtbot, window, info)
    editor = page.editor
    assert editor.link_row.isVisible() and editor.link_button.isVisible()
    assert "check and decide" in editor.link_label.text()
    captured = {}

    def act(dialog):
        table = dialog.table
        captured["rows"] = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
        captured["confirm"] = dialog.confirm_button.isEnabled()
        captured["red"] = table.item(1, 2).foreground().color().name()
        if SHOTS:
            dialog.grab().save(os.path.join(SHOTS, "link_request_dialog.png"))
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)

    seen = _with_dialog(qtbot, monkeypatch, act)
    qtbot.mouseClick(editor.link_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.info.link_request.status == "confirmed", timeout=5000)
    assert len(seen) == 1 and captured["confirm"]
    rows = {r[0]: r[1:] for r in captured["rows"]}
    assert rows["Name"] == ["张*", "张*"] and rows["ID number"] == ["320***********0012"] * 2
    assert rows["Mobile"] == ["138****5678", "139****5678"] and rows["Employer"] == ["徐工集团", "徐州地铁"]
    assert rows["District"] == ["鼓楼区", "鼓楼区"]
    assert not editor.link_button.isVisible() and "linked by" in editor.link_label.text()
    with ctx.store.read() as s:
        assert s.get(OnlineLinkRequest, request_id).status == "confirmed"
        assert "member.link_confirm" in s.execute(select(AuditEntry.action)).scalars().all()
    wait_jobs(qtbot, window)
    qtbot.waitUntil(lambda: page.model.ids == [], timeout=5000)  # nothing left to check


def test_the_phone_alone_cannot_be_confirmed_and_a_rejection_keeps_its_reason(qtbot, window, ctx, monkeypatch):
    info, request_id = _zhang_with_request(ctx, id_number="11010519491231002X", mobile="13812345678")
    page = _open(qtbot, window, info)
    monkeypatch.setattr(ReasonDialog, "exec", lambda d: d.reason.setText("身份证号不符，请本人带身份证到区工会办理") or 1)
    captured = {}

    def act(dialog):
        captured["confirm"] = dialog.confirm_button.isEnabled()
        captured["summary"] = dialog.findChild(QLabel, "link_summary").text()
        qtbot.mouseClick(dialog.reject_button, Qt.MouseButton.LeftButton)

    _with_dialog(qtbot, monkeypatch, act)
    qtbot.mouseClick(page.editor.link_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor.info.link_request.status == "rejected", timeout=5000)
    assert captured["confirm"] is False and "phone alone" in captured["summary"]
    assert "身份证号不符" in page.editor.link_label.text()
    with ctx.store.read() as s:
        req = s.get(OnlineLinkRequest, request_id)
        assert req.status == "rejected" and req.reason == "身份证号不符，请本人带身份证到区工会办理"
        reasons = s.execute(select(AuditEntry.reason).where(AuditEntry.action == "member.link_reject")).scalars().all()
        assert reasons == [req.reason]
