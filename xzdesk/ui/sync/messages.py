"""Plain words for sync error codes (status bar, 同步 screen, dialogs)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from xzdesk.ui import messages


def _sync_messages() -> dict[str, str]:
    return {
        "sync.offline": QCoreApplication.translate("Messages", "The server cannot be reached (no network?). Work goes on offline; sync retries by itself."),
        "sync.timeout": QCoreApplication.translate("Messages", "The server did not answer in time. Sync retries by itself."),
        "sync.server_error": QCoreApplication.translate("Messages", "The server had a problem. Sync retries by itself; tell the union office if it lasts."),
        "server.busy": QCoreApplication.translate("Messages", "The server is busy. Sync retries by itself."),
        "sync.bad_response": QCoreApplication.translate("Messages", "The server answered something this version does not understand. Update xzdesk or ask the union office."),
        "sync.not_enrolled": QCoreApplication.translate("Messages", "This computer is not connected to a union server yet."),
        "sync.token_missing": QCoreApplication.translate("Messages", "The device key of this computer is missing from the keyring. Connect this computer again."),
        "device.revoked": QCoreApplication.translate("Messages", "The union office revoked this computer: personal data was removed from it. Connect it again to continue."),
        "auth.bad_credentials": QCoreApplication.translate("Messages", "The user name or password is wrong."),
        "auth.forbidden": QCoreApplication.translate("Messages", "This account may not connect a computer."),
        "auth.invalid_token": QCoreApplication.translate("Messages", "The server no longer accepts this computer's key. Connect this computer again."),
        "auth.missing_token": QCoreApplication.translate("Messages", "The server needs this computer's key. Connect this computer again."),
        "sync.demo_database": QCoreApplication.translate("Messages", "The demo database holds synthetic people and is never connected to a server."),
        "sync.already_enrolled": QCoreApplication.translate("Messages", "This computer is already connected to a server."),
        "sync.not_empty": QCoreApplication.translate("Messages", "This database already holds case files; only an empty database can be connected (its records would otherwise be duplicated)."),
        "sync.not_a_laptop_account": QCoreApplication.translate("Messages", "This account cannot be used to connect a computer."),
        "sync.offline_too_long": QCoreApplication.translate("Messages", "This computer was offline longer than allowed. Personal screens are locked until it syncs."),
        "sync.cursor_expired": QCoreApplication.translate("Messages", "The server asked for a fresh start: local data is downloaded again (your own changes were sent first)."),
        "sync.scope_changed": QCoreApplication.translate("Messages", "What this computer may see changed: its data is downloaded again."),
        "sync.conflict_not_found": QCoreApplication.translate("Messages", "The conflict was already resolved."),
        "sync.rejected_not_found": QCoreApplication.translate("Messages", "The rejected change is no longer in the list."),
        "sync.unknown_entity": QCoreApplication.translate("Messages", "This kind of record is not known to this version of xzdesk."),
        "sync.member_erased": QCoreApplication.translate("Messages", "The member's data was erased at their request; changes to it are refused."),
        "sync.out_of_scope": QCoreApplication.translate("Messages", "The record belongs to a district or event this computer may not change."),
        "sync.bad_transition": QCoreApplication.translate("Messages", "The change was refused: the record had already moved on to another stage."),
        "sync.not_permitted": QCoreApplication.translate("Messages", "The change was refused: the account may not make it."),
        "sync.invalid": QCoreApplication.translate("Messages", "The change was refused: the server found a value it does not accept."),
        "sync.rejected": QCoreApplication.translate("Messages", "The server refused the change."),
        "cancelled": QCoreApplication.translate("Messages", "Cancelled."),
    }


messages.register(_sync_messages)
