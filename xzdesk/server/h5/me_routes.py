"""我的: the account, sign-out (here or everywhere), and the member's own data."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from xzdesk.server.h5.web import SignedIn, page

router = APIRouter()


@router.get("/me")
def me(request: Request, v: SignedIn) -> Response:
    return page(request, v, "me.html", title="我的", tab="me")
