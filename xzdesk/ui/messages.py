"""Error codes -> translated sentences, in one place (architecture §5).

Each area registers a provider returning {code: template}; templates are translated with
`QCoreApplication.translate` and their named placeholders are filled after translation.
`show_error` puts the sentence in a message box with technical detail under "Details".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from xzdesk.domain.errors import FieldProblem, ValidationError, XzError
from xzdesk.ui import labels

log = logging.getLogger(__name__)
_providers: list[Callable[[], dict[str, str]]] = []


def register(provider: Callable[[], dict[str, str]]) -> None:
    """Add an area's {code: translated template} provider (called lazily, after translators load)."""
    if provider not in _providers:
        _providers.append(provider)


def register_param(prefix: str, key: str, label: Callable[[Any], str]) -> None:
    """Show parameter `key` of the codes starting with `prefix` through `label` (it carries a
    code: the sentence shows its words)."""
    _PRETTY[(prefix, key)] = label



def _core() -> dict[str, str]:
    return {
        "error": QCoreApplication.translate("Messages", "Something went wrong."),
        "cancelled": QCoreApplication.translate("Messages", "Cancelled."),
        "not_found": QCoreApplication.translate("Messages", "The record no longer exists."),
        "validation.failed": QCoreApplication.translate("Messages", "Some fields need correcting."),
        "auth.permission_denied": QCoreApplication.translate("Messages", "Your role does not allow this action."),
        "members.required": QCoreApplication.translate("Messages", "This field is required."),
        "members.too_long": QCoreApplication.translate("Messages", "Too long: at most {maximum} characters."),
        "members.too_many": QCoreApplication.translate("Messages", "Too many entries: at most {maximum}."),
        "members.name_has_digits": QCoreApplication.translate("Messages", "A name cannot contain digits."),
        "members.not_a_number": QCoreApplication.translate("Messages", "Please enter a whole number."),
        "members.out_of_range": QCoreApplication.translate("Messages", "Must be between {minimum} and {maximum}."),
        "members.unknown_code": QCoreApplication.translate("Messages", "Unknown value: {value}."),
        "members.bad_date": QCoreApplication.translate("Messages", "Not a valid date; use the form 1990-01-31."),
        "members.range_inverted": QCoreApplication.translate("Messages", "The upper limit is below the lower limit."),
        "members.sex_contradicts_id": QCoreApplication.translate("Messages", "The sex does not match the ID number, which says {id_sex}."),
        "members.birth_contradicts_id": QCoreApplication.translate("Messages", "The birth date does not match the ID number, which says {id_birth}."),
        "members.under_age": QCoreApplication.translate("Messages", "Only adults can register: this person is {age}, the minimum is {minimum}."),
        "members.below_marriage_age": QCoreApplication.translate("Messages", "Note: {age} is below the legal marriage age of {minimum}."),
        "members.duplicate": QCoreApplication.translate("Messages",
            "This person already has a case file: {member_no} ({name}, ID {id_number}, phone {mobile}) "
            "in {district}, kept by {owner}. Please contact them instead of registering again."
        ),
        "members.not_in_scope": QCoreApplication.translate("Messages", "This case file belongs to another district."),
        "members.bad_transition": QCoreApplication.translate("Messages", "A case cannot go from “{current}” to “{target}”."),
        "members.not_verified": QCoreApplication.translate("Messages", "The member must be verified (all four checks) before becoming active."),
        "members.consent_missing": QCoreApplication.translate("Messages", "The member's consent is missing: {type}."),
        "members.consent_not_active": QCoreApplication.translate("Messages", "There is no active consent of this kind to withdraw."),
        "members.evidence_mismatch": QCoreApplication.translate("Messages", "This evidence does not fit that kind of check."),
        "members.reason_required": QCoreApplication.translate("Messages", "Please type the reason (at least two characters)."),
        "members.not_revealable": QCoreApplication.translate("Messages", "These fields cannot be shown unmasked."),
        "members.stale": QCoreApplication.translate("Messages", "The case file {member_no} was changed meanwhile (by sync). Reload it and edit again."),
        "members.archived": QCoreApplication.translate("Messages", "The case file {member_no} is archived and cannot be edited."),
        "members.due_in_past": QCoreApplication.translate("Messages", "The due date is in the past."),
        "members.follow_up_done": QCoreApplication.translate("Messages", "This follow-up is already done."),
        "members.link_not_found": QCoreApplication.translate("Messages", "The online link request no longer exists."),
        "members.link_decided": QCoreApplication.translate("Messages", "This online link request was already decided ({status}). Reload the case file."),
        "members.link_id_differs": QCoreApplication.translate(
            "Messages", "The ID number given online is not the one on case file {member_no}: an online account is never "
            "linked by the phone number alone. Reject the request with a reason, or, if the case file's ID number is "
            "wrong, correct it first."),
        "members.follow_up_not_found": QCoreApplication.translate("Messages", "The follow-up no longer exists."),
        "members.not_found": QCoreApplication.translate("Messages", "The case file no longer exists."),
        "members.not_editable": QCoreApplication.translate("Messages", "These fields cannot be edited here."),
        "identity.id_format": QCoreApplication.translate("Messages", "An ID number has 18 characters (15 on old cards): digits, the last may be X."),
        "identity.id_checksum": QCoreApplication.translate("Messages", "The last character of the ID number should be {expected}; please check the number."),
        "identity.id_birth_date": QCoreApplication.translate("Messages", "The birth date inside the ID number is not a valid date."),
        "identity.id_region_unknown": QCoreApplication.translate("Messages", "The region code of the ID number is unknown; please double-check it."),
        "identity.mobile_format": QCoreApplication.translate("Messages", "A mobile number has 11 digits and starts with 13 to 19."),
        "staff.username_format": QCoreApplication.translate("Messages", "User names use 2-32 lower-case letters, digits, dots, dashes or underscores."),
        "staff.username_taken": QCoreApplication.translate("Messages", "This user name is taken."),
        "staff.not_found": QCoreApplication.translate("Messages", "The staff account no longer exists."),
        "staff.wrong_password": QCoreApplication.translate("Messages", "Wrong user name or password."),
        "staff.throttled": QCoreApplication.translate("Messages", "Too many attempts. Please try again in {retry_after} seconds."),
        "staff.locked": QCoreApplication.translate("Messages", "This account is locked after too many wrong passwords. An administrator must unlock it."),
        "staff.inactive": QCoreApplication.translate("Messages", "This account is closed."),
        "staff.no_password": QCoreApplication.translate("Messages", "This account has no password yet. An administrator must set one."),
        "staff.not_here": QCoreApplication.translate("Messages",
            "This account cannot sign in on this computer: the union server has not given it this account's password. Accounts of this office's district arrive with each sync; ask the union's administrator."),
        "staff.managed_by_server": QCoreApplication.translate("Messages",
            "On this computer, accounts come from the union server: create accounts, change roles and passwords and close accounts there. Changes arrive here at the next sync."),
        "staff.password_hash_unusable": QCoreApplication.translate("Messages",
            "The union server sent a password record this version of xzdesk does not check (its settings cost more than ours). Ask the server's administrator."),
        "staff.password_too_short": QCoreApplication.translate("Messages", "A password needs at least {minimum} characters."),
        "staff.password_weak": QCoreApplication.translate("Messages", "This password is too easy to guess. Use a longer phrase, without your name or common words."),
        "staff.first_must_be_admin": QCoreApplication.translate("Messages", "The first account of this computer must be its administrator."),
        "staff.self_grant": QCoreApplication.translate("Messages", "Nobody can change their own role. Ask another administrator."),
        "staff.self_reset": QCoreApplication.translate("Messages", "Change your own password under File → Change password."),
        "staff.self_deactivate": QCoreApplication.translate("Messages", "You cannot close your own account."),
        "staff.not_signed_in": QCoreApplication.translate("Messages", "Please sign in first."),
        "store.backup_not_found": QCoreApplication.translate("Messages", "The chosen backup file no longer exists."),
        "store.backup_unreadable": QCoreApplication.translate("Messages",
            "This file does not open with this computer's key. It is a backup of another computer (or of a "
            "database locked with another passphrase), not an xzdesk backup at all, or it is damaged. "
            "Nothing was changed."),  # fmt: skip
        "store.backup_not_xzdesk": QCoreApplication.translate("Messages", "This file is not an xzdesk database. Nothing was changed."),
        "store.backup_newer": QCoreApplication.translate("Messages",
            "This backup was made by a newer version of xzdesk. Install that version first. Nothing was changed."),  # fmt: skip
        "store.backup_damaged": QCoreApplication.translate("Messages",
            "This backup is damaged (the check of its pages failed). Choose another backup. Nothing was changed."),  # fmt: skip
        "store.backup_write_failed": QCoreApplication.translate("Messages",
            "The backup could not be written to {path}. Check that the folder exists, is writable and has room."),  # fmt: skip
        "store.backup_over_database": QCoreApplication.translate("Messages", "Choose another file: this is the database itself."),
        "store.already_exists": QCoreApplication.translate("Messages", "A database already exists in the data folder."),
        "store.passphrase_required": QCoreApplication.translate("Messages", "A database passphrase is needed."),
        "store.passphrase_cancelled": QCoreApplication.translate("Messages", "No passphrase was given; the database stays closed."),
        "store.passphrase_empty": QCoreApplication.translate("Messages", "The passphrase must not be empty."),
        "store.wrong_key": QCoreApplication.translate("Messages", "The database could not be opened: the passphrase or key is wrong."),
        "store.key_missing": QCoreApplication.translate("Messages", "The database key is missing from the system keyring."),
        "store.key_info_missing": QCoreApplication.translate("Messages", "The key information file of the database is missing."),
        "store.keyring_unavailable": QCoreApplication.translate("Messages", "The system keyring is not available ({backend})."),
        "conflict": QCoreApplication.translate("Messages", "The record was changed meanwhile. Look again and retry."),
        "request.invalid": QCoreApplication.translate("Messages", "The server refused the request ({fields}). This version may be too old: update xzdesk."),
        "intake.duplicate": QCoreApplication.translate("Messages", "This person is registered already."),
        "intake.event_not_found": QCoreApplication.translate("Messages", "The event no longer exists."),
        "intake.member_not_found": QCoreApplication.translate("Messages", "The member no longer exists."),
        "intake.signup_unavailable": QCoreApplication.translate("Messages", "This server does not offer online sign-up."),
        "server.user_not_found": QCoreApplication.translate("Messages", "The server has no account {username}."),
        "server.device_not_found": QCoreApplication.translate("Messages", "The server does not know this device."),
    }


register(_core)

# Parameters that carry codes are shown with their labels: (code prefix, param) -> label function.
# Areas whose codes use the same parameter names for other things translate them themselves.
_PRETTY: dict[tuple[str, str], Callable[[Any], str]] = {
    ("members.", "id_sex"): lambda v: labels.sex(int(v)),
    ("members.", "current"): labels.status,
    ("members.", "target"): labels.status,
    ("members.", "type"): labels.consent,
    ("members.", "district"): labels.district,
    ("sync.", "field"): lambda v: _field_label(str(v)),
    ("introductions.", "type"): labels.consent,
}


def _field_label(name: str) -> str:
    from xzdesk.ui.spreadsheets.labels import field

    return field(name)


def describe(exc: XzError | FieldProblem) -> str:
    """The translated sentence for an error (a general sentence when a code has none yet)."""
    table: dict[str, str] = {}
    for provider in _providers:
        table.update(provider())
    template = table.get(exc.code)
    if template is None:
        log.warning("no message for code %s", exc.code)  # the code goes to the log, never on screen
        return table["error"]
    params: dict[str, Any] = dict(exc.params)
    for (prefix, key), pretty in _PRETTY.items():
        if key in params and exc.code.startswith(prefix):
            params[key] = pretty(params[key])
    params.setdefault("code", exc.code)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def describe_all(exc: XzError) -> str:
    if isinstance(exc, ValidationError):
        return "\n".join(describe(p) for p in exc.problems)
    return describe(exc)


def _kind(exc: BaseException) -> str:
    """What kind of failure, in words (the class of the error, never its code)."""
    from xzdesk.domain.errors import Cancelled, Conflict, NotFound, PermissionDenied

    kinds: tuple[tuple[type[BaseException], str], ...] = (
        (ValidationError, QCoreApplication.translate("Messages", "input to correct")),
        (PermissionDenied, QCoreApplication.translate("Messages", "not allowed for this account")),
        (NotFound, QCoreApplication.translate("Messages", "record not found")),
        (Conflict, QCoreApplication.translate("Messages", "changed meanwhile")),
        (Cancelled, QCoreApplication.translate("Messages", "cancelled")),
    )
    for cls, words in kinds:
        if isinstance(exc, cls):
            return words
    status = getattr(exc, "status", None)
    if isinstance(status, int) and status:
        return QCoreApplication.translate("Messages", "answer of the server (HTTP {status})").format(status=status)
    return QCoreApplication.translate("Messages", "refused by a rule of xzdesk")


def _fields(exc: XzError) -> str:
    from xzdesk.ui.spreadsheets.labels import field

    names = [p.field for p in exc.problems] if isinstance(exc, ValidationError) else []
    if isinstance(exc, FieldProblem):
        names = [exc.field]
    return QCoreApplication.translate("Messages", ", ").join(dict.fromkeys(field(n) for n in names if n))


def _log_file() -> str:
    """The application's log file (the rotating one `app.setup_logging` installs)."""
    import logging.handlers

    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            return handler.baseFilename
    return ""


def technical_details(exc: BaseException, *, reference: str) -> str:
    """What someone helping the user needs, in words: when, which version, what kind of failure,
    which fields, and a reference to the full technical record written to the log file (codes
    and parameters stay there; they never appear on screen)."""
    from datetime import datetime

    from xzdesk import __version__

    lines = [
        QCoreApplication.translate("Messages", "When: {time}").format(time=datetime.now().strftime("%Y-%m-%d %H:%M:%S")),
        QCoreApplication.translate("Messages", "Version: xzdesk {version}").format(version=__version__),
        QCoreApplication.translate("Messages", "Kind: {kind}").format(kind=_kind(exc)),
    ]
    fields = _fields(exc) if isinstance(exc, XzError) else ""
    if fields:
        lines.append(QCoreApplication.translate("Messages", "Fields: {fields}").format(fields=fields))
    if not isinstance(exc, XzError):
        lines.append(QCoreApplication.translate("Messages", "Error type: {type}").format(type=type(exc).__name__))
    lines.append(QCoreApplication.translate("Messages", "Reference: {reference}").format(reference=reference))
    path = _log_file()
    if path:
        lines.append(QCoreApplication.translate("Messages", "Log file (the reference finds the entry): {path}").format(path=path))
    return "\n".join(lines)


def show_error(parent: QWidget | None, exc: BaseException, *, title: str | None = None) -> None:
    """A message box for an expected error; unexpected ones say so and keep detail apart. The
    technical record (code, parameters, traceback) goes to the log under a short reference that
    the box shows under Details."""
    import secrets

    reference = secrets.token_hex(3).upper()
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("Messages", "xzdesk"))
    if isinstance(exc, XzError):
        log.info("shown error %s: %s", reference, exc)  # codes and masked params only
        box.setText(describe_all(exc))
    else:
        log.error("unexpected error %s", reference, exc_info=exc)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setText(QCoreApplication.translate("Messages", "An unexpected error occurred. The details were written to the log file."))
    box.setDetailedText(technical_details(exc, reference=reference))
    box.exec()
