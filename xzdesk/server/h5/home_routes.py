"""The home page: what a visitor can do next, and where their registration stands."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from xzdesk.server.h5.web import VisitorDep, page

router = APIRouter()


@router.get("/")
def home(request: Request, v: VisitorDep) -> Response:
    return page(request, v, "home.html", title="徐州工会红娘")
