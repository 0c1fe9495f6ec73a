"""Check-in error codes -> translated sentences (registered with xzdesk.ui.messages), and the
translated labels of the area's codes (verdicts, reasons, methods, summary groups)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from xzdesk.domain.errors import XzError
from xzdesk.ui import labels as core_labels
from xzdesk.ui import messages
from xzdesk.ui.events.labels import registration_status


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
        "checkin.pack_kdf_unsupported": QCoreApplication.translate("Messages",
            "The pack asks for key settings this version of xzdesk never writes (it may be forged). It was not opened."),
        "checkin.pack_has_return_key": QCoreApplication.translate("Messages",
            "This laptop opened an event pack of this event: its return pack is sealed with that pack's key, without a passphrase."),
        "checkin.pack_passphrase_sync_only": QCoreApplication.translate("Messages",
            "A return pack sealed with a passphrase is only for a venue laptop prepared by sync. This laptop is not connected to a union server: use the return key of the event pack."),
        "checkin.token_malformed": QCoreApplication.translate("Messages", "This is not a badge code."),
        "checkin.attended_not_approved": QCoreApplication.translate("Messages",
            "Came to the event, but the registration is not approved (status: {status}): approve it or mark "
            "attendance by hand."),
        "checkin.not_editable": QCoreApplication.translate("Messages", "These fields cannot be changed here."),
        "checkin.walk_in_not_found": QCoreApplication.translate("Messages", "The walk-in record no longer exists."),
        "checkin.event_code_invalid": QCoreApplication.translate("Messages", "An event code has {length} letters or digits."),
        "checkin.event_id_invalid": QCoreApplication.translate("Messages", "This is not a valid event id."),
        "checkin.token_key_invalid": QCoreApplication.translate("Messages", "The event's QR key is not valid: import the event pack again."),
    }  # fmt: skip


messages.register(_messages)
# The registration's status, in the words the 活动 screen uses for it (one wording, one place).
messages.register_param("checkin.attended_not_approved", "status", registration_status)


def verdict_title(verdict: str, detail: str | None = None) -> str:
    """The banner's headline: what happened, in words (a valid code is never called forged)."""
    if verdict == "not_approved" and detail == "waitlisted":
        return QCoreApplication.translate("CheckinLabels", "On the waiting list")
    if verdict == "unknown":
        return {
            "malformed": QCoreApplication.translate("CheckinLabels", "Not a badge of this system"),
            "forged": QCoreApplication.translate("CheckinLabels", "Badge code fails its check"),
            "not_on_roster": QCoreApplication.translate("CheckinLabels", "Not on this laptop's list"),
            "no_event_key": QCoreApplication.translate("CheckinLabels", "This laptop cannot check this event's badges"),
        }.get(detail or "", QCoreApplication.translate("CheckinLabels", "Code not recognised"))
    return {
        "checked_in": QCoreApplication.translate("CheckinLabels", "Checked in"),
        "already": QCoreApplication.translate("CheckinLabels", "Already checked in"),
        "other_event": QCoreApplication.translate("CheckinLabels", "Badge of another event"),
        "cancelled": QCoreApplication.translate("CheckinLabels", "Registration cancelled"),
        "not_approved": QCoreApplication.translate("CheckinLabels", "Registration not approved yet"),
    }.get(verdict, verdict)


def banner_state(verdict: str, detail: str | None = None) -> str:
    """The banner's colour key: a valid badge this laptop cannot place (not on its list, no key)
    is "unresolved", not the red of a bad code."""
    if verdict == "unknown" and detail in ("not_on_roster", "no_event_key"):
        return "unresolved"
    return verdict


def unknown_reason(detail: str | None) -> str:
    return {
        "malformed": QCoreApplication.translate("CheckinLabels", "What was scanned is not the QR code of a badge or e-ticket of this system."),
        "forged": QCoreApplication.translate("CheckinLabels",
            "The code names this event but fails its security check: the badge may have been copied, altered or made up."),
        "not_on_roster": QCoreApplication.translate("CheckinLabels",
            "A valid badge of this event, but no registration on this laptop has it (the list here may be out of date). "
            "The scan is kept for the office to resolve."),
        "no_event_key": QCoreApplication.translate("CheckinLabels", "This laptop does not hold the event's QR key."),
    }.get(detail or "", "")


def next_step(verdict: str, detail: str | None = None) -> str:
    """What the person at the door does now, for every verdict that is not a plain check-in."""
    if verdict == "not_approved":
        if detail == "waitlisted":
            return QCoreApplication.translate("CheckinLabels",
                "Admit only if a place is free: the organiser promotes the registration under Events, then scan again.")
        return QCoreApplication.translate("CheckinLabels", "The organiser approves the registration under Events; then scan again.")
    if verdict == "unknown":
        return {
            "forged": QCoreApplication.translate("CheckinLabels",
                "Check the person's ID, then find them under Manual search; tell the organiser."),
            "not_on_roster": QCoreApplication.translate("CheckinLabels",
                "Find the person under Manual search or register them as a walk-in. Sync or import the latest "
                "event pack to bring the list up to date."),
            "no_event_key": QCoreApplication.translate("CheckinLabels", "Import the event pack again (or sync), then scan again."),
        }.get(detail or "", QCoreApplication.translate("CheckinLabels",
            "Ask for this event's badge or e-ticket, or find the person under Manual search."))
    return {
        "already": QCoreApplication.translate("CheckinLabels",
            "No need to check in again. If this is not the same person, check their ID and tell the organiser."),
        "other_event": QCoreApplication.translate("CheckinLabels",
            "Ask which event they came for. If they registered for this one, find them under Manual search."),
        "cancelled": QCoreApplication.translate("CheckinLabels",
            "Ask them to see the organiser: once the registration is reopened and approved, scan again."),
    }.get(verdict, "")


def method(code: str) -> str:
    return {
        "scanner": QCoreApplication.translate("CheckinLabels", "Scanner"),
        "camera": QCoreApplication.translate("CheckinLabels", "Camera"),
        "manual": QCoreApplication.translate("CheckinLabels", "Manual"),
        "walk_in": QCoreApplication.translate("CheckinLabels", "Walk-in"),
        "confirmed": QCoreApplication.translate("CheckinLabels", "Attendance confirmed afterwards"),
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


# --- why a mutual pair got no introduction, and what to do ------------------------------------------
def _status_step(status: str) -> str:
    if status == "registered":
        return QCoreApplication.translate("CheckinLabels",
            "Verify the member first (real name, union membership, employment, declaration), then set the case file to Active.")
    if status == "verified":
        return QCoreApplication.translate("CheckinLabels", "The member is verified: set the case file to Active.")
    if status == "paused":
        return QCoreApplication.translate("CheckinLabels",
            "The member paused matchmaking: set the case file back to Active only if they agree.")
    return QCoreApplication.translate("CheckinLabels",
        "The member is no longer looking: no introduction is needed. Tell the other side's matchmaker.")


def _member_not_active(params: dict[str, object]) -> tuple[str, str]:
    status = str(params.get("status") or "")
    why = QCoreApplication.translate("CheckinLabels", "Case file status is “{status}”; it must be “{active}” to be introduced.")
    return why.format(status=core_labels.status(status), active=core_labels.status("active")), _status_step(status)


def _consent_missing(params: dict[str, object]) -> tuple[str, str]:
    why = QCoreApplication.translate("CheckinLabels", "No consent “{type}” in force: the profile may not be shown to a candidate.")
    return (why.format(type=core_labels.consent(str(params.get("type") or ""))),
            QCoreApplication.translate("CheckinLabels", "Ask the member; if they agree, record the consent in the case file."))


def _already(params: dict[str, object]) -> tuple[str, str]:
    from xzdesk.ui.matching import labels as matching_labels

    why = QCoreApplication.translate("CheckinLabels", "These two were introduced before (stage: {stage}).")
    return (why.format(stage=matching_labels.stage(str(params.get("stage") or ""))),
            QCoreApplication.translate("CheckinLabels", "Nothing to create: follow the existing introduction under Matching."))


def _fixed(code: str) -> tuple[str, str] | None:
    """Reasons without parameters: (why, what to do)."""
    table = {
        "introductions.fraud_flag": (
            QCoreApplication.translate("CheckinLabels", "Flagged as suspected fraud: new introductions are blocked."),
            QCoreApplication.translate("CheckinLabels", "Look into the flag in the case file; lift it only once it is cleared.")),
        "introductions.blocked": (
            QCoreApplication.translate("CheckinLabels", "These two must not be introduced to each other (blocked)."),
            QCoreApplication.translate("CheckinLabels", "Leave it, or lift the block under Matching if it no longer applies.")),
        "introductions.same_sex": (
            QCoreApplication.translate("CheckinLabels", "Both are of the same sex."),
            QCoreApplication.translate("CheckinLabels", "Check the interest cards: a number may have been typed wrong.")),
        "introductions.not_in_scope": (
            QCoreApplication.translate("CheckinLabels", "The case file belongs to another district's office."),
            QCoreApplication.translate("CheckinLabels", "Ask that office's matchmaker to make the introduction.")),
        "checkin.no_case_file": (
            QCoreApplication.translate("CheckinLabels", "A walk-in without a case file yet."),
            QCoreApplication.translate("CheckinLabels", "Press “Create walk-ins' case files and record attendance” first, then try again.")),
        "members.not_found": (
            QCoreApplication.translate("CheckinLabels", "The case file is not on this laptop."),
            QCoreApplication.translate("CheckinLabels", "Sync, then try again.")),
    }  # fmt: skip
    return table.get(code)


def introduction_problem(code: str, params: dict[str, object]) -> tuple[str, str]:
    """(why, what to do) for one reason a mutual pair was not introduced, in words."""
    special = {"introductions.member_not_active": _member_not_active, "introductions.consent_missing": _consent_missing,
               "introductions.already_introduced": _already}  # fmt: skip
    if code in special:
        return special[code](params)
    fixed = _fixed(code)
    if fixed is not None:
        return fixed
    from xzdesk.ui.matching import messages as _matching_messages  # noqa: F401  (registers introductions.*)

    return messages.describe(XzError(code, **params)), ""
