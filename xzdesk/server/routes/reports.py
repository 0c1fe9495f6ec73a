"""Aggregate figures for the federation: GET /sync/v1/aggregates (counts under 5 shown as "<5")."""

from __future__ import annotations

import json
from collections import Counter as Tally

from fastapi import APIRouter
from sqlalchemy import select

from xzdesk.server.models import Record
from xzdesk.server.web import ERRORS, Server, SyncCaller
from xzdesk.sync import protocol as p

router = APIRouter(prefix=p.API, tags=["reports"])


@router.get("/aggregates", response_model=p.AggregatesOut, responses=ERRORS)
def aggregates(c: SyncCaller, server: Server) -> p.AggregatesOut:
    tally: Tally[tuple[str, str]] = Tally()
    with server.db.read() as s:
        query = select(Record.district, Record.fields).where(Record.entity == "member", Record.deleted.is_(False))
        for district, raw in s.execute(query):
            tally[(district or "", str(json.loads(raw).get("status")))] += 1
    rows = [p.AggregateRow(district_code=d, status=st, members="<5" if n < 5 else str(n))
            for (d, st), n in sorted(tally.items())]  # fmt: skip
    return p.AggregatesOut(rows=rows)
