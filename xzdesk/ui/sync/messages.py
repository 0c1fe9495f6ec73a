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
        "sync.no_progress": QCoreApplication.translate("Messages", "The server accepted none of the changes, so sync stopped. See the refused changes, or ask the union office."),
        "sync.apply_failed": QCoreApplication.translate("Messages", "Data from the server could not be saved on this computer; nothing was changed. The log file has the details."),
        "sync.bad_cursor": QCoreApplication.translate("Messages", "The sync position was not valid: everything is downloaded again."),
        "sync.seq_reused": QCoreApplication.translate("Messages", "This computer sent a change number the server already has. Ask the union office."),
        "sync.key_reused": QCoreApplication.translate("Messages", "The same change was sent twice with different content. Ask the union office."),
        "sync.record_not_found": QCoreApplication.translate("Messages", "The record no longer exists."),
        "sync.read_only": QCoreApplication.translate("Messages", "The change was refused: records of this kind are changed on the server only."),
        "sync.bad_id": QCoreApplication.translate("Messages", "The change was refused: the record's id is not valid."),
        "sync.record_deleted": QCoreApplication.translate("Messages", "The change was refused: the record was deleted on the server."),
        "sync.unknown_record": QCoreApplication.translate("Messages", "The change was refused: the server does not hold this record."),
        "sync.unknown_member": QCoreApplication.translate("Messages", "The change was refused: the server does not hold this member."),
        "sync.append_only": QCoreApplication.translate("Messages", "The change was refused: records of this kind are only added, never changed or deleted."),
        "sync.member_immutable": QCoreApplication.translate("Messages", "The change was refused: {field} cannot change once created."),
        "sync.unique_violation": QCoreApplication.translate("Messages", "The change was refused: {field} duplicates another record on the server."),
        "sync.field_type": QCoreApplication.translate("Messages", "The value has the wrong type."),
        "sync.field_too_long": QCoreApplication.translate("Messages", "The value is too long."),
        "sync.field_required": QCoreApplication.translate("Messages", "The value must not be empty."),
        "sync.field_range": QCoreApplication.translate("Messages", "The value is out of range."),
        "cancelled": QCoreApplication.translate("Messages", "Cancelled."),
        # transport
        "sync.https_required": QCoreApplication.translate("Messages", "The server's address must start with https:// (plain http:// only for this computer itself). Nothing was sent. Ask the union office for the https address."),
        "sync.bad_url": QCoreApplication.translate("Messages", "The server's address is not valid. Write it as https://name:port."),
        "sync.ca_file_unreadable": QCoreApplication.translate("Messages", "The union certificate file cannot be read. Choose it again."),
        "sync.ca_file_invalid": QCoreApplication.translate("Messages", "The file chosen is not a usable CA certificate (a .pem, .crt or .cer file is expected)."),
        "sync.certificate_untrusted": QCoreApplication.translate("Messages", "The server's certificate is not trusted, so nothing was sent. If the union uses its own certificates, choose the union certificate and connect again."),
        "sync.certificate_wrong_host": QCoreApplication.translate("Messages", "The server's certificate belongs to another name (this may be another server), so nothing was sent. Check the server's address."),
        "sync.certificate_expired": QCoreApplication.translate("Messages", "The server's certificate has expired, so nothing was sent. Tell the union office."),
        "sync.tls_failed": QCoreApplication.translate("Messages", "No secure connection to the server could be made (wrong address or port?). Nothing was sent."),
        # refusals of the server's guard and sign-in throttle
        "request.too_large": QCoreApplication.translate("Messages", "The server refused a request over its size limit; nothing was done. Tell the union office."),
        "request.headers_too_large": QCoreApplication.translate("Messages", "The server refused a request with too large headers; nothing was done."),
        "request.bad_text": QCoreApplication.translate("Messages", "The server refused a request holding invalid text; nothing was done. Tell the union office."),
        "request.malformed": QCoreApplication.translate("Messages", "The server could not read the request; nothing was done. Update xzdesk."),
        "request.not_found": QCoreApplication.translate("Messages", "The server does not know this request (another version?). Update xzdesk or ask the union office."),
        "request.method_not_allowed": QCoreApplication.translate("Messages", "The server does not take this request (another version?). Update xzdesk."),
        "auth.throttled": QCoreApplication.translate("Messages", "Too many wrong passwords on the server. Try again in {retry_after} seconds."),
        "auth.locked": QCoreApplication.translate("Messages", "Too many wrong passwords on the server: signing in is locked for now. Try again in {retry_after_min} minutes, or ask the server's administrator to lift the lock."),
        "erasure.unknown_member": QCoreApplication.translate("Messages", "The server does not hold this member: there is nothing to erase there."),
        # the server's own administration (xzdesk server ...); worded here for completeness
        "server.workers_need_postgresql": QCoreApplication.translate("Messages", "{workers} worker processes need a PostgreSQL database."),
        "server.backup_tool_missing": QCoreApplication.translate("Messages", "{tool} was not found: install the PostgreSQL client tools."),
        "server.backup_failed": QCoreApplication.translate("Messages", "The backup or restore did not complete; nothing was changed."),
        "server.backup_unsupported": QCoreApplication.translate("Messages", "This kind of database cannot be backed up."),
        "server.backup_not_found": QCoreApplication.translate("Messages", "The backup file or the database was not found."),
        "server.backup_unreadable": QCoreApplication.translate("Messages", "The file is not a backup of an xzdesk server, or it is damaged."),
        "server.backup_kind_mismatch": QCoreApplication.translate("Messages", "This backup is of another kind of database and cannot be restored here."),
    }


messages.register(_sync_messages)
