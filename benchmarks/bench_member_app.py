"""Member web app (H5): page server time with 10,000 members and 200 events, and 200 concurrent
sign-ups for one event of 40 places.

- `h5_page_*`: p95 of the server's time for a page (the ASGI app in process: routing, session,
  database reads, rendering), for the calendar, the profile (我的), the chat thread and the home
  page, on SQLite with 10,000 members (consents, a third of them in events) and 200 open events.
  Baseline: the sign-in page (a session lookup and a template, the least work a page does).
- `h5_signups_200x40_<db>`: 200 members sign up at once (50 client threads over HTTP to a real
  server on 127.0.0.1) for 40 places: wall time, and whether the places held never exceed 40
  (pending + approved). Baseline: the same 200 requests to a page that only reads. PostgreSQL
  when reachable (XZDESK_TEST_PG_URL or the test default).
"""

from __future__ import annotations

import secrets
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import report, scale, time_calls

N_MEMBERS = scale(10_000)
N_EVENTS = scale(200)
PAGE_TARGET_MS = 100.0
SIGNUP_TARGET_MS = 10_000.0


def _id_number(i: int) -> str:
    from xzdesk.domain.members.identity import check_char

    first17 = f"320302{1980 + i % 20}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
    return first17 + check_char(first17)


def seed(app: Any, n_members: int, n_events: int) -> dict[str, Any]:
    """Members (all verified; half consenting to suggestions), events with registrations, one
    held event where members 0 and 1 matched, and a conversation between them."""
    from xzdesk.domain.members.names import name_keys
    from xzdesk.domain.members.service import member_number
    from xzdesk.domain.store.engine import compute_blind_index
    from xzdesk.domain.store.ids import new_id
    from xzdesk.domain.tokens import event_code_from_id
    from xzdesk.server.h5 import security
    from xzdesk.server.h5.chat import pair_key
    from xzdesk.server.h5.records import RecordWriter
    from xzdesk.server.h5.tables import ChatMessage, ContactNotice, MemberAccount

    h5 = app.state.h5
    now = datetime.now(UTC)
    stamp = now.isoformat()
    surnames = "张王李赵刘陈杨黄周吴"
    members: list[str] = []
    with h5.db.write() as s:
        w = RecordWriter(s, now)
        for i in range(n_members):
            mid = new_id()
            members.append(mid)
            name = surnames[i % 10] + "某" + "甲乙丙丁"[i % 4]
            mobile = f"139{i:08d}"
            idn = _id_number(i)
            pinyin, initials = name_keys(name)
            w.insert("member", dict(
                id=mid, member_no=member_number(mid), name=name, name_pinyin=pinyin, name_initials=initials,
                sex=1 + i % 2, birth_date=f"{1980 + i % 20}-{1 + i % 12:02d}-{1 + i % 28:02d}", id_number=idn,
                id_hmac=compute_blind_index(h5.blind_key, "id", idn).hex(), mobile=mobile,
                mobile_hmac=compute_blind_index(h5.blind_key, "mobile", mobile).hex(), mobile_last4=mobile[-4:],
                district_code="320302", status="active", verified=True, hobbies=["读书", "徒步", "电影"][: 1 + i % 3],
                created_at=stamp, updated_at=stamp, last_activity_at=stamp), member_id=mid)  # fmt: skip
            for ctype in ("basic", "public_display", "matching") if i % 2 == 0 else ("basic",):
                w.insert("consent", {"id": new_id(), "member_id": mid, "type": ctype, "notice_version": "2026-01",
                                     "granted_at": stamp, "channel": "paper_form", "collected_by": mid}, member_id=mid)  # fmt: skip
        events = []
        for e in range(n_events):
            eid = new_id()
            events.append(eid)
            w.insert("event", dict(
                id=eid, code=event_code_from_id(eid), name=f"联谊活动{e}", kind="mixer",
                event_date=(now + timedelta(days=3 + e % 60)).date().isoformat(), start_time="14:00", venue="职工之家",
                capacity=40, district_code="320302", status="open", token_key=secrets.token_hex(32), created_at=stamp,
                updated_at=stamp), member_id=None)  # fmt: skip
            for k in range(15):
                mid = members[(e * 15 + k) % n_members]
                w.insert("registration", dict(
                    id=new_id(), event_id=eid, member_id=mid, source="online", status="pending", requested_at=stamp,
                    created_at=stamp, updated_at=stamp), member_id=mid)  # fmt: skip
        a, b = members[0], members[1]
        held = new_id()
        w.insert("event", dict(
            id=held, code=event_code_from_id(held), name="七夕联谊会", kind="mixer", event_date=now.date().isoformat(),
            start_time="14:00", venue="职工之家", capacity=40, district_code="320302", status="held",
            token_key=secrets.token_hex(32), created_at=stamp, updated_at=stamp), member_id=None)  # fmt: skip
        regs = {}
        for mid, sex, plate in ((a, 1, "M01"), (b, 2, "F01")):
            rid = regs[mid] = new_id()
            w.insert("registration", dict(id=rid, event_id=held, member_id=mid, source="online", status="attended",
                                          requested_at=stamp, plate=plate, created_at=stamp, updated_at=stamp), member_id=mid)  # fmt: skip
            w.insert("checkin_roster", dict(id=rid, event_id=held, office_district="320302", member_id=mid, plate=plate,
                                            name_masked="张*", display_name="张先生", sex=sex, status="attended",
                                            updated_at=stamp), member_id=mid)  # fmt: skip
        for mid, other in ((a, b), (b, a)):
            w.insert("interest_card", dict(id=new_id(), event_id=held, office_district="320302",
                                           owner_registration_id=regs[mid], member_id=mid, ticked=[regs[other]],
                                           entered_at=stamp, device_id=new_id()), member_id=mid)  # fmt: skip
        for k in range(60):
            sender, to = (a, b) if k % 2 == 0 else (b, a)
            s.add(ChatMessage(id=new_id(), pair=pair_key(a, b), sender_id=sender, recipient_id=to, body=f"消息{k}",
                              created_at=now, read_at=None, warned=False, reported_at=None))  # fmt: skip
        s.add(ContactNotice(member_id=a, pair=pair_key(a, b), seen_at=now))
        account = MemberAccount(id=new_id(), mobile_hmac=compute_blind_index(h5.blind_key, "mobile", "13900000000").hex(),
                                member_id=a, pending_request_id=None, created_at=now, closed_at=None)  # fmt: skip
        s.add(account)
        s.flush()
        token = security.start_session(s, account_id=account.id, settings=h5.settings, now=now)
    return {"members": members, "events": events, "token": token, "a": a, "b": b}


def bench_pages(folder: Path) -> None:
    from fastapi.testclient import TestClient

    from xzdesk.server.app import ServerSettings, create_app

    app = create_app(f"sqlite:///{folder / 'pages.db'}", settings=ServerSettings(argon2_time_cost=1, argon2_memory_kib=1024))
    t0 = time.perf_counter()
    data = seed(app, N_MEMBERS, N_EVENTS)
    seed_s = time.perf_counter() - t0
    client = TestClient(app, base_url="https://127.0.0.1", cookies={"xzm": data["token"]})
    baseline = time_calls(lambda: _ok(client.get("/m/login", follow_redirects=False), 303), repeat=40, warmup=3)
    pages = {"calendar": "/m/events", "profile": "/m/me", "chat": f"/m/chat/{data['b']}", "home": "/m/",
             "event": f"/m/events/{data['events'][0]}", "matches": "/m/matches"}  # fmt: skip
    for name, path in pages.items():
        samples = time_calls(lambda path=path: _ok(client.get(path)), repeat=40, warmup=2)
        report(f"h5_page_{name}", n=N_MEMBERS, samples_ms=samples, target_ms=PAGE_TARGET_MS,
               baseline_ms=sorted(baseline)[int(len(baseline) * 0.95) - 1], events=N_EVENTS, seed_s=round(seed_s, 1))  # fmt: skip
    app.state.db.dispose()


def _ok(response: Any, status: int = 200) -> None:
    if response.status_code != status:
        raise RuntimeError(f"{response.request.url.path}: {response.status_code}")


def bench_signups(url: str, label: str) -> None:
    """The server runs in its own process (as deployed), the 200 members are one asyncio client
    with 50 connections, so the client does not compete with the server for the interpreter."""
    import asyncio

    import httpx

    from xzdesk.server.app import ServerSettings, create_app
    from xzdesk.server.h5 import records, security
    from xzdesk.server.h5.tables import MemberAccount
    from xzdesk.server.models import Record
    from xzdesk.server.runner import free_port

    app = create_app(url, settings=ServerSettings(argon2_time_cost=1, argon2_memory_kib=1024))
    data = seed(app, 200, 1)
    event_id = data["events"][0]
    now = datetime.now(UTC)
    with app.state.db.write() as s:
        s.execute(Record.__table__.delete().where(Record.entity == "registration"))
        tokens = []
        for member_id in data["members"]:
            s.add(MemberAccount(id=member_id, mobile_hmac=member_id, member_id=member_id, pending_request_id=None,
                                created_at=now, closed_at=None))  # fmt: skip
            s.flush()
            tokens.append(security.start_session(s, account_id=member_id, settings=app.state.h5.settings, now=now))
    secret = app.state.h5.secret
    port = free_port()
    server = _spawn_server(url, port)
    base = f"http://127.0.0.1:{port}"
    try:
        async def run(path: str, post: bool) -> float:
            limits = httpx.Limits(max_connections=50, max_keepalive_connections=50)
            async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
                async def one(token: str) -> int:
                    headers = {"cookie": f"xzm={token}"}
                    if post:
                        form = {"csrf": security.csrf_token(secret, token)}
                        return (await client.post(path, data=form, headers=headers)).status_code
                    return (await client.get(path, headers=headers)).status_code

                t0 = time.perf_counter()
                codes = await asyncio.gather(*(one(t) for t in tokens))
                elapsed = (time.perf_counter() - t0) * 1000
            if set(codes) - {200, 303}:
                raise RuntimeError(f"{path}: {sorted(set(codes))}")
            return elapsed

        baseline = asyncio.run(run(f"/m/events/{event_id}", post=False))
        elapsed = asyncio.run(run(f"/m/events/{event_id}/signup", post=True))
    finally:
        server.terminate()
        server.wait(timeout=30)
    with app.state.db.read() as s:
        regs = records.rows(s, "registration", Record.event_id == event_id)
    app.state.db.dispose()
    holding = sum(r["status"] in ("pending", "approved") for r in regs)
    waiting = sum(r["status"] == "waitlisted" for r in regs)
    report(f"h5_signups_200x40_{label}", n=200, value_ms=elapsed, target_ms=SIGNUP_TARGET_MS, baseline_ms=baseline,
           places=40, holding=holding, waitlisted=waiting, never_over_quota=holding <= 40,
           all_answered=len(regs) == 200)  # fmt: skip


def _spawn_server(url: str, port: int) -> Any:
    """`xzdesk server` on 127.0.0.1 in a child process; returns once it answers /health."""
    import subprocess

    import httpx

    code = ("import sys; from xzdesk.server.app import ServerSettings; from xzdesk.server.runner import serve; "
            "serve(sys.argv[1], port=int(sys.argv[2]), settings=ServerSettings(argon2_time_cost=1, argon2_memory_kib=1024))")  # fmt: skip
    proc = subprocess.Popen([sys.executable, "-c", code, url, str(port)], cwd=Path(__file__).resolve().parent.parent)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("server did not start")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="xzdesk-h5-bench-") as tmp:
        folder = Path(tmp)
        bench_pages(folder)
        bench_signups(f"sqlite:///{folder / 'signups.db'}", "sqlite")
    pg = _pg_url()
    if pg is not None:
        with _pg_schema(pg) as url:
            bench_signups(url, "postgresql")


def _pg_url() -> str | None:
    import os

    from sqlalchemy import create_engine, text

    url = os.environ.get("XZDESK_TEST_PG_URL", "postgresql+psycopg://xzdesk:xzdesk@127.0.0.1:5432/xzdesk_test")
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return url
    except Exception:
        return None


def _pg_schema(url: str) -> Any:
    import contextlib
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    @contextlib.contextmanager
    def schema() -> Any:
        name = "bench_" + uuid.uuid4().hex[:10]
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        try:
            yield make_url(url).update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
            admin.dispose()

    return schema()


if __name__ == "__main__":
    main()
