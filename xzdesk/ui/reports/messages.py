"""报表 area: error codes -> translated sentences (registered with xzdesk.ui.messages) and the
translated labels of the area's codes (request kinds, statuses, channels, measures, actions)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from xzdesk.ui import messages
from xzdesk.ui.matching import labels as matching_labels


def _messages() -> dict[str, str]:
    return {
        "rights.member_not_found": QCoreApplication.translate("Messages", "There is no member with number {member_no} on this computer."),
        "rights.request_not_found": QCoreApplication.translate("Messages", "The request no longer exists."),
        "rights.request_open": QCoreApplication.translate("Messages", "Member {member_no} already has an open request of this kind."),
        "rights.request_closed": QCoreApplication.translate("Messages", "This request is already closed."),
        "rights.wrong_kind": QCoreApplication.translate("Messages", "This action does not fit this kind of request."),
        "rights.reason_required": QCoreApplication.translate("Messages", "Please type the reason (at least {minimum} characters)."),
        "rights.received_in_future": QCoreApplication.translate("Messages", "The date received cannot be in the future."),
        "rights.not_a_privacy_officer": QCoreApplication.translate("Messages", "The handler must be a privacy officer."),
        "rights.import_format": QCoreApplication.translate("Messages", "This is not an xzdesk member data file, or it is damaged."),
        "rights.import_version": QCoreApplication.translate("Messages", "This member data file has version {version}, which this xzdesk cannot read."),
        "rights.import_not_empty": QCoreApplication.translate("Messages", "Member data can be imported only into a database without case files."),
        "rights.import_exists": QCoreApplication.translate("Messages", "A record of this file already exists in the database."),
        "rights.nothing_to_correct": QCoreApplication.translate("Messages", "Nothing was changed. If the member's data is already right, refuse the request and say so in the reason."),
        "rights.nothing_to_withdraw": QCoreApplication.translate("Messages", "Tick at least one consent to withdraw."),
        "reports.bad_period": QCoreApplication.translate("Messages", "Not a period: write 2026-07, 2026-Q3 or 2026."),
        "export.unsupported_format": QCoreApplication.translate("Messages", "This file type is not supported: {suffix}."),
    }


messages.register(_messages)


def kind(code: str) -> str:
    return {
        "access": QCoreApplication.translate("Reports", "Copy of data"),
        "correction": QCoreApplication.translate("Reports", "Correction or supplement"),
        "explanation": QCoreApplication.translate("Reports", "Explanation of the rules"),
        "withdrawal": QCoreApplication.translate("Reports", "Withdrawal of consent"),
        "erasure": QCoreApplication.translate("Reports", "Erasure"),
    }.get(code, code)


def status(code: str) -> str:
    return {
        "open": QCoreApplication.translate("Reports", "Open"),
        "done": QCoreApplication.translate("Reports", "Done"),
        "refused": QCoreApplication.translate("Reports", "Refused"),
        "partial": QCoreApplication.translate("Reports", "Partially: processing stopped"),
    }.get(code, code)


def channel(code: str) -> str:
    return {
        "in_person": QCoreApplication.translate("Reports", "In person"),
        "letter": QCoreApplication.translate("Reports", "Letter"),
        "email": QCoreApplication.translate("Reports", "E-mail"),
        "phone": QCoreApplication.translate("Reports", "Phone"),
        "mini_program": QCoreApplication.translate("Reports", "Mini-program"),
        "retention_review": QCoreApplication.translate("Reports", "Retention review"),
    }.get(code, code)


def retention_reason(code: str) -> str:
    return {"inactive": QCoreApplication.translate("Reports", "Inactive for 24 months"), "married": QCoreApplication.translate("Reports", "Married")}.get(code, code)


def measure(code: str) -> str:
    return {
        "events_held": QCoreApplication.translate("Reports", "Events held"),
        "participations": QCoreApplication.translate("Reports", "Participations (person-times)"),
        "participants": QCoreApplication.translate("Reports", "Participants (people)"),
        "base_unions": QCoreApplication.translate("Reports", "Base unions served"),
        "employers": QCoreApplication.translate("Reports", "Employers served"),
        "mutual_pairs": QCoreApplication.translate("Reports", "Mutual-interest pairs"),
        "dating_pairs": QCoreApplication.translate("Reports", "Dating pairs"),
        "married_pairs": QCoreApplication.translate("Reports", "Married pairs (registered)"),
        "active_matchmakers": QCoreApplication.translate("Reports", "Active matchmakers"),
        "new_members": QCoreApplication.translate("Reports", "New members"),
    }.get(code, code)


def row(key: str) -> str:
    """A row of the statistics tables: a district, the city level, a month or the total."""
    from xzdesk.ui import labels

    if key == "total":
        return QCoreApplication.translate("Reports", "Total")
    if key == "city":
        return QCoreApplication.translate("Reports", "City level")
    if len(key) == 7 and key[4] == "-":
        return QCoreApplication.translate("Reports", "{year}-{month}").format(year=key[:4], month=key[5:])
    return labels.district(key)


def month_short(key: str) -> str:
    """A month of a chart's axis ("2026-07" -> 7月)."""
    return QCoreApplication.translate("Reports", "Month {month}").format(month=int(key[5:]))


def action(code: str) -> str:
    """An audit action as people read it (the code itself when unknown)."""
    table = {
        "member.create": QCoreApplication.translate("Reports", "Case file created"),
        "member.edit": QCoreApplication.translate("Reports", "Case file edited"),
        "member.verify": QCoreApplication.translate("Reports", "Verification recorded"),
        "member.reveal": QCoreApplication.translate("Reports", "Unmasked data viewed"),
        "member.fraud_flag": QCoreApplication.translate("Reports", "Flagged as suspected fraud"),
        "member.fraud_unflag": QCoreApplication.translate("Reports", "Fraud flag cleared"),
        "member.erase": QCoreApplication.translate("Reports", "Member erased"),
        "consent.grant": QCoreApplication.translate("Reports", "Consent recorded"),
        "consent.withdraw": QCoreApplication.translate("Reports", "Consent withdrawn"),
        "note.add": QCoreApplication.translate("Reports", "Note added"),
        "follow_up.add": QCoreApplication.translate("Reports", "Follow-up planned"),
        "follow_up.done": QCoreApplication.translate("Reports", "Follow-up done"),
        "export.members": QCoreApplication.translate("Reports", "Case list exported"),
        "export.members.unmasked": QCoreApplication.translate("Reports", "Case list exported unmasked"),
        "rights.export": QCoreApplication.translate("Reports", "Member's data exported"),
        "rights.import": QCoreApplication.translate("Reports", "Member's data imported"),
        "rights.request.access": QCoreApplication.translate("Reports", "Request for a copy received"),
        "rights.request.erasure": QCoreApplication.translate("Reports", "Erasure request received"),
        "rights.request.correction": QCoreApplication.translate("Reports", "Correction request received"),
        "rights.request.explanation": QCoreApplication.translate("Reports", "Request for an explanation received"),
        "rights.request.withdrawal": QCoreApplication.translate("Reports", "Request to withdraw consent received"),
        "rights.correction.done": QCoreApplication.translate("Reports", "Case file corrected on request"),
        "rights.explanation.done": QCoreApplication.translate("Reports", "Explanation handed over"),
        "rights.withdrawal.done": QCoreApplication.translate("Reports", "Consents withdrawn on request"),
        "rights.correction.refused": QCoreApplication.translate("Reports", "Correction refused"),
        "rights.explanation.refused": QCoreApplication.translate("Reports", "Explanation refused"),
        "rights.withdrawal.refused": QCoreApplication.translate("Reports", "Withdrawal request refused"),
        "introduction.decline_undone": QCoreApplication.translate("Reports", "Introduction: decline undone"),
        "rights.request.assign": QCoreApplication.translate("Reports", "Request assigned"),
        "rights.access.done": QCoreApplication.translate("Reports", "Copy handed over"),
        "rights.access.refused": QCoreApplication.translate("Reports", "Request for a copy refused"),
        "rights.erasure.refused": QCoreApplication.translate("Reports", "Erasure refused"),
        "rights.erasure.partial": QCoreApplication.translate("Reports", "Processing stopped, storage kept"),
        "retention.keep": QCoreApplication.translate("Reports", "Retention review: kept"),
        "retention.archive": QCoreApplication.translate("Reports", "Retention review: archived"),
        "retention.erase_requested": QCoreApplication.translate("Reports", "Retention review: erasure requested"),
        "report.stats": QCoreApplication.translate("Reports", "Statistics exported"),
        "report.analytics": QCoreApplication.translate("Reports", "Event analytics exported"),
        "event.from_suggestion": QCoreApplication.translate("Reports", "Event planned from a scheduling suggestion"),
        "report.stats_internal": QCoreApplication.translate("Reports", "Internal statistics viewed (small figures not hidden)"),
        "staff.create": QCoreApplication.translate("Reports", "Staff account created"),
        "staff.sign_in": QCoreApplication.translate("Reports", "Signed in"),
        "staff.sign_in_failed": QCoreApplication.translate("Reports", "Sign-in refused"),
        "staff.locked": QCoreApplication.translate("Reports", "Account locked after wrong passwords"),
        "staff.unlocked": QCoreApplication.translate("Reports", "Account unlocked"),
        "staff.password_set": QCoreApplication.translate("Reports", "Password set"),
        "staff.role_granted": QCoreApplication.translate("Reports", "Role changed"),
        "staff.deactivated": QCoreApplication.translate("Reports", "Account closed"),
        "staff.reopened": QCoreApplication.translate("Reports", "Account reopened"),
        "staff.screen_locked": QCoreApplication.translate("Reports", "Screen locked"),
        "staff.screen_unlocked": QCoreApplication.translate("Reports", "Screen unlocked"),
        "staff.enrolled": QCoreApplication.translate("Reports", "Computer connected to the union server"),
        "checkin.pack_stale": QCoreApplication.translate("Reports", "Older event pack refused (nothing changed)"),
        "store.backup": QCoreApplication.translate("Reports", "Database backed up"),
        "store.restore": QCoreApplication.translate("Reports", "Database restored from a backup"),
        "matching.weights": QCoreApplication.translate("Reports", "Matching weights changed"),
        "matching.model_fit": QCoreApplication.translate("Reports", "Matching model trained"),
        "matching.model_adopt": QCoreApplication.translate("Reports", "Matching model adopted"),
        "matching.model_withdraw": QCoreApplication.translate("Reports", "Matching model withdrawn (rule score again)"),
        "matching.retrain_schedule": QCoreApplication.translate("Reports", "Matching model retraining schedule changed"),
        "member.link_confirm": QCoreApplication.translate("Reports", "Online account linked to the case file"),
        "member.link_reject": QCoreApplication.translate("Reports", "Online link request rejected"),
        "consent.withdraw.online": QCoreApplication.translate("Reports", "Consent withdrawn by the member online"),
        "pair_block.add": QCoreApplication.translate("Reports", "Pair blocked"),
        "pair_block.lift": QCoreApplication.translate("Reports", "Pair block lifted"),
        "introduction.response": QCoreApplication.translate("Reports", "Introduction: answer recorded"),
        "introduction.print": QCoreApplication.translate("Reports", "Introduction slip printed"),
        "introduction.contacts_reveal": QCoreApplication.translate("Reports", "Introduction: contacts viewed"),
        "print.badge": QCoreApplication.translate("Reports", "Badge printed"),
        "print.result_slips": QCoreApplication.translate("Reports", "Result slips printed"),
        "checkin.walk_in": QCoreApplication.translate("Reports", "Walk-in registered at the venue"),
        "checkin.walk_in_resolve": QCoreApplication.translate("Reports", "Walk-in matched to a case file"),
        "checkin.roster_publish": QCoreApplication.translate("Reports", "Check-in list published"),
        "checkin.reconcile": QCoreApplication.translate("Reports", "Venue check-ins reconciled"),
        "checkin.pack_export": QCoreApplication.translate("Reports", "Event pack exported"),
        "checkin.pack_import": QCoreApplication.translate("Reports", "Event pack imported"),
        "seed.members": QCoreApplication.translate("Reports", "Demo members created"),
        "seed.events": QCoreApplication.translate("Reports", "Demo events created"),
    }
    if code in table:
        return table[code]
    if code.startswith("member.status."):
        return QCoreApplication.translate("Reports", "Status changed")
    family, _sep, step = code.partition(".")
    if family == "introduction":
        return QCoreApplication.translate("Reports", "Introduction: {step}").format(step=matching_labels.stage(step))
    if family == "event":
        return _event_action(step)
    return code


def _event_action(step: str) -> str:
    """An event's audit step (`event.<step>`) in words; an unknown step says "Event: other"."""
    table = {
        "create": QCoreApplication.translate("Reports", "Event created"),
        "edit": QCoreApplication.translate("Reports", "Event edited"),
        "delete": QCoreApplication.translate("Reports", "Event deleted"),
        "register": QCoreApplication.translate("Reports", "Registered for an event"),
        "invite": QCoreApplication.translate("Reports", "Members invited to an event"),
        "approve_pending": QCoreApplication.translate("Reports", "Pending registrations approved"),
        "registration.approved": QCoreApplication.translate("Reports", "Registration approved"),
        "registration.waitlisted": QCoreApplication.translate("Reports", "Registration put on the waiting list"),
        "registration.cancelled": QCoreApplication.translate("Reports", "Registration cancelled"),
        "registration.reopened": QCoreApplication.translate("Reports", "Registration reopened"),
        "waitlist.promote": QCoreApplication.translate("Reports", "Moved up from the waiting list"),
        "attended": QCoreApplication.translate("Reports", "Attendance recorded"),
        "no_shows": QCoreApplication.translate("Reports", "No-shows recorded"),
        "walk_in": QCoreApplication.translate("Reports", "Walk-in added to an event"),
        "friend_group": QCoreApplication.translate("Reports", "Friends to sit together"),
        "plate_renumbered": QCoreApplication.translate("Reports", "Number plate changed"),
        "rotation": QCoreApplication.translate("Reports", "Speed-dating rotation made"),
        "tables.add": QCoreApplication.translate("Reports", "Tables added"),
        "tables.edit": QCoreApplication.translate("Reports", "Tables changed"),
        "tables.remove": QCoreApplication.translate("Reports", "Tables removed"),
        "seat.plan": QCoreApplication.translate("Reports", "Seat plan made"),
        "seat.move": QCoreApplication.translate("Reports", "Seat changed"),
        "seat.swap": QCoreApplication.translate("Reports", "Seats swapped"),
        "seat.pin": QCoreApplication.translate("Reports", "Seat pinned"),
        "seat.lock": QCoreApplication.translate("Reports", "Seat locked"),
        "seat.clear": QCoreApplication.translate("Reports", "Seat plan cleared"),
        "export.attendees": QCoreApplication.translate("Reports", "Attendee list exported"),
        "export.attendees.unmasked": QCoreApplication.translate("Reports", "Attendee list exported unmasked"),
    }
    if step in table:
        return table[step]
    if step.startswith("status."):
        return QCoreApplication.translate("Reports", "Event status changed")
    if step.startswith("print."):
        return QCoreApplication.translate("Reports", "Event documents printed")
    if step.startswith("registration."):
        return QCoreApplication.translate("Reports", "Registration changed")
    return QCoreApplication.translate("Reports", "Event: other step")
