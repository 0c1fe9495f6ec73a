"""The prints an organiser hangs on the wall or puts on the tables (issue 10, items 6 and 15):
the find-your-table list after the seat chart, table tents with their guests, the sign-in sheet
with the phone's last four digits, and speed-dating cards with times, breaks and rests."""

from __future__ import annotations

from datetime import datetime, time

import numpy as np
import pytest

from xzdesk.domain.printing import (
    CardBreakRow,
    CardRoundRow,
    EventHeaderInfo,
    FindTableRow,
    SeatTableInfo,
    SignInRow,
    SpeedDatingCardInfo,
    TableTentInfo,
    finder_pages,
    print_seat_chart,
    print_sign_in_sheet,
    print_speed_dating_cards,
    print_table_tents,
)
from xzdesk.domain.printing.labels import (
    CARD_LABELS,
    FINDER_LABELS,
    SEAT_CHART_LABELS,
    SIGN_IN_LABELS,
    TENT_LABELS,
)
from xzdesk.domain.printing.seat_chart import FINDER_COLUMNS, finder_page_size
from xzdesk.domain.printing.tents import tent_guest_boxes

from .pdfcheck import char_boxes, fonts, page_count, page_texts, render, squash

EVENT = EventHeaderInfo("徐州工会五月联谊会", datetime(2025, 5, 20, 14, 30), "工人文化宫")
NAMES = [("安", "先生"), ("白", "女士"), ("陈", "先生"), ("杜", "女士"), ("欧阳", "女士"), ("杨", "先生"), ("杨", "女士"),
         ("张", "先生"), ("赵", "女士")]
GROUPS = {"安": "A", "白": "B", "陈": "C", "杜": "D", "欧阳": "O", "杨": "Y", "张": "Z", "赵": "Z"}


def _finder(n: int) -> list[FindTableRow]:
    rows = []
    for i in range(n):
        surname, title = NAMES[i * len(NAMES) // n]
        rows.append(FindTableRow(f"{'MF'[i % 2]}{i + 1:02d}", surname + title, str(i % 9 + 1) if i % 17 else "",
                                 GROUPS[surname]))  # fmt: skip
    return rows


def test_seat_chart_is_followed_by_the_find_your_table_list(tmp_path):
    rows = _finder(60)
    tables = [SeatTableInfo(str(t), tuple(r.number_plate for r in rows if r.table_label == str(t))) for t in range(1, 10)]
    path = tmp_path / "chart.pdf"
    report = print_seat_chart(tables, path, event=EVENT, finder=rows)
    pages = finder_pages(rows)
    assert report.pages == 1 + len(pages) == page_count(path) and report.items == 9
    assert all(f.embedded for f in fonts(path))
    texts = page_texts(path)
    assert SEAT_CHART_LABELS["title"] in texts[0] and FINDER_LABELS["title"] not in texts[0]
    listed = squash("".join(texts[1:]))
    assert FINDER_LABELS["title"] in listed and "徐州工会五月联谊会" in listed and "2025年5月20日" in listed
    for r in rows:
        assert f"{r.number_plate}{r.display_name}{r.table_label or FINDER_LABELS['no_table']}" in listed
    # the lines come in the order given, under one heading per initial letter
    order = [listed.index(f"{r.number_plate}{r.display_name}") for r in rows]
    assert order == sorted(order)
    for letter in sorted(set(GROUPS.values())):
        assert letter in listed
    # the list pages are portrait (the plan is landscape)
    boxes = char_boxes(path, 1)
    assert max(b.bottom for b in boxes) > 210


@pytest.mark.parametrize("page_size", ["A4", "A3"])
def test_find_your_table_list_fills_columns_and_never_ends_one_with_a_heading(page_size):
    rows = _finder(200)
    pages = finder_pages(rows, page_size=page_size)
    w, h = finder_page_size(page_size)
    assert h > w
    seen = []
    for page in pages:
        assert 1 <= len(page) <= FINDER_COLUMNS[page_size]
        for column in page:
            assert column.x >= 10 and column.x + column.w <= w - 10
            assert column.entries[0].row is None  # every column starts with its group's heading
            assert column.entries[-1].row is not None
            assert all(e.y + 9 < h - 10 for e in column.entries)
            seen += [e.row for e in column.entries if e.row is not None]
    assert seen == rows
    # large type: at least 9.5 mm per line, several columns per page
    assert len(pages[0]) == FINDER_COLUMNS[page_size] >= 3
    ys = [e.y for e in pages[0][0].entries]
    assert min(b - a for a, b in zip(ys, ys[1:], strict=False)) >= 9.5


def test_seat_chart_without_a_list_is_one_page(tmp_path):
    report = print_seat_chart([SeatTableInfo("1", ("M01", ""))], tmp_path / "c.pdf", event=EVENT)
    assert report.pages == 1 and finder_pages([]) == []


def test_table_tents_list_the_guests_upright_on_both_faces(tmp_path):
    guests = ("M01 欧阳女士", "F02 张先生", "M03 李先生", "F04 杨女士", "M05 杨先生", "F06 王女士", "M07 赵先生")
    path = tmp_path / "tents.pdf"
    report = print_table_tents([TableTentInfo("7", subtitle="玫瑰", guests=guests), TableTentInfo("8")], path,
                               event=EVENT)  # fmt: skip
    assert report.pages == 2 and report.items == 2
    text = squash(page_texts(path)[0])
    for guest in guests:
        assert text.count(squash(guest)) == 2  # on both faces
    assert text.count("玫瑰") == 2 and text.count(TENT_LABELS["table"]) == 2
    # one face in each half, the upper one turned 180°
    image = np.asarray(render(path, 0, dpi=72), dtype=float)
    h = image.shape[0]
    top, bottom = image[: h // 2 - 6], image[h // 2 + 6 + (h % 2) :]
    assert np.abs(np.rot90(top, 2) - bottom).mean() < 3.0
    # the guests sit right of the label and inside the lower face
    boxes = tent_guest_boxes(len(guests))
    assert boxes["label"].right < boxes["guest0"].x and boxes["guest6"].bottom <= boxes["event"].y
    sevens = [c for c in char_boxes(path, 0) if c.char == "7" and c.bottom - c.top > 20]
    assert len(sevens) == 2  # the big label, once per face
    # a tent without guests keeps the label centred
    eight = [c for c in char_boxes(path, 1) if c.char == "8" and c.bottom - c.top > 20]
    assert len(eight) == 2 and abs((eight[0].left + eight[0].right) / 2 - 148.5) < 5


def test_many_guests_take_more_columns_inside_the_face():
    boxes = tent_guest_boxes(20)
    face = boxes["face"]
    xs = {round(boxes[f"guest{i}"].x, 3) for i in range(20)}
    assert len(xs) == 4
    for i in range(20):
        b = boxes[f"guest{i}"]
        assert face.x <= b.x and b.right <= face.right and b.bottom <= boxes["event"].y + 1e-6


def test_sign_in_sheet_shows_phone_last_four_only(tmp_path):
    rows = [SignInRow("M03", "杨* 先生", "2", "5678"), SignInRow("F07", "杨* 女士", "4", "13912341234")]
    path = tmp_path / "s.pdf"
    print_sign_in_sheet(rows, path, event=EVENT, by_name=True)
    text = squash(page_texts(path)[0])
    assert SIGN_IN_LABELS["phone"] in text and squash(SIGN_IN_LABELS["by_name"].format(n=2)) in text
    assert "杨*先生5678" in text and "杨*女士1234" in text
    assert "139" not in text  # even a whole number handed in by mistake prints its last four only


def test_cards_print_round_times_breaks_and_rests_apart(tmp_path):
    rounds = (
        CardRoundRow(1, "F01", "1", time(14, 45)),
        CardRoundRow(2, "F02", "2", time(14, 55)),
        CardRoundRow(3, "", "", time(15, 5)),
        CardRoundRow(4, "F04", "4", time(15, 25)),
    )
    card = SpeedDatingCardInfo("M01", rounds, breaks=(CardBreakRow(2, time(15, 3), time(15, 5)),
                                                      CardBreakRow(4, time(15, 33), time(15, 40))))  # fmt: skip
    path = tmp_path / "cards.pdf"
    print_speed_dating_cards([card], path, event=EVENT)
    text = squash(page_texts(path)[0])
    assert CARD_LABELS["time"] in text
    for clock in ("14:45", "14:55", "15:05", "15:25"):
        assert clock in text
    brk = squash(CARD_LABELS["break_time"].format(start="15:03", end="15:05"))
    assert text.index("第2轮") < text.index(brk) < text.index("第3轮")
    # round 3 is a rest for this person only: no break line, no tick box, no reason given
    assert text.index("第3轮") < text.index(CARD_LABELS["rest"]) < text.index("第4轮")
    assert text.count(CARD_LABELS["break_time"][:4]) == 1
    assert "15:33" not in text  # a break after the last round is no break
