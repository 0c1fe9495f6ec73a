"""Role and district pickers and the order of accounts, shared by the first-run wizard, sign-in and
the accounts screen."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cmp_to_key

from PySide6.QtCore import QCollator, QCoreApplication, QLocale
from PySide6.QtWidgets import QComboBox

from xzdesk.domain.members.codes import DISTRICTS
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.service import StaffAccountRow
from xzdesk.ui import labels


def district_combo(selected: str | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("district")
    combo.addItem(QCoreApplication.translate("Accounts", "City-wide (Federation)"), None)
    for code, name in DISTRICTS.items():
        combo.addItem(name, code)
        if code == selected:
            combo.setCurrentIndex(combo.count() - 1)
    return combo


def role_combo(roles: Iterable[Role], selected: str | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("role")
    for role in roles:
        combo.addItem(labels.role(role.value), role.value)
        if role.value == selected:
            combo.setCurrentIndex(combo.count() - 1)
    return combo


def by_name(rows: Iterable[StaffAccountRow]) -> list[StaffAccountRow]:
    """Open accounts first, each group in the order people look names up (pinyin, via QCollator)."""
    collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    by_collation = cmp_to_key(collator.compare)
    return sorted(rows, key=lambda r: (not r.active, by_collation(r.display_name), r.username))
