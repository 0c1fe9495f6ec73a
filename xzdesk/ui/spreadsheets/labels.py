"""Translated labels of the spreadsheet area: member fields a column can fill, row statuses,
decisions, export columns, and progress steps.

The column headers written into exported files are Chinese document text from the domain
(xzdesk/domain/spreadsheets/labels.py); these are the words on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor


def field(name: str | None) -> str:
    """A member field as the mapping combos and problem texts name it."""
    return {
        "name": QCoreApplication.translate("SpreadsheetLabels", "Name"),
        "sex": QCoreApplication.translate("SpreadsheetLabels", "Sex"),
        "birth_date": QCoreApplication.translate("SpreadsheetLabels", "Birth date"),
        "id_number": QCoreApplication.translate("SpreadsheetLabels", "ID number"),
        "mobile": QCoreApplication.translate("SpreadsheetLabels", "Mobile"),
        "wechat": QCoreApplication.translate("SpreadsheetLabels", "WeChat id"),
        "district_code": QCoreApplication.translate("SpreadsheetLabels", "District"),
        "hukou_place": QCoreApplication.translate("SpreadsheetLabels", "Hukou place"),
        "employer": QCoreApplication.translate("SpreadsheetLabels", "Employer"),
        "base_union": QCoreApplication.translate("SpreadsheetLabels", "Base union"),
        "union_no": QCoreApplication.translate("SpreadsheetLabels", "Union card no."),
        "sector": QCoreApplication.translate("SpreadsheetLabels", "Sector"),
        "occupation": QCoreApplication.translate("SpreadsheetLabels", "Occupation"),
        "education": QCoreApplication.translate("SpreadsheetLabels", "Education"),
        "height_cm": QCoreApplication.translate("SpreadsheetLabels", "Height (cm)"),
        "weight_kg": QCoreApplication.translate("SpreadsheetLabels", "Weight (kg)"),
        "marital_status": QCoreApplication.translate("SpreadsheetLabels", "Marital history"),
        "children": QCoreApplication.translate("SpreadsheetLabels", "Children"),
        "hobbies": QCoreApplication.translate("SpreadsheetLabels", "Hobbies"),
        "nickname": QCoreApplication.translate("SpreadsheetLabels", "Nickname"),
        "self_description": QCoreApplication.translate("SpreadsheetLabels", "Self-description"),
        "referral_source": QCoreApplication.translate("SpreadsheetLabels", "Referral source"),
        "consents": QCoreApplication.translate("SpreadsheetLabels", "Consents"),
        "reason": QCoreApplication.translate("SpreadsheetLabels", "Reason"),
        # staff accounts (named by the error box's details)
        "username": QCoreApplication.translate("SpreadsheetLabels", "User name"),
        "display_name": QCoreApplication.translate("SpreadsheetLabels", "Display name"),
        "role": QCoreApplication.translate("SpreadsheetLabels", "Role"),
        "password": QCoreApplication.translate("SpreadsheetLabels", "Password"),
        "old_password": QCoreApplication.translate("SpreadsheetLabels", "Current password"),
    }.get(name or "", name or "")


def not_imported() -> str:
    return QCoreApplication.translate("SpreadsheetLabels", "— not imported —")


def status(code: str) -> str:
    return {
        "new": QCoreApplication.translate("SpreadsheetLabels", "New"),
        "update": QCoreApplication.translate("SpreadsheetLabels", "Update"),
        "unchanged": QCoreApplication.translate("SpreadsheetLabels", "Unchanged"),
        "duplicate_in_file": QCoreApplication.translate("SpreadsheetLabels", "Duplicate in file"),
        "conflict": QCoreApplication.translate("SpreadsheetLabels", "Conflict"),
        "error": QCoreApplication.translate("SpreadsheetLabels", "Error"),
    }.get(code, code)


# Light row tints by status (text stays black): green new, blue update, grey unchanged,
# amber duplicate, orange conflict, red error.
STATUS_COLOURS: dict[str, str] = {
    "new": "#e3f4e1",
    "update": "#e1ecfa",
    "unchanged": "#eeeeee",
    "duplicate_in_file": "#fff3cd",
    "conflict": "#ffe0b2",
    "error": "#fbd5d5",
}


def status_colour(code: str) -> QColor:
    return QColor(STATUS_COLOURS.get(code, "#ffffff"))


def decision(code: str) -> str:
    return {
        "new": QCoreApplication.translate("SpreadsheetLabels", "Register as new"),
        "update": QCoreApplication.translate("SpreadsheetLabels", "Update the case file"),
        "skip": QCoreApplication.translate("SpreadsheetLabels", "Skip"),
        "review": QCoreApplication.translate("SpreadsheetLabels", "Leave for review"),
    }.get(code, code)


def export_column(key: str) -> str:
    """Columns of the case-list export, as the column picker shows them."""
    return {
        "member_no": QCoreApplication.translate("SpreadsheetLabels", "Member no."),
        "name": QCoreApplication.translate("SpreadsheetLabels", "Name"),
        "sex": QCoreApplication.translate("SpreadsheetLabels", "Sex"),
        "birth_date": QCoreApplication.translate("SpreadsheetLabels", "Birth date"),
        "age": QCoreApplication.translate("SpreadsheetLabels", "Age"),
        "id_number": QCoreApplication.translate("SpreadsheetLabels", "ID number"),
        "mobile": QCoreApplication.translate("SpreadsheetLabels", "Mobile"),
        "district_code": QCoreApplication.translate("SpreadsheetLabels", "District"),
        "employer": QCoreApplication.translate("SpreadsheetLabels", "Employer"),
        "base_union": QCoreApplication.translate("SpreadsheetLabels", "Base union"),
        "union_no": QCoreApplication.translate("SpreadsheetLabels", "Union card no."),
        "occupation": QCoreApplication.translate("SpreadsheetLabels", "Occupation"),
        "education": QCoreApplication.translate("SpreadsheetLabels", "Education"),
        "height_cm": QCoreApplication.translate("SpreadsheetLabels", "Height (cm)"),
        "marital_status": QCoreApplication.translate("SpreadsheetLabels", "Marital history"),
        "hobbies": QCoreApplication.translate("SpreadsheetLabels", "Hobbies"),
        "status": QCoreApplication.translate("SpreadsheetLabels", "Status"),
        "verified": QCoreApplication.translate("SpreadsheetLabels", "Verified"),
        "matchmaker": QCoreApplication.translate("SpreadsheetLabels", "Matchmaker"),
        "updated_at": QCoreApplication.translate("SpreadsheetLabels", "Last updated"),
    }.get(key, key)


def progress_step(code: str) -> str:
    """The progress dialog's text for a step code reported by the engine."""
    return {
        "import.analyse": QCoreApplication.translate("SpreadsheetLabels", "Checking the rows…"),
        "import.commit": QCoreApplication.translate("SpreadsheetLabels", "Writing the case files…"),
        "import.errors": QCoreApplication.translate("SpreadsheetLabels", "Writing the error workbook…"),
        "export.members": QCoreApplication.translate("SpreadsheetLabels", "Writing the file…"),
    }.get(code, "")
