"""`xzdesk server ...`: run and administer the central server.

    xzdesk server --db URL --host 127.0.0.1 --port 8765      run (migrations applied at start)
    xzdesk server add-user --username U --role matchmaker --district 320302 [--display-name N]
    xzdesk server list-users | set-password --username U | deactivate-user --username U
    xzdesk server list-devices | revoke-device --device ID
    xzdesk server set-device-scope --device ID [--districts 320302,320303 | --all-districts] [--events ID,...]
    xzdesk server erase-member --member-id ID
    xzdesk server prune-tombstones --days 180
    xzdesk server unlock-login USERNAME | --address ADDR | login-locks | login-audit   (sign-in throttle)
    xzdesk server --workers 4 --db postgresql+psycopg://...   several worker processes (docs/server.md)
    xzdesk server backup -o FILE | restore -i FILE --yes        pg_dump / SQLite backup, and back

Serving https: --tls-cert/--tls-key; request limits: --max-body-kib/--max-push-kib; argon2
memory: --max-parallel-hashes (see _server_security and docs/security.md).

The database URL defaults to $XZDESK_SERVER_DB, else a SQLite file under XZDESK_HOME/server/.
PostgreSQL: postgresql+psycopg://user:password@host/db. Passwords are read from the terminal
(twice), or from XZDESK_NEW_PASSWORD when not attached to one.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from xzdesk.commands import _server_security as security
from xzdesk.commands._common import new_password
from xzdesk.commands._parser import non_negative_int, positive_int, subcommands
from xzdesk.domain.errors import XzError
from xzdesk.paths import data_home

if TYPE_CHECKING:
    from xzdesk.server.db import ServerDB

ROLES = ("matchmaker", "event_staff", "union_admin", "privacy_officer", "auditor", "intake")
DB_HELP = "数据库地址（默认 $XZDESK_SERVER_DB 或一个 SQLite 文件）/ database URL (default: $XZDESK_SERVER_DB or a SQLite file)"


def default_db_url() -> str:
    env = os.environ.get("XZDESK_SERVER_DB")
    if env:
        return env
    folder = data_home() / "server"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'server.db'}"


def _db_option(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """`--db` before or after the action: SUPPRESSed, so a value given to `server` is kept."""
    p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=DB_HELP)
    return p


def _run_options(p: argparse.ArgumentParser) -> None:
    """Workers and logs of a running server (docs/server.md)."""
    p.add_argument("--workers", type=positive_int, default=1,
                   help="工作进程数（多于 1 个须用 PostgreSQL）/ worker processes (more than 1 needs PostgreSQL)")  # fmt: skip
    p.add_argument("--log-format", choices=("json", "text"), default="json",
                   help="日志格式：每行一个 JSON（默认）或文本 / log lines as JSON (default) or text")  # fmt: skip
    p.add_argument("--log-level", choices=("debug", "info", "warning", "error"), default="warning",
                   help="日志级别（默认 warning；info 为每个请求记一行）/ log level (default warning; info logs every request)")  # fmt: skip
    p.add_argument("--log-file", metavar="FILE", help="日志文件（默认标准错误输出）/ log file (default: standard error)")
    p.add_argument("--max-lifetime", type=positive_int, metavar="SECONDS", help=argparse.SUPPRESS)  # drills and tests


def _username(p: argparse.ArgumentParser) -> None:
    p.add_argument("--username", required=True, help="用户名 / user name")


def configure(p: argparse.ArgumentParser) -> None:
    _db_option(p)
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）/ address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=non_negative_int, default=8765, help="端口（默认 8765）/ port (default 8765)")
    p.add_argument("--offline-window-days", type=non_negative_int, default=30,
                   help="离线超过此天数的设备须重新下载 / devices silent longer must download everything again")  # fmt: skip
    security.add_run_options(p)
    _run_options(p)
    p.set_defaults(func=run, server_command=None)
    cmds = subcommands(p, dest="server_command", required=False)
    a = _db_option(cmds.add_parser("add-user", help="新建服务器账号 / create a staff account on the server"))
    _username(a)
    a.add_argument("--role", required=True, choices=ROLES, help="角色 / role")
    a.add_argument("--district", help="所在区代码（红娘；不填为全市）/ district code (matchmakers; omit for city-wide)")
    a.add_argument("--display-name", help="显示名 / display name")
    a.set_defaults(func=add_user)
    _db_option(cmds.add_parser("list-users", help="列出服务器账号 / the server's accounts")).set_defaults(func=list_users)
    sp = _db_option(cmds.add_parser("set-password", help="设置账号密码 / set an account's password"))
    _username(sp)
    sp.set_defaults(func=set_password)
    du = _db_option(cmds.add_parser("deactivate-user", help="停用账号并注销其设备 / deactivate and revoke its devices"))
    _username(du)
    du.set_defaults(func=deactivate_user)
    _db_option(cmds.add_parser("list-devices", help="列出已接入的设备 / enrolled devices")).set_defaults(func=list_devices)
    rd = _db_option(cmds.add_parser("revoke-device", help="注销设备，其下次联网时清除个人信息 / the device wipes personal data on next contact"))
    rd.add_argument("--device", required=True, help="设备号 / device id")
    rd.set_defaults(func=revoke_device)
    ss = _db_option(cmds.add_parser("set-device-scope", help="设备可见范围 / what a device may see"))
    ss.add_argument("--device", required=True, help="设备号 / device id")
    group = ss.add_mutually_exclusive_group()
    group.add_argument("--districts", help="区代码，逗号分隔 / comma-separated district codes")
    group.add_argument("--all-districts", action="store_true", help="全部区 / every district")
    ss.add_argument("--events", help="活动 ID，逗号分隔 / comma-separated event ids")
    ss.set_defaults(func=set_scope)
    em = _db_option(cmds.add_parser("erase-member", help="在各处删除一名会员（个人信息保护法第 47 条）/ erase a member everywhere (PIPL Art. 47)"))
    em.add_argument("--member-id", required=True, help="会员 ID / member id")
    em.set_defaults(func=erase)
    pt = _db_option(cmds.add_parser("prune-tombstones", help="清理旧的删除标记 / prune old deletion markers"))
    pt.add_argument("--days", type=non_negative_int, default=180, help="早于多少天（默认 180）/ older than (default 180)")
    pt.set_defaults(func=prune)
    security.configure_login(cmds, _db_option)
    bk = _db_option(cmds.add_parser("backup", help="备份服务器数据库 / back up the server database"))
    bk.add_argument("-o", "--output", required=True, metavar="FILE", help="备份文件 / backup file")
    bk.set_defaults(func=backup)
    rs = _db_option(cmds.add_parser("restore", help="从备份恢复服务器数据库（先停止服务器）/ restore the server database from a backup (stop the server first)"))
    rs.add_argument("-i", "--input", required=True, metavar="FILE", help="备份文件 / backup file")
    rs.add_argument("--yes", action="store_true", help="确认替换现有数据库 / confirm replacing the current database")
    rs.set_defaults(func=restore)


@contextlib.contextmanager
def _server_db(args: argparse.Namespace) -> Iterator[ServerDB]:
    """The server database named by --db (migrated to this version), disposed afterwards."""
    from xzdesk.server.db import ServerDB, ensure_meta, make_engine
    from xzdesk.server.migrate import upgrade

    engine = make_engine(_url(args))
    upgrade(engine)
    db = ServerDB(engine)
    try:
        with db.write() as s:
            ensure_meta(s)
        yield db
    finally:
        db.dispose()


def _url(args: argparse.Namespace) -> str:
    return getattr(args, "db", None) or default_db_url()


def _now() -> datetime:
    return datetime.now(UTC)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.engine import make_url

    from xzdesk.server.app import ServerSettings
    from xzdesk.server.observability import configure_logging
    from xzdesk.server.runner import bind, serve
    from xzdesk.server.workers import check_workers

    url = _url(args)
    tls = security.tls_from(args)
    check_workers(url, args.workers)
    log_options = {"fmt": args.log_format, "level": args.log_level, "file": args.log_file}
    try:
        sock = bind(args.host, args.port)
    except OSError as exc:
        raise XzError("server.port_busy", host=args.host, port=args.port) from exc
    address = f"{'https' if tls else 'http'}://{args.host}:{sock.getsockname()[1]}"
    security.warn_plain_http(args.host, tls)
    database = make_url(url).render_as_string(hide_password=True)
    configure_logging(**log_options)

    def started() -> None:
        print(f"xzdesk server: 正在运行 running at {address}（数据库 database {database}，"
              f"工作进程 workers {args.workers}）；按 Ctrl+C 停止 / press Ctrl+C to stop", file=sys.stderr, flush=True)  # fmt: skip

    try:
        serve(url, host=args.host, port=args.port, sock=sock, on_started=started, tls=tls,
              settings=ServerSettings(offline_window_days=args.offline_window_days,
                                      hardening=security.hardening_from(args)),
              workers=args.workers, max_lifetime_s=args.max_lifetime, log_options=log_options)  # fmt: skip
    except KeyboardInterrupt:
        pass  # Ctrl+C: uvicorn has shut down gracefully and passes the interrupt on
    finally:
        sock.close()
    print("xzdesk server: 已停止 / stopped", file=sys.stderr)
    return 0


def add_user(args: argparse.Namespace) -> int:
    from xzdesk.server import admin, auth

    password = new_password()
    with _server_db(args) as db, db.write() as s:
        info = admin.add_user(s, hasher=auth.password_hasher(), username=args.username, password=password,
                              role=args.role, district_code=args.district, display_name=args.display_name,
                              now=_now())  # fmt: skip
    print(f"{info.username}\t{info.role}\t{info.district_code or '-'}\t{info.id}")
    return 0


def list_users(args: argparse.Namespace) -> int:
    from xzdesk.server import admin

    with _server_db(args) as db, db.read() as s:
        users = admin.list_users(s)
    for u in users:
        print(f"{u.username}\t{u.role}\t{u.district_code or '-'}\t{'active' if u.active else 'inactive'}\t{u.id}")
    return 0


def set_password(args: argparse.Namespace) -> int:
    from xzdesk.server import admin, auth

    password = new_password()
    with _server_db(args) as db, db.write() as s:
        admin.set_password(s, hasher=auth.password_hasher(), username=args.username, password=password, now=_now())
    print(f"已设置 {args.username} 的密码 / the password of {args.username} is set")
    return 0


def deactivate_user(args: argparse.Namespace) -> int:
    from xzdesk.server import admin

    with _server_db(args) as db, db.write() as s:
        count = admin.deactivate_user(s, username=args.username, now=_now())
    print(f"已停用，注销了 {count} 台设备 / deactivated; {count} device(s) revoked")
    return 0


def list_devices(args: argparse.Namespace) -> int:
    from xzdesk.server import admin

    with _server_db(args) as db, db.read() as s:
        devices = admin.list_devices(s)
    for d in devices:
        scope = "aggregates" if d.aggregate_only else ",".join(d.districts) if d.districts is not None else "all"
        state = "revoked" if d.revoked_at else "active"
        print(f"{d.id}\t{d.username}\t{d.label or '-'}\t{scope}\tevents:{len(d.events)}\t{state}")
    return 0


def revoke_device(args: argparse.Namespace) -> int:
    from xzdesk.server import admin

    with _server_db(args) as db, db.write() as s:
        admin.revoke_device(s, device_id=args.device, now=_now())
    print("已注销该设备，其下次联网时清除个人信息 / the device is revoked and wipes personal data on next contact")
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
    with _server_db(args) as db, db.write() as s:
        admin.set_device_scope(s, device_id=args.device, **kwargs)  # type: ignore[arg-type]
    print("已修改设备的可见范围，其下次同步时重新下载 / the device's scope is changed; it downloads again at its next sync")
    return 0


def erase(args: argparse.Namespace) -> int:
    from xzdesk.server.erasure import erase_member

    with _server_db(args) as db:
        with db.write() as s:
            rows = erase_member(s, args.member_id, now=_now(), requested_by=None)
        db.after_erasure()
    print(f"已删除 {rows} 条记录 / erased; {rows} record(s) deleted")
    return 0


def prune(args: argparse.Namespace) -> int:
    from xzdesk.server import admin

    with _server_db(args) as db, db.write() as s:
        count = admin.prune_tombstones(s, older_than=timedelta(days=args.days), now=_now())
    print(f"清理了 {count} 个删除标记 / {count} tombstone(s) pruned")
    return 0


def backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from xzdesk.server.backup import backup as make_backup

    info = make_backup(_url(args), Path(args.output))
    size = f"{info.size_bytes / 1_048_576:.1f} MiB"
    print(f"已备份到 {info.path}（{size}）；备份含个人信息，请妥善保管 / backed up to {info.path} ({size}); "
          "the backup holds personal data: keep it safe")  # fmt: skip
    return 0


def restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from xzdesk.server.backup import restore as restore_backup

    if not args.yes:
        raise XzError("server.restore_unconfirmed")
    info = restore_backup(_url(args), Path(args.input))
    print(f"已恢复；重新删除了 {info.erasures_replayed} 名在备份之后被删除的会员；各电脑下次同步时将重新下载 / "
          f"restored; {info.erasures_replayed} member(s) erased after the backup were erased again; "
          "every laptop downloads everything again at its next sync")  # fmt: skip
    return 0
