"""Table tents, seat chart, sign-in sheet, speed-dating cards, introduction and result slips."""

from __future__ import annotations

import math
from datetime import date, datetime

import numpy as np
import pytest

from xzdesk.domain.errors import Cancelled, FieldProblem
from xzdesk.domain.printing import (
    CardRoundRow,
    EventHeaderInfo,
    IntroductionSlipInfo,
    MatchRow,
    MissingGlyph,
    ProfileFieldRow,
    ResultSlipInfo,
    SeatTableInfo,
    SignInRow,
    SpeedDatingCardInfo,
    TableTentInfo,
    print_introduction_slips,
    print_result_slips,
    print_seat_chart,
    print_sign_in_sheet,
    print_speed_dating_cards,
    print_table_tents,
    seat_chart_layout,
    sign_in_page_count,
)
from xzdesk.domain.printing.labels import (
    CARD_LABELS,
    INTRO_LABELS,
    RESULT_LABELS,
    SAFETY_NOTICE,
    SEAT_CHART_LABELS,
    SIGN_IN_LABELS,
    TENT_LABELS,
)
from xzdesk.domain.printing.seat_chart import plan_area
from xzdesk.domain.printing.sign_in import rows_per_page
from xzdesk.domain.progress import CancelToken

from .pdfcheck import ID_LIKE, PHONE_LIKE, char_boxes, fonts, metadata, page_count, page_texts, render, squash

EVENT = EventHeaderInfo("徐州工会五月联谊会", datetime(2025, 5, 20, 14, 30), "工人文化宫")


def _plates(n: int) -> list[str]:
    return [f"{'MF'[i % 2]}{i // 2 + 1:02d}" for i in range(n)]


def _assert_clean_pdf(path, doc_title: str) -> None:
    found = fonts(path)
    assert found and all(f.embedded for f in found), found
    assert metadata(path)["/Title"] == doc_title


# ---- table tents -------------------------------------------------------------------------

def test_table_tents_one_page_per_table_label_upright_on_both_faces(tmp_path):
    path = tmp_path / "tents.pdf"
    tents = [TableTentInfo("7"), TableTentInfo("玫瑰", subtitle="浪漫主题")]
    report = print_table_tents(tents, path, event=EVENT)
    assert report.pages == 2 == page_count(path) and report.items == 2
    _assert_clean_pdf(path, TENT_LABELS["doc_title"])
    texts = page_texts(path)
    assert texts[1].count("玫瑰") == 2 and texts[1].count(TENT_LABELS["table"]) == 2
    # one face in each half of the sheet
    sevens = [c for c in char_boxes(path, 0) if c.char == "7"]
    assert len(sevens) == 2
    assert min(c.top for c in sevens) < 105 < max(c.top for c in sevens)
    # the upper face is the lower face turned 180°: compare the halves' pixels
    image = np.asarray(render(path, 1, dpi=72), dtype=float)
    h = image.shape[0]
    band = 6
    top = image[: h // 2 - band]
    bottom = image[h // 2 + band + (h % 2) :]
    rotated = np.rot90(top, 2)
    assert np.abs(rotated - bottom).mean() < 3.0
    assert np.abs(top - bottom).mean() > 3 * np.abs(rotated - bottom).mean() + 1.0  # a plain copy would not match


# ---- seat chart --------------------------------------------------------------------------

def _grid_tables(n_tables: int, seats: int) -> list[SeatTableInfo]:
    plates = _plates(n_tables * seats)
    return [
        SeatTableInfo(str(t + 1), tuple(plates[t * seats : (t + 1) * seats]), shape="long" if t % 5 == 4 else "round")
        for t in range(n_tables)
    ]


@pytest.mark.parametrize("page_size", ["A4", "A3"])
def test_seat_chart_grid_fits_the_page(page_size):
    tables = _grid_tables(40, 10)
    placements = seat_chart_layout(tables, page_size=page_size)
    area = plan_area(page_size)
    assert [p.label for p in placements] == [t.label for t in tables]
    for p in placements:
        assert len(p.seats) == 10
        for s in p.seats:
            assert area.x - 1e-6 <= s.x - s.r and s.x + s.r <= area.right + 1e-6
            assert area.y - 1e-6 <= s.y - s.r and s.y + s.r <= area.bottom + 1e-6
    # seats of different tables never overlap
    all_seats = [(s.x, s.y, s.r) for p in placements for s in p.seats]
    for i, (x1, y1, r1) in enumerate(all_seats):
        for x2, y2, r2 in all_seats[i + 1 :]:
            assert math.dist((x1, y1), (x2, y2)) >= r1 + r2 - 1e-6


def test_seat_chart_keeps_floor_plan_positions_to_scale():
    tables = [
        SeatTableInfo("A", ("M01", "F01"), "round", 0, 0),
        SeatTableInfo("B", ("M02", "F02"), "round", 400, 0),
        SeatTableInfo("C", ("M03", "F03"), "long", 0, 300, rotation=90),
    ]
    a, b, c = seat_chart_layout(tables)
    ab, ac = math.dist((a.cx, a.cy), (b.cx, b.cy)), math.dist((a.cx, a.cy), (c.cx, c.cy))
    assert ab / ac == pytest.approx(400 / 300)
    assert a.cy == pytest.approx(b.cy) and a.cx == pytest.approx(c.cx) and c.cy > a.cy
    # the rotated long table has its seats left and right of it, not above and below
    assert {round(s.y - c.cy, 3) for s in c.seats} == {0.0}
    assert sorted(round(s.x - c.cx, 3) for s in c.seats)[0] < 0 < sorted(round(s.x - c.cx, 3) for s in c.seats)[-1]
    # a table without a position switches the whole chart to the grid
    grid = seat_chart_layout([*tables[:2], SeatTableInfo("D", ("M04",))])
    assert grid[0].cy == pytest.approx(grid[1].cy)


def test_seat_chart_pdf_lists_every_plate(tmp_path):
    tables = _grid_tables(12, 8)
    tables[0] = SeatTableInfo("主桌", ("M01", "", "F01", "\U000201d4"), "long")
    path = tmp_path / "seat.pdf"
    report = print_seat_chart(tables, path, event=EVENT)
    assert report.pages == 1 and report.items == 12
    assert report.missing_glyphs == (MissingGlyph(codepoint=0x201D4, items=(0,)),)
    text = page_texts(path)[0]
    for t in tables[1:]:
        for plate in t.seats:
            assert plate in text
    assert "主桌" in text and SEAT_CHART_LABELS["title"] in text
    seated = sum(1 for t in tables for s in t.seats if s)
    assert SEAT_CHART_LABELS["summary"].format(tables=12, seated=seated) in text
    _assert_clean_pdf(path, SEAT_CHART_LABELS["doc_title"])


def test_seat_chart_rejects_unknown_shape_and_page():
    with pytest.raises(FieldProblem) as info:
        seat_chart_layout([SeatTableInfo("1", ("M01",), shape="oval")])
    assert info.value.code == "printing.unknown_table_shape"
    with pytest.raises(FieldProblem) as info:
        seat_chart_layout([], page_size="A5")
    assert info.value.code == "printing.unknown_page_size"


# ---- sign-in sheet -----------------------------------------------------------------------

def test_sign_in_sheet_pages_columns_and_no_phone_or_id(tmp_path):
    n = rows_per_page() * 2 + 3
    rows = [SignInRow(p, ["张*", "欧阳*", "李*", "\u4dae*"][i % 4], str(i // 10 + 1)) for i, p in enumerate(_plates(n))]
    path = tmp_path / "sign-in.pdf"
    report = print_sign_in_sheet(rows, path, event=EVENT)
    assert report.pages == 3 == sign_in_page_count(n) == page_count(path)
    assert report.items == n and report.missing_glyphs == ()
    texts = page_texts(path)
    for page, text in enumerate(texts, start=1):
        assert SIGN_IN_LABELS["page"].format(page=page, pages=3) in text
        for key in ("number", "name", "table", "signature"):
            assert SIGN_IN_LABELS[key] in text
        assert "徐州工会五月联谊会" in text
        flat = text.replace(" ", "").replace("\n", "")
        assert not ID_LIKE.search(flat) and not PHONE_LIKE.search(flat)
    all_text = "".join(texts)
    for r in rows:
        assert r.number_plate in all_text
    assert "欧阳*" in all_text and "\u4dae*" in all_text
    # the last page starts with the right running number
    assert str(rows_per_page() * 2 + 1) in texts[2]
    _assert_clean_pdf(path, SIGN_IN_LABELS["doc_title"])


def test_sign_in_sheet_empty_is_one_page(tmp_path):
    path = tmp_path / "empty.pdf"
    report = print_sign_in_sheet([], path, event=EVENT)
    assert report.pages == 1 and report.items == 0
    assert SIGN_IN_LABELS["count"].format(n=0) in page_texts(path)[0]


# ---- speed-dating cards ------------------------------------------------------------------

def test_speed_dating_cards(tmp_path):
    short = SpeedDatingCardInfo(
        "M01", tuple(CardRoundRow(r, f"F{r:02d}" if r != 4 else "", str(r)) for r in range(8, 0, -1))
    )
    long = SpeedDatingCardInfo("F02", tuple(CardRoundRow(r, f"M{r:02d}") for r in range(1, 36)))
    path = tmp_path / "cards.pdf"
    report = print_speed_dating_cards([short, long], path, event=EVENT)
    # short card: one half; long card (35 rounds): two halves -> 3 halves, 2 sheets
    assert report.items == 2 and report.pages == 2
    texts = page_texts(path)
    first = squash(texts[0])
    assert CARD_LABELS["title"] in first and CARD_LABELS["my_number"] in first
    # a round without a partner is a rest for this person, not a break for everyone
    assert CARD_LABELS["rest"] in first and CARD_LABELS["break"] not in first
    for r in short.rounds:
        if r.partner_plate:
            assert r.partner_plate in first
    # rounds are printed in order whatever order they came in
    assert first.index("第1轮") < first.index("第2轮") < first.index("第8轮")
    assert squash(CARD_LABELS["continued"].format(part=1, parts=2)) in first
    assert squash(CARD_LABELS["continued"].format(part=2, parts=2)) in squash(texts[1])
    everything = squash("".join(texts))
    for r in long.rounds:
        assert r.partner_plate in everything
    _assert_clean_pdf(path, CARD_LABELS["doc_title"])


# ---- introduction slips ------------------------------------------------------------------

def _slip(**kw) -> IntroductionSlipInfo:
    fields = (
        ProfileFieldRow("nickname", "王先生"),
        ProfileFieldRow("age", "32 岁"),
        ProfileFieldRow("education", "本科"),
        ProfileFieldRow("hobbies", "羽毛球、旅行、摄影、读书、做饭、徒步、听音乐、看电影、养花、下围棋" * 2),
        ProfileFieldRow("pets", "一只猫", label="宠物"),
    )
    defaults = dict(reference="INT-7K3Q9M2A", recipient="张女士", fields=fields,
                    about="我是一名中学数学老师，平时喜欢运动和旅行。", matchmaker="李老师 0516-83712345",
                    issued_on=date(2025, 5, 22))
    defaults.update(kw)
    return IntroductionSlipInfo(**defaults)  # type: ignore[arg-type]


def test_introduction_slip_prints_fields_and_the_safety_notice(tmp_path):
    path = tmp_path / "intro.pdf"
    report = print_introduction_slips([_slip(), _slip(recipient="王先生", about="")], path)
    assert report.pages == 2 and report.items == 2
    for text in page_texts(path):
        flat = squash(text)
        assert squash(SAFETY_NOTICE) in flat
        assert INTRO_LABELS["notice_title"] in flat
        for key in ("field.nickname", "field.age", "field.education", "field.hobbies"):
            assert INTRO_LABELS[key] in flat
        assert "宠物" in flat and "一只猫" in flat
        assert squash("羽毛球、旅行、摄影、读书、做饭、徒步、听音乐、看电影、养花、下围棋" * 2) in flat
    assert "致：张女士" in squash(page_texts(path)[0])
    assert "我是一名中学数学老师" in squash(page_texts(path)[0])
    _assert_clean_pdf(path, INTRO_LABELS["doc_title"])
    assert "张女士" not in " ".join(metadata(path).values())


def test_introduction_slip_unknown_field_is_refused(tmp_path):
    with pytest.raises(FieldProblem) as info:
        print_introduction_slips([_slip(), _slip(fields=(ProfileFieldRow("shoe_size", "42"),))], tmp_path / "x.pdf")
    assert info.value.code == "printing.unknown_field"
    assert info.value.params == {"item": 1, "key": "shoe_size"}
    assert not (tmp_path / "x.pdf").exists()


# ---- result slips ------------------------------------------------------------------------

def test_result_slips_list_only_plates_and_nicknames(tmp_path):
    slips = [
        ResultSlipInfo("M01", (MatchRow("F03", "小雨"), MatchRow("F07", "向日葵"))),
        ResultSlipInfo("M02", ()),
        ResultSlipInfo("F05", tuple(MatchRow(f"M{i:02d}", f"昵称{i}") for i in range(1, 15))),
    ]
    path = tmp_path / "results.pdf"
    report = print_result_slips(slips, path, event=EVENT)
    assert report.pages == 2 and report.items == 3
    first, second = (squash(t) for t in page_texts(path))
    assert "F03" in first and "小雨" in first and "向日葵" in first
    assert squash(RESULT_LABELS["none"]) in first  # M02 has no match
    assert RESULT_LABELS["private"] in first
    for i in range(1, 15):
        assert f"M{i:02d}" in second and f"昵称{i}" in second
    _assert_clean_pdf(path, RESULT_LABELS["doc_title"])


def test_layouts_honour_cancel(tmp_path):
    cancel = CancelToken()
    cancel.cancel()
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        print_sign_in_sheet([SignInRow("M01", "张*")], out / "a.pdf", event=EVENT, cancel=cancel)
    with pytest.raises(Cancelled):
        print_table_tents([TableTentInfo("1")], out / "b.pdf", event=EVENT, cancel=cancel)
    with pytest.raises(Cancelled):
        print_result_slips([ResultSlipInfo("M01", ())], out / "c.pdf", event=EVENT, cancel=cancel)
    assert list(out.iterdir()) == []
