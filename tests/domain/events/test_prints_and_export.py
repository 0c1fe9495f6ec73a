"""Printed materials and the attendee export, read back: PDFs with pypdf (text) and pdfium +
zxing (QR codes), workbooks with openpyxl."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest
import zxingcpp
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from tests.domain.events._factory import People, make_event
from xzdesk.domain.errors import PermissionDenied, ValidationError, XzError
from xzdesk.domain.events import export, prints
from xzdesk.domain.events import queries as q
from xzdesk.domain.events import seatplans as sp
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.models import EventRegistration
from xzdesk.domain.members import service as members
from xzdesk.domain.members.models import Member
from xzdesk.domain.privacy.masking import mask
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.tokens import parse_token, verify_token
from xzdesk.domain.uow import ActorInfo, unit_of_work

ID_LIKE = re.compile(r"\d{17}[\dXx]")
PHONE_LIKE = re.compile(r"1[3-9]\d{9}")


def _text(path) -> str:
    return "".join(re.sub(r"\s+", "", page.extract_text() or "") for page in PdfReader(path).pages)


@pytest.fixture
def event(store, matchmaker):
    """A speed-dating event: 4 men and 4 women approved, 2 tables, a plan and a rotation.
    One woman has a compound surname, one man a nickname."""
    people = People()
    men = [people.make(store, matchmaker, sex=1, age=28, nickname="阳光小王" if i == 0 else None) for i in range(4)]
    women = [people.make(store, matchmaker, sex=2, age=28, name="欧阳娜娜" if i == 0 else None) for i in range(4)]
    eid = make_event(store, matchmaker, kind="speed_dating", capacity=8, name="徐州市总工会8分钟约会")
    with unit_of_work(store, matchmaker) as uow:
        ev.invite_members(uow, event_id=eid, member_ids=men + women)
        sp.add_tables(uow, event_id=eid, count=2, capacity=4)
        sp.optimise_seat_plan(uow, event_id=eid, time_budget_s=1.0)
        sp.generate_rotation(uow, event_id=eid)
    with store.read() as s:
        names = {m.id: (m.name, m.mobile, m.id_number, m.member_no) for m in s.execute(select(Member)).scalars()}
    return eid, men, women, names


def test_badges_carry_plate_surname_title_table_and_a_verifiable_qr(store, matchmaker, event, tmp_path):
    eid, men, women, names = event
    out = tmp_path / "badges.pdf"
    with unit_of_work(store, matchmaker) as uow:
        info = prints.print_badges(uow, event_id=eid, out=out, preset="a4-10up")
    assert (info.items, info.pages, info.withheld, info.plates_marked) == (8, 1, 0, 8)
    text = _text(out)
    assert not ID_LIKE.search(text) and not PHONE_LIKE.search(text)
    for plate in ("M01", "M04", "F01", "F04"):
        assert plate in text
    assert "欧阳女士" in text and "徐州市总工会8分钟约会" in text and "桌号" in text
    for name, mobile, id_number, member_no in names.values():
        assert name not in text and mobile not in text and id_number not in text and member_no not in text
    meta = PdfReader(out).metadata or {}
    assert not any(n[0] in str(v) for n in names.values() for v in meta.values())
    # every QR decodes to a stored token that verifies under the event's key
    pdf = pdfium.PdfDocument(str(out))
    found = {r.text for r in zxingcpp.read_barcodes(pdf[0].render(scale=3).to_pil())}
    with store.read() as s:
        key = q.event_token_key(s, eid)
        regs = s.execute(select(EventRegistration).where(EventRegistration.event_id == eid)).scalars().all()
        assert found == {r.token for r in regs}
        assert all(r.plate_printed_at is not None for r in regs)
        audit = s.execute(select(AuditEntry).where(AuditEntry.action == "event.print.badges")).scalar_one()
        assert audit.fields == sorted([f"event:{eid}", "count:8"]) and audit.member_id is None
    assert all(verify_token(parse_token(t), key) for t in found)


def test_badges_by_nickname_and_only_unprinted(store, matchmaker, event, tmp_path):
    eid, men, _women, _names = event
    with unit_of_work(store, matchmaker) as uow:
        first = prints.print_badges(uow, event_id=eid, out=tmp_path / "a.pdf", name_style="nickname", preset="a6")
        again = prints.print_badges(uow, event_id=eid, out=tmp_path / "b.pdf", only_unprinted=True)
    assert first.pages == 8 and "阳光小王" in _text(tmp_path / "a.pdf")
    assert again.items == 0 and again.plates_marked == 0


@pytest.mark.parametrize("arrived_by_sync", [False, True])
def test_withdrawn_consent_is_not_printed(store, matchmaker, event, tmp_path, arrived_by_sync):
    """Withdrawn here: her registration is cancelled with the withdrawal, so she is not on the list.
    Withdrawn on another laptop, the consent arriving by sync before the cancellation does: she
    is still on the list, and every print withholds her."""
    from xzdesk.domain.members.models import Consent

    eid, men, women, names = event
    if arrived_by_sync:
        s = store.write_session()  # as a pulled row is applied: no service, no outbox
        try:
            s.info["sync_apply"] = True
            consent = s.execute(select(Consent).where(Consent.member_id == women[0], Consent.type == "basic")).scalar_one()
            consent.withdrawn_at = consent.granted_at
            s.commit()
        finally:
            s.close()
    else:
        with unit_of_work(store, matchmaker) as uow:
            members.withdraw_consent(uow, member_id=women[0], type="basic")
    with unit_of_work(store, matchmaker) as uow:
        badges = prints.print_badges(uow, event_id=eid, out=tmp_path / "b.pdf")
        sheet = prints.print_sign_in_sheet(uow, event_id=eid, out=tmp_path / "s.pdf")
        chart = prints.print_seat_chart(uow, event_id=eid, out=tmp_path / "c.pdf")
    withheld = 1 if arrived_by_sync else 0
    assert (badges.items, badges.withheld, sheet.items, sheet.withheld, chart.withheld) == (7, withheld, 7, withheld,
                                                                                          withheld)  # fmt: skip
    assert "欧阳女士" not in _text(tmp_path / "b.pdf") and "欧阳*" not in _text(tmp_path / "s.pdf")
    assert "F01" not in _text(tmp_path / "c.pdf")
    with store.read() as s:
        reg = s.execute(select(EventRegistration).where(EventRegistration.member_id == women[0])).scalar_one()
        assert reg.plate_printed_at is None
        assert reg.status == ("approved" if arrived_by_sync else "cancelled")


def test_sign_in_sheet_masks_names(store, matchmaker, event, tmp_path):
    eid, _men, _women, names = event
    out = tmp_path / "sign-in.pdf"
    with unit_of_work(store, matchmaker) as uow:
        info = prints.print_sign_in_sheet(uow, event_id=eid, out=out)
    text = _text(out)
    assert info.items == 8 and not ID_LIKE.search(text) and not PHONE_LIKE.search(text)
    assert "欧阳*" in text
    for name, mobile, _id, _no in names.values():
        assert name not in text and mobile not in text
        assert mask(name, "name") in text


def test_tents_seat_chart_and_cards(store, matchmaker, event, tmp_path):
    eid, _men, _women, _names = event
    with unit_of_work(store, matchmaker) as uow:
        sp.update_table(uow, table_id=sp.seat_plan_state(uow.session, event_id=eid).table_rows[0].id,
                        changes={"theme": "玫瑰"})
        tents = prints.print_table_tents(uow, event_id=eid, out=tmp_path / "t.pdf")
        chart = prints.print_seat_chart(uow, event_id=eid, out=tmp_path / "c.pdf")
        cards = prints.print_speed_dating_cards(uow, event_id=eid, out=tmp_path / "k.pdf")
    assert tents.items == 2 and "玫瑰" in _text(tmp_path / "t.pdf")
    chart_text = _text(tmp_path / "c.pdf")
    assert chart.items == 2 and all(p in chart_text for p in ("M01", "M04", "F01", "F04"))
    assert cards.items == 8
    card_text = _text(tmp_path / "k.pdf")
    assert "M01" in card_text and "F04" in card_text and not PHONE_LIKE.search(card_text)
    with store.read() as s:
        actions = set(s.execute(select(AuditEntry.action).where(AuditEntry.action.like("event.print.%"))).scalars())
    assert actions == {"event.print.tents", "event.print.seat-chart", "event.print.cards"}


def test_cards_need_a_current_rotation(store, matchmaker, event, tmp_path):
    eid, men, _women, _names = event
    with unit_of_work(store, matchmaker) as uow:
        reg = uow.session.execute(select(EventRegistration.id).where(EventRegistration.member_id == men[3])).scalar()
        ev.cancel_registration(uow, registration_id=reg)
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        prints.print_speed_dating_cards(uow, event_id=eid, out=tmp_path / "k.pdf")
    assert err.value.code == "events.rotation_stale" and not (tmp_path / "k.pdf").exists()


def test_preflight_reports_characters_no_font_draws(store, matchmaker, event):
    eid, _men, _women, _names = event
    with unit_of_work(store, matchmaker) as uow:
        ev.update_event(uow, event_id=eid, changes={"name": "联谊会\ue000"})
    with store.read() as s:
        pre = prints.preflight(s, event_id=eid, document="badges")
    assert pre.items == 8 and [g.codepoint for g in pre.missing_glyphs] == [0xE000]


@pytest.mark.parametrize("document", ["badges", "tents", "seat-chart", "sign-in", "cards"])
def test_preflight_counts_what_the_print_counts(store, matchmaker, event, tmp_path, document):
    """The print dialog says "N items to print" before and "N items" after: the seat chart said
    18 (tables and the find-your-table rows) before a print of 2 (its tables)."""
    eid, *_ = event
    printers = {"badges": prints.print_badges, "tents": prints.print_table_tents, "seat-chart": prints.print_seat_chart,
                "sign-in": prints.print_sign_in_sheet, "cards": prints.print_speed_dating_cards}  # fmt: skip
    with store.read() as s:
        before = prints.preflight(s, event_id=eid, document=document).items
    with unit_of_work(store, matchmaker) as uow:
        printed = printers[document](uow, event_id=eid, out=tmp_path / f"{document}.pdf").items
    assert before == printed


def test_event_staff_may_print_but_other_roles_may_not(store, matchmaker, event, tmp_path):
    eid, *_ = event
    staff = ActorInfo(matchmaker.staff_id, Role.EVENT_STAFF)
    with unit_of_work(store, staff) as uow:
        assert prints.print_sign_in_sheet(uow, event_id=eid, out=tmp_path / "s.pdf").items == 8
    with pytest.raises(PermissionDenied), unit_of_work(store, ActorInfo(matchmaker.staff_id, Role.AUDITOR)) as uow:
        prints.print_badges(uow, event_id=eid, out=tmp_path / "b.pdf")


# --- export -------------------------------------------------------------------------------------
def test_export_is_masked_with_text_cells(store, matchmaker, event, tmp_path):
    eid, _men, _women, names = event
    with unit_of_work(store, matchmaker) as uow:
        table = sp.seat_plan_state(uow.session, event_id=eid).table_rows[0]
        sp.update_table(uow, table_id=table.id, changes={"label": "=1+1"})
        info = export.export_attendees(uow, event_id=eid, out=tmp_path / "list.xlsx")
    assert (info.rows, info.withheld, info.masked) == (8, 0, True)
    ws = load_workbook(tmp_path / "list.xlsx").active
    header = [c.value for c in ws[1]]
    assert header[:3] == ["号码牌", "会员编号", "姓名"]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    flat = " ".join(str(v) for row in values for v in row)
    for name, mobile, id_number, _member_no in names.values():
        assert name not in flat and mobile not in flat and id_number not in flat
    assert not PHONE_LIKE.search(flat)
    col = {h: i for i, h in enumerate(header)}
    for row in ws.iter_rows(min_row=2):
        for key in ("会员编号", "手机号", "号码牌", "桌号"):
            cell = row[col[key]]
            assert cell.data_type == "s"
        assert row[col["会员编号"]].number_format == "@" and row[col["手机号"]].value.count("*") == 4
    assert "=1+1" in [r[col["桌号"]] for r in values]  # a formula-like label stays text


def test_unmasked_export_needs_permission_and_reason_and_is_audited_per_member(store, matchmaker, event, tmp_path):
    eid, *_rest, names = event
    with pytest.raises(ValidationError), unit_of_work(store, matchmaker) as uow:
        export.export_attendees(uow, event_id=eid, out=tmp_path / "x.xlsx", unmasked=True)
    admin = ActorInfo(matchmaker.staff_id, Role.UNION_ADMIN)  # may manage events, may not unmask
    with pytest.raises(PermissionDenied), unit_of_work(store, admin) as uow:
        export.export_attendees(uow, event_id=eid, out=tmp_path / "x.xlsx", unmasked=True, reason="场地核对")
    assert not (tmp_path / "x.xlsx").exists()
    with unit_of_work(store, matchmaker) as uow:
        info = export.export_attendees(uow, event_id=eid, out=tmp_path / "x.xlsx", unmasked=True, reason="场地核对")
    assert not info.masked
    ws = load_workbook(tmp_path / "x.xlsx").active
    flat = {str(c.value) for row in ws.iter_rows(min_row=2) for c in row}
    assert {n[0] for n in names.values()} <= flat and {n[1] for n in names.values()} <= flat
    with store.read() as s:
        rows = s.execute(select(AuditEntry).where(AuditEntry.action == "event.export.attendees.unmasked")).scalars().all()
        assert len(rows) == 8 and {r.reason for r in rows} == {"场地核对"} and rows[0].fields == ["mobile", "name"]
