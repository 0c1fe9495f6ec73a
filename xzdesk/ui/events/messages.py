"""Error codes of the events, seating and printing areas -> translated sentences.

`register(_events)` adds the table to the one code -> sentence lookup (xzdesk.ui.messages).
Parameters that carry codes (statuses, Ineligibility lists, quota rules, sexes) are replaced by
their labels first: `show_events_error` does that before showing the usual message box, and
`describe_events_error` gives the sentence for inline display. Seat-plan issues (unmet hard
constraints, SeatingIssueInfo) are described by `describe_issue`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from xzdesk.domain.errors import FieldProblem, ValidationError, XzError
from xzdesk.domain.events.codes import EventStatus, RegistrationStatus
from xzdesk.domain.seating import SeatingExplanationInfo, SeatingIssueInfo
from xzdesk.ui import labels as core_labels
from xzdesk.ui.events import labels
from xzdesk.ui.messages import describe_all, register, show_error


def _events() -> dict[str, str]:
    return {
        "events.not_found": QCoreApplication.translate("Messages", "The event no longer exists."),
        "events.registration_not_found": QCoreApplication.translate("Messages", "The registration no longer exists."),
        "events.member_not_found": QCoreApplication.translate("Messages", "The case file no longer exists."),
        "events.table_not_found": QCoreApplication.translate("Messages", "The table no longer exists."),
        "events.not_in_scope": QCoreApplication.translate("Messages", "Event {event_code} belongs to another district's office."),
        "events.bad_transition": QCoreApplication.translate("Messages", "Cannot change “{current}” to “{target}”."),
        "events.no_plate": QCoreApplication.translate("Messages", "This registration has no number plate to replace."),
        "events.locked": QCoreApplication.translate("Messages", "The event is “{status}”: it can no longer be changed here."),
        "events.not_eligible": QCoreApplication.translate("Messages", "{member_no} may not take part: {problems}."),
        "events.quota_full": QCoreApplication.translate("Messages", "No place left: the {rule} ({limit}) is reached for {sex}{band}."),
        "events.already_registered": QCoreApplication.translate("Messages", "This member is already registered (“{status}”)."),
        "events.capacity_below_approved": QCoreApplication.translate("Messages",
            "The capacity cannot go below the {approved} places already approved."),
        "events.quota_below_approved": QCoreApplication.translate("Messages",
            "The {rule} cannot go below the {approved} places already approved (asked for {limit})."),
        "events.not_held": QCoreApplication.translate("Messages", "No-shows are recorded once the event is marked as held."),
        "events.has_registrations": QCoreApplication.translate("Messages",
            "Event {event_code} has registrations: cancel it instead of deleting it."),
        "events.stale": QCoreApplication.translate("Messages", "Event {event_code} was changed meanwhile (by sync). Reload it and edit again."),
        "events.not_editable": QCoreApplication.translate("Messages", "These fields cannot be edited here."),
        "events.code_ambiguous": QCoreApplication.translate("Messages", "Two events share the code {code}."),
        "events.time_format": QCoreApplication.translate("Messages", "Not a valid time; use the form 14:30."),
        "events.date_format": QCoreApplication.translate("Messages", "Not a valid date."),
        "events.not_a_number": QCoreApplication.translate("Messages", "Please enter a whole number."),
        "events.out_of_range": QCoreApplication.translate("Messages", "Must be between {min} and {max}."),
        "events.too_long": QCoreApplication.translate("Messages", "Too long: at most {max} characters."),
        "events.end_before_start": QCoreApplication.translate("Messages", "The end time must be after the start time."),
        "events.range_reversed": QCoreApplication.translate("Messages", "The upper limit is below the lower limit."),
        "events.bands_overlap": QCoreApplication.translate("Messages", "Age bands must not overlap."),
        "events.sector_required": QCoreApplication.translate("Messages", "A sector session needs at least one sector."),
        "events.unknown_staff": QCoreApplication.translate("Messages", "The organiser's account no longer exists."),
        "events.no_tables": QCoreApplication.translate("Messages", "The seat plan has no tables yet: add tables first."),
        "events.not_a_guest": QCoreApplication.translate("Messages", "Only approved guests have seats (this one is “{status}”)."),
        "events.not_seated": QCoreApplication.translate("Messages", "The guest has no seat to pin."),
        "events.guest_pinned": QCoreApplication.translate("Messages", "That seat belongs to a pinned guest: unpin them first."),
        "events.seat_plan_stale": QCoreApplication.translate("Messages",
            "Guests or tables changed while the plan was computed. Arrange again."),
        "events.long_table_even": QCoreApplication.translate("Messages", "A long table needs an even number of seats."),
        "events.labels_count": QCoreApplication.translate("Messages", "Give one label per table ({count})."),
        "events.group_too_small": QCoreApplication.translate("Messages", "Choose at least two guests who came together."),
        "events.not_speed_dating": QCoreApplication.translate("Messages", "Rotations are only for 8-minute dating events."),
        "events.no_rotation": QCoreApplication.translate("Messages", "Generate the rotation before printing the cards."),
        "events.rotation_stale": QCoreApplication.translate("Messages",
            "The guests changed since the rotation was generated: generate it again first."),
        "events.unknown_document": QCoreApplication.translate("Messages", "Unknown document."),
        "events.seed_no_members": QCoreApplication.translate("Messages", "There are no members to invite yet."),
        "seating.unknown_guest": QCoreApplication.translate("Messages", "This guest is not in the seat plan any more. Reload the plan."),
        "seating.unknown_table": QCoreApplication.translate("Messages", "The table is not in the seat plan any more."),
        "seating.unknown_seat": QCoreApplication.translate("Messages", "That seat does not exist any more."),
        "seating.seat_taken": QCoreApplication.translate("Messages", "Two guests were given the same seat."),
        "seating.seat_locked": QCoreApplication.translate("Messages", "That seat is locked: unlock it first."),
        "seating.invalid_shape": QCoreApplication.translate("Messages", "Unknown table shape."),
        "seating.invalid_capacity": QCoreApplication.translate("Messages", "A table needs at least one seat."),
        "seating.invalid_sex": QCoreApplication.translate("Messages", "A guest's sex is not recorded."),
        "seating.duplicate_guest": QCoreApplication.translate("Messages", "A guest appears twice."),
        "seating.duplicate_table": QCoreApplication.translate("Messages", "A table appears twice."),
        "rotation.invalid_settings": QCoreApplication.translate("Messages", "The rotation settings are not valid ({field})."),
        "rotation.duplicate_guest": QCoreApplication.translate("Messages", "A guest appears twice in the rotation."),
        "printing.unknown_preset": QCoreApplication.translate("Messages", "Unknown badge stock."),
        "printing.unknown_page_size": QCoreApplication.translate("Messages", "Unknown page size."),
        "printing.unknown_table_shape": QCoreApplication.translate("Messages", "Unknown table shape."),
        "printing.calibration_range": QCoreApplication.translate("Messages", "The printer offset must lie between {min} and {max} mm."),
        "printing.calibration_step": QCoreApplication.translate("Messages", "The printer offset goes in steps of {step} mm."),
        "printing.qr_payload_invalid": QCoreApplication.translate("Messages", "A badge carries an invalid QR token."),
        "printing.qr_payload_too_long": QCoreApplication.translate("Messages", "A QR token is too long."),
        "printing.unknown_field": QCoreApplication.translate("Messages", "Unknown field on a printed document."),
    }


register(_events)

_EVENT_STATUSES = {s.value for s in EventStatus}
_REG_STATUSES = {s.value for s in RegistrationStatus}


def _status(value: Any) -> str:
    text = str(value)
    if text in _EVENT_STATUSES and text not in _REG_STATUSES:
        return labels.event_status(text)
    if text in _REG_STATUSES:
        return labels.registration_status(text)
    return text


def _problems(value: Any) -> str:
    items = value if isinstance(value, list | tuple) else [value]
    return QCoreApplication.translate("Messages", ", ").join(labels.ineligibility(str(p)) for p in items)


def _band(value: Any) -> str:
    return QCoreApplication.translate("Messages", " in age band {n}").format(n=int(value) + 1)


_PRETTY: dict[str, Callable[[Any], str]] = {
    "current": _status,
    "target": _status,
    "status": _status,
    "problems": _problems,
    "rule": labels.quota_rule,
    "sex": lambda v: core_labels.sex(int(v)),
    "band": _band,
    "kind": labels.kind,
}


def _pretty_params(code: str, params: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(params)
    for key, fn in _PRETTY.items():
        if key in out and out[key] is not None:
            try:
                out[key] = fn(out[key])
            except (TypeError, ValueError):
                pass
    if code == "events.quota_full":
        out.setdefault("band", "")
    return out


def pretty(exc: BaseException) -> BaseException:
    """The same error with code-valued parameters replaced by their labels (for display only)."""
    if isinstance(exc, ValidationError):
        problems = [FieldProblem(p.field, p.code, warning=p.warning, **_pretty_params(p.code, p.params))
                    for p in exc.problems]  # fmt: skip
        return ValidationError(problems)
    if isinstance(exc, FieldProblem):
        return FieldProblem(exc.field, exc.code, warning=exc.warning, **_pretty_params(exc.code, exc.params))
    if isinstance(exc, XzError):
        copy = XzError(exc.code, **_pretty_params(exc.code, exc.params))
        return copy
    return exc


def describe_events_error(exc: BaseException) -> str:
    shown = pretty(exc)
    if isinstance(shown, XzError):
        return describe_all(shown)
    return QCoreApplication.translate("Messages", "An unexpected error occurred. The details were written to the log file.")


def show_events_error(parent: QWidget | None, exc: BaseException) -> None:
    """Like xzdesk.ui.messages.show_error, with the events area's parameters labelled."""
    from xzdesk.domain.errors import Cancelled

    if isinstance(exc, Cancelled):
        return
    show_error(parent, pretty(exc))


def load_failed(label: Any, exc: BaseException) -> None:
    """A read that failed (the event vanished by sync, or a bug): say so in `label` (a QLabel)
    instead of a modal box, and log unexpected errors with their traceback (no personal data:
    tracebacks carry ids and codes)."""
    import logging

    if not isinstance(exc, XzError):
        logging.getLogger(__name__).error("events screen: loading failed", exc_info=exc)
    label.setText(describe_events_error(exc))
    label.show()


# --- seat-plan issues -----------------------------------------------------------------------------
MAX_NAMED = 6  # plates named in one sentence before "…"


def _plates(ids: Any, plate_of: Callable[[str], str]) -> str:
    plates = [plate_of(str(i)) for i in ids]
    text = QCoreApplication.translate("Messages", ", ").join(plates[:MAX_NAMED])
    return text + (" …" if len(plates) > MAX_NAMED else "")


def describe_issue(issue: SeatingIssueInfo, *, table_label: Callable[[str], str] = str,
                   plate_of: Callable[[str], str] | None = None) -> str:  # fmt: skip
    """One unmet hard constraint as a sentence naming the guests (by plate, when `plate_of` is
    given), with its proof when it is unavoidable."""
    p = dict(issue.params)
    table = table_label(str(p.get("table_id", issue.table_id or "")))
    seat = int(p.get("seat_index", 0)) + 1 if "seat_index" in p else ""
    if plate_of is not None and issue.code in ("seating.employer_clash", "seating.friends_split"):
        return _named_issue(issue, table, plate_of)
    match issue.code:
        case "seating.capacity_short":
            text = QCoreApplication.translate("Messages", "{count} guests have no seat: {needed} guests, {available} seats.").format(**p)
        case "seating.unseated":
            text = QCoreApplication.translate("Messages", "{count} guests have no seat although seats are free.").format(**p)
        case "seating.pin_conflict":
            text = QCoreApplication.translate("Messages", "A pinned seat cannot be kept (table {table}, seat {seat}).").format(table=table, seat=seat)
        case "seating.pin_moved":
            text = QCoreApplication.translate("Messages", "A pinned guest is not on the pinned seat (table {table}, seat {seat}).").format(
                table=table, seat=seat)
        case "seating.employer_clash":
            text = QCoreApplication.translate("Messages", "Table {table}: {count} colleagues from one employer.").format(table=table, count=p.get("count"))
        case "seating.friends_split":
            text = QCoreApplication.translate("Messages", "{members} friends who came together sit at {tables} tables.").format(**p)
        case _:
            text = issue.code
    if issue.unavoidable:
        proof = dict(issue.proof_params)
        match issue.proof:
            case "seating.proof.capacity":
                why = QCoreApplication.translate("Messages", "unavoidable: only {available} seats for {needed} guests").format(**proof)
            case "seating.proof.employer_pigeonhole":
                why = QCoreApplication.translate("Messages", "unavoidable: {units} colleagues for {tables} tables").format(**proof)
            case "seating.proof.friends_min_tables":
                why = QCoreApplication.translate("Messages", "unavoidable: the group needs at least {minimum_tables} tables").format(**proof)
            case _:
                why = QCoreApplication.translate("Messages", "unavoidable")
        text = f"{text} ({why})"
    return text


def _named_issue(issue: SeatingIssueInfo, table: str, plate_of: Callable[[str], str]) -> str:
    p = dict(issue.params)
    plates = _plates(issue.guest_ids, plate_of)
    if issue.code == "seating.employer_clash":
        text = QCoreApplication.translate("Messages", "Table {table}: colleagues from one employer sit together: {plates}.").format(
            table=table, plates=plates)
    else:
        text = QCoreApplication.translate("Messages", "Friends who came together sit at {tables} tables: {plates}.").format(
            tables=p.get("tables"), plates=plates)
    if issue.unavoidable:
        text += " " + QCoreApplication.translate("Messages", "(Unavoidable with these tables.)")
    return text


def _pairs(pairs: Any, plate_of: Callable[[str], str]) -> str:
    shown = [QCoreApplication.translate("Messages", "{a} and {b}").format(a=plate_of(x.guest_a), b=plate_of(x.guest_b))
             for x in list(pairs)[:MAX_NAMED]]  # fmt: skip
    return QCoreApplication.translate("Messages", ", ").join(shown) + (" …" if len(pairs) > MAX_NAMED else "")


def _by_table(pairs: Any) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for pair in pairs:
        out.setdefault(pair.table_id, []).append(pair)
    return out


def describe_wishes(why: SeatingExplanationInfo, *, table_label: Callable[[str], str],
                    plate_of: Callable[[str], str]) -> list[tuple[str, tuple[str, ...]]]:  # fmt: skip
    """The wishes a plan misses, one sentence each, with the guests concerned (for highlighting):
    tables with men and women uneven, same-sex neighbours and facing pairs, uneven filling."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for t in why.uneven_sexes:
        out.append((QCoreApplication.translate("Messages", "Table {table}: men and women uneven, {men}:{women}.").format(
            table=table_label(t.table_id), men=t.men, women=t.women), ()))
    for table_id, pairs in _by_table(why.same_sex_neighbours).items():
        out.append((QCoreApplication.translate("Messages", "Table {table}: {n} pairs of neighbours of the same sex: {pairs}.").format(
            table=table_label(table_id), n=len(pairs), pairs=_pairs(pairs, plate_of)),
            tuple(g for x in pairs for g in (x.guest_a, x.guest_b))))
    for table_id, pairs in _by_table(why.same_sex_facing).items():
        out.append((QCoreApplication.translate("Messages", "Table {table}: {n} pairs of the same sex face each other: {pairs}.").format(
            table=table_label(table_id), n=len(pairs), pairs=_pairs(pairs, plate_of)),
            tuple(g for x in pairs for g in (x.guest_a, x.guest_b))))
    for t in why.uneven_fill:
        out.append((QCoreApplication.translate("Messages", "Table {table}: {n} guests at {seats} seats, unlike the other tables.").format(
            table=table_label(t.table_id), n=t.seated, seats=t.capacity), ()))
    return out


def plan_headline(why: SeatingExplanationInfo) -> tuple[str, str]:
    """The plan's result in one line, and its colour."""
    wishes = len(why.uneven_sexes) + len(why.same_sex_neighbours) + len(why.same_sex_facing) + len(why.uneven_fill)
    if why.issues:
        unavoidable = all(i.unavoidable for i in why.issues)
        text = (QCoreApplication.translate("Messages", "Hard rules broken: {n}, none avoidable with these tables")
                if unavoidable else QCoreApplication.translate("Messages", "Hard rules broken: {n}")).format(n=len(why.issues))
        return text, "#e65100" if unavoidable else "#b00020"
    if not wishes:
        return QCoreApplication.translate("Messages", "Every hard rule and every wish is met"), "#1b5e20"
    return QCoreApplication.translate("Messages", "Every hard rule is met; some wishes are missed (below)"), "#1b5e20"


__all__ = ["describe_events_error", "describe_issue", "describe_wishes", "load_failed", "plan_headline", "pretty",
           "show_events_error"]
