"""The event's wall prints read back (issue 10, items 6 and 15): the sign-in sheet sorted by
surname with the phone's last four digits, the find-your-table list after the seat chart, table
tents with their guests, and speed-dating cards with times, breaks, and rests told apart."""

from __future__ import annotations

import re

from pypdf import PdfReader
from sqlalchemy import select

from tests.domain.events._factory import People, make_event
from xzdesk.domain.events import prints
from xzdesk.domain.events import seatplans as sp
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.models import EventRegistration
from xzdesk.domain.members.models import Member
from xzdesk.domain.printing.labels import CARD_LABELS, FINDER_LABELS
from xzdesk.domain.seating import RotationSettingsInfo
from xzdesk.domain.uow import unit_of_work

PHONE_LIKE = re.compile(r"1[3-9]\d{9}")
ID_LIKE = re.compile(r"\d{17}[\dXx]")


def _pages(path) -> list[str]:
    return [re.sub(r"\s+", "", page.extract_text() or "") for page in PdfReader(path).pages]


def _people(store) -> dict[str, tuple[str, str, str, int]]:
    """registration id -> (plate, full name, mobile, sex)."""
    with store.read() as s:
        rows = s.execute(select(EventRegistration.id, EventRegistration.plate, Member.name, Member.mobile, Member.sex)
                         .join(Member, Member.id == EventRegistration.member_id)).all()  # fmt: skip
    return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}


def _event_with(store, matchmaker, names: list[tuple[str, int]], **kw) -> str:
    people = People()
    ids = [people.make(store, matchmaker, sex=sex, age=28, name=name) for name, sex in names]
    eid = make_event(store, matchmaker, capacity=20, **kw)
    with unit_of_work(store, matchmaker) as uow:
        ev.invite_members(uow, event_id=eid, member_ids=ids)
    return eid


def test_sign_in_sheet_is_sorted_by_surname_and_tells_two_yangs_apart(store, matchmaker, tmp_path):
    eid = _event_with(store, matchmaker, [("张娜", 2), ("杨伟", 1), ("安磊", 1), ("杨静", 2), ("单军", 1)])
    out = tmp_path / "sign-in.pdf"
    with unit_of_work(store, matchmaker) as uow:
        info = prints.print_sign_in_sheet(uow, event_id=eid, out=out)
    text = "".join(_pages(out))
    assert info.items == 5 and not PHONE_LIKE.search(text) and not ID_LIKE.search(text)
    people = _people(store)
    for _plate, name, mobile, _sex in people.values():
        assert name not in text and mobile not in text
    lines = {name: f"{plate}{name[0]}*{'先生' if sex == 1 else '女士'}{mobile[-4:]}"
             for plate, name, mobile, sex in people.values()}  # fmt: skip
    for line in lines.values():
        assert line in text
    # 安 an < 单 shan (a surname reading) < 杨 yang, 杨 < 张 zhang; the two 杨 by plate (men first)
    order = [text.index(lines[n]) for n in ("安磊", "单军", "杨伟", "杨静", "张娜")]
    assert order == sorted(order)


def test_seat_chart_is_followed_by_the_find_your_table_list(store, matchmaker, tmp_path):
    eid = _event_with(store, matchmaker, [("周强", 1), ("欧阳娜娜", 2), ("白杰", 1), ("李芳", 2), ("白静", 2)])
    with unit_of_work(store, matchmaker) as uow:
        sp.add_tables(uow, event_id=eid, count=2, capacity=4)
        sp.optimise_seat_plan(uow, event_id=eid, max_iterations=2000)
    out = tmp_path / "chart.pdf"
    with unit_of_work(store, matchmaker) as uow:
        state = sp.seat_plan_state(uow.session, event_id=eid)
        info = prints.print_seat_chart(uow, event_id=eid, out=out)
    pages = _pages(out)
    assert info.pages == 2 and FINDER_LABELS["title"] in pages[1]
    tables = {r.registration_id: r.table_label or FINDER_LABELS["no_table"] for r in state.rows}
    people = _people(store)
    expected = {}
    for reg_id, (plate, name, mobile, sex) in people.items():
        surname = "欧阳" if name.startswith("欧阳") else name[0]
        expected[name] = f"{plate}{surname}{'先生' if sex == 1 else '女士'}{tables[reg_id]}"
        assert expected[name] in pages[1]
        assert name not in "".join(pages) and mobile not in "".join(pages)
    order = [pages[1].index(expected[n]) for n in ("白杰", "白静", "李芳", "欧阳娜娜", "周强")]
    assert order == sorted(order)
    for letter in "BLOZ":
        assert letter in pages[1]


def test_tents_list_each_tables_guests_on_both_faces(store, matchmaker, tmp_path):
    eid = _event_with(store, matchmaker, [("周强", 1), ("欧阳娜娜", 2), ("白杰", 1), ("李芳", 2)])
    with unit_of_work(store, matchmaker) as uow:
        sp.add_tables(uow, event_id=eid, count=2, capacity=2)
        sp.optimise_seat_plan(uow, event_id=eid, max_iterations=2000)
    out = tmp_path / "tents.pdf"
    with unit_of_work(store, matchmaker) as uow:
        state = sp.seat_plan_state(uow.session, event_id=eid)
        prints.print_table_tents(uow, event_id=eid, out=out)
    pages = _pages(out)
    people = _people(store)
    for t, row in enumerate(state.table_rows):
        here = [r.registration_id for r in state.rows if r.seat is not None and r.seat.table_id == row.id]
        assert len(here) == 2
        for reg_id in here:
            plate, name, _mobile, sex = people[reg_id]
            surname = "欧阳" if name.startswith("欧阳") else name[0]
            assert pages[t].count(f"{plate}{surname}{'先生' if sex == 1 else '女士'}") == 2
            assert name not in pages[t]


def test_cards_print_times_from_the_start_and_tell_rests_from_breaks(store, matchmaker, tmp_path):
    people = People()
    men = [people.make(store, matchmaker, sex=1, age=28, employer="徐州地铁" if i == 0 else None) for i in range(3)]
    women = [people.make(store, matchmaker, sex=2, age=28, employer="徐州地铁" if i == 0 else None) for i in range(3)]
    eid = make_event(store, matchmaker, kind="speed_dating", capacity=6, start_time="14:30")
    with unit_of_work(store, matchmaker) as uow:
        ev.invite_members(uow, event_id=eid, member_ids=men + women)
        view = sp.generate_rotation(uow, event_id=eid, settings=RotationSettingsInfo(
            round_minutes=8, changeover_minutes=2, break_every=1, break_minutes=5, start_minute=15))
    assert view.n_rounds == 3 and view.skipped_colleague_pairs == 1
    out = tmp_path / "cards.pdf"
    with unit_of_work(store, matchmaker) as uow:
        prints.print_speed_dating_cards(uow, event_id=eid, out=out)
    text = "".join(_pages(out))
    # rounds start at 14:45, 15:00, 15:15 (8 min + 2 min changeover + 5 min break)
    for clock in ("14:45", "15:00", "15:15"):
        assert clock in text
    assert "全体休息14:53–14:58" in text and "全体休息15:08–15:13" in text
    # each colleague (F01 and M01) has a round without a partner: printed as a rest, never as 休息
    # of everyone, and never naming the colleague
    with store.read() as s:
        plates = dict(s.execute(select(EventRegistration.member_id, EventRegistration.plate)).all())
    for cards_of in (plates[men[0]], plates[women[0]]):
        assert cards_of in text
    assert text.count(CARD_LABELS["rest"]) == 2
    assert text.count("全体休息") == 2 * 6
