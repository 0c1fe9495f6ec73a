"""The print engine: every PDF xzdesk prints, drawn on a reportlab canvas with embedded fonts.

Nothing here touches the database. The events, seating, check-in and introductions areas build
the plain frozen DTOs of `printing.dto` from their own tables and call one function per document:

    print_badges(badges, out, *, event, preset="a4-10up", calibration=NO_CALIBRATION,
                 cut_marks=False, outlines=False, progress=no_progress, cancel=NEVER_CANCELLED)
    print_calibration_page(out, *, preset="a4-10up", calibration=NO_CALIBRATION, progress, cancel)
    print_table_tents(tents, out, *, event, progress, cancel)
    print_seat_chart(tables, out, *, event, page_size="A4", finder=(), progress, cancel)
    print_sign_in_sheet(rows, out, *, event, by_name=False, progress, cancel)
    print_speed_dating_cards(cards, out, *, event, progress, cancel)
    print_introduction_slips(slips, out, *, progress, cancel)
    print_result_slips(slips, out, *, event, progress, cancel)

`out` is a path (written atomically via a temporary file beside it) or a binary stream (written
only on success). Each returns a `PrintReportInfo(pages, items, missing_glyphs)`. They run on
a worker thread, report `progress(fraction, "printing.<document>")`, check `cancel` between items
(raising Cancelled, leaving `out` untouched), and never write personal data into PDF metadata
(titles are generic document names). QR codes only ever carry canonical tokens
(`xzdesk.domain.tokens`); anything else is refused with `printing.qr_payload_invalid`.

Before printing, `check_glyphs(strings)` tells the UI which characters no bundled font can draw;
those print as □ and come back in the report as `MissingGlyph(codepoint, items)`.

Printed Chinese document text lives in `printing.labels` (one dict per layout, and the
`SAFETY_NOTICE`), for review.
"""

from __future__ import annotations

from xzdesk.domain.printing._pdf import Output, PrintReportInfo
from xzdesk.domain.printing.badges import badge_sheet_count, print_badges, print_calibration_page
from xzdesk.domain.printing.cards import print_speed_dating_cards
from xzdesk.domain.printing.dto import (
    BadgeInfo,
    CardBreakRow,
    CardRoundRow,
    EventHeaderInfo,
    FindTableRow,
    IntroductionSlipInfo,
    MatchRow,
    ProfileFieldRow,
    ResultSlipInfo,
    SeatTableInfo,
    SignInRow,
    SpeedDatingCardInfo,
    TableTentInfo,
)
from xzdesk.domain.printing.fonts import MissingGlyph, check_glyphs
from xzdesk.domain.printing.presets import (
    NO_CALIBRATION,
    PRESETS,
    BadgeBoxesInfo,
    CalibrationInfo,
    RectMM,
    StockPresetInfo,
    badge_boxes,
    badge_cells,
    calibration_reference,
    get_preset,
    make_calibration,
)
from xzdesk.domain.printing.seat_chart import finder_pages, print_seat_chart, seat_chart_layout
from xzdesk.domain.printing.sign_in import print_sign_in_sheet, sign_in_page_count
from xzdesk.domain.printing.slips import print_introduction_slips, print_result_slips
from xzdesk.domain.printing.tents import print_table_tents

__all__ = [
    "NO_CALIBRATION",
    "PRESETS",
    "BadgeBoxesInfo",
    "BadgeInfo",
    "CalibrationInfo",
    "CardBreakRow",
    "CardRoundRow",
    "EventHeaderInfo",
    "FindTableRow",
    "IntroductionSlipInfo",
    "MatchRow",
    "MissingGlyph",
    "Output",
    "PrintReportInfo",
    "ProfileFieldRow",
    "RectMM",
    "ResultSlipInfo",
    "SeatTableInfo",
    "SignInRow",
    "SpeedDatingCardInfo",
    "StockPresetInfo",
    "TableTentInfo",
    "badge_boxes",
    "badge_cells",
    "badge_sheet_count",
    "calibration_reference",
    "check_glyphs",
    "finder_pages",
    "get_preset",
    "make_calibration",
    "print_badges",
    "print_calibration_page",
    "print_introduction_slips",
    "print_result_slips",
    "print_seat_chart",
    "print_sign_in_sheet",
    "print_speed_dating_cards",
    "print_table_tents",
    "seat_chart_layout",
    "sign_in_page_count",
]
