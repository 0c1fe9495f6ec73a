"""`xzdesk server ...`: run and administer the central server.

    xzdesk server --db URL --host 127.0.0.1 --port 8765      run (migrations applied at start)
    xzdesk server add-user --username U --role matchmaker --district 320302 [--display-name N]
    xzdesk server list-users | set-password --username U | deactivate-user --username U
    xzdesk server list-devices | revoke-device --device ID
    xzdesk server set-device-scope --device ID [--districts 320302,320303 | --all-districts] [--events ID,...]
    xzdesk server erase-member --member-id ID
    xzdesk server prune-tombstones --days 180

The database URL defaults to $XZDESK_SERVER_DB, else a SQLite file under XZDESK_HOME/server/.
PostgreSQL: postgresql+psycopg://user:password@host/db. Passwords are read from the terminal
(twice), or from XZDESK_NEW_PASSWORD when not attached to one.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import UTC, datetime, timedelta

from xzdesk.paths import data_home

ROLES = ("matchmaker", "event_staff", "union_admin", "privacy_officer", "auditor", "intake")


def default_db_url() -> str:
    env = os.environ.get("XZDESK_SERVER_DB")
    if env:
        return env
    folder = data_home() / "server"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'server.db'}"


def register(sub: argparse._SubParsersAction) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", help="database URL (default: $XZDESK_SERVER_DB or a SQLite file)")
    p = sub.add_parser("server", parents=[common], help="run or administer the central sync server")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--offline-window-days", type=int, default=30, help="devices silent longer must re-bootstrap")
    p.set_defaults(func=run, server_command=None)
    cmds = p.add_subparsers(dest="server_command", metavar="action")

    a = cmds.add_parser("add-user", parents=[common], help="create a staff account")
    a.add_argument("--username", required=True)
    a.add_argument("--role", required=True, choices=ROLES)
    a.add_argument("--district", help="district code (matchmakers; omit for city-wide)")
    a.add_argument("--display-name")
    a.set_defaults(func=add_user)
    cmds.add_parser("list-users", parents=[common]).set_defaults(func=list_users)
    sp = cmds.add_parser("set-password", parents=[common])
    sp.add_argument("--username", required=True)
    sp.set_defaults(func=set_password)
    du = cmds.add_parser("deactivate-user", parents=[common], help="deactivate and revoke its devices")
    du.add_argument("--username", required=True)
    du.set_defaults(func=deactivate_user)
    cmds.add_parser("list-devices", parents=[common]).set_defaults(func=list_devices)
    rd = cmds.add_parser("revoke-device", parents=[common], help="the device wipes personal data on next contact")
    rd.add_argument("--device", required=True)
    rd.set_defaults(func=revoke_device)
    ss = cmds.add_parser("set-device-scope", parents=[common])
    ss.add_argument("--device", required=True)
    group = ss.add_mutually_exclusive_group()
    group.add_argument("--districts", help="comma-separated district codes")
    group.add_argument("--all-districts", action="store_true")
    ss.add_argument("--events", help="comma-separated event ids")
    ss.set_defaults(func=set_scope)
    em = cmds.add_parser("erase-member", parents=[common], help="erase a member everywhere (PIPL Art. 47)")
    em.add_argument("--member-id", required=True)
    em.set_defaults(func=erase)
    pt = cmds.add_parser("prune-tombstones", parents=[common])
    pt.add_argument("--days", type=int, default=180)
    pt.set_defaults(func=prune)


def _db(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from xzdesk.server.db import ServerDB, ensure_meta, make_engine
    from xzdesk.server.migrate import upgrade

    engine = make_engine(args.db or default_db_url())
    upgrade(engine)
    db = ServerDB(engine)
    with db.write() as s:
        ensure_meta(s)
    return db


def _now() -> datetime:
    return datetime.now(UTC)


def _read_password() -> str | None:
    if not sys.stdin.isatty():
        return os.environ.get("XZDESK_NEW_PASSWORD")
    first = getpass.getpass("密码 / password: ")
    if getpass.getpass("再次输入 / repeat: ") != first:
        print("两次输入不一致 / the two entries differ", file=sys.stderr)
        return None
    return first


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.engine import make_url

    from xzdesk.server.app import ServerSettings
    from xzdesk.server.runner import serve

    url = args.db or default_db_url()
    print(f"xzdesk server: http://{args.host}:{args.port} (database {make_url(url).render_as_string(hide_password=True)})",
          file=sys.stderr, flush=True)  # fmt: skip
    serve(url, host=args.host, port=args.port,
          settings=ServerSettings(offline_window_days=args.offline_window_days))  # fmt: skip
    return 0


def add_user(args: argparse.Namespace) -> int:
    from xzdesk.server import admin, auth

    password = _read_password()
    if not password:
        print("xzdesk server: a password is needed (terminal or XZDESK_NEW_PASSWORD)", file=sys.stderr)
        return 1
    db = _db(args)
    try:
        with db.write() as s:
            info = admin.add_user(s, hasher=auth.password_hasher(), username=args.username, password=password,
                                  role=args.role, district_code=args.district, display_name=args.display_name,
                                  now=_now())  # fmt: skip
    finally:
        db.dispose()
    print(f"{info.username}\t{info.role}\t{info.district_code or '-'}\t{info.id}")
    return 0


def list_users(args: argparse.Namespace) -> int:
    from xzdesk.server import admin

    db = _db(args)
    with db.read() as s:
        for u in admin.list_users(s):
            print(f"{u.username}\t{u.role}\t{u.district_code or '-'}\t{'active' if u.active else 'inactive'}\t{u.id}")
    db.dispose()
    return 0


def set_password(args: argparse.Namespace) -> int:
    from xzdesk.server import admin, auth

    password = _read_password()
    if not password:
        return 1
    db = _db(args)
    with db.write() as s:
        admin.set_password(s, hasher=auth.password_hasher(), username=args.username, password=password)
    db.dispose()
    return 0


def deactivate_user(args: argparse.Namespace) -> int:
    from xzdesk.server import admin

    db = _db(args)
    with db.write() as s:
        count = admin.deactivate_user(s, username=args.username, now=_now())
    db.dispose()
    print(f"deactivated; {count} device(s) revoked")
    return 0


def list_devices(args: argparse.Namespace) -> int:
    from xzdesk.server import admin

    db = _db(args)
    with db.read() as s:
        for d in admin.list_devices(s):
            scope = "aggregates" if d.aggregate_only else ",".join(d.districts) if d.districts is not None else "all"
            state = "revoked" if d.revoked_at else "active"
            print(f"{d.id}\t{d.username}\t{d.label or '-'}\t{scope}\tevents:{len(d.events)}\t{state}")
    db.dispose()
    return 0


def revoke_device(args: argparse.Namespace) -> int:
    from xzdesk.server import admin

    db = _db(args)
    with db.write() as s:
        admin.revoke_device(s, device_id=args.device, now=_now())
    db.dispose()
    return 0


def set_scope(args: argparse.Namespace) -> int:
    from xzdesk.server import admin

    kwargs: dict[str, object] = {}
    if args.all_districts:
        kwargs["districts"] = None
    elif args.districts is not None:
        kwargs["districts"] = [d for d in args.districts.split(",") if d]
    if args.events is not None:
        kwargs["events"] = [e for e in args.events.split(",") if e]
    db = _db(args)
    with db.write() as s:
        admin.set_device_scope(s, device_id=args.device, **kwargs)  # type: ignore[arg-type]
    db.dispose()
    return 0


def erase(args: argparse.Namespace) -> int:
    from xzdesk.server.erasure import erase_member

    db = _db(args)
    with db.write() as s:
        rows = erase_member(s, args.member_id, now=_now(), requested_by=None)
    db.after_erasure()
    db.dispose()
    print(f"erased; {rows} record(s) deleted")
    return 0


def prune(args: argparse.Namespace) -> int:
    from xzdesk.server import admin

    db = _db(args)
    with db.write() as s:
        count = admin.prune_tombstones(s, older_than=timedelta(days=args.days), now=_now())
    db.dispose()
    print(f"{count} tombstone(s) pruned")
    return 0
