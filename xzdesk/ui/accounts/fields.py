"""Role and district pickers shared by the first-run wizard and the accounts screen."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from xzdesk.domain.members.codes import DISTRICTS
from xzdesk.domain.staff.models import Role
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
