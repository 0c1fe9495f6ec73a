"""Words of 活动分析 and 排期建议: dimensions of demand, slots, predictors and the reasons a
suggestion gives (codes and figures from `xzdesk.domain.analytics`, worded here)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from xzdesk.domain.analytics.dto import ReasonInfo
from xzdesk.ui import labels as core
from xzdesk.ui.events import labels as event_labels


def dimension(code: str) -> str:
    return {
        "sex": QCoreApplication.translate("Analytics", "Sex"),
        "age_band": QCoreApplication.translate("Analytics", "Age band"),
        "district": QCoreApplication.translate("Analytics", "District"),
        "sector": QCoreApplication.translate("Analytics", "Sector"),
        "interest": QCoreApplication.translate("Analytics", "Interest"),
    }.get(code, code)


def demand_key(dimension_code: str, key: str) -> str:
    if dimension_code == "sex":
        return core.sex(int(key))
    if dimension_code == "district":
        return core.district(key)
    if dimension_code == "sector":
        return core.sector(key)
    if dimension_code == "age_band":
        return band(key)
    return key


def band(key: str) -> str:
    lo, _sep, hi = key.partition("-")
    return QCoreApplication.translate("Analytics", "{lo}–{hi}").format(lo=lo, hi=hi)


def slot(code: str) -> str:
    return {
        "weekend_morning": QCoreApplication.translate("Analytics", "Weekend morning"),
        "weekend_afternoon": QCoreApplication.translate("Analytics", "Weekend afternoon"),
        "weekday_evening": QCoreApplication.translate("Analytics", "Weekday evening"),
    }.get(code, code)


def weekday(day_index: int) -> str:
    return (
        QCoreApplication.translate("Analytics", "Mon"), QCoreApplication.translate("Analytics", "Tue"),
        QCoreApplication.translate("Analytics", "Wed"), QCoreApplication.translate("Analytics", "Thu"),
        QCoreApplication.translate("Analytics", "Fri"), QCoreApplication.translate("Analytics", "Sat"),
        QCoreApplication.translate("Analytics", "Sun"),
    )[day_index]  # fmt: skip


def predictor(code: str) -> str:
    return {
        "poisson": QCoreApplication.translate("Analytics", "Model (Poisson regression)"),
        "naive": QCoreApplication.translate("Analytics", "Same as the last event of the format"),
    }.get(code, code)


def reason(r: ReasonInfo) -> str:
    p = r.params
    if r.code == "short_cell":
        return QCoreApplication.translate(
            "Analytics", "{district}: {people} {sex} aged {band} face only {partners} people of the other sex who fit."
        ).format(district=core.district(p["district"]), people=p["people"], sex=core.sex(p["sex"]),
                 band=band(p["band"]), partners=p["partners"])  # fmt: skip
    if r.code == "not_served":
        return QCoreApplication.translate(
            "Analytics", "{count} members who fit have not been offered an event for {months} months or more."
        ).format(count=p["count"], months=p["months"])
    if r.code == "sector_pool":
        return QCoreApplication.translate("Analytics", "{count} members of {sector} are waiting for an event.").format(
            count=p["people"], sector=core.sector(p["sector"]))  # fmt: skip
    if r.code == "format_matches":
        return QCoreApplication.translate(
            "Analytics", "At {events} past {kind} events, every 10 people who came made {per_10} mutual matches."
        ).format(events=p["events"], kind=event_labels.kind(p["kind"]), per_10=p["per_10"])
    if r.code == "slot_turnout":
        return QCoreApplication.translate("Analytics", "{slot}: {rate}% of those with a place came.").format(
            slot=slot(p["slot"]), rate=p["rate"])  # fmt: skip
    if r.code == "naive":
        return QCoreApplication.translate(
            "Analytics", "Predicted as the last event of the format: the model has not beaten that rule on past events yet."
        )
    return r.code
