"""Translated display labels for the codes of the events area (kinds, statuses, sources, reasons,
table shapes, printed documents, badge stock, why a member may not come).

Codes come from `xzdesk.domain.events.codes`, `xzdesk.domain.seating` and `xzdesk.domain.printing`;
unknown codes are shown as they are rather than hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from xzdesk.ui import labels as core_labels


def kind(code: str | None) -> str:
    return {
        "mixer": QCoreApplication.translate("EventLabels", "Mixer"),
        "speed_dating": QCoreApplication.translate("EventLabels", "8-minute dating"),
        "outdoor": QCoreApplication.translate("EventLabels", "Outdoor"),
        "salon": QCoreApplication.translate("EventLabels", "Salon / book club"),
        "sector": QCoreApplication.translate("EventLabels", "Sector session"),
    }.get(code or "", code or "")


def event_status(code: str | None) -> str:
    return {
        "draft": QCoreApplication.translate("EventLabels", "Draft"),
        "open": QCoreApplication.translate("EventLabels", "Open for registration"),
        "closed": QCoreApplication.translate("EventLabels", "Registration closed"),
        "held": QCoreApplication.translate("EventLabels", "Held"),
        "cancelled": QCoreApplication.translate("EventLabels", "Cancelled"),
    }.get(code or "", code or "")


def transition_action(current: str, target: str) -> str:
    """The button text that moves an event from `current` to `target`."""
    if target == "open":
        if current == "closed":
            return QCoreApplication.translate("EventLabels", "Reopen registration")
        return QCoreApplication.translate("EventLabels", "Open registration")
    return {
        "closed": QCoreApplication.translate("EventLabels", "Close registration"),
        "held": QCoreApplication.translate("EventLabels", "Mark as held"),
        "cancelled": QCoreApplication.translate("EventLabels", "Cancel the event…"),
    }.get(target, target)


STATUS_COLOURS = {
    "draft": "#9e9e9e",
    "open": "#2e7d32",
    "closed": "#ef6c00",
    "held": "#1565c0",
    "cancelled": "#c62828",
}


def status_colour(code: str) -> QColor:
    return QColor(STATUS_COLOURS.get(code, "#607d8b"))


def registration_status(code: str | None) -> str:
    return {
        "pending": QCoreApplication.translate("EventLabels", "Pending"),
        "approved": QCoreApplication.translate("EventLabels", "Approved"),
        "waitlisted": QCoreApplication.translate("EventLabels", "Waiting list"),
        "cancelled": QCoreApplication.translate("EventLabels", "Cancelled"),
        "no_show": QCoreApplication.translate("EventLabels", "No-show"),
        "attended": QCoreApplication.translate("EventLabels", "Attended"),
    }.get(code or "", code or "")


def source(code: str | None) -> str:
    return {
        "online": QCoreApplication.translate("EventLabels", "Online sign-up"),
        "invitation": QCoreApplication.translate("EventLabels", "Invitation"),
        "walk_in": QCoreApplication.translate("EventLabels", "Walk-in"),
    }.get(code or "", code or "")


def cancel_reason(code: str | None) -> str:
    return {
        "member_request": QCoreApplication.translate("EventLabels", "The member cancelled"),
        "declined": QCoreApplication.translate("EventLabels", "Declined by the organiser"),
        "ineligible": QCoreApplication.translate("EventLabels", "Not eligible"),
        "event_cancelled": QCoreApplication.translate("EventLabels", "Event cancelled"),
        "consent_withdrawn": QCoreApplication.translate("EventLabels", "Consent to processing withdrawn"),
        "other": QCoreApplication.translate("EventLabels", "Other reason"),
    }.get(code or "", code or "")


def ineligibility(code: str) -> str:
    return {
        "status": QCoreApplication.translate("EventLabels", "case status"),
        "consent": QCoreApplication.translate("EventLabels", "no basic consent"),
        "fraud_flag": QCoreApplication.translate("EventLabels", "fraud flag"),
        "unverified": QCoreApplication.translate("EventLabels", "not verified"),
        "age": QCoreApplication.translate("EventLabels", "age"),
        "sector": QCoreApplication.translate("EventLabels", "sector"),
        "district": QCoreApplication.translate("EventLabels", "district"),
        "marital": QCoreApplication.translate("EventLabels", "marital status"),
        "sex": QCoreApplication.translate("EventLabels", "no places for this sex"),
    }.get(code, code)


def quota_rule(code: str) -> str:
    return {
        "capacity": QCoreApplication.translate("EventLabels", "capacity"),
        "sex_quota": QCoreApplication.translate("EventLabels", "quota for the sex"),
        "band_quota": QCoreApplication.translate("EventLabels", "quota of the age band"),
        "band_sex_quota": QCoreApplication.translate("EventLabels", "quota of the sex in the age band"),
    }.get(code, code)


def shape(code: str | None) -> str:
    return {
        "round": QCoreApplication.translate("EventLabels", "Round table"),
        "long": QCoreApplication.translate("EventLabels", "Long table"),
    }.get(code or "", code or "")


def document(code: str) -> str:
    return {
        "badges": QCoreApplication.translate("EventLabels", "Badges"),
        "tents": QCoreApplication.translate("EventLabels", "Table tents"),
        "seat-chart": QCoreApplication.translate("EventLabels", "Seat chart"),
        "sign-in": QCoreApplication.translate("EventLabels", "Sign-in sheet"),
        "cards": QCoreApplication.translate("EventLabels", "Speed-dating cards"),
        "calibration": QCoreApplication.translate("EventLabels", "Calibration page"),
    }.get(code, code)


def preset(code: str) -> str:
    return {
        "a4-10up": QCoreApplication.translate("EventLabels", "A4, 10 badges of 90×54 mm"),
        "a4-8up": QCoreApplication.translate("EventLabels", "A4, 8 badges of 90×60 mm"),
        "cr80": QCoreApplication.translate("EventLabels", "A4, 10 card inserts CR80 (85.6×54 mm)"),
        "a6": QCoreApplication.translate("EventLabels", "Single badge, A6"),
        "a7": QCoreApplication.translate("EventLabels", "Single badge, A7"),
        "badge-printer": QCoreApplication.translate("EventLabels", "Badge printer (85.6×54 mm)"),
    }.get(code, code)


def name_style(code: str) -> str:
    return {
        "surname": QCoreApplication.translate("EventLabels", "Surname + Mr/Ms"),
        "nickname": QCoreApplication.translate("EventLabels", "Nickname (where given)"),
    }.get(code, code)


def stopped_by(code: str) -> str:
    return {
        "converged": QCoreApplication.translate("EventLabels", "finished"),
        "time_budget": QCoreApplication.translate("EventLabels", "time limit reached"),
        "stopped": QCoreApplication.translate("EventLabels", "stopped, best plan kept"),
    }.get(code, code)


# --- why a member may not come (EligibilityRow.reasons) ------------------------------------------
def _quoted_or(values: list[str]) -> str:
    """“a” or “b” (the outer quotes come from the sentence)."""
    return QCoreApplication.translate("EventLabels", "” or “").join(values)


def _listed(values: list[str]) -> str:
    return QCoreApplication.translate("EventLabels", ", ").join(values)


def _status_reason(p: dict) -> str:
    return QCoreApplication.translate("EventLabels", "case status is “{status}”, needs to be “{needed}”").format(
        status=core_labels.status(str(p.get("status"))), needed=_quoted_or([core_labels.status(s) for s in p.get("needed", ())]))


def _age_reason(p: dict) -> str:
    low, high, age = p.get("min"), p.get("max"), p.get("age")
    if low is not None and high is not None:
        return QCoreApplication.translate("EventLabels", "age {age} is outside {min}–{max}").format(age=age, min=low, max=high)
    if low is not None:
        return QCoreApplication.translate("EventLabels", "age {age} is under {min}").format(age=age, min=low)
    return QCoreApplication.translate("EventLabels", "age {age} is over {max}").format(age=age, max=high)


def _sector_reason(p: dict) -> str:
    allowed = _listed([core_labels.sector(c) for c in p.get("allowed", ())])
    if not p.get("value"):
        return QCoreApplication.translate("EventLabels", "no sector on file; this session is for {allowed}").format(allowed=allowed)
    return QCoreApplication.translate("EventLabels", "sector “{value}” is not one of this session's ({allowed})").format(
        value=core_labels.sector(p["value"]), allowed=allowed)


def _district_reason(p: dict) -> str:
    return QCoreApplication.translate("EventLabels", "lives in {value}, outside this event's districts ({allowed})").format(
        value=core_labels.district(p.get("value")), allowed=_listed([core_labels.district(c) for c in p.get("allowed", ())]))


def _marital_reason(p: dict) -> str:
    allowed = _listed([core_labels.marital(int(c)) for c in p.get("allowed", ()) if str(c).isdigit()])
    return QCoreApplication.translate("EventLabels", "marital status is not one this event accepts ({allowed})").format(
        allowed=allowed)


def _sex_reason(p: dict) -> str:
    return QCoreApplication.translate("EventLabels", "this event has no places for {sex}").format(
        sex=core_labels.sex(int(p.get("sex", 0))))


_REASONS = {
    "status": _status_reason,
    "age": _age_reason,
    "sector": _sector_reason,
    "district": _district_reason,
    "marital": _marital_reason,
    "sex": _sex_reason,
    "consent": lambda _p: QCoreApplication.translate("EventLabels", "no consent to the processing of basic data"),
    "fraud_flag": lambda _p: QCoreApplication.translate("EventLabels", "flagged as suspected fraud"),
    "unverified": lambda _p: QCoreApplication.translate(
        "EventLabels", "not verified by the union yet; this event takes verified members only"),
}


def ineligibility_reason(code: str, params: dict | None = None) -> str:
    """One reason a member may not come, in words, with what the event needs."""
    describe = _REASONS.get(code)
    return describe(dict(params or {})) if describe is not None else ineligibility(code)
