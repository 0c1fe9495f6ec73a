"""The floor plan of a seat plan on a QGraphicsScene: tables (round or long) with their seats
(`seating.seat_geometry`), guests on the seats (plate, masked surname, a colour per sex) and a
bench for the guests without a seat.

Dragging is done by the scene, not by Qt's item moving: `begin_drag` / `drag_to` / `end_drag`
(called by GuestItem's mouse handlers, and usable directly). While dragging, the scene asks its
SeatPlanScorer what the drop would do (`delta_move`) and emits `sig_preview`; on a valid drop it
emits `sig_drop(registration_id, SeatRef | None)` and leaves the change to its owner (who calls
the domain service and reloads the scene). Tables are movable items; a finished table drag
emits `sig_table_moved`. Context-menu requests are forwarded with what was under the cursor.

The scene only reads DTOs (SeatPlanStateInfo); it never touches the database.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QTransform, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from xzdesk.domain.errors import XzError
from xzdesk.domain.events.dto import SeatGuestRow, SeatPlanStateInfo, SeatTableRow
from xzdesk.domain.seating import SeatGuestInfo, SeatingDeltaInfo, SeatPlanScorer, SeatRef, seat_geometry

PITCH = 44.0  # scene units per seat pitch of seat_geometry
SEAT_R = 19.0
LONG_Y_SCALE = 1.45  # long tables: sides further apart than one pitch, so the table body shows
MIN_RING = 50.0
BENCH_COLUMNS = 4  # at least; above a row of tables the bench is as wide as the row
BENCH_GAP = 60.0  # between the bench and the tables below it
BENCH_STEP = 2 * SEAT_R + 6
GRID = 220.0  # the domain's grid spacing for tables without a position

PLATE_PX = 12  # scene pixels of a guest's plate (bold) ...
NAME_PX = 11  # ... of the masked surname under it ...
SEAT_NUMBER_PX = 11  # ... and of an empty seat's number
READABLE_PT = 10.0  # the default zoom never shows those labels smaller than this on screen
MAX_FIT_SCALE = 1.6  # a small plan is not blown up beyond this

MALE_FILL, FEMALE_FILL = QColor("#9ccfff"), QColor("#ffb6cf")
MALE_EDGE, FEMALE_EDGE = QColor("#2f6fb0"), QColor("#c2185b")


def seat_offsets(shape: str, capacity: int) -> list[QPointF]:
    """Seat centres relative to the table centre, in scene units."""
    rows = seat_geometry(shape, capacity)
    if shape == "round":
        r0 = math.hypot(rows[0].x, rows[0].y) or 1.0
        ring = max(MIN_RING, r0 * PITCH)
        return [QPointF(r.x / r0 * ring, r.y / r0 * ring) for r in rows]
    return [QPointF(r.x * PITCH, r.y * PITCH * LONG_Y_SCALE) for r in rows]


def table_body(shape: str, capacity: int) -> QRectF:
    offsets = seat_offsets(shape, capacity)
    if shape == "round":
        ring = math.hypot(offsets[0].x(), offsets[0].y())
        r = max(20.0, ring - SEAT_R - 5)
        return QRectF(-r, -r, 2 * r, 2 * r)
    half_w = max(abs(p.x()) for p in offsets) + SEAT_R
    half_h = max(12.0, max(abs(p.y()) for p in offsets) - SEAT_R - 5)
    return QRectF(-half_w, -half_h, 2 * half_w, 2 * half_h)


class SeatItem(QGraphicsItem):
    """An empty or occupied seat (child of its table). Locked seats show a padlock."""

    def __init__(self, table: TableItem, index: int, pos: QPointF) -> None:
        super().__init__(table)
        self.table = table
        self.index = index
        self.locked = False
        self.highlight = ""  # "", "ok", "bad"
        self.setPos(pos)
        self.setZValue(1)

    @property
    def ref(self) -> SeatRef:
        return SeatRef(self.table.row.id, self.index)

    def boundingRect(self) -> QRectF:
        return QRectF(-SEAT_R - 3, -SEAT_R - 3, 2 * SEAT_R + 6, 2 * SEAT_R + 6)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor("#9e9e9e"), 1.2, Qt.PenStyle.DashLine)
        if self.highlight == "ok":
            pen = QPen(QColor("#2e7d32"), 3)
        elif self.highlight == "bad":
            pen = QPen(QColor("#c62828"), 3)
        painter.setPen(pen)
        painter.setBrush(QBrush(QColor("#fafafa")))
        painter.drawEllipse(QPointF(0, 0), SEAT_R, SEAT_R)
        painter.setPen(QColor("#9e9e9e"))
        font = QFont(painter.font())
        font.setPixelSize(SEAT_NUMBER_PX)
        painter.setFont(font)
        painter.drawText(QRectF(-SEAT_R, -SEAT_R, 2 * SEAT_R, 2 * SEAT_R), Qt.AlignmentFlag.AlignCenter, str(self.index + 1))
        if self.locked:
            self._padlock(painter, QPointF(SEAT_R - 6, -SEAT_R + 4))

    @staticmethod
    def _padlock(painter: QPainter, at: QPointF) -> None:
        painter.save()
        painter.translate(at)
        painter.setPen(QPen(QColor("#424242"), 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawArc(QRectF(-3.5, -6, 7, 8), 0, 180 * 16)
        painter.setBrush(QBrush(QColor("#424242")))
        painter.drawRect(QRectF(-5, -2, 10, 7))
        painter.restore()


class LockBadge(QGraphicsItem):
    """The padlock drawn above a guest sitting on a locked seat."""

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setZValue(5)
        self.setPos(SEAT_R - 6, -SEAT_R + 4)

    def boundingRect(self) -> QRectF:
        return QRectF(-7, -8, 14, 15)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QBrush(QColor("white")))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QPointF(0, 0), 7, 7)
        SeatItem._padlock(painter, QPointF(0, 1))


class TableItem(QGraphicsItem):
    """A table with its seats; movable by dragging its body."""

    def __init__(self, row: SeatTableRow, pos: QPointF) -> None:
        super().__init__()
        self.row = row
        self.body = table_body(row.shape, row.capacity)
        self.seats = [SeatItem(self, i, p) for i, p in enumerate(seat_offsets(row.shape, row.capacity))]
        for i in row.locked_seats:
            if 0 <= i < len(self.seats):
                self.seats[i].locked = True
        self.setPos(pos)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip(row.label)
        self._press_pos: QPointF | None = None
        self._bounds = self.body.adjusted(-4, -4, 4, 4)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        if self.row.shape == "round":
            path.addEllipse(self.body)
        else:
            path.addRoundedRect(self.body, 6, 6)
        return path

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = self.isSelected()
        painter.setPen(QPen(QColor("#1565c0") if selected else QColor("#8d6e63"), 2.5 if selected else 1.5))
        painter.setBrush(QBrush(QColor("#efe3d3")))
        if self.row.shape == "round":
            painter.drawEllipse(self.body)
        else:
            painter.drawRoundedRect(self.body, 6, 6)
        painter.setPen(QColor("#4e342e"))
        font = QFont(painter.font())
        font.setPixelSize(15 if len(self.row.label) <= 4 else 11)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(self.body, Qt.AlignmentFlag.AlignCenter, self.row.label)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._press_pos = QPointF(self.pos())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        start, self._press_pos = self._press_pos, None
        scene = self.scene()
        if start is not None and isinstance(scene, FloorPlanScene) and (self.pos() - start).manhattanLength() > 1:
            scene.sig_table_moved.emit(self.row.id, start, QPointF(self.pos()))


class GuestItem(QGraphicsItem):
    """A guest: a disc in the sex's colour with the plate and the masked surname."""

    RADIUS = SEAT_R - 1.5

    def __init__(self, row: SeatGuestRow, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.highlight = False
        self.setZValue(3)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        tip = f"{row.plate or ''} {row.name_masked}".strip()
        if row.pinned:
            tip += " · " + QCoreApplication.translate("FloorPlan", "pinned")
        if row.friend_group:
            tip += " · " + QCoreApplication.translate("FloorPlan", "came with friends")
        self.setToolTip(tip)

    @property
    def registration_id(self) -> str:
        return self.row.registration_id

    def boundingRect(self) -> QRectF:
        r = self.RADIUS + 3
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        male = self.row.sex == 1
        edge = QColor("#ef6c00") if self.highlight else (MALE_EDGE if male else FEMALE_EDGE)
        painter.setPen(QPen(edge, 3.5 if self.highlight else 1.5))
        painter.setBrush(QBrush(MALE_FILL if male else FEMALE_FILL))
        r = self.RADIUS
        painter.drawEllipse(QPointF(0, 0), r, r)
        painter.setPen(QColor("#1a1a1a"))
        font = QFont(painter.font())
        font.setPixelSize(PLATE_PX)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QRectF(-r, -r + 2, 2 * r, r - 1), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                         self.row.plate or "?")  # fmt: skip
        font.setBold(False)
        font.setPixelSize(NAME_PX)
        painter.setFont(font)
        painter.drawText(QRectF(-r, 1, 2 * r, r - 1), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                         self.row.name_masked)  # fmt: skip
        if self.row.pinned:
            painter.setPen(QPen(QColor("white"), 1))
            painter.setBrush(QBrush(QColor("#c62828")))
            painter.drawEllipse(QPointF(-r + 4, -r + 4), 4, 4)
        if self.row.friend_group:
            painter.setPen(QPen(QColor("white"), 1))
            painter.setBrush(QBrush(QColor("#2e7d32")))
            painter.drawEllipse(QPointF(r - 4, r - 4), 4, 4)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene()
        if event.button() == Qt.MouseButton.LeftButton and isinstance(scene, FloorPlanScene) and scene.editable:
            scene.begin_drag(self, event.scenePos())
            event.accept()
            return
        event.ignore()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene()
        if isinstance(scene, FloorPlanScene) and scene.dragging is self:
            scene.drag_to(event.scenePos())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene()
        if isinstance(scene, FloorPlanScene) and scene.dragging is self:
            scene.end_drag(event.scenePos())


class BenchItem(QGraphicsItem):
    """The area for guests without a seat (drop a guest here to unseat them), `columns` wide."""

    def __init__(self, rect: QRectF, title: str, columns: int = BENCH_COLUMNS) -> None:
        super().__init__()
        self.rect = rect
        self.title = title
        self.columns = columns
        self.highlight = False
        self.setZValue(-1)

    def spot(self, i: int) -> QPointF:
        """Where the i-th guest without a seat waits."""
        return QPointF(self.rect.left() + 10 + SEAT_R + (i % self.columns) * BENCH_STEP,
                       self.rect.top() + 34 + SEAT_R + (i // self.columns) * BENCH_STEP)  # fmt: skip

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        painter.setPen(QPen(QColor("#2e7d32") if self.highlight else QColor("#bdbdbd"), 2 if self.highlight else 1,
                            Qt.PenStyle.DashLine))  # fmt: skip
        painter.setBrush(QBrush(QColor("#f5f5f5")))
        painter.drawRoundedRect(self.rect, 8, 8)
        painter.setPen(QColor("#616161"))
        font = QFont(painter.font())
        font.setPixelSize(13)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(self.rect.adjusted(8, 6, -8, 0), Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft, self.title)


@dataclass
class PreviewInfo:
    """What dropping the dragged guest at the cursor would do."""

    registration_id: str
    target: SeatRef | None
    on_bench: bool
    delta: SeatingDeltaInfo | None
    refusal: str | None  # an error code when the drop is not allowed


class FloorPlanScene(QGraphicsScene):
    sig_drop = Signal(str, object)  # registration id, SeatRef or None (unseat)
    sig_preview = Signal(object)  # PreviewInfo or None (drag ended)
    sig_table_moved = Signal(str, QPointF, QPointF)  # table id, old pos, new pos
    sig_context = Signal(str, object, object)  # kind ("guest"|"seat"|"table"|"empty"), payload, screen pos

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.state: SeatPlanStateInfo | None = None
        self.scorer: SeatPlanScorer | None = None
        self.editable = True
        self.tables: dict[str, TableItem] = {}
        self.guests: dict[str, GuestItem] = {}
        self.bench: BenchItem | None = None
        self.dragging: GuestItem | None = None
        self._drag_offset = QPointF()
        self._drag_start = QPointF()
        self._drag_scorer: SeatPlanScorer | None = None
        self._target: SeatItem | BenchItem | None = None
        self.preview: PreviewInfo | None = None
        self._bubble: QGraphicsSimpleTextItem | None = None
        self.setBackgroundBrush(QBrush(QColor("#ffffff")))

    # --- building ---------------------------------------------------------------------------------
    def set_state(self, state: SeatPlanStateInfo, scorer: SeatPlanScorer | None, *, bench_title: str) -> None:
        """Rebuild every item from the plan (cheap: a few hundred items)."""
        self.cancel_drag()
        self.clear()
        self._bubble = None
        self.state, self.scorer = state, scorer
        self.tables, self.guests = {}, {}
        for i, row in enumerate(state.table_rows):
            if row.x is None or row.y is None:
                pos = QPointF((i % 6) * GRID, (i // 6) * GRID)
            else:
                pos = QPointF(row.x, row.y)
            item = TableItem(row, pos)
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, self.editable)
            self.addItem(item)
            self.tables[row.id] = item
        for row in state.rows:
            seat_item = self.seat_item(row.seat) if row.seat is not None else None
            guest = GuestItem(row, seat_item)
            if seat_item is None:
                self.addItem(guest)
            elif seat_item.locked:
                LockBadge(guest)
            self.guests[row.registration_id] = guest
        self._layout_bench(bench_title)
        rect = self.itemsBoundingRect().adjusted(-60, -60, 60, 60)
        self.setSceneRect(rect)

    def _layout_bench(self, title: str) -> None:
        """The bench above the tables, as wide as they are: the tables and the guests waiting
        for a seat fit the view together at a readable zoom on a laptop (beside the tables the
        bench pushed the second table out of view)."""
        unseated = [g for g in self.guests.values() if g.parentItem() is None]
        tables = QRectF()
        for t in self.tables.values():  # with their seats
            tables = tables.united(t.mapRectToScene(t.boundingRect().united(t.childrenBoundingRect())))
        columns = max(BENCH_COLUMNS, int((tables.width() - 20) // BENCH_STEP))
        rows = max(1, math.ceil(len(unseated) / columns))
        height = 34 + rows * BENCH_STEP
        rect = QRectF(tables.left(), tables.top() - BENCH_GAP - height, columns * BENCH_STEP + 20, height)
        self.bench = BenchItem(rect, title.format(n=len(unseated)), columns)
        self.addItem(self.bench)
        for i, guest in enumerate(unseated):
            guest.setPos(self.bench.spot(i))

    def seat_item(self, ref: SeatRef | tuple[str, int]) -> SeatItem | None:
        table = self.tables.get(ref[0])
        if table is None or not 0 <= ref[1] < len(table.seats):
            return None
        return table.seats[ref[1]]

    def seat_scene_pos(self, ref: SeatRef | tuple[str, int]) -> QPointF:
        item = self.seat_item(ref)
        return item.scenePos() if item is not None else QPointF()

    def focus_rect(self) -> QRectF:
        """What the default view shows: the tables, and the bench while guests wait on it."""
        rect = QRectF()
        for table in self.tables.values():  # the table with its seats (child items)
            rect = rect.united(table.mapRectToScene(table.boundingRect().united(table.childrenBoundingRect())))
        waiting = any(g.parentItem() is None for g in self.guests.values())
        if self.bench is not None and (waiting or rect.isEmpty()):
            rect = rect.united(self.bench.sceneBoundingRect())
        return rect.adjusted(-20, -20, 20, 20) if not rect.isEmpty() else rect

    def set_highlight(self, guest_ids: set[str]) -> None:
        for gid, item in self.guests.items():
            on = gid in guest_ids
            if item.highlight != on:
                item.highlight = on
                item.update()

    # --- drag and drop ----------------------------------------------------------------------------
    def begin_drag(self, guest: GuestItem, pos: QPointF) -> None:
        self.cancel_drag()
        self.dragging = guest
        scene_pos = guest.scenePos()
        guest.setParentItem(None)
        guest.setPos(scene_pos)
        guest.setZValue(100)
        self._drag_offset = scene_pos - pos
        self._drag_start = QPointF(scene_pos)
        self._drag_scorer = self.scorer
        row = guest.row
        if row.pinned and self.state is not None and self.scorer is not None:
            # moving a pinned guest by hand takes the pin along: preview without the pin
            guests = tuple(SeatGuestInfo(g.id, g.sex, g.employer_key, g.friend_group, None) if g.id == row.registration_id
                           else g for g in self.state.guests)  # fmt: skip
            self._drag_scorer = SeatPlanScorer(guests, self.state.tables, self.scorer.plan())
        self._bubble = QGraphicsSimpleTextItem()
        self._bubble.setZValue(200)
        font = QFont()
        font.setPixelSize(13)
        font.setBold(True)
        self._bubble.setFont(font)
        self.addItem(self._bubble)
        self._bubble.hide()

    def target_at(self, pos: QPointF) -> SeatItem | BenchItem | None:
        for item in self.items(pos):
            if isinstance(item, SeatItem):
                return item
        for item in self.items(pos):
            if isinstance(item, GuestItem) and item is not self.dragging and isinstance(item.parentItem(), SeatItem):
                return item.parentItem()  # type: ignore[return-value]
        if self.bench is not None and self.bench.rect.contains(pos):
            return self.bench
        return None

    def preview_drop(self, registration_id: str, target: SeatRef | None, *, on_bench: bool) -> PreviewInfo:
        """What dropping the guest on `target` (None = the bench) would do, without doing it."""
        scorer = self._drag_scorer if self.dragging is not None else self.scorer
        if scorer is None or self.state is None:
            return PreviewInfo(registration_id, target, on_bench, None, "events.not_found")
        if target is not None:
            occupant = scorer.occupant(target)
            if occupant is not None and occupant != registration_id:
                other = next((r for r in self.state.rows if r.registration_id == occupant), None)
                if other is not None and other.pinned:
                    return PreviewInfo(registration_id, target, on_bench, None, "events.guest_pinned")
        try:
            delta = scorer.delta_move(registration_id, target)
        except XzError as exc:
            return PreviewInfo(registration_id, target, on_bench, None, exc.code)
        return PreviewInfo(registration_id, target, on_bench, delta, None)

    def drag_to(self, pos: QPointF) -> None:
        guest = self.dragging
        if guest is None:
            return
        guest.setPos(pos + self._drag_offset)
        target = self.target_at(pos)
        if target is not self._target:
            self._set_target_highlight(self._target, "")
            self._target = target
        current = self.scorer.seat_of(guest.registration_id) if self.scorer is not None else None
        if target is None or (isinstance(target, SeatItem) and target.ref == current) or (
                isinstance(target, BenchItem) and current is None):  # fmt: skip
            self.preview = None
            if self._bubble is not None:
                self._bubble.hide()
            self.sig_preview.emit(None)
            return
        ref = target.ref if isinstance(target, SeatItem) else None
        self.preview = self.preview_drop(guest.registration_id, ref, on_bench=isinstance(target, BenchItem))
        self._set_target_highlight(target, "bad" if self.preview.refusal else "ok")
        if self._bubble is not None:
            if self.preview.delta is not None:
                d = self.preview.delta.total
                if abs(d) < 1e-9:
                    word = QCoreApplication.translate("FloorPlan", "no change")
                else:
                    word = QCoreApplication.translate("FloorPlan", "better") if d < 0 else QCoreApplication.translate(
                        "FloorPlan", "worse")  # fmt: skip
                self._bubble.setText(word)
                self._bubble.setBrush(QBrush(QColor("#2e7d32") if d <= 0 else QColor("#c62828")))
            else:
                self._bubble.setText("✕")
                self._bubble.setBrush(QBrush(QColor("#c62828")))
            self._bubble.setPos(pos + QPointF(SEAT_R + 4, -SEAT_R - 14))
            self._bubble.show()
        self.sig_preview.emit(self.preview)

    def _set_target_highlight(self, target: SeatItem | BenchItem | None, mode: str) -> None:
        if isinstance(target, SeatItem):
            target.highlight = mode
            target.update()
        elif isinstance(target, BenchItem):
            target.highlight = bool(mode)
            target.update()

    def end_drag(self, pos: QPointF) -> PreviewInfo | None:
        """Finish the drag at `pos`: emits sig_drop for an allowed drop, else puts the guest back.
        Returns the preview of the drop (None when nothing would change)."""
        guest = self.dragging
        if guest is None:
            return None
        self.drag_to(pos)
        preview = self.preview
        self._finish_drag()
        if preview is not None and preview.refusal is None:
            if preview.target is not None:
                seat = self.seat_item(preview.target)
                if seat is not None:
                    # show the swap at once (the reload after the service call confirms it)
                    for child in seat.childItems():
                        if isinstance(child, GuestItem) and child is not guest:
                            origin = self.seat_item(guest.row.seat) if guest.row.seat is not None else None
                            if origin is not None:
                                child.setParentItem(origin)
                                child.setPos(0, 0)
                            else:
                                child.setParentItem(None)
                                child.setPos(self._drag_start)
                    guest.setParentItem(seat)
                    guest.setPos(0, 0)
            self.sig_drop.emit(guest.registration_id, preview.target)
        else:
            self._put_back(guest)
        return preview

    def _finish_drag(self) -> None:
        guest = self.dragging
        self.dragging = None
        self._drag_scorer = None
        self._set_target_highlight(self._target, "")
        self._target = None
        self.preview = None
        if self._bubble is not None:
            self.removeItem(self._bubble)
            self._bubble = None
        if guest is not None:
            guest.setZValue(3)
        self.sig_preview.emit(None)

    def _put_back(self, guest: GuestItem) -> None:
        seat = self.seat_item(guest.row.seat) if guest.row.seat is not None else None
        if seat is not None:
            guest.setParentItem(seat)
            guest.setPos(0, 0)
        elif self.state is not None:
            unseated = [r.registration_id for r in self.state.rows if r.seat is None]
            i = unseated.index(guest.registration_id) if guest.registration_id in unseated else 0
            if self.bench is not None:
                guest.setPos(self.bench.spot(i))

    def cancel_drag(self) -> None:
        guest = self.dragging
        if guest is None:
            return
        self._finish_drag()
        self._put_back(guest)

    # --- context menu -----------------------------------------------------------------------------
    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        pos = event.scenePos()
        for item in self.items(pos):
            if isinstance(item, GuestItem):
                self.sig_context.emit("guest", item.registration_id, event.screenPos())
                return
            if isinstance(item, SeatItem):
                self.sig_context.emit("seat", item.ref, event.screenPos())
                return
            if isinstance(item, TableItem):
                self.sig_context.emit("table", item.row.id, event.screenPos())
                return
        self.sig_context.emit("empty", pos, event.screenPos())


class SeatPlanView(QGraphicsView):
    """The view: antialiased, drag-to-scroll on the background, Ctrl+wheel zooms.

    `request_fit()` shows the tables (and the bench while guests wait on it) as soon as the view
    is on screen with its real size, at a zoom no smaller than the one at which the seat labels
    read at READABLE_PT points: a plan too big for that scrolls, starting at its top-left corner.
    `fit()` shows the whole scene whatever the zoom (the overview the organiser asks for)."""

    def __init__(self, scene: FloorPlanScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setMinimumSize(360, 260)
        self.fit_pending = False
        self.auto_fitted = False  # the view shows an automatic fit the organiser has not moved

    def readable_scale(self) -> float:
        """The smallest zoom at which every seat label is READABLE_PT points tall on screen."""
        return READABLE_PT * self.logicalDpiY() / 72.0 / min(PLATE_PX, NAME_PX, SEAT_NUMBER_PX)

    def label_points(self) -> float:
        """How tall the smallest seat label is on screen now, in points."""
        return min(PLATE_PX, NAME_PX, SEAT_NUMBER_PX) * self.transform().m11() * 72.0 / self.logicalDpiY()

    def request_fit(self) -> None:
        """Fit to the tables now if the view is on screen, else as soon as it is shown."""
        self.fit_pending = True
        self._fit_if_pending()

    def _fit_if_pending(self) -> None:
        scene = self.scene()
        if not self.fit_pending or not self.isVisible() or self.viewport().width() < 50 or not isinstance(
                scene, FloorPlanScene):  # fmt: skip
            return
        self.fit_pending = False
        rect = scene.focus_rect()
        if rect.isEmpty():
            return
        self.auto_fitted = True
        # the room left when both scroll bars show, whether they show now or not: the scale then
        # does not depend on the last fit (fitting to what they left swung back and forth), and
        # bars that appear cover nothing of the plan
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        room = self.maximumViewportSize()
        view = QRect(0, 0, max(1, room.width() - bar), max(1, room.height() - bar))
        scale = min(view.width() / rect.width(), view.height() / rect.height(), MAX_FIT_SCALE)
        scale = max(scale, self.readable_scale())
        if abs(self.transform().m11() - scale) > 1e-9 or self.transform().isRotating():
            # in one step: passing through scale 1 (resetTransform) hides and shows the scroll
            # bars, whose resize fits again, for ever when the plan is just wider than the view
            self.setTransform(QTransform.fromScale(scale, scale))
        if rect.width() * scale <= view.width() and rect.height() * scale <= view.height():
            self.centerOn(rect.center())
        else:  # too big to read whole: start at the top-left corner (scroll bars may have appeared)
            self.centerOn(rect.left() + view.width() / scale / 2, rect.top() + view.height() / scale / 2)
            self.ensureVisible(QRectF(rect.left(), rect.top(), 1, 1), 0, 0)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._fit_if_pending()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        # the layout settling (or the window resized) keeps an automatic fit the organiser did
        # not move away from
        self.fit_pending |= self.auto_fitted
        self._fit_if_pending()

    def mousePressEvent(self, event: Any) -> None:
        self.auto_fitted = False
        super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.auto_fitted = False
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
            return
        super().wheelEvent(event)

    def zoom(self, factor: float) -> None:
        self.auto_fitted = False
        current = self.transform().m11()
        factor = max(0.2 / current, min(4.0 / current, factor))
        self.scale(factor, factor)

    def fit(self) -> None:
        self.auto_fitted = False
        scene = self.scene()
        if scene is not None and not scene.sceneRect().isEmpty():
            self.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
