"""Translated display labels for codes (sex, status, education, consent types...).

District names are proper nouns from the domain (codes.DISTRICTS) and are not translated.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QCoreApplication

from xzdesk.domain.members import codes
from xzdesk.domain.uow import CHINA_TZ


def sex(code: int | None) -> str:
    return {1: QCoreApplication.translate("Labels", "Male"), 2: QCoreApplication.translate("Labels", "Female")}.get(code or 0, "")


def status(code: str) -> str:
    return {
        "registered": QCoreApplication.translate("Labels", "Registered"),
        "verified": QCoreApplication.translate("Labels", "Verified"),
        "active": QCoreApplication.translate("Labels", "Active"),
        "paused": QCoreApplication.translate("Labels", "Paused"),
        "in_relationship": QCoreApplication.translate("Labels", "In a relationship"),
        "married": QCoreApplication.translate("Labels", "Married"),
        "withdrawn": QCoreApplication.translate("Labels", "Withdrawn"),
        "archived": QCoreApplication.translate("Labels", "Archived"),
    }.get(code, code)


def education(code: int | None) -> str:
    return {
        11: QCoreApplication.translate("Labels", "Doctorate"),
        14: QCoreApplication.translate("Labels", "Master's"),
        21: QCoreApplication.translate("Labels", "Bachelor's"),
        31: QCoreApplication.translate("Labels", "Junior college"),
        41: QCoreApplication.translate("Labels", "Technical secondary"),
        61: QCoreApplication.translate("Labels", "High school"),
        71: QCoreApplication.translate("Labels", "Junior high"),
        81: QCoreApplication.translate("Labels", "Primary"),
        90: QCoreApplication.translate("Labels", "Other"),
    }.get(code or 0, "")


def marital(code: int | None) -> str:
    return {10: QCoreApplication.translate("Labels", "Never married"), 30: QCoreApplication.translate("Labels", "Widowed"), 40: QCoreApplication.translate("Labels", "Divorced"), 90: QCoreApplication.translate("Labels", "Not stated")}.get(code or 0, "")


def children(code: str | None) -> str:
    return {
        "none": QCoreApplication.translate("Labels", "No children"),
        "living_with": QCoreApplication.translate("Labels", "Children, living with them"),
        "not_living_with": QCoreApplication.translate("Labels", "Children, not living with them"),
    }.get(code or "", "")


def income(code: str | None) -> str:
    return {
        "lt50k": QCoreApplication.translate("Labels", "Under 50k"),
        "50k_100k": QCoreApplication.translate("Labels", "50k-100k"),
        "100k_200k": QCoreApplication.translate("Labels", "100k-200k"),
        "200k_300k": QCoreApplication.translate("Labels", "200k-300k"),
        "gt300k": QCoreApplication.translate("Labels", "Over 300k"),
        "unspecified": QCoreApplication.translate("Labels", "Not stated"),
    }.get(code or "", "")


def housing(code: str | None) -> str:
    return {
        "own": QCoreApplication.translate("Labels", "Own home"),
        "own_mortgage": QCoreApplication.translate("Labels", "Own home (mortgage)"),
        "rent": QCoreApplication.translate("Labels", "Renting"),
        "with_family": QCoreApplication.translate("Labels", "Living with family"),
        "dormitory": QCoreApplication.translate("Labels", "Dormitory"),
        "unspecified": QCoreApplication.translate("Labels", "Not stated"),
    }.get(code or "", "")


def sector(code: str | None) -> str:
    return {
        "education": QCoreApplication.translate("Labels", "Education"),
        "health": QCoreApplication.translate("Labels", "Health care"),
        "manufacturing": QCoreApplication.translate("Labels", "Manufacturing"),
        "transport": QCoreApplication.translate("Labels", "Transport"),
        "public_service": QCoreApplication.translate("Labels", "Public service"),
        "finance": QCoreApplication.translate("Labels", "Finance"),
        "it": QCoreApplication.translate("Labels", "IT and telecoms"),
        "construction": QCoreApplication.translate("Labels", "Construction"),
        "retail": QCoreApplication.translate("Labels", "Retail"),
        "energy": QCoreApplication.translate("Labels", "Energy"),
        "other": QCoreApplication.translate("Labels", "Other"),
    }.get(code or "", "")


def referral(code: str | None) -> str:
    return {
        "mini_program": QCoreApplication.translate("Labels", "Online mini-program"),
        "office_walk_in": QCoreApplication.translate("Labels", "Office walk-in"),
        "employer_union_list": QCoreApplication.translate("Labels", "Employer union list"),
        "event_walk_in": QCoreApplication.translate("Labels", "Event walk-in"),
    }.get(code or "", "")


def consent(code: str) -> str:
    return {
        "basic": QCoreApplication.translate("Labels", "Basic processing"),
        "sensitive": QCoreApplication.translate("Labels", "Sensitive information"),
        "share_profile": QCoreApplication.translate("Labels", "Share profile with candidates"),
        "public_display": QCoreApplication.translate("Labels", "Public display"),
        "matching": QCoreApplication.translate("Labels", "Algorithmic matching"),
    }.get(code, code)


def channel(code: str) -> str:
    return {"paper_form": QCoreApplication.translate("Labels", "Paper form"), "mini_program": QCoreApplication.translate("Labels", "Mini-program"), "in_person": QCoreApplication.translate("Labels", "In person")}.get(
        code, code
    )


def verification(code: str) -> str:
    return {
        "real_name": QCoreApplication.translate("Labels", "Real name (ID card seen)"),
        "union_membership": QCoreApplication.translate("Labels", "Union membership"),
        "employment": QCoreApplication.translate("Labels", "Employment"),
        "declaration": QCoreApplication.translate("Labels", "Singlehood declaration"),
    }.get(code, code)


def evidence(code: str) -> str:
    return {
        "id_card_seen": QCoreApplication.translate("Labels", "ID card seen"),
        "union_card_seen": QCoreApplication.translate("Labels", "Union card seen"),
        "union_roster": QCoreApplication.translate("Labels", "Union roster"),
        "employer_letter": QCoreApplication.translate("Labels", "Employer letter"),
        "labour_contract_seen": QCoreApplication.translate("Labels", "Labour contract seen"),
        "signed_form": QCoreApplication.translate("Labels", "Signed form"),
    }.get(code, code)


def role(code: str) -> str:
    return {
        "admin": QCoreApplication.translate("Labels", "Local administrator"),
        "matchmaker": QCoreApplication.translate("Labels", "Matchmaker"),
        "event_staff": QCoreApplication.translate("Labels", "Event staff"),
        "union_admin": QCoreApplication.translate("Labels", "Union administrator"),
        "privacy_officer": QCoreApplication.translate("Labels", "Privacy officer"),
        "auditor": QCoreApplication.translate("Labels", "Auditor"),
    }.get(code, code)


def district(code: str | None) -> str:
    return codes.DISTRICTS.get(code or "", code or "")


def follow_up_title(title: str) -> str:
    """Follow-ups created by the system carry a code as their title; people's titles pass through."""
    return {
        "introduction.follow_up.3d": QCoreApplication.translate("Labels", "Introduction: call after 3 days"),
        "introduction.follow_up.3w": QCoreApplication.translate("Labels", "Introduction: call after 3 weeks"),
        "introduction.follow_up.3m": QCoreApplication.translate("Labels", "Introduction: call after 3 months"),
        "member.link_request": QCoreApplication.translate(
            "Labels", "Someone registered online as this member: check with the person, then confirm or reject the link"),
    }.get(title, title)


def today() -> date:
    """Today's date in China Standard Time (the date people at the office see)."""
    return datetime.now(CHINA_TZ).date()


def local_time(dt: datetime | None, fmt: str = "%Y-%m-%d %H:%M", *, empty: str = "") -> str:
    """A stored UTC time as China Standard Time (naive values are taken as UTC)."""
    if dt is None:
        return empty
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(CHINA_TZ).strftime(fmt)
