"""The event browser: filters, a month calendar with the events marked, and a list view.

Events number in the hundreds, not the hundred thousands: the list model holds EventRow DTOs
from `list_events` (filtered in SQL) and the calendar the `month_calendar` of its month. Both
are loaded on a reader thread; a newer request supersedes older ones.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.events.codes import EventKind, EventStatus
from xzdesk.domain.events.dto import CalendarMonthInfo, EventFilter, EventRow
from xzdesk.domain.events.queries import list_events, month_calendar
from xzdesk.ui import labels as core_labels
from xzdesk.ui.events import labels
from xzdesk.ui.geometry import shrinkable
from xzdesk.ui.ops import Ops
from xzdesk.ui.table_model import CENTER, Column, RowListModel, setup_table

Index = QModelIndex | QPersistentModelIndex
SEARCH_DELAY_MS = 250


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def _codes(data: Any) -> tuple[str, ...]:
    """Combo data "a,b" -> ("a", "b"); "" -> () (no filter)."""
    return tuple(c for c in str(data or "").split(",") if c)


def hhmm(t: Any) -> str:
    return f"{t.hour:02d}:{t.minute:02d}" if t is not None else ""


class EventListModel(RowListModel):
    """Columns: date, time, code, name, type, status, venue, places taken / capacity, pending,
    waiting list, organiser."""

    row_roles = {Qt.ItemDataRole.UserRole: lambda r: r.id}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[EventRow] = []
        self.columns = (
            Column("date", self.tr("Date"), lambda r: r.event_date.isoformat()),
            Column("time", self.tr("Time"), lambda r: hhmm(r.start_time) + (f"–{hhmm(r.end_time)}" if r.end_time else "")),
            Column("code", self.tr("Code"), lambda r: r.code),
            Column("name", self.tr("Event"), lambda r: r.name),
            Column("kind", self.tr("Type"), lambda r: labels.kind(r.kind)),
            Column("status", self.tr("Status"), lambda r: labels.event_status(r.status),
                   foreground=lambda r: labels.status_colour(r.status).name()),
            Column("venue", self.tr("Venue"), lambda r: r.venue),
            Column("places", self.tr("Places"), lambda r: f"{r.approved}/{r.capacity}", align=CENTER),
            Column("pending", self.tr("Pending"), lambda r: str(r.pending) if r.pending else "", align=CENTER),
            Column("waiting", self.tr("Waiting"), lambda r: str(r.waitlisted) if r.waitlisted else "", align=CENTER),
            Column("organiser", self.tr("Organiser"), lambda r: r.organiser_name or ""),
        )  # fmt: skip

    def row_tooltip(self, r: EventRow) -> str:
        return " · ".join(x for x in (r.name, r.code, r.venue, r.organiser_name or "") if x)



class EventCalendar(QCalendarWidget):
    """A month calendar that marks each day's events with a coloured bar per event (by status)
    and its name where the cell is wide enough."""

    MAX_BARS = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.month_info: CalendarMonthInfo | None = None
        self._by_day: dict[date, tuple[EventRow, ...]] = {}

    def set_month(self, info: CalendarMonthInfo) -> None:
        old = set(self._by_day)
        self.month_info = info
        self._by_day = {d.day: d.events for d in info.days if d.events}
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        for day in old - set(self._by_day):
            self.setDateTextFormat(qdate(day), QTextCharFormat())
        for day in self._by_day:
            self.setDateTextFormat(qdate(day), bold)
        self.updateCells()

    def events_on(self, day: date) -> tuple[EventRow, ...]:
        return self._by_day.get(day, ())

    def paintCell(self, painter: QPainter, rect: QRect, qd: QDate) -> None:
        super().paintCell(painter, rect, qd)
        events = self._by_day.get(pydate(qd)) if qd.isValid() else None
        if not events:
            return
        painter.save()
        bar_h = max(3, min(12, rect.height() // 6))
        wide = rect.width() > 52 and rect.height() > 44
        font = QFont(painter.font())
        font.setPixelSize(max(8, bar_h - 2))
        painter.setFont(font)
        shown = events[: self.MAX_BARS]
        y = rect.bottom() - 2 - bar_h * len(shown)
        for e in shown:
            bar = QRectF(rect.left() + 3, y, rect.width() - 6, bar_h - 1)
            colour = labels.status_colour(e.status)
            if wide:
                painter.fillRect(bar, colour.lighter(170))
                painter.fillRect(QRectF(bar.left(), bar.top(), 3, bar.height()), colour)
                painter.setPen(QColor("#222"))
                painter.drawText(bar.adjusted(5, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                                 painter.fontMetrics().elidedText(e.name, Qt.TextElideMode.ElideRight,
                                                                  int(bar.width()) - 6))  # fmt: skip
            else:
                painter.fillRect(bar, colour)
            y += bar_h
        if len(events) > self.MAX_BARS:
            painter.setPen(QColor("#444"))
            painter.drawText(rect.adjusted(0, 1, -3, 0), Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight,
                             f"+{len(events) - self.MAX_BARS}")  # fmt: skip
        painter.restore()


class EventBrowser(QWidget):
    """Filters, the calendar (with the chosen day's events) and the list. Emits the id of the
    event the user picks."""

    sig_event_chosen = Signal(str)
    sig_new_requested = Signal(object)  # date or None
    sig_loaded = Signal()

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self._generation = 0
        self._pending_select: str | None = None

        self.new_button = QPushButton(self.tr("New event…"))
        self.new_button.setObjectName("new_event")
        self.new_button.clicked.connect(lambda: self.sig_new_requested.emit(self.selected_day()))
        self.search = QLineEdit()
        self.search.setObjectName("event_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search: name, venue or event code"))
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())

        self.status = QComboBox()
        self.status.setObjectName("filter_status")
        self.status.addItem(self.tr("All statuses"), "")
        self.status.addItem(self.tr("Planned (draft, open, closed)"), "draft,open,closed")
        for s in EventStatus:
            self.status.addItem(labels.event_status(s.value), s.value)
        self.kind = QComboBox()
        self.kind.setObjectName("filter_kind")
        self.kind.addItem(self.tr("All types"), "")
        for k in EventKind:
            self.kind.addItem(labels.kind(k.value), k.value)
        self.range = QComboBox()
        self.range.setObjectName("filter_range")
        self.range.addItem(self.tr("Any date"), "any")
        self.range.addItem(self.tr("Upcoming"), "upcoming")
        self.range.addItem(self.tr("Past"), "past")
        self.range.addItem(self.tr("From … to …"), "custom")
        today = core_labels.today()
        self.date_from = QDateEdit(qdate(today))
        self.date_to = QDateEdit(qdate(today + timedelta(days=90)))
        for w in (self.date_from, self.date_to):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
            w.dateChanged.connect(self.reload)
        for w in (self.status, self.kind, self.range):
            w.currentIndexChanged.connect(self.reload)
        shrinkable(self.status, self.kind, self.range)
        self.range.currentIndexChanged.connect(self._update_range_enabled)

        self.calendar = EventCalendar()
        self.calendar.setObjectName("event_calendar")
        self.calendar.setMinimumHeight(300)
        self.calendar.currentPageChanged.connect(lambda _y, _m: self.reload_calendar())
        self.calendar.selectionChanged.connect(self._fill_day_list)
        self.day_label = QLabel()
        self.day_list = QListWidget()
        self.day_list.setObjectName("day_events")
        self.day_list.itemClicked.connect(self._on_day_item)
        self.day_list.itemActivated.connect(self._on_day_item)
        cal_tab = QWidget()
        cl = QVBoxLayout(cal_tab)
        cl.setContentsMargins(0, 4, 0, 0)
        cl.addWidget(self.calendar, 3)
        cl.addWidget(self.day_label)
        cl.addWidget(self.day_list, 1)

        self.model = EventListModel(self)
        self.table = QTableView()
        self.table.setObjectName("event_table")
        self.table.setModel(self.model)
        setup_table(self.table, stretch=3)
        for col in (2, 6, 10):  # code, venue and organiser: in the tooltip and the event header
            self.table.hideColumn(col)
        self.table.clicked.connect(self._on_table_clicked)
        self.table.activated.connect(self._on_table_clicked)
        self.count = QLabel()

        list_tab = QWidget()
        ll = QVBoxLayout(list_tab)
        ll.setContentsMargins(0, 4, 0, 0)
        ll.addWidget(self.table, 1)
        ll.addWidget(self.count)

        self.views = QTabWidget()
        self.views.setObjectName("event_views")
        self.views.addTab(cal_tab, self.tr("Calendar"))
        self.views.addTab(list_tab, self.tr("List"))

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        filters = QHBoxLayout()
        for w in (self.status, self.kind, self.range):
            filters.addWidget(w)
        self.dates_row = QWidget()
        dates = QHBoxLayout(self.dates_row)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.dates_row)
        layout.addWidget(self.views, 1)
        self.calendar.setSelectedDate(qdate(today))
        self._update_range_enabled()

    def _update_range_enabled(self) -> None:
        custom = self.range.currentData() == "custom"
        self.dates_row.setVisible(custom)

    # --- filters -------------------------------------------------------------------------------
    def current_filter(self) -> EventFilter:
        today = core_labels.today()
        date_from = date_to = None
        match self.range.currentData():
            case "upcoming":
                date_from = today
            case "past":
                date_to = today - timedelta(days=1)
            case "custom":
                date_from, date_to = pydate(self.date_from.date()), pydate(self.date_to.date())
        scope = self.ctx.actor.district_code if self.ctx.actor else None
        return EventFilter(date_from=date_from, date_to=date_to, statuses=_codes(self.status.currentData()),
                           kinds=_codes(self.kind.currentData()), district_code=scope,
                           text=self.search.text().strip() or None)  # fmt: skip

    def selected_day(self) -> date:
        return pydate(self.calendar.selectedDate())

    # --- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        self.reload_list()
        self.reload_calendar()

    def reload_list(self) -> None:
        self._generation += 1
        generation = self._generation
        flt = self.current_filter()
        newest_first = self.range.currentData() == "past"
        self.ops.run(lambda s, _p, _c: list_events(s, flt=flt, newest_first=newest_first),
                     on_done=lambda rows: self._apply_list(generation, rows), mode="read",
                     on_error=self._on_load_error)  # fmt: skip

    def _apply_list(self, generation: int, rows: list[EventRow]) -> None:
        if generation != self._generation:
            return
        current = self.current_event_id()
        self.model.set_rows(rows)
        self.count.setText(self.tr("{n} events").format(n=len(rows)))
        self.select_event(self._pending_select or current)
        self.sig_loaded.emit()

    def reload_calendar(self) -> None:
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        flt = self.current_filter()
        self.ops.run(lambda s, _p, _c: month_calendar(s, year=year, month=month, flt=flt),
                     on_done=self._apply_month, mode="read", on_error=self._on_load_error)  # fmt: skip

    def _on_load_error(self, exc: BaseException) -> None:
        from xzdesk.ui.events.messages import describe_events_error

        self.count.setText(describe_events_error(exc))

    def _apply_month(self, info: CalendarMonthInfo) -> None:
        if (info.year, info.month) != (self.calendar.yearShown(), self.calendar.monthShown()):
            return
        self.calendar.set_month(info)
        self._fill_day_list()

    def _fill_day_list(self) -> None:
        day = self.selected_day()
        events = self.calendar.events_on(day)
        self.day_label.setText(self.tr("{day}: {n} events").format(day=day.isoformat(), n=len(events)))
        self.day_list.clear()
        for e in events:
            text = f"{hhmm(e.start_time)}  {e.name}  ·  {labels.event_status(e.status)}  ·  {e.approved}/{e.capacity}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            item.setForeground(QBrush(labels.status_colour(e.status).darker(120)))
            self.day_list.addItem(item)

    # --- selection -----------------------------------------------------------------------------
    def current_event_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].id if rows else None

    def select_event(self, event_id: str | None) -> None:
        """Select the event in the list (and its day in the calendar) without emitting."""
        self._pending_select = None
        if event_id is None:
            return
        row = self.model.row_of(event_id)
        if row < 0:
            self._pending_select = event_id
            return
        self.table.selectRow(row)
        day = self.model.rows[row].event_date
        if self.selected_day() != day:
            self.calendar.setSelectedDate(qdate(day))

    def _on_table_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sig_event_chosen.emit(self.model.rows[index.row()].id)

    def _on_day_item(self, item: QListWidgetItem) -> None:
        event_id = item.data(Qt.ItemDataRole.UserRole)
        if event_id:
            self.sig_event_chosen.emit(event_id)
