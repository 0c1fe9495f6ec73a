"""Reports for the federation: union statistics for a month, quarter or year (stats.py), with
small-cell suppression that totals cannot undo (suppression.py), written as xlsx (workbook.py).

Entry points: `stats.union_statistics` (preview, read-only), `stats.export_statistics` (xlsx,
audited), `periods.parse_period` ("2026-07", "2026-Q3", "2026").
"""
