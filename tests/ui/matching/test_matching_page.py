"""The 配对 screen in a real main window on a real encrypted store: candidates with reasons,
comparison, proposing, the board through the stages, consent withdrawal, batch preview, weights."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox
from sqlalchemy import func, select, update

from tests.accounts import add_account
from tests.ui.conftest import wait_jobs
from tests.ui.matching._people import make_member
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.introductions.codes import Stage
from xzdesk.domain.introductions.models import Introduction
from xzdesk.domain.introductions.service import exchange_contacts, propose_introduction, record_response
from xzdesk.domain.matching import MatchWeights
from xzdesk.domain.matching.queries import current_weights
from xzdesk.domain.members.codes import ConsentType
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.members.service import set_fraud_flag, withdraw_consent
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.uow import unit_of_work
from xzdesk.ui.matching import board as board_mod
from xzdesk.ui.matching.batch import BatchPreviewModel
from xzdesk.ui.matching.board import OVERDUE_BACKGROUND, IntroductionBoardModel
from xzdesk.ui.matching.candidates import CandidateTableModel
from xzdesk.ui.matching.dialogs import ContactsDialog
from xzdesk.ui.matching.weights import RankPreviewModel
from xzdesk.ui.reason import ReasonDialog


@pytest.fixture
def people(ctx):
    """One man and three women who fit each other (same district, shared hobbies), plus a woman
    who has no share-profile consent (never a candidate)."""
    man = make_member(ctx, sex=1, age=30)
    women = [make_member(ctx, sex=2, age=a) for a in (28, 29, 31)]
    return {"man": man, "women": women}


def _page(qtbot, window):
    page = window.show_page("matching")
    qtbot.waitUntil(lambda: page.holder.index is not None, timeout=15000)
    return page


def _pick(qtbot, page, member_id):
    page.candidates.picker.pick(member_id)
    qtbot.waitUntil(lambda: page.candidates.info is not None and page.candidates.info.member_id == member_id,
                    timeout=10000)  # fmt: skip
    return page.candidates


def _introductions(ctx):
    with ctx.store.read() as s:
        return s.execute(select(func.count()).select_from(Introduction)).scalar_one()


def _texts(widget):
    return " ".join(label.text() for label in widget.findChildren(QLabel))


def test_candidates_are_ranked_with_reasons_in_words(qtbot, window, ctx, people, qtmodeltester):
    page = _page(qtbot, window)
    panel = _pick(qtbot, page, people["man"])
    ids = [r.member_id for r in panel.model.rows]
    assert set(people["women"]) <= set(ids)
    assert ids == [r.member_id for r in page.holder.index.rank(people["man"], k=50)]
    row = panel.model.row_of(people["women"][0])
    reasons = panel.model.data(panel.model.index(row, 7))
    assert "Age fits both sides' wishes" in reasons
    assert "shared hobbies: 羽毛球, 旅行, 摄影" in reasons
    assert "both live in 泉山区" in reasons
    tooltip = panel.model.data(panel.model.index(row, 7), Qt.ItemDataRole.ToolTipRole)
    assert "mutual fit" in tooltip
    # masked everywhere
    assert all("*" in panel.model.data(panel.model.index(r, 2)) for r in range(panel.model.rowCount()))
    assert "欧阳*" in panel.heading.text()
    qtmodeltester.check(panel.model)


def test_comparison_shows_masked_cards_and_who_fits_whose_wishes(qtbot, window, ctx, people):
    page = _page(qtbot, window)
    other = make_member(ctx, sex=2, age=29, req_height_min=185)  # he (176 cm) is too short for her
    panel = _pick(qtbot, page, people["man"])
    qtbot.waitUntil(lambda: panel.model.row_of(other) < 0, timeout=5000)  # two-way filter: not suggested
    panel.table.selectRow(panel.model.row_of(people["women"][1]))
    qtbot.waitUntil(lambda: panel.comparison.info is not None, timeout=5000)
    info = panel.comparison.info
    assert info.member.member_id == people["man"] and info.candidate.member_id == people["women"][1]
    text = _texts(panel.comparison)
    with ctx.store.read() as s:
        man = s.get(Member, people["man"])
        woman = s.get(Member, people["women"][1])
        secrets_ = [man.name, woman.name, man.mobile, woman.mobile, man.id_number, man.employer]
        number = man.member_no
    assert not [x for x in secrets_ if x and x in text]
    assert number in panel.comparison.member_card.title()
    assert panel.comparison.member_card.fit_labels["age"].property("fits") is True
    assert panel.comparison.candidate_card.fit_labels["age"].property("fits") is True
    assert "羽毛球" in text


def test_propose_then_follow_it_through_the_stages_on_the_board(qtbot, window, ctx, people, monkeypatch):
    page = _page(qtbot, window)
    panel = _pick(qtbot, page, people["man"])
    woman = people["women"][0]
    panel.table.selectRow(panel.model.row_of(woman))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: infos.append(text))
    assert panel.propose_button.isEnabled()
    qtbot.mouseClick(panel.propose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _introductions(ctx) == 1, timeout=5000)
    # the proposed candidate leaves the list at once (already introduced)
    qtbot.waitUntil(lambda: panel.model.row_of(woman) < 0 and panel.model.rowCount() > 0, timeout=5000)
    board = page.board
    page.tabs.setCurrentWidget(board)
    qtbot.waitUntil(lambda: board.model.rowCount() == 1 and board.selected() is not None, timeout=5000)
    row = board.selected()
    assert row.stage == "proposed" and {row.a.member_id, row.b.member_id} == {people["man"], woman}
    assert board.answer_a.isEnabled() and not board.exchange_button.isEnabled()
    assert not board.contacts_button.isEnabled()

    def stage_is(stage):
        qtbot.waitUntil(lambda: board.selected() is not None and board.selected().stage == stage, timeout=5000)

    board.record_answer("a", accepted=True)
    qtbot.waitUntil(lambda: board.selected() is not None and board.selected().a.response == "accepted", timeout=5000)
    board.record_answer("b", accepted=True)
    stage_is("accepted")
    assert board.exchange_button.isEnabled() and board.contacts_button.isEnabled()
    board.exchange()
    stage_is("contacts_exchanged")
    assert infos and "Show contacts" in infos[-1]
    assert board.selected().next_follow_up is not None
    # contacts only through the audited reveal with a reason
    shown = []
    monkeypatch.setattr(ReasonDialog, "exec", lambda d: d.reason.setText("电话转告双方") or QDialog.DialogCode.Accepted)
    monkeypatch.setattr(ContactsDialog, "exec", lambda d: shown.append([c.text() for c in d.values[0] + d.values[1]]) or 0)
    board.show_contacts()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    with ctx.store.read() as s:
        man = s.get(Member, people["man"])
        assert man.mobile in shown[0] and man.name in shown[0]
        reveals = s.execute(select(AuditEntry).where(AuditEntry.action == "introduction.contacts_reveal")).scalars().all()
        assert {e.member_id for e in reveals} == {people["man"], woman} and reveals[0].reason == "电话转告双方"
    board.record_meeting()
    stage_is("met")
    assert board.outcome_button.isEnabled() and not board.meeting_button.isEnabled()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    board.print_slips()
    qtbot.waitUntil(lambda: bool(opened), timeout=15000)
    with open(opened[0], "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    assert "欧阳" not in opened[0] and opened[0].endswith(".pdf")
    board.record_outcome("dating")
    stage_is("dating")
    qtbot.waitUntil(lambda: any("In a relationship" in t for t in infos), timeout=5000)
    with ctx.store.read() as s:
        assert s.get(Member, woman).status == "in_relationship"
    board.select_stage(Stage.DATING.value)
    qtbot.waitUntil(lambda: board.model.rowCount() == 1 and board.model.rows[0].stage == "dating", timeout=5000)


def test_forbidden_moves_are_refused_with_a_sentence(qtbot, window, ctx, people, monkeypatch):
    page = _page(qtbot, window)
    with ctx.uow() as uow:
        info = propose_introduction(uow, member_a=people["man"], member_b=people["women"][2])
    board = page.board
    board.reload()
    qtbot.waitUntil(lambda: board.model.rowCount() == 1, timeout=5000)
    board.select(info.id)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    board.record_meeting()  # proposed -> met is not a transition
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown[0] == "An introduction cannot go from “Proposed” to “Met”."
    board.withdraw("member_request")
    qtbot.waitUntil(lambda: _stage(ctx, info.id) == "withdrawn", timeout=5000)


def _stage(ctx, intro_id):
    with ctx.store.read() as s:
        return s.get(Introduction, intro_id).stage


@pytest.mark.parametrize("problem", ["consent", "fraud"])
def test_propose_errors_are_translated(qtbot, window, ctx, people, monkeypatch, problem):
    page = _page(qtbot, window)
    panel = _pick(qtbot, page, people["man"])
    woman = people["women"][1]
    panel.table.selectRow(panel.model.row_of(woman))
    # The case changes behind the screen's back (another laptop, through sync): no refresh yet.
    with ctx.uow() as uow:
        if problem == "consent":
            withdraw_consent(uow, member_id=woman, type=ConsentType.SHARE_PROFILE)
        else:
            set_fraud_flag(uow, member_id=woman, flagged=True, reason="核实中")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    qtbot.mouseClick(panel.propose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    with ctx.store.read() as s:
        number = s.get(Member, woman).member_no
    expected = {
        "consent": f"Member {number} has no consent “Share profile with candidates” in force",
        "fraud": f"Member {number} is flagged as suspected fraud",
    }[problem]
    assert shown[0].startswith(expected)
    assert _introductions(ctx) == 0


def test_consent_withdrawal_removes_the_candidate_at_once(qtbot, window, ctx, people):
    page = _page(qtbot, window)
    panel = _pick(qtbot, page, people["man"])
    woman = people["women"][2]
    assert panel.model.row_of(woman) >= 0
    pool = page.holder.index.pool  # a rebuild would swap the pool: edits update it in place
    window.ops.run(lambda uow, _p, _c: withdraw_consent(uow, member_id=woman, type=ConsentType.MATCHING))
    qtbot.waitUntil(lambda: panel.model.row_of(woman) < 0, timeout=5000)
    assert panel.model.rowCount() > 0
    assert page.holder.index.ineligibility(woman) == ("no_matching_consent",)
    assert page.holder.index.pool is pool


def test_withdrawn_consent_of_the_picked_member_says_why(qtbot, window, ctx, people):
    page = _page(qtbot, window)
    panel = _pick(qtbot, page, people["man"])
    window.ops.run(lambda uow, _p, _c: withdraw_consent(uow, member_id=people["man"], type=ConsentType.MATCHING))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0 and panel.notice.isVisible(), timeout=5000)
    assert "no consent to matching" in panel.notice.text()


def test_index_catches_up_with_bulk_inserts(qtbot, window, ctx, people):
    page = _page(qtbot, window)
    pool = page.holder.index.pool
    before = len(pool)
    window.ops.run(lambda c, _p, _cancel: _seed(c), mode="bare", changes=Changes.of(Area.MEMBERS))
    qtbot.waitUntil(lambda: len(page.holder.index.pool) == before + 30, timeout=10000)
    with ctx.store.read() as s:
        live = s.execute(select(func.count()).select_from(Member).where(Member.status != "archived")).scalar_one()
    assert len(page.holder.index.pool) == live and page.holder.index.pool is pool


def _seed(c):
    with c.uow() as uow:
        seed_members(uow, count=30, seed=99)


def test_batch_preview_creates_nothing_until_confirmed(qtbot, window, ctx, people, monkeypatch, qtmodeltester):
    page = _page(qtbot, window)
    batch = page.batch
    page.tabs.setCurrentWidget(batch)
    batch.matchmaker.setCurrentIndex(batch.matchmaker.findData(ctx.actor.staff_id))
    batch.preview()
    qtbot.waitUntil(lambda: batch.result is not None, timeout=10000)
    pairs = batch.model.pairs
    assert pairs and _introductions(ctx) == 0
    members = [x for p in pairs for x in (p.member_id, p.candidate_id)]
    assert len(members) == len(set(members))  # nobody double-booked
    assert all(p.member_id in set(people["women"]) | {people["man"]} for p in pairs)
    qtmodeltester.check(batch.model)
    # untick the first; declining the confirmation creates nothing
    batch.model.setData(batch.model.index(0, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    keep = batch.model.selected_pairs()
    assert len(keep) == len(pairs) - 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    batch.create_selected()
    wait_jobs(qtbot, window)
    assert _introductions(ctx) == 0
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    batch.create_selected()
    qtbot.waitUntil(lambda: _introductions(ctx) == len(keep), timeout=5000)
    with ctx.store.read() as s:
        sources = set(s.execute(select(Introduction.source)).scalars())
    assert sources == ({"batch"} if keep else set())
    qtbot.waitUntil(lambda: batch.model.rowCount() == 0, timeout=5000)
    assert f"{len(keep)} introductions proposed" in batch.summary.text()


def test_overdue_follow_ups_are_highlighted(qtbot, window, ctx, people, qtmodeltester):
    man, woman = people["man"], people["women"][0]
    past = datetime.now(UTC) - timedelta(days=30)
    with unit_of_work(ctx.store, ctx.actor, clock=lambda: past) as uow:
        info = propose_introduction(uow, member_a=man, member_b=woman)
        record_response(uow, introduction_id=info.id, member_id=man, accepted=True)
        record_response(uow, introduction_id=info.id, member_id=woman, accepted=True)
        exchange_contacts(uow, introduction_id=info.id)
    page = _page(qtbot, window)
    board = page.board
    board.reload()
    qtbot.waitUntil(lambda: board.model.rowCount() == 1, timeout=5000)
    row = board.model.rows[0]
    assert row.overdue_follow_ups == 4  # +3 days and +3 weeks of both sides are past, +3 months not
    model = board.model
    assert model.data(model.index(0, 1), Qt.ItemDataRole.BackgroundRole).color().name() == OVERDUE_BACKGROUND
    assert "(4 overdue)" in model.data(model.index(0, 8))
    items = [board.stages.item(i).text() for i in range(board.stages.count())]
    assert any(t.startswith("Contacts exchanged  (1)") and "1 overdue" in t for t in items)
    board.overdue_only.setChecked(True)
    qtbot.waitUntil(lambda: board.model.rowCount() == 1, timeout=5000)
    qtmodeltester.check(model)


def test_weights_preview_shows_two_lists_and_only_admins_save(qtbot, window, ctx, people, monkeypatch, qtmodeltester):
    page = _page(qtbot, window)
    weights = page.weights
    page.tabs.setCurrentWidget(weights)
    assert not weights.save_button.isEnabled()  # a matchmaker
    weights.picker.pick(people["man"])
    for name in ("w_age", "w_height", "w_education", "w_district"):
        weights.editors[name].set_value(0.0)
    weights.editors["w_tags"].set_value(1.0)
    weights.preview()
    qtbot.waitUntil(lambda: weights.preview_info is not None, timeout=5000)
    index = page.holder.index
    proposed = MatchWeights(w_age=0, w_height=0, w_education=0, w_district=0, w_tags=1.0)
    assert weights.proposed() == proposed
    assert weights.current_model.ids() == [r.member_id for r in index.rank(people["man"], k=20)]
    assert weights.proposed_model.ids() == [r.member_id for r in index.rank(people["man"], k=20, weights=proposed)]
    assert weights.current_model.rowCount() > 0 and weights.proposed_model.rowCount() > 0
    assert "enter the list" in weights.summary.text()
    qtmodeltester.check(weights.proposed_model)
    with ctx.store.read() as s:
        assert current_weights(s) == MatchWeights()  # nothing stored by a preview
    # an administrator may save
    admin = add_account(ctx.store, username="admin", display_name="管理员", role=Role.UNION_ADMIN)
    ctx.act_as(admin.staff_id)
    window._on_ops_changed(Changes.of(Area.ACTOR))
    assert weights.save_button.isEnabled()
    weights.mean.setCurrentIndex(weights.mean.findData("harmonic"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    weights.save()
    qtbot.waitUntil(lambda: weights.current.mean == "harmonic", timeout=5000)
    with ctx.store.read() as s:
        assert current_weights(s) == MatchWeights(mean="harmonic", w_age=0, w_height=0, w_education=0,
                                                  w_district=0, w_tags=1.0)  # fmt: skip
    # the index picked the new weights up
    panel = _pick(qtbot, page, people["man"])
    qtbot.waitUntil(lambda: page.holder.index.weights.mean == "harmonic", timeout=5000)
    # and the candidate list asks again once the index has caught up (sig_updated, a moment later:
    # the list shown when the member was picked may have been ranked before the catch-up)
    qtbot.waitUntil(lambda: bool(panel.model.rows) and panel.model.rows[0].factors[0].params["mean"] == "harmonic",
                    timeout=5000)  # fmt: skip


def test_models_pass_the_qt_model_tester(qtmodeltester, qapp):
    for model in (CandidateTableModel(), IntroductionBoardModel(), BatchPreviewModel(), RankPreviewModel()):
        qtmodeltester.check(model)


def test_slip_files_carry_no_personal_data(ctx):
    path = board_mod.prints_folder(ctx)
    assert path.is_dir() and path.parent == ctx.home


def test_never_suggest_blocks_the_pair(qtbot, window, ctx, people, monkeypatch):
    from xzdesk.ui.matching.dialogs import BlockDialog

    page = _page(qtbot, window)
    panel = _pick(qtbot, page, people["man"])
    woman = people["women"][1]
    panel.table.selectRow(panel.model.row_of(woman))
    assert panel.block_button.isEnabled()

    def choose_relatives(dialog):
        dialog.reason.setCurrentIndex(dialog.reason.findData("relatives"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BlockDialog, "exec", choose_relatives)
    qtbot.mouseClick(panel.block_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.row_of(woman) < 0 and panel.model.rowCount() > 0, timeout=5000)
    assert page.holder.index.why_not(people["man"], woman) == ("blocked",)
    assert "will not be suggested again" in panel.status.text()


def _board_with(qtbot, page, intro_id, stage_key="open"):
    board = page.board
    page.tabs.setCurrentWidget(board)
    board.select_stage(stage_key)
    board.reload()
    qtbot.waitUntil(lambda: not board.ops.busy and board.model.row_of(intro_id) >= 0, timeout=5000)
    board.select(intro_id)
    qtbot.waitUntil(lambda: board.selected() is not None and board.selected().id == intro_id, timeout=5000)
    return board


def test_declined_asks_who_and_why_and_can_be_undone(qtbot, window, ctx, people, monkeypatch):
    from xzdesk.ui.matching.dialogs import DeclineDialog

    with ctx.uow() as uow:
        info = propose_introduction(uow, member_a=people["man"], member_b=people["women"][0])
    page = _page(qtbot, window)
    board = _board_with(qtbot, page, info.id)
    side = "a" if board.selected().a.member_id == people["women"][0] else "b"
    # cancelling the dialog records nothing
    monkeypatch.setattr(DeclineDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    board.ask_decline(side)
    wait_jobs(qtbot, window)
    with ctx.store.read() as s:
        assert s.get(Introduction, info.id).stage == "proposed"
    seen = {}

    def fill(dialog):
        seen["ok_before"] = dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        seen["side"] = dialog.side.currentData()
        dialog.reason.setCurrentIndex(dialog.reason.findData("other"))
        seen["ok_other_without_note"] = dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        dialog.note.setText("已有意向对象")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DeclineDialog, "exec", fill)
    board.ask_decline(side)
    qtbot.waitUntil(lambda: board.notice_box.isVisibleTo(board), timeout=5000)
    assert seen == {"ok_before": False, "side": side, "ok_other_without_note": False}
    with ctx.store.read() as s:
        row = s.get(Introduction, info.id)
        assert row.stage == "declined" and row.decline_reason == "other" and row.decline_note == "已有意向对象"
        assert getattr(row, f"{side}_response") == "declined"
        number = s.get(Member, people["women"][0]).member_no
    assert number in board.notice.text() and board.notice_undo.isVisibleTo(board)
    # the declined introduction left "All open"; the notice's undo brings it back
    qtbot.waitUntil(lambda: board.model.row_of(info.id) < 0, timeout=5000)
    board.notice_undo.click()
    qtbot.waitUntil(lambda: board.model.row_of(info.id) >= 0, timeout=5000)
    with ctx.store.read() as s:
        row = s.get(Introduction, info.id)
        assert row.stage == "proposed" and row.a_response is None and row.b_response is None
        assert s.execute(select(func.count()).select_from(AuditEntry)
                         .where(AuditEntry.action == "introduction.decline_undone")).scalar_one() == 2  # fmt: skip
    assert not board.notice_undo.isVisibleTo(board)


def test_undo_button_on_a_declined_row_until_the_window_closes(qtbot, window, ctx, people, monkeypatch):
    with ctx.uow() as uow:
        info = propose_introduction(uow, member_a=people["man"], member_b=people["women"][1])
        record_response(uow, introduction_id=info.id, member_id=people["man"], accepted=False, decline_reason="age")
    page = _page(qtbot, window)
    board = _board_with(qtbot, page, info.id, "declined")
    assert board.undo_button.isVisibleTo(board) and board.undo_button.isEnabled()
    assert not board.withdraw_button.isVisibleTo(board)
    assert "年龄" in board.detail.text() or "Age does not suit" in board.detail.text()
    # a decline recorded more than a day ago can no longer be undone
    with ctx.store.write_session() as s, s.begin():
        s.execute(update(Introduction).where(Introduction.id == info.id)
                  .values(closed_at=datetime.now(UTC) - timedelta(hours=25)))  # fmt: skip
    board.reload()
    qtbot.waitUntil(lambda: board.selected() is not None and not board.undo_button.isEnabled(), timeout=5000)
    board.undo_button.setEnabled(True)  # even if forced, the domain refuses with a sentence
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    board.undo_selected()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "24" in shown[0] and "introductions." not in shown[0]


def test_a_member_in_two_live_introductions_is_warned_about(qtbot, window, ctx, people, monkeypatch):
    with ctx.uow() as uow:
        first = propose_introduction(uow, member_a=people["man"], member_b=people["women"][0])
    page = _page(qtbot, window)
    panel = _pick(qtbot, page, people["man"])
    second_woman = people["women"][1]
    panel.table.selectRow(panel.model.row_of(second_woman))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(panel.propose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _introductions(ctx) == 2, timeout=5000)
    with ctx.store.read() as s:
        man_no = s.get(Member, people["man"]).member_no
        first_woman_no = s.get(Member, people["women"][0]).member_no
    assert "⚠" in asked[0] and man_no in asked[0] and first_woman_no in asked[0]
    board = _board_with(qtbot, page, first.id)
    row = board.selected()
    man_col = 1 if row.a.member_id == people["man"] else 3
    index = board.model.index(board.model.row_of(first.id), man_col)
    assert board.model.data(index).endswith("⚠")
    tip = board.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert man_no in tip and first_woman_no not in tip  # names the other introduction, not this one
    assert "⚠" in board.detail.text() and man_no in board.detail.text()
