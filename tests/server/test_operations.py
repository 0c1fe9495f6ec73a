"""Running the server for real: health and readiness, request ids, JSON-line logs that never hold
personal data, `--workers` refused on SQLite, and backup / restore (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, select, text

from tests.server.procs import add_users, server_process
from tests.server.replicas import laptop_rows
from tests.sync.harness import FAST, LaptopFactory, add_user, server_db
from tests.sync.helpers import register
from xzdesk.cli import main
from xzdesk.domain.members.service import add_note
from xzdesk.server.db import ServerDB, make_engine
from xzdesk.server.models import Erasure, Record
from xzdesk.server.runner import ServerThread


# --- health, readiness, request ids ----------------------------------------------------------------
def test_health_ready_and_request_ids(server: ServerThread) -> None:
    health = httpx.get(server.url + "/health")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    ready = httpx.get(server.url + "/ready")
    assert ready.status_code == 200, ready.text
    body = ready.json()
    assert body["status"] == "ready" and body["server_id"] == health.json()["server_id"] and body["schema_heads"]
    # the client's request id comes back; a malformed one is replaced by a fresh one
    assert httpx.get(server.url + "/health", headers={"X-Request-ID": "desk-7.retry_2"}).headers["x-request-id"] == "desk-7.retry_2"
    for bad in (b"two words", b"x" * 65, "身份证".encode()):
        echoed = httpx.get(server.url + "/health", headers={"X-Request-ID": bad}).headers["x-request-id"]
        assert re.fullmatch(r"[0-9a-f]{32}", echoed)
    assert httpx.get(server.url + "/health").headers["x-request-id"] != httpx.get(server.url + "/health").headers["x-request-id"]


def test_ready_says_503_when_the_schema_is_behind_or_the_database_is_gone(server: ServerThread) -> None:
    db: ServerDB = server.app.state.db
    with db.engine.begin() as conn:
        (head,) = conn.execute(text("SELECT version_num FROM alembic_version")).one()
        conn.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    try:
        r = httpx.get(server.url + "/ready")
        assert r.status_code == 503 and r.headers["retry-after"] == "5"
        body = r.json()
        assert (body["code"], body["params"], body["wipe"]) == ("server.not_ready", {"reason": "migrations"}, False)
        assert body["message_zh"] and body["message_en"]  # in words, like every refusal
    finally:
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head})
    assert httpx.get(server.url + "/ready").status_code == 200
    server.app.state.db = ServerDB(make_engine("postgresql+psycopg://nobody:x@127.0.0.1:9/none?connect_timeout=2"))
    try:
        r = httpx.get(server.url + "/ready", timeout=30)
        assert r.status_code == 503 and r.json()["params"] == {"reason": "database"}
        assert httpx.get(server.url + "/health").status_code == 200  # alive, only not ready
    finally:
        server.app.state.db.dispose()
        server.app.state.db = db


# --- logs ----------------------------------------------------------------------------------------
PEOPLE = (("欧阳红梅", 701), ("诸葛明亮", 702), ("司马静怡", 703))


def test_logs_are_json_lines_without_personal_data(tmp_path: Path, laptops: LaptopFactory) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    add_users(url, [("gulou", "matchmaker", "320302")])
    with server_process(url, tmp_path / "run") as srv:
        laptop = laptops.make(srv.url, "gulou")
        secrets: list[str] = []
        for name, seq in PEOPLE:
            member_id = register(laptop, name=name, seq=seq)
            with laptop.uow() as uow:
                add_note(uow, member_id=member_id, body=f"{name}的面谈记录")
            rec = laptop_rows(laptop)["member"][member_id]
            secrets += [name, rec["id_number"], rec["mobile"], member_id]
        assert laptop.engine.sync_once().error is None
        token = laptop.engine._token(laptop.store.meta())
        assert token
        # requests that carry personal data where a careless log would copy it
        id_number, phone = secrets[1], secrets[2]
        http = httpx.Client(base_url=srv.url, headers={"Authorization": f"Bearer {token}", "X-Request-ID": "scan-1"})
        assert http.get("/sync/v1/pull", params={"cursor": f"{phone}.{id_number}"}).status_code == 400
        assert http.get(f"/members/{id_number}/{phone}").status_code == 404
        assert http.post("/sync/v1/push", content=json.dumps({"mutations": [{"name": secrets[0]}]})).status_code == 422
        http.close()
        laptop.close()
    lines = srv.log_lines()  # every line parses as JSON
    text_of_log = srv.log.read_text(encoding="utf-8")
    for secret in [*secrets, token]:
        assert secret not in text_of_log, "personal data or a token reached the log"
    access = [x for x in lines if x["logger"] == "xzdesk.server.access"]
    assert {"/sync/v1/enrol", "/sync/v1/push", "/sync/v1/pull", "/ready"} <= {x["route"] for x in access}
    from xzdesk.server.app import create_app

    templates = set(create_app(url).openapi()["paths"])
    assert all(x["route"] is None or x["route"] in templates for x in access)  # templates, never raw paths
    unknown = [x for x in access if x["status"] == 404]
    assert unknown and all(x["route"] is None for x in unknown)
    tagged = [x for x in access if x["request_id"] == "scan-1"]
    assert sorted(x["status"] for x in tagged) == [400, 404, 422]
    for x in access:
        assert set(x) == {"time", "level", "logger", "pid", "request_id", "method", "route", "status", "duration_ms"}
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", x["time"]) and x["duration_ms"] >= 0


def test_a_failing_request_is_logged_without_its_message(server: ServerThread, caplog: pytest.LogCaptureFixture) -> None:
    """A 500: one ERROR access line and the exception as type and code locations; the exception's
    message (which could quote a row) is in no formatted line, JSON or text."""
    from xzdesk.server.observability import JsonLineFormatter, TextLineFormatter

    def boom() -> None:
        raise RuntimeError("欧阳红梅 13912345678 320302199003070034")

    server.app.add_api_route("/boom", boom)
    caplog.set_level("INFO")
    uvicorn_errors = logging.getLogger("uvicorn.error")  # where the server reports an unhandled failure
    uvicorn_errors.addHandler(caplog.handler)
    try:
        r = httpx.get(server.url + "/boom", headers={"X-Request-ID": "boom-1"})
    finally:
        uvicorn_errors.removeHandler(caplog.handler)
    assert r.status_code == 500 and r.headers.get("x-request-id") in (None, "boom-1")
    records = [x for x in caplog.records if x.levelname == "ERROR"]
    access = [x for x in records if x.name == "xzdesk.server.access"]
    assert [(x.status, x.route, x.request_id) for x in access] == [(500, "/boom", "boom-1")]
    failures = [x for x in records if x.exc_info]
    assert failures, "the failure itself is logged"
    assert any(getattr(x, "request_id", None) == "boom-1" for x in failures)  # found by its request id
    for formatter in (JsonLineFormatter(), TextLineFormatter()):
        lines = [formatter.format(x) for x in records]
        assert not [line for line in lines if "13912345678" in line or "欧阳红梅" in line or "320302199003070034" in line]
        assert any("RuntimeError" in line and "boom" in line for line in lines)
    line = json.loads(JsonLineFormatter().format(failures[0]))
    assert line["exception"]["type"] == "RuntimeError" and line["level"] == "ERROR"


def test_more_than_one_worker_needs_postgresql(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["server", "--db", f"sqlite:///{tmp_path / 's.db'}", "--workers", "2"]) == 1
    err = capsys.readouterr().err
    assert "需要 PostgreSQL" in err and "need a PostgreSQL database" in err
    assert not (tmp_path / "s.db").exists()  # refused before anything was created
    with pytest.raises(SystemExit) as usage:
        main(["server", "--db", f"sqlite:///{tmp_path / 's.db'}", "--workers", "0"])
    assert usage.value.code == 2 and "必须是 1 或更大的整数" in capsys.readouterr().err


# --- backup and restore ---------------------------------------------------------------------------
def _wipe(backend: str, url: str) -> None:
    if backend == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    schema = re.search(r"search_path%3D([a-z0-9_]+)|search_path=([a-z0-9_]+)", url)
    assert schema
    name = schema.group(1) or schema.group(2)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    engine.dispose()


def _synced(rows: dict) -> dict:
    return {entity: sorted(ids) for entity, ids in rows.items() if entity != "audit_log"}


def test_backup_wipe_restore_and_a_laptop_pulls_the_same_rows(
    backend: str, tmp_path: Path, laptops: LaptopFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    with server_db(backend, tmp_path / "server") as url:
        with ServerThread(url, settings=FAST, max_lifetime_s=300) as srv:
            add_user(srv, "gulou")
            laptop = laptops.make(srv.url, "gulou")
            for seq in (801, 802, 803):
                member_id = register(laptop, seq=seq)
                with laptop.uow() as uow:
                    add_note(uow, member_id=member_id, body="面谈")
            assert laptop.engine.sync_once().error is None
            before = _synced(laptop_rows(laptop))
            backup = tmp_path / "backups" / "server.dump"
            assert main(["server", "backup", "--db", url, "-o", str(backup)]) == 0  # while it runs
        out = capsys.readouterr().out
        assert str(backup) in out and "personal data" in out
        assert backup.stat().st_mode & 0o077 == 0 and not backup.with_name("server.dump.partial").exists()
        _wipe(backend, url)
        assert main(["server", "restore", "--db", url, "-i", str(backup)]) == 1  # asks for --yes
        assert "--yes" in capsys.readouterr().err
        assert main(["server", "restore", "--db", url, "-i", str(backup), "--yes"]) == 0
        with ServerThread(url, settings=FAST, max_lifetime_s=300) as srv:
            _point_at(laptop, srv.url)  # the same server on another port
            report = laptop.engine.sync_once()
            assert report.error is None and report.bootstrapped  # a new server id: everything again
            assert _synced(laptop_rows(laptop)) == before
            assert httpx.get(srv.url + "/ready").status_code == 200
        laptop.close()


def _point_at(laptop, url: str) -> None:
    from xzdesk.sync.engine import M_URL

    laptop.store.meta_set(M_URL, url)


def test_a_restore_over_a_newer_database_keeps_its_erasures(backend: str, tmp_path: Path) -> None:
    with server_db(backend, tmp_path / "server") as url:
        with ServerThread(url, settings=FAST, max_lifetime_s=300) as srv:
            add_user(srv, "gulou")
            from tests.server.api import Api, member_row

            api = Api(srv.url, "gulou")
            kept, erased = member_row(id_number="320302199001010011"), member_row(id_number="320302199001010038",
                                                                                 mobile="13800000002")  # fmt: skip
            api.push_ok(*(api.mutation("member", "insert", m["id"], fields=m, member_id=m["id"]) for m in (kept, erased)))
            backup = tmp_path / "server.dump"
            assert main(["server", "backup", "--db", url, "-o", str(backup)]) == 0
            assert api.http.post("/sync/v1/erasures", json={"member_id": erased["id"]}).status_code == 200
            api.close()
        assert main(["server", "restore", "--db", url, "-i", str(backup), "--yes"]) == 0
        db = ServerDB(make_engine(url))
        try:
            with db.read() as s:
                assert s.get(Record, ("member", kept["id"])) is not None
                assert s.get(Record, ("member", erased["id"])) is None  # erased again
                assert s.get(Erasure, erased["id"]) is not None
                assert not s.execute(select(Record.id).where(Record.fields.contains(erased["mobile"]))).all()
        finally:
            db.dispose()


def test_restore_refuses_what_it_cannot_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    add_users(url, [("gulou", "matchmaker", "320302")])
    junk = tmp_path / "junk.dump"
    junk.write_bytes(b"not a backup at all")
    assert main(["server", "restore", "--db", url, "-i", str(junk), "--yes"]) == 1
    assert "不是 xzdesk 服务器的备份" in capsys.readouterr().err
    assert main(["server", "restore", "--db", url, "-i", str(tmp_path / "missing.dump"), "--yes"]) == 1
    assert "找不到该文件" in capsys.readouterr().err
    backup = tmp_path / "sqlite.dump"
    assert main(["server", "backup", "--db", url, "-o", str(backup)]) == 0
    capsys.readouterr()
    pg = "postgresql+psycopg://nobody:x@127.0.0.1:9/none"
    assert main(["server", "restore", "--db", pg, "-i", str(backup), "--yes"]) == 1
    assert "cannot be restored into a postgresql database" in capsys.readouterr().err
    # a backup that fails leaves no file behind, not even a partial one
    failed = tmp_path / "out" / "failed.dump"
    env_bin = os.environ.get("XZDESK_PG_BIN")
    if shutil.which("pg_dump") or env_bin or list(Path("/usr/lib/postgresql").glob("*/bin/pg_dump")):
        assert main(["server", "backup", "--db", pg + "?connect_timeout=2", "-o", str(failed)]) == 1
        assert "nothing was changed" in capsys.readouterr().err
        assert list(failed.parent.iterdir()) == []


def test_the_worker_factory_builds_the_app_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What `uvicorn --factory xzdesk.server.asgi:app_from_env` (and each --workers process) runs."""
    from datetime import timedelta

    from xzdesk.server import asgi
    from xzdesk.server.app import ServerSettings

    settings = ServerSettings(offline_window_days=9, max_clock_skew=timedelta(minutes=2), argon2_time_cost=1)
    assert asgi.settings_from_env(asgi.settings_to_env(settings)) == settings
    assert asgi.settings_from_env(None) == ServerSettings()
    logged: list[dict] = []
    monkeypatch.setattr(asgi, "configure_logging", lambda **kw: logged.append(kw))
    monkeypatch.setenv(asgi.ENV_DB, f"sqlite:///{tmp_path / 'factory.db'}")
    monkeypatch.setenv(asgi.ENV_SETTINGS, asgi.settings_to_env(settings))
    monkeypatch.setenv(asgi.ENV_LOG, json.dumps({"fmt": "text", "level": "warning", "file": None}))
    monkeypatch.delenv(asgi.ENV_WATCH, raising=False)
    app = asgi.app_from_env()
    assert app.state.settings == settings and logged == [{"fmt": "text", "level": "warning", "file": None}]
    assert {"/health", "/ready", "/sync/v1/push"} <= set(app.openapi()["paths"])
    app.state.db.dispose()
    monkeypatch.delenv(asgi.ENV_DB)
    with pytest.raises(RuntimeError):
        asgi.app_from_env()
