"""PrintDialog: choose a document of an event (badges, table tents, seat chart, sign-in sheet,
speed-dating cards) or the badge calibration page, generate it to a temporary PDF (a job with
progress and Cancel), preview its pages, then save it or print it.

- Generation runs the events area's print services on the writer thread (they record the print
  in the audit log and the first print of each plate). The PDF lands in a private temporary
  folder that is removed when the dialog closes.
- Before generating, a preflight (reader thread) counts the items, the people left out (consent
  withdrawn) and the characters no bundled font has; the dialog warns about those before saving
  or printing, naming them by code point only (never quoting personal text).
- The preview renders pages with pypdfium2 into QImages; printing renders each page at the
  printer's resolution (at most 300 dpi) at true size on a full-page QPrinter, so the badge
  calibration is not shifted by printer margins.
- Badge calibration (X/Y offset, ±5 mm in 0.1 mm steps) is kept per printer in
  `Settings.badge_calibration`.
- Default file names carry the event code and the document kind only, never personal data.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.events.codes import EventKind, NameStyle
from xzdesk.domain.events.dto import EventInfo, EventPrintInfo, PrintPreflightInfo
from xzdesk.domain.events.prints import (
    preflight,
    print_badges,
    print_calibration,
    print_seat_chart,
    print_sign_in_sheet,
    print_speed_dating_cards,
    print_table_tents,
    record_badges_printed,
)
from xzdesk.domain.printing import PRESETS, MissingGlyph, make_calibration
from xzdesk.ui.events import labels
from xzdesk.ui.events.messages import show_events_error
from xzdesk.ui.ops import Ops
from xzdesk.ui.saved import announce_saved, prints_folder

DEFAULT_PRINTER = "default"
ZOOMS = (0.5, 0.75, 1.0, 1.5, 2.0)
MAX_PRINT_DPI = 300


def fitting_size(widget: QWidget, width: int, height: int) -> QSize:
    """`width`×`height`, shrunk to leave room for the title bar and task bar on the screen the
    widget opens on (a 1366×768 or 1280×720 office laptop)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(width, height)
    room = screen.availableGeometry()
    return QSize(min(width, room.width() - 40), min(height, room.height() - 60))


def render_page(pdf: Any, index: int, scale: float) -> QImage:
    """Page `index` of a pypdfium2 document as an RGB QImage at `scale` pixels per point."""
    page = pdf[index]
    try:
        bitmap = page.render(scale=scale, rev_byteorder=True)
        array = bitmap.to_numpy()
        height, width = array.shape[0], array.shape[1]
        channels = array.shape[2] if array.ndim == 3 else 1
        fmt = {3: QImage.Format.Format_RGB888, 4: QImage.Format.Format_RGBX8888}.get(channels, QImage.Format.Format_Grayscale8)
        image = QImage(array.data, width, height, array.strides[0], fmt).copy()
        bitmap.close()
        return image
    finally:
        page.close()


class PrintDialog(QDialog):
    def __init__(self, ctx: AppContext, ops: Ops, event: EventInfo, parent: QWidget | None = None, *,
                 document: str = "badges") -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.ops, self.event_info = ctx, ops, event
        self.setWindowTitle(self.tr("Print — {name}").format(name=event.name))
        self.resize(fitting_size(self, 1100, 760))
        self._tmp = Path(tempfile.mkdtemp(prefix="xzdesk-print-"))
        self.pdf: Any = None
        self.pdf_path: Path | None = None
        self.generated_for: tuple[Any, ...] | None = None  # the options the current PDF was made with
        self.report: EventPrintInfo | None = None
        self.preflight_info: PrintPreflightInfo | None = None
        self.page_index = 0
        self.page_image: QImage | None = None
        self.job: Any = None

        # --- document and options
        self.document = QComboBox()
        self.document.setObjectName("document")
        docs = ["badges", "tents", "seat-chart", "sign-in"]
        if event.kind == EventKind.SPEED_DATING:
            docs.append("cards")
        docs.append("calibration")
        for code in docs:
            self.document.addItem(labels.document(code), code)
        self.preset = QComboBox()
        self.preset.setObjectName("preset")
        for key in PRESETS:
            self.preset.addItem(labels.preset(key), key)
        self.name_style = QComboBox()
        self.name_style.setObjectName("name_style")
        for style in NameStyle:
            self.name_style.addItem(labels.name_style(style.value), style.value)
        self.only_unprinted = QCheckBox(self.tr("Only badges not printed before"))
        self.only_unprinted.setObjectName("only_unprinted")
        self.cut_marks = QCheckBox(self.tr("Cut marks"))
        self.cut_marks.setObjectName("cut_marks")
        self.page_size = QComboBox()
        self.page_size.setObjectName("page_size")
        for size in ("A4", "A3"):
            self.page_size.addItem(size, size)

        self.printer = QComboBox()
        self.printer.setObjectName("printer")
        names = QPrinterInfo.availablePrinterNames()
        default = QPrinterInfo.defaultPrinterName()
        if not names:
            self.printer.addItem(self.tr("(default printer)"), DEFAULT_PRINTER)
        for name in names:
            self.printer.addItem(name, name)
        if default:
            self.printer.setCurrentIndex(max(0, self.printer.findData(default)))
        self.offset_x = QDoubleSpinBox()
        self.offset_y = QDoubleSpinBox()
        for box, name in ((self.offset_x, "offset_x"), (self.offset_y, "offset_y")):
            box.setObjectName(name)
            box.setRange(-5.0, 5.0)
            box.setSingleStep(0.1)
            box.setDecimals(1)
            box.setSuffix(" mm")
        self.printer.currentIndexChanged.connect(self._load_calibration)
        self.offset_x.valueChanged.connect(self._save_calibration)
        self.offset_y.valueChanged.connect(self._save_calibration)

        self.badge_box = QGroupBox(self.tr("Badges"))
        bf = QFormLayout(self.badge_box)
        bf.addRow(self.tr("Stock"), self.preset)
        bf.addRow(self.tr("Name on the badge"), self.name_style)
        bf.addRow("", self.only_unprinted)
        bf.addRow("", self.cut_marks)
        self.chart_box = QGroupBox(self.tr("Seat chart"))
        cf = QFormLayout(self.chart_box)
        cf.addRow(self.tr("Paper"), self.page_size)
        self.printer_box = QGroupBox(self.tr("Printer calibration"))
        pf = QFormLayout(self.printer_box)
        pf.addRow(self.tr("Printer"), self.printer)
        pf.addRow(self.tr("Shift right (X)"), self.offset_x)
        pf.addRow(self.tr("Shift down (Y)"), self.offset_y)
        cal_hint = QLabel(self.tr("Print the calibration page, measure where the crosshair landed, and enter how "
                                  "far it is from where it should be. Kept for each printer."))  # fmt: skip
        cal_hint.setWordWrap(True)
        cal_hint.setStyleSheet("color: #666;")
        pf.addRow(cal_hint)

        self.preflight_label = QLabel()
        self.preflight_label.setObjectName("preflight")
        self.preflight_label.setWordWrap(True)
        self.glyph_warning = QLabel()
        self.glyph_warning.setObjectName("glyph_warning")
        self.glyph_warning.setWordWrap(True)
        self.glyph_warning.setStyleSheet("color: #b00020; background: #fff4f4; padding: 4px;")
        self.glyph_warning.hide()
        self.generate_button = QPushButton(self.tr("Generate preview"))
        self.generate_button.setObjectName("generate")
        self.generate_button.clicked.connect(self.generate)
        self.result_label = QLabel()
        self.result_label.setObjectName("print_result")
        self.result_label.setWordWrap(True)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.addRow(self.tr("Document"), self.document)
        ll.addLayout(form)
        ll.addWidget(self.badge_box)
        ll.addWidget(self.chart_box)
        ll.addWidget(self.printer_box)
        ll.addWidget(self.preflight_label)
        ll.addWidget(self.glyph_warning)
        ll.addWidget(self.generate_button)
        ll.addWidget(self.result_label)
        ll.addStretch(1)

        # --- preview
        self.preview = QLabel()
        self.preview.setObjectName("page_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #888;")
        self.preview_scroll = QScrollArea()
        self.preview_scroll.setWidget(self.preview)
        self.preview_scroll.setWidgetResizable(True)
        self.preview_scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prev_button = QToolButton()
        self.prev_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.prev_button.setToolTip(self.tr("Previous page"))
        self.prev_button.setObjectName("prev_page")
        self.prev_button.clicked.connect(lambda: self.show_page(self.page_index - 1))
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.setToolTip(self.tr("Next page"))
        self.next_button.setObjectName("next_page")
        self.next_button.clicked.connect(lambda: self.show_page(self.page_index + 1))
        self.page_spin = QSpinBox()
        self.page_spin.setObjectName("page_number")
        self.page_spin.setRange(1, 1)
        self.page_spin.valueChanged.connect(lambda v: self.show_page(v - 1))
        self.page_label = QLabel()
        self.zoom = QComboBox()
        self.zoom.setObjectName("zoom")
        self.zoom.addItem(self.tr("Fit width"), 0.0)
        for z in ZOOMS:
            self.zoom.addItem(f"{int(z * 100)}%", z)
        self.zoom.currentIndexChanged.connect(lambda _i: self.show_page(self.page_index))
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.page_spin)
        nav.addWidget(self.page_label)
        nav.addWidget(self.next_button)
        nav.addStretch(1)
        nav.addWidget(QLabel(self.tr("Zoom")))
        nav.addWidget(self.zoom)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(nav)
        rl.addWidget(self.preview_scroll, 1)

        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.setObjectName("save_pdf")
        self.save_button.clicked.connect(lambda: self.save_as())
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(lambda: self.print_document())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([320, 780])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

        self.document.currentIndexChanged.connect(self._on_options_changed)
        self.name_style.currentIndexChanged.connect(self._on_options_changed)
        for w in (self.preset, self.page_size):
            w.currentIndexChanged.connect(self._on_options_changed)
        for w in (self.only_unprinted, self.cut_marks):
            w.toggled.connect(self._on_options_changed)
        self.finished.connect(self._cleanup)
        self.document.setCurrentIndex(max(0, self.document.findData(document)))
        self._load_calibration()
        self._on_options_changed()

    # --- options ----------------------------------------------------------------------------------
    @property
    def doc(self) -> str:
        return str(self.document.currentData())

    def printer_key(self) -> str:
        return str(self.printer.currentData() or DEFAULT_PRINTER)

    def _load_calibration(self) -> None:
        saved = self.ctx.settings.badge_calibration.get(self.printer_key(), {})
        for box, key in ((self.offset_x, "x"), (self.offset_y, "y")):
            box.blockSignals(True)
            box.setValue(float(saved.get(key, 0.0)))
            box.blockSignals(False)
        self._on_options_changed()

    def _save_calibration(self) -> None:
        x, y = round(self.offset_x.value(), 1), round(self.offset_y.value(), 1)
        key = self.printer_key()
        table = dict(self.ctx.settings.badge_calibration)
        if x == 0 and y == 0:
            table.pop(key, None)
        else:
            table[key] = {"x": x, "y": y}
        self.ctx.settings.badge_calibration = table
        self.ctx.settings.save(self.ctx.home)
        self._on_options_changed()

    def options(self) -> tuple[Any, ...]:
        doc = self.doc
        calibrated = doc in ("badges", "calibration")
        return (doc, self.preset.currentData() if calibrated else None,
                self.name_style.currentData() if doc == "badges" else None,
                self.only_unprinted.isChecked() if doc == "badges" else None,
                self.cut_marks.isChecked() if doc == "badges" else None,
                self.page_size.currentData() if doc == "seat-chart" else None,
                (round(self.offset_x.value(), 1), round(self.offset_y.value(), 1)) if calibrated else None)  # fmt: skip

    def _on_options_changed(self, *_a: Any) -> None:
        doc = self.doc
        self.badge_box.setVisible(doc in ("badges", "calibration"))
        for w in (self.name_style, self.only_unprinted, self.cut_marks):
            w.setEnabled(doc == "badges")
        self.chart_box.setVisible(doc == "seat-chart")
        self.printer_box.setVisible(doc in ("badges", "calibration"))
        stale = self.pdf is not None and self.generated_for != self.options()
        if stale:
            self.result_label.setText(self.tr("The options changed: generate the preview again."))
        self._update_buttons()
        self.run_preflight()

    def _update_buttons(self) -> None:
        ready = self.pdf is not None and self.generated_for == self.options() and self.job is None
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)
        self.generate_button.setEnabled(self.job is None)

    # --- preflight --------------------------------------------------------------------------------
    def run_preflight(self) -> None:
        doc = self.doc
        if doc == "calibration":
            self.preflight_info = None
            self.preflight_label.setText(self.tr("A crosshair page to measure the printer's offset (no personal data)."))
            self._show_glyphs(())
            return
        event_id, style = self.event_info.id, self.name_style.currentData()

        def done(info: PrintPreflightInfo) -> None:
            if info.document != self.doc:
                return
            self.preflight_info = info
            text = self.to_print(info.document, info.items)
            if info.withheld:
                text += " " + self.tr("{n} people are left out: their consent is no longer in force.").format(
                    n=info.withheld)  # fmt: skip
            self.preflight_label.setText(text)
            self._show_glyphs(info.missing_glyphs)

        def failed(exc: BaseException) -> None:
            from xzdesk.ui.events.messages import describe_events_error

            self.preflight_info = None
            self.preflight_label.setText(describe_events_error(exc))
            self._show_glyphs(())

        self.ops.run(lambda s, _p, _c: preflight(s, event_id=event_id, document=doc, name_style=style),
                     on_done=done, on_error=failed, mode="read")  # fmt: skip

    def to_print(self, document: str, n: int) -> str:
        """What the chosen document will hold, in its own words."""
        return {
            "badges": self.tr("{n} badges to print."),
            "tents": self.tr("{n} table tents to print."),
            "seat-chart": self.tr("{n} tables on the seat chart, then the find-your-table list."),
            "sign-in": self.tr("{n} people on the sign-in sheet."),
            "cards": self.tr("{n} speed-dating cards to print."),
        }.get(document, self.tr("{n} items to print.")).format(n=n)

    def missing_glyphs(self) -> tuple[MissingGlyph, ...]:
        found: dict[int, MissingGlyph] = {}
        for source in (self.preflight_info, self.report):
            for glyph in getattr(source, "missing_glyphs", ()) or ():
                found.setdefault(glyph.codepoint, glyph)
        return tuple(found.values())

    def _show_glyphs(self, glyphs: tuple[MissingGlyph, ...]) -> None:
        glyphs = tuple({g.codepoint: g for g in (*glyphs, *(self.report.missing_glyphs if self.report else ()))}.values())
        if not glyphs:
            self.glyph_warning.hide()
            return
        codes = ", ".join(g.label for g in glyphs[:12]) + (" …" if len(glyphs) > 12 else "")
        self.glyph_warning.setText(self.tr("No font can draw {n} character(s): {codes}. They print as □ — check the "
                                           "names in the case files.").format(n=len(glyphs), codes=codes))  # fmt: skip
        self.glyph_warning.show()

    # --- generating -------------------------------------------------------------------------------
    def default_file_name(self) -> str:
        if self.doc == "calibration":
            return f"calibration-{self.preset.currentData()}.pdf"
        return f"{self.event_info.code}-{self.doc}.pdf"

    def generate(self) -> None:
        options = self.options()
        doc, preset, style, only_unprinted, cut_marks, page_size, offsets = options
        calibration = make_calibration(*offsets) if offsets is not None else None
        out = self._tmp / self.default_file_name()
        event_id = self.event_info.id

        def job(uow: Any, progress: Any, cancel: Any) -> EventPrintInfo:
            common = {"out": out, "progress": progress, "cancel": cancel}
            match doc:
                case "badges":
                    # a preview: plates count as printed only when the PDF is saved or printed
                    return print_badges(uow, event_id=event_id, preset=preset, calibration=calibration,
                                        name_style=style, only_unprinted=bool(only_unprinted),
                                        cut_marks=bool(cut_marks), record=False, **common)  # fmt: skip
                case "tents":
                    return print_table_tents(uow, event_id=event_id, **common)
                case "seat-chart":
                    return print_seat_chart(uow, event_id=event_id, page_size=page_size, **common)
                case "sign-in":
                    return print_sign_in_sheet(uow, event_id=event_id, **common)
                case "cards":
                    return print_speed_dating_cards(uow, event_id=event_id, **common)
            return print_calibration(preset=preset, calibration=calibration, **common)

        self._close_pdf()
        self.result_label.setText(self.tr("Generating…"))
        self.job = self.ops.run(job, on_done=lambda r: self._generated(r, out, options), on_error=self._failed,
                                title=self.tr("Generating {document}").format(document=labels.document(doc)),
                                parent=self)  # fmt: skip
        self._update_buttons()

    def _generated(self, report: EventPrintInfo, path: Path, options: tuple[Any, ...]) -> None:
        import pypdfium2

        self.job = None
        self.report = report
        self.pdf_path = path
        self.pdf = pypdfium2.PdfDocument(str(path))
        self.generated_for = options
        pages = len(self.pdf)
        self.page_spin.blockSignals(True)
        self.page_spin.setRange(1, max(1, pages))
        self.page_spin.setValue(1)
        self.page_spin.blockSignals(False)
        text = self.tr("{pages} page(s), {items} item(s).").format(pages=report.pages, items=report.items)
        if report.withheld:
            text += " " + self.tr("{n} left out (consent).").format(n=report.withheld)
        self.result_label.setText(text)
        self._show_glyphs(report.missing_glyphs)
        self.show_page(0)
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self.result_label.clear()
        self._update_buttons()
        show_events_error(self, exc)

    # --- preview ----------------------------------------------------------------------------------
    def page_count(self) -> int:
        return len(self.pdf) if self.pdf is not None else 0

    def scale(self, page_width_pt: float) -> float:
        zoom = float(self.zoom.currentData() or 0.0)
        if zoom <= 0:
            width = max(200, self.preview_scroll.viewport().width() - 24)
            return width / page_width_pt
        return zoom * self.logicalDpiX() / 72.0

    def show_page(self, index: int) -> None:
        n = self.page_count()
        if n == 0:
            self.preview.clear()
            self.page_label.setText("")
            self.prev_button.setEnabled(False)
            self.next_button.setEnabled(False)
            return
        index = max(0, min(n - 1, index))
        self.page_index = index
        width_pt, _height_pt = self.pdf[index].get_size()
        self.page_image = render_page(self.pdf, index, self.scale(width_pt))
        self.preview.setPixmap(QPixmap.fromImage(self.page_image))
        self.page_label.setText(self.tr("of {n}").format(n=n))
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(index + 1)
        self.page_spin.blockSignals(False)
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < n - 1)

    # --- saving and printing ----------------------------------------------------------------------
    def confirm_glyphs(self) -> bool:
        glyphs = self.missing_glyphs()
        if not glyphs:
            return True
        codes = ", ".join(g.label for g in glyphs[:12])
        answer = QMessageBox.warning(
            self, self.windowTitle(),
            self.tr("No font can draw {n} character(s) ({codes}); they appear as □. Continue anyway?").format(
                n=len(glyphs), codes=codes),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def save_as(self, path: str | None = None) -> Path | None:
        if self.pdf_path is None:
            return None
        if not self.confirm_glyphs():
            return None
        if path is None:
            default = str(prints_folder(self.ctx) / self.default_file_name())
            path, _f = QFileDialog.getSaveFileName(self, self.tr("Save PDF"), default, self.tr("PDF document (*.pdf)"))
            if not path:
                return None
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
        shutil.copyfile(self.pdf_path, path)
        self.result_label.setText(self.tr("Saved to {path}").format(path=path))
        self._record_printed()
        summary = labels.document(self.doc)
        if self.report is not None:
            summary += self.tr(": {pages} page(s), {items} item(s).").format(pages=self.report.pages,
                                                                             items=self.report.items)  # fmt: skip
        announce_saved(self, Path(path), title=self.tr("PDF saved"), summary=summary)
        return Path(path)

    def _record_printed(self) -> None:
        """Badges saved or sent to the printer: their plates are fixed from now on (audited)."""
        report = self.report
        if self.doc != "badges" or report is None or not report.registration_ids:
            return
        event_id, ids = self.event_info.id, report.registration_ids

        def done(info: EventPrintInfo) -> None:
            if info.plates_marked:
                self.result_label.setText(
                    self.result_label.text() + " "
                    + self.tr("{n} plates printed for the first time: they will not change any more.").format(
                        n=info.plates_marked)
                )  # fmt: skip

        self.ops.run(lambda uow, _p, _c: record_badges_printed(uow, event_id=event_id, registration_ids=ids),
                     on_done=done, on_error=lambda e: show_events_error(self, e))  # fmt: skip

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        key = self.printer_key()
        if key != DEFAULT_PRINTER:
            printer.setPrinterName(key)
        printer.setFullPage(True)
        if self.pdf is not None and self.page_count():
            w, h = self.pdf[0].get_size()
            # page sizes are portrait; the orientation turns them
            size = QPageSize(QSizeF(min(w, h), max(w, h)), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
            orientation = QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait
            printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))
        return printer

    def print_document(self, printer: QPrinter | None = None, *, ask: bool = True) -> bool:
        """Print every page through a QPrinter (after the print dialog unless `ask` is False)."""
        if self.pdf is None or not self.confirm_glyphs():
            return False
        printer = printer or self.make_printer()
        if ask:
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            chosen = printer.printerName()
            calibrated = self.doc in ("badges", "calibration")
            if calibrated and chosen and self.printer_key() not in (chosen, DEFAULT_PRINTER):
                index = self.printer.findData(chosen)
                if index >= 0:
                    self.printer.setCurrentIndex(index)
                QMessageBox.information(self, self.windowTitle(),
                                        self.tr("The badges were made with the calibration of another printer. "
                                                "Generate them again for “{printer}”, then print.").format(
                                            printer=chosen))  # fmt: skip
                return False
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.windowTitle(), self.tr("The printer could not be started."))
            return False
        pages = self.page_count()
        progress = QProgressDialog(self.tr("Sending pages to the printer…"), self.tr("Cancel"), 0, pages, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(600)
        cancelled = False
        try:
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            device = printer.resolution()
            for i in range(pages):
                progress.setValue(i)  # keeps the window responsive between pages
                if progress.wasCanceled():
                    printer.abort()
                    cancelled = True
                    break
                if i:
                    printer.newPage()
                w_pt, h_pt = self.pdf[i].get_size()
                image = render_page(self.pdf, i, dpi / 72.0)
                target_w, target_h = w_pt / 72.0 * device, h_pt / 72.0 * device
                painter.drawImage(QRectF(0, 0, target_w, target_h), image)
        finally:
            painter.end()
            progress.reset()
            progress.deleteLater()
        if cancelled:
            self.result_label.setText(self.tr("Printing cancelled."))
            return False
        self.result_label.setText(self.tr("Sent to the printer."))
        self._record_printed()
        return True

    # --- cleaning up ------------------------------------------------------------------------------
    def _close_pdf(self) -> None:
        if self.pdf is not None:
            self.pdf.close()
            self.pdf = None
        self.page_image = None
        self.preview.clear()

    def _cleanup(self, *_a: Any) -> None:
        if self.job is not None:
            self.job.stop()
        self._close_pdf()
        shutil.rmtree(self._tmp, ignore_errors=True)
