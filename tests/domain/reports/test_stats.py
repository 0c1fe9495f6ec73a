"""Union statistics over a quarter built through the real services (tests/domain/reports/_data.py):
exact raw counts, the published (suppressed) report, scope, permissions, the workbook."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import openpyxl
import pytest
from sqlalchemy import select

from tests.domain.privacy._world import add_staff
from tests.domain.reports._data import PERIOD, build_quarter
from xzdesk.domain.errors import PermissionDenied
from xzdesk.domain.members.models import Member
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.privacy.rights import erase_member_data, receive_request
from xzdesk.domain.reports.periods import parse_period
from xzdesk.domain.reports.stats import (
    CITY,
    DISTRICT_MEASURES,
    TOTAL,
    _Counts,
    _publish,
    count_statistics,
    export_statistics,
    union_statistics,
    view_internal_statistics,
)
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.uow import unit_of_work

NOW = datetime(2026, 11, 25, 2, tzinfo=UTC)
GULOU = "320302"


@pytest.fixture
def quarter(store, matchmaker):
    return build_quarter(store, matchmaker)


def raw(store, period=PERIOD, scope=None):
    with store.read() as s:
        counts = count_statistics(s, period=parse_period(period), scope_district=scope)
    by_district = {m: dict(Counter(k for k, _ in items)) for m, items in counts.items.items()}
    by_month = {m: dict(Counter(mo for _, mo in items if mo)) for m, items in counts.items.items()}
    return by_district, by_month, counts.alone


def report(store, actor, period=PERIOD):
    with store.read() as s:
        return union_statistics(s, actor=actor, period=parse_period(period), now=NOW)


def test_raw_counts(store, quarter):
    by_district, by_month, alone = raw(store)
    assert by_district["events_held"] == {GULOU: 1, CITY: 1}
    assert by_month["events_held"] == {"2025-07": 1, "2025-08": 1}
    assert by_district["participations"] == {GULOU: 7, CITY: 6}
    assert by_month["participations"] == {"2025-07": 7, "2025-08": 6}
    assert by_district["participants"] == {GULOU: 7, CITY: 6}
    assert by_district["mutual_pairs"] == {GULOU: 2, CITY: 1}
    assert by_month["mutual_pairs"] == {"2025-07": 2, "2025-08": 1}
    # #1 dating in July (鼓楼区 matchmaker); #3 in September (city); #2 was dating before the quarter
    assert by_district["dating_pairs"] == {GULOU: 1, CITY: 1}
    assert by_month["dating_pairs"] == {"2025-07": 1, "2025-09": 1}
    assert by_district["married_pairs"] == {CITY: 1} and by_month["married_pairs"] == {"2025-08": 1}
    assert by_district["active_matchmakers"] == {GULOU: 1, CITY: 1}
    # 23:00 on 09-30 in Xuzhou counts, 00:30 on 10-01 does not
    assert by_district["new_members"] == {GULOU: 5} and by_month["new_members"] == {"2025-07": 4, "2025-09": 1}
    assert alone == {"base_unions": 2, "employers": 3}


def test_a_month_and_a_year(store, quarter):
    by_district, _m, _a = raw(store, "2025-08")
    assert by_district["participations"] == {CITY: 6} and by_district["married_pairs"] == {CITY: 1}
    assert "dating_pairs" not in by_district
    by_district, by_month, _a = raw(store, "2025")
    assert by_district["events_held"] == {GULOU: 1, CITY: 2} and by_month["events_held"]["2025-05"] == 1
    assert by_month["dating_pairs"] == {"2025-06": 1, "2025-07": 1, "2025-09": 1}


def test_published_report_suppresses_only_small_counts_of_people(store, quarter, matchmaker):
    rep = report(store, matchmaker)
    assert rep.internal is False
    summary = {r.key: r.cells[0] for r in rep.summary}
    assert summary["participations"].text == "13" and summary["participants"].value == 13
    # counts of things are never suppressed, however small
    assert summary["events_held"].text == "2" and summary["events_held"].value == 2
    assert summary["base_unions"].text == "2" and summary["employers"].text == "3"
    # counts of people from 1 to 4 are "<5"
    for key in ("mutual_pairs", "dating_pairs", "married_pairs", "active_matchmakers"):
        assert summary[key].text == "<5" and summary[key].value is None, key
    # five new members, all in 鼓楼区: zeros elsewhere are shown, so nothing small needs a complement
    assert summary["new_members"].text == "5"
    rows = {r.key: dict(zip(rep.district_measures, r.cells, strict=True)) for r in rep.by_district}
    assert list(rows)[-1] == TOTAL and len(rows) == 13  # 11 districts, the city row, the total
    assert rows[GULOU]["participations"].text == "7" and rows[CITY]["participations"].text == "6"
    assert rows["320303"]["participations"].text == "0" and rows["320303"]["participations"].value == 0
    assert rows[GULOU]["events_held"].text == "1" and rows[CITY]["events_held"].text == "1"
    assert rows["320303"]["events_held"].text == "0"
    assert rows[GULOU]["mutual_pairs"].text == "<5" and rows[CITY]["mutual_pairs"].text == "<5"
    assert rows["320303"]["mutual_pairs"].text == "0"
    assert rows[GULOU]["new_members"].text == "5" and rows["320303"]["new_members"].text == "0"
    months = {r.key: dict(zip(rep.month_measures, r.cells, strict=True)) for r in rep.by_month}
    assert list(months) == ["2025-07", "2025-08", "2025-09", TOTAL]
    assert months["2025-07"]["participations"].text == "7" and months["2025-08"]["participations"].text == "6"
    assert months["2025-09"]["participations"].text == "0"
    # 4 in July, 1 in September, 0 in August: the two "<5" could be 1..4 each within the total of 5
    assert [months[m]["new_members"].text for m in ("2025-07", "2025-08", "2025-09")] == ["<5", "0", "<5"]
    # no shown count of people lies between 1 and 4; the totals are the summary's cells
    for table, measures in ((rows, rep.district_measures), (months, rep.month_measures)):
        for cells in table.values():
            for m, cell in cells.items():
                assert m == "events_held" or cell.value is None or cell.value == 0 or cell.value >= 5, (m, cell)
        for m in measures:
            assert table[TOTAL][m] == summary[m]


def test_a_complement_is_hidden_where_the_total_would_give_a_small_count_away():
    """Cell by cell through the report layer: one district's 2 beside 9 and 11 with the total shown
    would be 22 - 9 - 11; the smallest non-zero other cell (9) is hidden; the events are never
    touched; the month breakdown keeps its own shown cells."""
    yunlong, quanshan = "320303", "320311"
    people = [(GULOU, "2025-07")] * 2 + [(yunlong, "2025-07")] * 9 + [(quanshan, "2025-08")] * 11
    events = [(GULOU, "2025-07"), (yunlong, "2025-07"), (quanshan, "2025-08")]
    counts = _Counts({"participations": people, "events_held": events}, {"base_unions": 1, "employers": 2})
    rep = _publish(counts, period=parse_period(PERIOD), scope_district=None, now=NOW)
    rows = {r.key: dict(zip(rep.district_measures, r.cells, strict=True)) for r in rep.by_district}
    assert [rows[k]["participations"].text for k in (GULOU, yunlong, quanshan, "320305", TOTAL)] == [
        "<5", "*", "11", "0", "22",
    ]  # fmt: skip
    assert [rows[k]["events_held"].text for k in (GULOU, yunlong, quanshan, "320305", TOTAL)] == ["1", "1", "1", "0", "3"]
    months = {r.key: dict(zip(rep.month_measures, r.cells, strict=True)) for r in rep.by_month}
    assert [months[m]["participations"].text for m in ("2025-07", "2025-08", "2025-09")] == ["11", "11", "0"]
    summary = {r.key: r.cells[0].text for r in rep.summary}
    assert summary["base_unions"] == "1" and summary["employers"] == "2" and summary["new_members"] == "0"
    inside = _publish(counts, period=parse_period(PERIOD), scope_district=None, now=NOW, internal=True)
    inside_rows = {r.key: dict(zip(inside.district_measures, r.cells, strict=True)) for r in inside.by_district}
    assert inside_rows[GULOU]["participations"].text == "2" and inside_rows[yunlong]["participations"].text == "9"


def test_the_internal_view_shows_real_figures_and_is_audited(store, quarter, matchmaker):
    admin = add_staff(store, username="ua", name="郑管理", role=Role.UNION_ADMIN)
    with unit_of_work(store, admin, clock=lambda: NOW) as uow:
        rep = view_internal_statistics(uow, period=parse_period(PERIOD))
    assert rep.internal is True
    summary = {r.key: r.cells[0] for r in rep.summary}
    assert summary["mutual_pairs"].text == "3" and summary["mutual_pairs"].value == 3
    assert summary["dating_pairs"].value == 2 and summary["married_pairs"].value == 1
    rows = {r.key: dict(zip(rep.district_measures, r.cells, strict=True)) for r in rep.by_district}
    assert rows[GULOU]["mutual_pairs"].text == "2" and rows[CITY]["active_matchmakers"].text == "1"
    assert all(c.state == "shown" for r in (*rep.summary, *rep.by_district, *rep.by_month) for c in r.cells)
    with store.read() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "report.stats_internal")).scalar_one()
        assert entry.fields == [PERIOD] and entry.member_id is None and entry.actor_id == admin.staff_id
        entry_id = entry.id
    # a matchmaker sees the published figures only, and trying leaves no audit entry
    with pytest.raises(PermissionDenied), unit_of_work(store, matchmaker, clock=lambda: NOW) as uow:
        view_internal_statistics(uow, period=parse_period(PERIOD))
    with store.read() as s:
        entries = s.execute(select(AuditEntry.id).where(AuditEntry.action == "report.stats_internal")).scalars().all()
        assert entries == [entry_id]


def test_scope_and_permissions(store, quarter):
    district_admin = add_staff(store, username="ua", name="郑管理", role=Role.UNION_ADMIN, district=GULOU)
    by_district, _m, alone = raw(store, scope=GULOU)
    assert set().union(*(d.keys() for d in by_district.values())) == {GULOU}
    assert by_district["participations"] == {GULOU: 7} and by_district["new_members"] == {GULOU: 5}
    # members served are the district's own: 徐工集团 (July event) and 徐州地铁 (a new member and an
    # introduction); 中国矿业大学 came only to the city's event
    assert alone["employers"] == 2
    rep = report(store, district_admin)
    assert [r.key for r in rep.by_district] == [GULOU, TOTAL]
    for role in (Role.PRIVACY_OFFICER, Role.AUDITOR, Role.EVENT_STAFF):
        actor = add_staff(store, username=f"x{role.value}"[:30], name="某人", role=role)
        with pytest.raises(PermissionDenied):
            report(store, actor)


def test_the_workbook_holds_aggregates_only_and_is_audited(store, quarter, tmp_path):
    admin = add_staff(store, username="ua", name="郑管理", role=Role.UNION_ADMIN)
    path = tmp_path / "stats.xlsx"
    with unit_of_work(store, admin, clock=lambda: NOW) as uow:
        info = export_statistics(uow, period=parse_period(PERIOD), path=path)
    assert info.path == path and path.exists() and not path.with_name("stats.xlsx.part").exists()
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["汇总", "分区统计", "分月统计"]
    cells = [v for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    text = "\n".join(map(str, cells))
    assert "2025年第3季度" in text and "参与人次" in text and "<5" in text
    for secret in quarter.secrets:
        assert secret not in text
    summary = {r[0]: r[1] for r in wb["汇总"].iter_rows(min_row=6, values_only=True) if r[0]}
    assert summary["参与人次"] == 13 and summary["登记结婚（对）"] == "<5" and summary["双向心动（对）"] == "<5"
    assert summary["举办活动（场）"] == 2 and summary["服务基层工会（个）"] == 2
    districts = {r[0]: r[1:] for r in wb["分区统计"].iter_rows(min_row=6, values_only=True) if r[0]}
    assert districts["云龙区"][0] == 0 and districts["鼓楼区"][0] == 1  # events: zeros and ones shown
    with store.read() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "report.stats")).scalar_one()
        assert entry.fields == [PERIOD] and entry.member_id is None and entry.actor_id == admin.staff_id
    monthly = tmp_path / "m.xlsx"
    with unit_of_work(store, admin, clock=lambda: NOW) as uow:
        export_statistics(uow, period=parse_period("2025-08"), path=monthly)
    assert openpyxl.load_workbook(monthly).sheetnames == ["汇总", "分区统计"]


def test_erased_members_leave_the_statistics(store, quarter):
    officer = add_staff(store, username="po", name="周隐私", role=Role.PRIVACY_OFFICER)
    gone = quarter.people["v1"][5]  # attended in July, registered in July
    with store.read() as s:
        number = s.get(Member, gone).member_no
    with unit_of_work(store, officer) as uow:
        request = receive_request(uow, member_no=number, kind="erasure", received_on=NOW.date(), channel="letter")
    erase_member_data(store, officer, request_id=request.id)
    by_district, _m, _a = raw(store)
    assert by_district["participations"] == {GULOU: 6, CITY: 6} and by_district["new_members"] == {GULOU: 4}
    assert sum(by_district[m].get(GULOU, 0) for m in DISTRICT_MEASURES) > 0
