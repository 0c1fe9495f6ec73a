"""A raw protocol client for server tests (mutations built by hand, answers inspected as JSON)."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from typing import Any

import httpx

from tests.sync.harness import PASSWORD
from xzdesk.domain.members.names import name_keys
from xzdesk.domain.members.service import member_number
from xzdesk.domain.store.base import to_jsonable
from xzdesk.domain.store.ids import new_id
from xzdesk.sync.registry import default_values, entity_spec


class Api:
    def __init__(self, base_url: str, username: str | None = None, *, password: str = PASSWORD,
                 events: list[str] | None = None, label: str = "") -> None:  # fmt: skip
        self.http = httpx.Client(base_url=base_url, timeout=30)
        self.token: str | None = None
        self.device_id: str | None = None
        self.staff_id: str | None = None
        self.seq = itertools.count(1)
        if username:
            r = self.http.post("/sync/v1/enrol", json={"username": username, "password": password,
                                                        "events": events or [], "label": label})  # fmt: skip
            r.raise_for_status()
            body = r.json()
            self.token, self.device_id, self.staff_id = body["token"], body["device_id"], body["staff"]["id"]
            self.blind_key = body["blind_index_key"]
            self.http.headers["Authorization"] = f"Bearer {self.token}"

    def close(self) -> None:
        self.http.close()

    def mutation(self, entity: str, op: str, entity_id: str, *, fields: dict[str, Any] | None = None,
                 base: dict[str, Any] | None = None, member_id: str | None = None, hlc: str | None = None,
                 base_version: int = 0, seq: int | None = None) -> dict[str, Any]:  # fmt: skip
        now = datetime.now(UTC)
        return {
            "seq": seq or next(self.seq), "idempotency_key": new_id(), "entity": entity, "entity_id": entity_id,
            "member_id": member_id, "op": op, "fields": fields or {}, "base": base or {},
            "base_version": base_version, "hlc": hlc or f"{int(now.timestamp() * 1000):013d}-000000",
            "operator_id": self.staff_id, "created_at": now.isoformat(),
        }  # fmt: skip

    def push(self, *mutations: dict[str, Any], resolutions: list[str] | None = None,
             erasures: list[str] | None = None) -> httpx.Response:  # fmt: skip
        return self.http.post("/sync/v1/push", json={"mutations": list(mutations), "resolutions": resolutions or [],
                                                      "erasures": erasures or []})  # fmt: skip

    def push_ok(self, *mutations: dict[str, Any], **kw: Any) -> list[dict[str, Any]]:
        r = self.push(*mutations, **kw)
        assert r.status_code == 200, r.text
        return r.json()["results"]

    def pull(self, cursor: str | None = None, limit: int | None = None) -> httpx.Response:
        params: dict[str, Any] = {}
        if cursor:
            params["cursor"] = cursor
        if limit:
            params["limit"] = limit
        return self.http.get("/sync/v1/pull", params=params)

    def pull_all(self, cursor: str | None = None, limit: int | None = None) -> tuple[list[dict[str, Any]], str, Any]:
        changes: list[dict[str, Any]] = []
        while True:
            r = self.pull(cursor, limit)
            assert r.status_code == 200, r.text
            body = r.json()
            changes.extend(body["changes"])
            cursor = body["cursor"]
            if not body["has_more"]:
                return changes, cursor, body["conflicts"]


def row(entity: str, **values: Any) -> dict[str, Any]:
    """A full row in JSON form: model defaults, None for the rest, then `values`."""
    spec = entity_spec(entity)
    assert spec is not None
    defaults = default_values(spec)
    out = {name: defaults.get(name) for name in spec.columns}
    out.update({k: to_jsonable(v) for k, v in values.items()})
    out.setdefault("id", new_id())
    if out["id"] is None:
        out["id"] = new_id()
    return out


def member_row(*, district: str = "320302", name: str = "王小明", id_number: str = "320302199001010011",
               mobile: str = "13800000001", **values: Any) -> dict[str, Any]:  # fmt: skip
    member_id = values.pop("id", None) or new_id()
    now = datetime.now(UTC).isoformat()
    pinyin, initials = name_keys(name)
    base = dict(
        id=member_id, member_no=member_number(member_id), name=name, name_pinyin=pinyin, name_initials=initials,
        sex=1, birth_date="1990-01-01", id_number=id_number, id_hmac=(id_number.encode().hex() * 4)[:64],
        mobile=mobile, mobile_hmac=(mobile.encode().hex() * 4)[:64], mobile_last4=mobile[-4:],
        district_code=district, created_at=now, updated_at=now, last_activity_at=now,
    )  # fmt: skip
    base.update(values)
    return row("member", **base)


def note_row(member_id: str, body: str = "note", **values: Any) -> dict[str, Any]:
    return row("note", member_id=member_id, author_id=new_id(), created_at=datetime.now(UTC).isoformat(),
               body=body, **values)  # fmt: skip


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def resident_id(birth: str = "19950505", seq: str = "002", region: str = "320303") -> str:
    """A valid 18-character resident ID (check digit computed); odd seq = male."""
    from xzdesk.domain.members.identity import check_char

    first17 = f"{region}{birth}{seq}"
    return first17 + check_char(first17)
