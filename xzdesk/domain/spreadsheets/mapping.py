"""The column mapping: which column fills which member field. A value the UI shows and corrects.

Format (`MappingInfo.to_dict()`, also what is remembered per source and what `--mapping` takes):
`{"A": "name", "B": "sex", "C": "id_number", "D": ""}`, column letter -> field name, `""` for a
column that is not imported. `with_changes` also accepts header texts as keys
(`{"联系电话": "mobile"}`), so a person can correct a mapping without counting letters.

Remembering: the caller keeps `{source_key: to_dict()}` (the CLI and the UI use
`Settings.import_mappings`); `mapping_for(source, remembered)` returns the remembered mapping for
the same layout, else the automatic guess. The key is a hash of the header texts, so a base
union's next roster in the same layout gets the same corrections.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from xzdesk.domain.errors import XzError
from xzdesk.domain.members.validation import REQUIRED
from xzdesk.domain.spreadsheets.fields import IGNORED, IMPORT_FIELDS, header_key
from xzdesk.domain.spreadsheets.sources import ColumnInfo, SourceInfo


@dataclass(frozen=True)
class MappingInfo:
    columns: tuple[ColumnInfo, ...]
    source_key: str
    remembered: bool = False  # True when it came from a remembered mapping

    def to_dict(self) -> dict[str, str]:
        return {c.letter: c.field or IGNORED for c in self.columns}

    def field_columns(self) -> dict[str, tuple[int, ...]]:
        """Field -> the column indexes that fill it, in order (the first non-empty cell wins)."""
        out: dict[str, list[int]] = {}
        for c in self.columns:
            if c.field:
                out.setdefault(c.field, []).append(c.index)
        return {k: tuple(v) for k, v in out.items()}

    def column_of(self, field: str) -> ColumnInfo | None:
        return next((c for c in self.columns if c.field == field), None)

    @property
    def missing_required(self) -> tuple[str, ...]:
        """Required fields with no column (rows will fail unless a default fills them)."""
        mapped = self.field_columns()
        return tuple(f for f in REQUIRED if f not in mapped)

    def with_changes(self, changes: Mapping[str, str | None]) -> MappingInfo:
        """A copy with some columns re-mapped. Keys: column letters or header texts; values:
        field names, or "" / None to leave the column out. Unknown keys or fields raise
        XzError `import.mapping_column` (params: column) / `import.mapping_field` (params: field)."""
        columns = list(self.columns)
        by_letter = {c.letter: i for i, c in enumerate(columns)}
        by_header = {header_key(c.header): i for i, c in enumerate(columns) if c.header}
        for key, field in changes.items():
            index = by_letter.get(key.strip().upper()) if key.strip().isalpha() and key.isascii() else None
            if index is None:
                index = by_header.get(header_key(key))
            if index is None:
                raise XzError("import.mapping_column", column=key)
            if field and field not in IMPORT_FIELDS:
                raise XzError("import.mapping_field", field=field)
            columns[index] = replace(columns[index], field=field or IGNORED)
        return MappingInfo(tuple(columns), self.source_key, remembered=False)


def guess_mapping(source: SourceInfo) -> MappingInfo:
    """The automatic mapping from the header names."""
    return MappingInfo(source.columns, source.source_key)


def mapping_for(source: SourceInfo, remembered: Mapping[str, Mapping[str, str]] | None = None) -> MappingInfo:
    """The remembered mapping for this layout if there is one (unknown letters or fields in it
    are ignored), else the guess."""
    stored = (remembered or {}).get(source.source_key)
    guess = guess_mapping(source)
    if not stored:
        return guess
    columns = []
    for c in source.columns:
        field = stored.get(c.letter, c.field or IGNORED)
        if field and field not in IMPORT_FIELDS:
            field = c.field or IGNORED
        columns.append(replace(c, field=field or IGNORED))
    return MappingInfo(tuple(columns), source.source_key, remembered=True)
