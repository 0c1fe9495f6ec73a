"""The home page: what a visitor can do next, and where their registration stands."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from xzdesk.domain.members.codes import DISTRICTS
from xzdesk.domain.members.names import polite_name
from xzdesk.server.h5 import records
from xzdesk.server.h5.web import VisitorDep, h5_of, page

router = APIRouter()


def standing(member: dict[str, Any]) -> tuple[str, str]:
    """(words, style) of where the case file stands for the member: 工会认证 once a matchmaker
    verified it (all four checks on file), else 待工会核验."""
    if member.get("verified"):
        return "工会认证", "ok"
    return "待工会核验", "wait"


def member_card(member: dict[str, Any]) -> dict[str, Any]:
    words, style = standing(member)
    return {"polite": polite_name(member.get("name"), member.get("sex")), "member_no": member.get("member_no"),
            "district": DISTRICTS.get(member.get("district_code") or "", ""), "standing": words, "style": style}  # fmt: skip


@router.get("/")
def home(request: Request, v: VisitorDep) -> Response:
    card = None
    if v.member_id is not None:
        with h5_of(request).db.read() as s:
            member = records.read(s, "member", v.member_id)
        card = member_card(member) if member else None
    return page(request, v, "home.html", title="徐州工会红娘", tab="home", card=card)
