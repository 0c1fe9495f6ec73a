"""Texts of the accounts area: error codes it adds, and password-strength verdicts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from xzdesk.domain.errors import FieldProblem
from xzdesk.domain.staff.service import new_account_problems
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


def _field_label(field: str) -> str:
    return {
        "username": QCoreApplication.translate("Accounts", "User name"),
        "display_name": QCoreApplication.translate("Accounts", "Name shown"),
        "role": QCoreApplication.translate("Accounts", "Role"),
        "district_code": QCoreApplication.translate("Accounts", "District"),
        "password": QCoreApplication.translate("Accounts", "Password"),
    }.get(field, "")


def problem_texts(problems: list[FieldProblem]) -> list[str]:
    """Each problem of an account form as a sentence that names its field ("用户名：已被使用。")."""
    out = []
    for problem in problems:
        label = _field_label(problem.field)
        text = messages.describe(problem)
        out.append(QCoreApplication.translate("Accounts", "{field}: {problem}").format(field=label, problem=text)
                   if label else text)  # fmt: skip
    return out


def account_problems(username: str, display_name: str, *, role: str, district_code: str | None, taken: set[str],
                     password: str | None = None) -> list[str]:  # fmt: skip
    """What stops a new account typed in a form, in words: the service's own rules
    (`new_account_problems`) plus user names already on this computer."""
    problems = new_account_problems(None, username=username, display_name=display_name, role=role,
                                    district_code=district_code, password=password)  # fmt: skip
    if not any(p.field == "username" for p in problems) and username.strip().lower() in taken:
        problems.insert(0, FieldProblem("username", "staff.username_taken"))
    return problem_texts(problems)
