"""Spreadsheet import and export (issue 7): rosters in, case lists out.

Import, in two phases (importer.py): `inspect_source` -> `mapping_for` / `MappingInfo.with_changes`
-> `analyse_import` (a preview; read-only) -> `commit_import` (one transaction), and
`write_error_workbook` for the rows that failed. Export (export.py): `export_members`; tables.py
writes any list to xlsx/CSV with text identifiers and formula-injection defence.
"""

from __future__ import annotations

from xzdesk.domain.spreadsheets.codes import Decision, RowStatus
from xzdesk.domain.spreadsheets.error_book import write_error_workbook
from xzdesk.domain.spreadsheets.export import DEFAULT_COLUMNS, ExportInfo, export_members
from xzdesk.domain.spreadsheets.importer import (
    CellProblemInfo,
    ImportCountsInfo,
    ImportFailureInfo,
    ImportOptions,
    ImportPreviewInfo,
    ImportReportInfo,
    ImportRowInfo,
    analyse_import,
    commit_import,
)
from xzdesk.domain.spreadsheets.mapping import MappingInfo, guess_mapping, mapping_for
from xzdesk.domain.spreadsheets.sources import ColumnInfo, DistrictHintInfo, SourceInfo, inspect_source
from xzdesk.domain.spreadsheets.tables import open_table

__all__ = [
    "DEFAULT_COLUMNS", "CellProblemInfo", "ColumnInfo", "Decision", "DistrictHintInfo", "ExportInfo", "ImportCountsInfo",
    "ImportFailureInfo", "ImportOptions", "ImportPreviewInfo", "ImportReportInfo", "ImportRowInfo", "MappingInfo",
    "RowStatus", "SourceInfo", "analyse_import", "commit_import", "export_members", "guess_mapping",
    "inspect_source", "mapping_for", "open_table", "write_error_workbook",
]  # fmt: skip
