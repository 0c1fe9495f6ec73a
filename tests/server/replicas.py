"""Compare a laptop's synced rows with the server's rows in that laptop's scope."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from tests.sync.harness import Laptop
from xzdesk.domain.store.base import to_jsonable
from xzdesk.server import auth
from xzdesk.server.db import ServerDB
from xzdesk.server.models import Device, Record
from xzdesk.sync.registry import all_specs

Rows = dict[str, dict[str, dict[str, Any]]]  # entity -> id -> values (with "version")


def server_rows(db: ServerDB, device_id: str) -> Rows:
    out: Rows = {}
    with db.read() as s:
        device = s.get(Device, device_id)
        assert device is not None
        query = select(Record).where(Record.deleted.is_(False), auth.scope_filter(Record, device))
        for rec in s.execute(query).scalars():
            out.setdefault(rec.entity, {})[rec.id] = {**json.loads(rec.fields), "version": rec.version}
    return out


def laptop_rows(laptop: Laptop) -> Rows:
    out: Rows = {}
    with laptop.store.read() as s:
        for spec in all_specs():
            table = spec.model.__table__  # type: ignore[attr-defined]
            for row in s.execute(select(table)).mappings():
                values = {k: to_jsonable(row[k]) for k in spec.columns}
                values["version"] = row["version"]
                out.setdefault(spec.name, {})[row["id"]] = values
    return out


def assert_laptop_equals_server(laptop: Laptop, db: ServerDB) -> None:
    theirs_all, mine_all = server_rows(db, laptop.store.device_id), laptop_rows(laptop)
    for spec in all_specs():
        theirs, mine = theirs_all.get(spec.name, {}), mine_all.get(spec.name, {})
        assert set(mine) == set(theirs), f"{laptop.name}: {spec.name} rows differ: {set(mine) ^ set(theirs)}"
        for rid, values in theirs.items():
            local = dict(mine[rid])
            if spec.local_append_only:
                local["version"] = values["version"]  # immutable locally: the version stays as inserted
            diff = {k: (local.get(k), values.get(k)) for k in {*local, *values} if local.get(k) != values.get(k)}
            assert not diff, f"{laptop.name}: {spec.name} {rid} differs (local, server): {diff}"
