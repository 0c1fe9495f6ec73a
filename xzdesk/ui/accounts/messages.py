"""Texts of the accounts area: error codes it adds, and password-strength verdicts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from xzdesk.ui import messages


def _codes() -> dict[str, str]:
    return {
        "staff.already_set_up": QCoreApplication.translate("Accounts", "This computer already has an administrator."),
        "staff.not_self_assignable": QCoreApplication.translate("Accounts",
            "Nobody can give themselves the privacy officer or auditor role: the administrator creates those accounts for someone else."),  # fmt: skip
        "staff.reopened": QCoreApplication.translate("Accounts", "The account is open again."),
        "staff.password_mismatch": QCoreApplication.translate("Accounts", "The two entries differ. Type the same password twice."),
        "staff.same_username": QCoreApplication.translate("Accounts", "Your working account needs a user name of its own, not the administrator's."),
    }


messages.register(_codes)

_COLOURS = ("#c62828", "#e65100", "#f9a825", "#2e7d32", "#1b5e20")  # zxcvbn score 0-4


def verdict(score: int) -> tuple[str, str]:
    """The translated word for a strength score and its colour."""
    words = {
        0: QCoreApplication.translate("Accounts", "Very weak"),
        1: QCoreApplication.translate("Accounts", "Weak"),
        2: QCoreApplication.translate("Accounts", "Fair"),
        3: QCoreApplication.translate("Accounts", "Good"),
        4: QCoreApplication.translate("Accounts", "Strong"),
    }
    score = max(0, min(4, score))
    return words[score], _COLOURS[score]


def hint(code: str) -> str:
    """Why a password is easy to guess, in words."""
    return {
        "common": QCoreApplication.translate("Accounts", "It is one of the passwords people use most."),
        "sequence": QCoreApplication.translate("Accounts", "It is a sequence such as abc, 123 or a row of keys."),
        "repeat": QCoreApplication.translate("Accounts", "It repeats the same characters."),
        "date": QCoreApplication.translate("Accounts", "Dates and years are easy to guess."),
        "personal": QCoreApplication.translate("Accounts", "It contains your name or user name."),
    }.get(code, QCoreApplication.translate("Accounts", "Add more words or characters that do not belong together."))
