"""Error codes of the 配对 area (introductions.*, matching.*) -> translated sentences.

Registered with `xzdesk.ui.messages` on import. `show_matching_error` phrases the code-valued
params first (introduction stages, member statuses), then shows the message box as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from xzdesk.domain.errors import ValidationError, XzError
from xzdesk.ui import labels as core_labels
from xzdesk.ui import messages
from xzdesk.ui.matching import labels


def _messages() -> dict[str, str]:
    return {
        "introductions.not_found": QCoreApplication.translate("Messages", "The introduction no longer exists."),
        "introductions.not_in_scope": QCoreApplication.translate(
            "Messages", "Member {member_no} belongs to another district's office."
        ),
        "introductions.same_member": QCoreApplication.translate(
            "Messages", "A member cannot be introduced to themselves."
        ),
        "introductions.same_sex": QCoreApplication.translate("Messages", "Both members have the same sex."),
        "introductions.decline_reason": QCoreApplication.translate("Messages", "Choose why the member declined."),
        "introductions.decline_note_required": QCoreApplication.translate(
            "Messages", "With “Other”, write the reason in the note."
        ),
        "introductions.decline_note_too_long": QCoreApplication.translate(
            "Messages", "The note is too long: at most {maximum} characters."
        ),
        "introductions.not_declined": QCoreApplication.translate(
            "Messages", "This introduction is not declined (any more), so there is nothing to undo."
        ),
        "introductions.undo_expired": QCoreApplication.translate(
            "Messages", "A decline can be undone only within {hours} hours of recording it; this one stays as it is."
        ),
        "introductions.member_not_active": QCoreApplication.translate(
            "Messages", "Member {member_no} is not active (status: {status})."
        ),
        "introductions.consent_missing": QCoreApplication.translate(
            "Messages",
            "Member {member_no} has no consent “{type}” in force: the profile may not be shown to a candidate.",
        ),
        "introductions.fraud_flag": QCoreApplication.translate(
            "Messages", "Member {member_no} is flagged as suspected fraud: no new introductions."
        ),
        "introductions.already_introduced": QCoreApplication.translate(
            "Messages", "These two have been introduced before (stage: {stage})."
        ),
        "introductions.blocked": QCoreApplication.translate(
            "Messages", "These two must not be introduced to each other (blocked)."
        ),
        "introductions.bad_transition": QCoreApplication.translate(
            "Messages", "An introduction cannot go from “{current}” to “{target}”."
        ),
        "introductions.answers_closed": QCoreApplication.translate(
            "Messages", "Answers can no longer be recorded: the introduction is at “{stage}”."
        ),
        "introductions.not_a_side": QCoreApplication.translate(
            "Messages", "That member is not part of this introduction."
        ),
        "introductions.not_an_outcome": QCoreApplication.translate("Messages", "“{outcome}” is not an outcome."),
        "introductions.stale": QCoreApplication.translate(
            "Messages", "The introduction was changed meanwhile (now “{stage}”). Look again and retry."
        ),
        "introductions.not_accepted": QCoreApplication.translate(
            "Messages", "Contact details are given only after both accepted (now “{stage}”)."
        ),
        "introductions.closed": QCoreApplication.translate(
            "Messages", "The introduction is closed (“{stage}”): no slip is printed."
        ),
        "introductions.date_in_future": QCoreApplication.translate(
            "Messages", "The meeting date cannot be in the future."
        ),
        "introductions.block_not_found": QCoreApplication.translate("Messages", "The block no longer exists."),
        "matching.member_not_in_pool": QCoreApplication.translate(
            "Messages", "This member is not in the matching index (archived or removed)."
        ),
        "matching.batch.bad_method": QCoreApplication.translate("Messages", "Unknown pairing method."),
        "matching.batch.solver_failed": QCoreApplication.translate("Messages", "No pairing could be computed."),
        "matching.weights.unknown_mean": QCoreApplication.translate(
            "Messages", "Unknown way of combining both sides' fit."
        ),
        "matching.weights.negative": QCoreApplication.translate("Messages", "A weight cannot be negative."),
        "matching.weights.not_a_share": QCoreApplication.translate("Messages", "Must be between 0 and 1."),
        "matching.eval.one_class": QCoreApplication.translate(
            "Messages", "The known outcomes are all of one kind (all yes or all no): there is nothing to evaluate."
        ),
        "matching.eval.too_few_groups": QCoreApplication.translate(
            "Messages",
            "Results of {groups} events or introductions only: leaving whole groups out needs at least {n_splits}.",
        ),
        "matching.fit_busy": QCoreApplication.translate(
            "Messages", "The server is already retraining the matching model. Try again when it has finished."
        ),
        "matching.labels.contradict": QCoreApplication.translate(
            "Messages", "A pair's outcome contradicts itself: mutual interest, yet one side said no."
        ),
        "matching.model.bad_c": QCoreApplication.translate("Messages", "The regularisation strength must be above 0."),
        "matching.model.incompatible": QCoreApplication.translate(
            "Messages", "The stored matching model does not fit this version: fit it again."
        ),
        "matching.model.not_fitted": QCoreApplication.translate(
            "Messages", "The matching model has too few answers to be used yet."
        ),
        "matching.model.not_found": QCoreApplication.translate("Messages", "This matching model is no longer kept."),
        "matching.model.not_evaluated": QCoreApplication.translate(
            "Messages", "This model was not evaluated on held-out events: it cannot be adopted."
        ),
        "matching.model.not_better": QCoreApplication.translate(
            "Messages",
            "The model did not beat the rule score on held-out events (AUC {auc_model} against {auc_rule}): "
            "it cannot be adopted.",
        ),
        "matching.reason_too_long": QCoreApplication.translate(
            "Messages", "The reason is too long: at most {maximum} characters."
        ),
        "matching.schedule.unknown": QCoreApplication.translate(
            "Messages", "Choose how often to retrain: never, weekly or monthly."
        ),
        "matching.csv.no_column": QCoreApplication.translate(
            "Messages", "The table has no “{column}” column (header names as the guide gives them)."
        ),
        "matching.csv.no_id": QCoreApplication.translate("Messages", "Row {row} of the people file has no id."),
        "matching.csv.duplicate_id": QCoreApplication.translate(
            "Messages", "Row {row} of the people file repeats the id of row {first}."
        ),
        "matching.csv.unknown_person": QCoreApplication.translate(
            "Messages", "Row {row} of the pairs file: {column} is not in the people file."
        ),
        "matching.csv.bad_label": QCoreApplication.translate(
            "Messages", "Row {row} of the pairs file: {column} must be 1 or 0 (yes or no), or empty."
        ),
        "matching.csv.contradict": QCoreApplication.translate(
            "Messages", "Row {row} of the pairs file contradicts itself: match is 1, yet one side is 0."
        ),
    }


messages.register(_messages)

_STAGE_PARAMS = ("stage", "current", "target", "outcome")


def phrased(exc: BaseException) -> BaseException:
    """A copy of an introductions.* error whose stage/status params are translated labels."""
    if not isinstance(exc, XzError) or isinstance(exc, ValidationError):
        return exc
    if not exc.code.startswith("introductions."):
        return exc
    params = dict(exc.params)
    for key in _STAGE_PARAMS:
        if isinstance(params.get(key), str):
            params[key] = labels.stage(params[key])
    if isinstance(params.get("status"), str):
        params["status"] = core_labels.status(params["status"])
    return XzError(exc.code, **params)


def show_matching_error(parent: QWidget | None, exc: BaseException) -> None:
    messages.show_error(parent, phrased(exc))
