"""Translated labels of the 配对 area: stages, answers, reasons, and "why suggested" phrasing.

Factor codes come from `xzdesk.domain.matching.ranking.FACTOR_CODES` with their params; each code
has one translated template here. Hobby tags are member data and are shown as they are.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from xzdesk.domain.introductions.dto import LiveIntroductionRow
from xzdesk.domain.matching import Factor
from xzdesk.ui import labels as core_labels

log = logging.getLogger(__name__)


def stage(code: str | None) -> str:
    return {
        "proposed": QCoreApplication.translate("MatchingLabels", "Proposed"),
        "mutual_interest": QCoreApplication.translate("MatchingLabels", "Mutual interest"),
        "accepted": QCoreApplication.translate("MatchingLabels", "Both accepted"),
        "declined": QCoreApplication.translate("MatchingLabels", "Declined"),
        "contacts_exchanged": QCoreApplication.translate("MatchingLabels", "Contacts exchanged"),
        "met": QCoreApplication.translate("MatchingLabels", "Met"),
        "no_interest": QCoreApplication.translate("MatchingLabels", "No interest"),
        "continue": QCoreApplication.translate("MatchingLabels", "Getting to know each other"),
        "dating": QCoreApplication.translate("MatchingLabels", "Dating"),
        "engaged": QCoreApplication.translate("MatchingLabels", "Engaged"),
        "married": QCoreApplication.translate("MatchingLabels", "Married"),
        "withdrawn": QCoreApplication.translate("MatchingLabels", "Withdrawn"),
    }.get(code or "", code or "")


def response(code: str | None) -> str:
    return {
        "accepted": QCoreApplication.translate("MatchingLabels", "Accepted"),
        "declined": QCoreApplication.translate("MatchingLabels", "Declined"),
    }.get(code or "", QCoreApplication.translate("MatchingLabels", "Not asked yet"))


def source(code: str | None) -> str:
    return {
        "matchmaker": QCoreApplication.translate("MatchingLabels", "Matchmaker's proposal"),
        "batch": QCoreApplication.translate("MatchingLabels", "Batch suggestion"),
        "event": QCoreApplication.translate("MatchingLabels", "Event cards"),
        "online": QCoreApplication.translate("MatchingLabels", "Member asked online"),
    }.get(code or "", code or "")


def withdraw_reason(code: str | None) -> str:
    return {
        "matchmaker": QCoreApplication.translate("MatchingLabels", "Matchmaker's decision"),
        "member_request": QCoreApplication.translate("MatchingLabels", "At a member's request"),
        "consent_withdrawn": QCoreApplication.translate("MatchingLabels", "Consent withdrawn"),
        "fraud_flag": QCoreApplication.translate("MatchingLabels", "Suspected fraud"),
        "status_changed": QCoreApplication.translate("MatchingLabels", "A member's status changed"),
    }.get(code or "", code or "")


def decline_reason(code: str | None) -> str:
    return {
        "not_a_match": QCoreApplication.translate("MatchingLabels", "Does not feel right"),
        "age": QCoreApplication.translate("MatchingLabels", "Age does not suit"),
        "distance": QCoreApplication.translate("MatchingLabels", "Lives or works too far away"),
        "circumstances": QCoreApplication.translate("MatchingLabels", "Family, work or financial circumstances"),
        "seeing_someone": QCoreApplication.translate("MatchingLabels", "Already getting to know someone"),
        "not_ready": QCoreApplication.translate("MatchingLabels", "Not looking for now"),
        "no_reply": QCoreApplication.translate("MatchingLabels", "Could not be reached"),
        "other": QCoreApplication.translate("MatchingLabels", "Other (see the note)"),
    }.get(code or "", code or "")


def also_live(row: LiveIntroductionRow) -> str:
    """A member's other introduction in progress, in words."""
    return QCoreApplication.translate(
        "MatchingLabels", "{member} is also in another introduction in progress: with {other} ({stage})."
    ).format(member=row.member_no, other=f"{row.other_member_no} {row.other_name_masked}".strip(), stage=stage(row.stage))


def block_reason(code: str | None) -> str:
    return {
        "member_request": QCoreApplication.translate("MatchingLabels", "At a member's request"),
        "relatives": QCoreApplication.translate("MatchingLabels", "Relatives"),
        "colleagues": QCoreApplication.translate("MatchingLabels", "Colleagues"),
        "known_before": QCoreApplication.translate("MatchingLabels", "Knew each other before"),
        "matchmaker": QCoreApplication.translate("MatchingLabels", "Matchmaker's judgement"),
    }.get(code or "", code or "")


def ineligibility(code: str) -> str:
    """Why a member takes no part in matching (codes of rules.ineligibility_reasons)."""
    return {
        "paused": QCoreApplication.translate("MatchingLabels", "the case is paused"),
        "not_active": QCoreApplication.translate("MatchingLabels", "the case is not active"),
        "not_verified": QCoreApplication.translate("MatchingLabels", "not verified"),
        "no_matching_consent": QCoreApplication.translate("MatchingLabels", "no consent to matching or to sharing the profile"),
        "fraud_flag": QCoreApplication.translate("MatchingLabels", "flagged as suspected fraud"),
        "sex_unknown": QCoreApplication.translate("MatchingLabels", "sex unknown"),
    }.get(code, code)


def requirement(code: str) -> str:
    """A requirement kind (codes of rules.requirement_problems)."""
    return {
        "age": QCoreApplication.translate("MatchingLabels", "Age"),
        "height": QCoreApplication.translate("MatchingLabels", "Height"),
        "education": QCoreApplication.translate("MatchingLabels", "Education"),
        "marital": QCoreApplication.translate("MatchingLabels", "Marital history"),
        "children": QCoreApplication.translate("MatchingLabels", "Children"),
        "district": QCoreApplication.translate("MatchingLabels", "District"),
    }.get(code, code)


def progress_text(code: str) -> str:
    return {
        "matching.index.profiles": QCoreApplication.translate("MatchingLabels", "Reading the case files…"),
        "matching.index.pairs": QCoreApplication.translate("MatchingLabels", "Reading introductions and blocks…"),
        "matching.index.pool": QCoreApplication.translate("MatchingLabels", "Building the matching index…"),
        "matching.index.ready": QCoreApplication.translate("MatchingLabels", "Ready"),
        "matching.batch.rank": QCoreApplication.translate("MatchingLabels", "Ranking the caseload…"),
        "matching.batch.solve": QCoreApplication.translate("MatchingLabels", "Choosing pairs so that nobody is double-booked…"),
        "matching.batch.done": QCoreApplication.translate("MatchingLabels", "Ready"),
        "matching.fit.features": QCoreApplication.translate("MatchingLabels", "Reading the outcomes and their features…"),
        "matching.eval.fold": QCoreApplication.translate("MatchingLabels", "Evaluating by leaving whole events out…"),
        "matching.eval.done": QCoreApplication.translate("MatchingLabels", "Evaluation done"),
        "matching.fit.model": QCoreApplication.translate("MatchingLabels", "Fitting the model on every answer…"),
        "matching.fit.done": QCoreApplication.translate("MatchingLabels", "Ready"),
        "matching.fit.server": QCoreApplication.translate(
            "MatchingLabels", "The server is fitting and evaluating the model on every district's outcomes…"),
        "printing.introduction_slips": QCoreApplication.translate("MatchingLabels", "Printing introduction slips…"),
    }.get(code, "")


def list_sep() -> str:
    """Separator between items of a list (hobby tags, districts)."""
    return QCoreApplication.translate("MatchingLabels", ", ")


def percent(value: float) -> str:
    return f"{100.0 * float(value):.0f}"


def factor(f: Factor) -> str | None:
    """One "why suggested" reason in words, or None for an unknown code."""
    p = f.params
    match f.code:
        case "mutual_satisfaction":
            return QCoreApplication.translate("MatchingLabels", "mutual fit {member}% / {candidate}%").format(
                member=percent(p.get("member", 0)), candidate=percent(p.get("candidate", 0))
            )
        case "age_fits_both":
            return QCoreApplication.translate("MatchingLabels", "age fits both sides' wishes")
        case "height_fits":
            return QCoreApplication.translate("MatchingLabels", "height fits the wishes")
        case "education_fits":
            return QCoreApplication.translate("MatchingLabels", "education fits the wishes")
        case "same_district":
            return QCoreApplication.translate("MatchingLabels", "both live in {district}").format(district=core_labels.district(p.get("district")))
        case "district_accepted":
            return QCoreApplication.translate("MatchingLabels", "lives in a wished district ({district})").format(
                district=core_labels.district(p.get("district"))
            )
        case "common_hobbies":
            tags = [str(tag) for tag in p.get("tags", ())]
            return QCoreApplication.translate("MatchingLabels", "shared hobbies: {tags}").format(tags=list_sep().join(tags))
        case "model_score":
            return QCoreApplication.translate("MatchingLabels", "past outcomes suggest {p}% mutual interest").format(p=percent(p.get("p", 0)))
        case "damped_popular":
            return QCoreApplication.translate("MatchingLabels", "already in {open} open introductions").format(open=p.get("open", 0))
    log.warning("no phrasing for factor code %s", f.code)
    return None


def reasons(factors: Iterable[Factor], *, with_fit: bool = True) -> str:
    """The reasons of a candidate as one sentence: the specific reasons first, the mutual fit last."""
    items = list(factors)
    specific = [factor(f) for f in items if f.code != "mutual_satisfaction"]
    texts = [s for s in specific if s]
    if with_fit:
        texts += [s for s in (factor(f) for f in items if f.code == "mutual_satisfaction") if s]
    text = QCoreApplication.translate("MatchingLabels", "; ").join(texts)
    return text[:1].upper() + text[1:]
