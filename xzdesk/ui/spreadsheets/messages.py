"""Error and problem codes of spreadsheet import and export -> translated sentences.

`_messages` is registered with `xzdesk.ui.messages` on import, so `show_error` phrases
`import.*` and `export.*` errors anywhere. Row problems in the import preview and in the error
workbook go through `problem_sentence`, which words the case editor's field-less codes
(`members.required`: "This field is required.") with the field's name, because a preview row
has no form field next to it. Like the command line, it never repeats a value read from an ID
number (`id_birth`, `id_sex`). `problem_sentence` is also the error workbook's `describe`: it only
translates (QCoreApplication.translate is thread-safe), so it may run on a worker thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from xzdesk.domain.errors import FieldProblem
from xzdesk.domain.spreadsheets import CellProblemInfo, ImportFailureInfo, MappingInfo
from xzdesk.ui import messages
from xzdesk.ui.spreadsheets import labels


def _messages() -> dict[str, str]:
    return {
        # Reading the file
        "import.file_not_found": QCoreApplication.translate("Messages", "The file was not found."),
        "import.unsupported_format": QCoreApplication.translate(
            "Messages", "{suffix} files cannot be imported: save the roster as .xlsx or .csv."
        ),
        "import.unreadable": QCoreApplication.translate(
            "Messages", "The file is damaged or is not an Excel workbook."
        ),
        "import.no_header": QCoreApplication.translate(
            "Messages",
            "No header row was found: at least two known column names are needed (for example 姓名 and 身份证号).",
        ),
        "import.sheet_not_found": QCoreApplication.translate("Messages", "The workbook has no sheet “{sheet}”."),
        "import.encoding": QCoreApplication.translate(
            "Messages", "The text near row {row} cannot be read: save the file as UTF-8 or GB18030."
        ),
        "import.mapping_column": QCoreApplication.translate("Messages", "The file has no column “{column}”."),
        "import.mapping_field": QCoreApplication.translate("Messages", "There is no field “{field}”."),
        # Cells damaged by Excel and other spreadsheet-only problems
        "import.id_scientific": QCoreApplication.translate(
            "Messages",
            "The ID number is in scientific notation (3.20302E+17): its last digits are lost. "
            "Format the column as text and type the number again.",
        ),
        "import.id_numeric_damaged": QCoreApplication.translate(
            "Messages",
            "The ID number was stored as a number: the digits after the 15th (or the final X) are lost. "
            "Format the column as text and type the number again.",
        ),
        "import.id_trailing_zeros": QCoreApplication.translate(
            "Messages",
            "The ID number ends in 000 and fails its check: Excel probably replaced its last digits with zeros. "
            "Type it again from the card.",
        ),
        "import.id_numeric": QCoreApplication.translate(
            "Messages",
            "The ID number is stored as a number (still complete); saving the file in Excel again will damage it. "
            "Format the column as text.",
        ),
        "import.id_missing_x": QCoreApplication.translate(
            "Messages", "The ID number has 17 digits: its last character should be X, which was lost."
        ),
        "import.mobile_scientific": QCoreApplication.translate(
            "Messages", "The mobile number is in scientific notation and its digits are lost: type it again."
        ),
        "import.mobile_multiple": QCoreApplication.translate(
            "Messages", "{count} numbers in one cell: the first one is used."
        ),
        "import.married": QCoreApplication.translate(
            "Messages", "Marital status is married: married people cannot register for matchmaking."
        ),
        "import.duplicate_in_file": QCoreApplication.translate(
            "Messages", "The same person as row {first_row} (same ID number or mobile)."
        ),
        "import.mobile_taken": QCoreApplication.translate(
            "Messages",
            "This mobile number belongs to member {member_no}, who has a different ID number: check by hand.",
        ),
        "import.mobile_repeated": QCoreApplication.translate(
            "Messages", "Row {first_row} gives the same mobile number with a different ID number: check by hand."
        ),
        "import.member_out_of_scope": QCoreApplication.translate(
            "Messages", "Member {member_no} belongs to another district's office and cannot be updated from here."
        ),
        "import.member_gone": QCoreApplication.translate(
            "Messages", "Member {member_no} was archived or removed after the check."
        ),
        # Committing
        "import.source_changed": QCoreApplication.translate(
            "Messages", "The file was changed after it was checked (row {row}): go back and check it again."
        ),
        "import.bad_decision": QCoreApplication.translate(
            "Messages", "Row {row} cannot take that decision."
        ),
        "import.no_such_row": QCoreApplication.translate("Messages", "The file has no row {row}."),
        # Export
        "export.reason_required": QCoreApplication.translate(
            "Messages",
            "Please type a reason: unmasked exports, and exports of more than {threshold} rows "
            "(this one has {rows}), are recorded with their reason.",
        ),
        "export.unsupported_format": QCoreApplication.translate(
            "Messages", "Cannot export to {suffix}: choose .xlsx or .csv."
        ),
        "export.unknown_column": QCoreApplication.translate("Messages", "Please choose at least one known column."),
    }


messages.register(_messages)


def _field_wording() -> dict[str, str]:
    """The case editor's codes worded for a row without a form: they name the field."""
    return {
        "members.required": QCoreApplication.translate("Messages", "{field} is missing."),
        "members.too_long": QCoreApplication.translate("Messages", "{field} is too long (at most {maximum})."),
        "members.too_many": QCoreApplication.translate("Messages", "{field}: too many entries (at most {maximum})."),
        "members.not_a_number": QCoreApplication.translate("Messages", "{field} is not a number."),
        "members.out_of_range": QCoreApplication.translate(
            "Messages", "{field} must be between {minimum} and {maximum}."
        ),
        "members.unknown_code": QCoreApplication.translate("Messages", "{field}: “{value}” is not recognised."),
        "members.bad_date": QCoreApplication.translate(
            "Messages", "{field} is not a date (write 1990-01-31, 1990.1.31 or 1990年1月31日)."
        ),
        "members.range_inverted": QCoreApplication.translate("Messages", "{field}: the lower limit is above the upper limit."),
        "members.sex_contradicts_id": QCoreApplication.translate("Messages", "The sex does not match the ID number."),
        "members.birth_contradicts_id": QCoreApplication.translate(
            "Messages", "The birth date does not match the ID number."
        ),
        "members.not_in_scope": QCoreApplication.translate(
            "Messages", "The district is not yours: you can import members of your own district only."
        ),
    }


_HIDDEN = frozenset({"id_birth", "id_sex"})


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def problem_sentence(code: str, params: Mapping[str, Any]) -> str:
    """One translated sentence for a row problem or failure (`params` may carry `field`)."""
    template = _field_wording().get(code)
    field = str(params.get("field") or "")
    if template is not None:
        values = _Blank({k: v for k, v in params.items() if k not in _HIDDEN})
        values["field"] = labels.field(field)
        return template.format_map(values)
    shown = {k: v for k, v in params.items() if k not in _HIDDEN and k != "field"}
    return messages.describe(FieldProblem(field, code, **shown))


class ProblemWords:
    """`problem_sentence` with a memo: a preview of 100,000 rows repeats a few dozen sentences.
    Make one per preview (the language may change between two)."""

    def __init__(self) -> None:
        self._memo: dict[tuple[Any, ...], str] = {}

    def __call__(self, code: str, params: Mapping[str, Any]) -> str:
        try:
            key: tuple[Any, ...] = (code, *sorted(params.items()))
            hash(key)
        except TypeError:
            return problem_sentence(code, params)
        text = self._memo.get(key)
        if text is None:
            text = self._memo[key] = problem_sentence(code, params)
        return text

    def problem(self, problem: CellProblemInfo) -> str:
        return self(problem.code, {"field": problem.field, **problem.params})


def describe_problem(problem: CellProblemInfo) -> str:
    return problem_sentence(problem.code, {"field": problem.field, **problem.params})


def describe_failure(failure: ImportFailureInfo) -> str:
    return problem_sentence(failure.code, failure.params)


def where(problem: CellProblemInfo, mapping: MappingInfo) -> str:
    """Which cell: "C 身份证号" for a column, else the field's name (a field with no column)."""
    if problem.column is not None and 0 <= problem.column < len(mapping.columns):
        column = mapping.columns[problem.column]
        return f"{column.letter} {column.header}".strip()
    return labels.field(problem.field)
