"""Check-in error codes -> translated sentences (registered with xzdesk.ui.messages), and the
translated labels of the area's codes (verdicts, reasons, methods, summary groups)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from xzdesk.ui import messages


def _messages() -> dict[str, str]:
    return {
        "checkin.event_not_found": QCoreApplication.translate("Messages", "This event is not on this laptop."),
        "checkin.not_on_roster": QCoreApplication.translate("Messages", "This person is not on the event's list on this laptop."),
        "checkin.scan_not_found": QCoreApplication.translate("Messages", "The scan no longer exists."),
        "checkin.not_a_checkin": QCoreApplication.translate("Messages", "Only an accepted check-in can be undone."),
        "checkin.already_annulled": QCoreApplication.translate("Messages", "This check-in ({plate}) was undone already."),
        "checkin.walk_ins_closed": QCoreApplication.translate("Messages", "Walk-ins can no longer be registered for this event."),
        "checkin.walk_in_duplicate": QCoreApplication.translate("Messages", "This person was registered here already, with number {plate}."),
        "checkin.station_invalid": QCoreApplication.translate("Messages", "The station letter must be one of {allowed}."),
        "checkin.no_event_key": QCoreApplication.translate("Messages", "This laptop lacks the event's QR key: import the event pack again."),
        "checkin.plates_exhausted": QCoreApplication.translate("Messages", "Station {station} has used all its walk-in numbers: choose another station letter."),
        "checkin.plate_taken": QCoreApplication.translate("Messages", "Number {plate} is taken by another registration: give this walk-in a new badge."),
        "checkin.card_unknown_plate": QCoreApplication.translate("Messages", "No one has number {plate} at this event."),
        "checkin.plate_ambiguous": QCoreApplication.translate("Messages", "Number {plate} is ambiguous: type the letter too (M or F)."),
        "checkin.card_self": QCoreApplication.translate("Messages", "A card cannot tick its own number ({plate})."),
        "checkin.no_card": QCoreApplication.translate("Messages", "No card was entered for {plate}."),
        "checkin.no_case_file": QCoreApplication.translate("Messages", "One of the two has no case file yet (a walk-in): create the case files first."),
        "checkin.pack_not_a_pack": QCoreApplication.translate("Messages", "This is not an xzdesk venue pack, or the file is damaged."),
        "checkin.pack_version": QCoreApplication.translate("Messages", "Pack format {version} is not supported by this version of xzdesk: please update."),
        "checkin.pack_wrong_passphrase": QCoreApplication.translate("Messages", "The pack passphrase is wrong (or this is not the file that was exported)."),
        "checkin.pack_tampered": QCoreApplication.translate("Messages", "The pack was altered or damaged and is refused."),
        "checkin.pack_foreign": QCoreApplication.translate("Messages",
            "This return pack does not come from a laptop prepared with one of this office's event packs. It is refused."),
        "checkin.pack_own": QCoreApplication.translate("Messages", "This pack was made on this laptop and cannot be imported here."),
        "checkin.pack_passphrase_required": QCoreApplication.translate("Messages", "The pack passphrase is needed."),
        "checkin.pack_passphrase_short": QCoreApplication.translate("Messages", "The passphrase is too short: at least {minimum} characters."),
        "checkin.pack_event_unknown": QCoreApplication.translate("Messages", "This laptop does not hold event {event_code}."),
        "checkin.token_malformed": QCoreApplication.translate("Messages", "This is not a badge code."),
        "checkin.attended_not_approved": QCoreApplication.translate("Messages",
            "Came to the event, but the registration is {status}: approve it or mark attendance by hand."),
        "checkin.not_editable": QCoreApplication.translate("Messages", "These fields cannot be changed here."),
        "checkin.walk_in_not_found": QCoreApplication.translate("Messages", "The walk-in record no longer exists."),
        "checkin.event_code_invalid": QCoreApplication.translate("Messages", "An event code has {length} letters or digits."),
        "checkin.event_id_invalid": QCoreApplication.translate("Messages", "This is not a valid event id."),
        "checkin.token_key_invalid": QCoreApplication.translate("Messages", "The event's QR key is not valid: import the event pack again."),
    }  # fmt: skip


messages.register(_messages)


def verdict_title(verdict: str) -> str:
    return {
        "checked_in": QCoreApplication.translate("CheckinLabels", "Checked in"),
        "already": QCoreApplication.translate("CheckinLabels", "Already checked in"),
        "other_event": QCoreApplication.translate("CheckinLabels", "Badge of another event"),
        "cancelled": QCoreApplication.translate("CheckinLabels", "Registration cancelled"),
        "not_approved": QCoreApplication.translate("CheckinLabels", "Registration not approved"),
        "unknown": QCoreApplication.translate("CheckinLabels", "Unknown or forged code"),
    }.get(verdict, verdict)


def unknown_reason(detail: str | None) -> str:
    return {
        "malformed": QCoreApplication.translate("CheckinLabels", "Not a badge code."),
        "forged": QCoreApplication.translate("CheckinLabels", "The code fails its check: a copied or made-up badge."),
        "not_on_roster": QCoreApplication.translate("CheckinLabels", "A valid code, but no registration here has it: ask the office."),
        "no_event_key": QCoreApplication.translate("CheckinLabels", "This laptop lacks the event's key: import the event pack again."),
    }.get(detail or "", "")


def registration_status(status: str | None) -> str:
    return {
        "pending": QCoreApplication.translate("CheckinLabels", "pending"),
        "waitlisted": QCoreApplication.translate("CheckinLabels", "on the waiting list"),
        "approved": QCoreApplication.translate("CheckinLabels", "approved"),
        "attended": QCoreApplication.translate("CheckinLabels", "attended"),
        "no_show": QCoreApplication.translate("CheckinLabels", "no-show"),
        "cancelled": QCoreApplication.translate("CheckinLabels", "cancelled"),
    }.get(status or "", status or "")


def method(code: str) -> str:
    return {
        "scanner": QCoreApplication.translate("CheckinLabels", "Scanner"),
        "camera": QCoreApplication.translate("CheckinLabels", "Camera"),
        "manual": QCoreApplication.translate("CheckinLabels", "Manual"),
        "walk_in": QCoreApplication.translate("CheckinLabels", "Walk-in"),
    }.get(code, code)


def summary_group(group: str) -> str:
    if group == "all":
        return QCoreApplication.translate("CheckinLabels", "Everyone")
    if group == "sex:1":
        return QCoreApplication.translate("CheckinLabels", "Men")
    if group == "sex:2":
        return QCoreApplication.translate("CheckinLabels", "Women")
    if group == "band:unknown":
        return QCoreApplication.translate("CheckinLabels", "Age unknown")
    if group == "band:other":
        return QCoreApplication.translate("CheckinLabels", "Other ages")
    if group.startswith("band:"):
        return QCoreApplication.translate("CheckinLabels", "Aged {band}").format(band=group[5:])
    return group


def device_name(device_id: str, here: bool) -> str:
    from xzdesk.domain.checkin.service import device_label

    if here:
        return QCoreApplication.translate("CheckinLabels", "this laptop")
    return QCoreApplication.translate("CheckinLabels", "laptop {code}").format(code=device_label(device_id))
