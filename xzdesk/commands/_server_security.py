"""`xzdesk server` options and actions for a hardened server: TLS, request limits, the sign-in
throttle.

    xzdesk server --tls-cert server.pem --tls-key server.key --host 0.0.0.0     serve https
    xzdesk server --max-body-kib 64 --max-push-kib 8192 --max-parallel-hashes 4
    xzdesk server unlock-login USERNAME | --address 10.1.2.3                  lift a sign-in lock
    xzdesk server login-locks                                                  names/addresses throttled now
    xzdesk server login-audit [--limit 50]                                     recent sign-ins, failures, locks
"""

from __future__ import annotations

import argparse
import contextlib
import ssl
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xzdesk.commands._parser import positive_int
from xzdesk.domain.errors import XzError

if TYPE_CHECKING:
    from xzdesk.server.hardening import Hardening
    from xzdesk.server.runner import TlsFiles

LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


def add_run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tls-cert", metavar="PEM", help="服务器证书（PEM，含证书链）；与 --tls-key 一起给出即以 https 运行 / "
                                                     "the server's certificate (PEM, with its chain); with --tls-key, serve https")  # fmt: skip
    p.add_argument("--tls-key", metavar="PEM", help="证书的私钥（PEM）/ the certificate's private key (PEM)")
    p.add_argument("--max-body-kib", type=positive_int, default=None,
                   help="请求正文上限（KiB，默认 64；上传修改除外）/ body limit in KiB (default 64; push excepted)")  # fmt: skip
    p.add_argument("--max-push-kib", type=positive_int, default=None,
                   help="上传修改的正文上限（KiB，默认 8192）/ body limit of a push in KiB (default 8192)")  # fmt: skip
    p.add_argument("--max-parallel-hashes", type=positive_int, default=None,
                   help="同时核对密码的上限（每个约占 64 MiB 内存；默认为 CPU 核数）/ "
                        "password checks at once (about 64 MiB each; default: the CPU count)")  # fmt: skip


def hardening_from(args: argparse.Namespace) -> Hardening:
    from xzdesk.server.hardening import Hardening

    base = Hardening()
    limits, login = base.limits, base.login
    if args.max_body_kib:
        limits = replace(limits, max_body_bytes=args.max_body_kib * 1024)
    if args.max_push_kib:
        limits = replace(limits, max_push_bytes=args.max_push_kib * 1024)
    if args.max_parallel_hashes:
        login = replace(login, max_parallel_hashes=args.max_parallel_hashes)
    return Hardening(limits=limits, login=login)


def tls_from(args: argparse.Namespace) -> TlsFiles | None:
    """The certificate and key named by --tls-cert/--tls-key, checked before the server starts.
    Raises XzError server.tls_incomplete / server.tls_unusable."""
    from xzdesk.server.runner import TlsFiles

    if not args.tls_cert and not args.tls_key:
        return None
    if not (args.tls_cert and args.tls_key):
        raise XzError("server.tls_incomplete")
    files = TlsFiles(Path(args.tls_cert), Path(args.tls_key))
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(files.cert, files.key)
    except (OSError, ssl.SSLError) as exc:
        raise XzError("server.tls_unusable", cert=str(files.cert), key=str(files.key)) from exc
    return files


def warn_plain_http(host: str, tls: TlsFiles | None) -> None:
    """Laptops refuse plain http to another computer: say so when serving it beyond this one."""
    if tls is None and host not in LOOPBACK_HOSTS:
        print("xzdesk server: 注意：未启用 https，其他电脑上的 xzdesk 会拒绝连接；请用 --tls-cert/--tls-key，"
              "或在前面放一个提供 https 的反向代理 / note: no https; xzdesk on other computers refuses to connect: "
              "give --tls-cert/--tls-key, or put a reverse proxy serving https in front", file=sys.stderr)  # fmt: skip


# --- the sign-in throttle ------------------------------------------------------------------------
def configure_login(cmds: argparse._SubParsersAction, db_option: Callable[[argparse.ArgumentParser], Any]) -> None:
    ul = db_option(cmds.add_parser("unlock-login", help="解除登录锁定（密码错误过多）/ lift a sign-in lock (too many wrong passwords)"))
    ul.add_argument("username", nargs="?", help="用户名 / user name")
    ul.add_argument("--address", help="客户端网络地址 / the client's network address")
    ul.set_defaults(func=unlock_login)
    db_option(cmds.add_parser("login-locks", help="正在限制或锁定的用户名和地址 / names and addresses throttled now")
              ).set_defaults(func=login_locks)  # fmt: skip
    la = db_option(cmds.add_parser("login-audit", help="最近的登录、失败、锁定和解锁 / recent sign-ins, failures, locks, unlocks"))
    la.add_argument("--limit", type=positive_int, default=50, help="条数（默认 50）/ how many (default 50)")
    la.set_defaults(func=login_audit)


@contextlib.contextmanager
def _db(args: argparse.Namespace) -> Iterator[Any]:
    from xzdesk.commands.server import _server_db  # the server command's database, migrated

    with _server_db(args) as db:
        yield db


def unlock_login(args: argparse.Namespace) -> int:
    from xzdesk.server import login

    if not args.username and not args.address:
        raise XzError("server.unlock_needs_target")
    with _db(args) as db, db.write() as s:
        count = login.unlock(s, username=args.username, address=args.address, now=datetime.now(UTC))
    who = " ".join(x for x in (args.username, args.address) if x)
    if count:
        print(f"已解除 {who} 的登录限制 / sign-in for {who} is open again")
    else:
        print(f"{who} 没有登录限制，无需解除 / {who} was not throttled; nothing to lift")
    return 0


def login_locks(args: argparse.Namespace) -> int:
    from xzdesk.server import login

    now = datetime.now(UTC)
    with _db(args) as db, db.read() as s:
        rows = login.throttles(s)
    for r in rows:
        kind = "用户名 user" if r.kind == login.USER else "地址 address"
        state = (f"锁定至 locked until {r.locked_until.astimezone().strftime('%Y-%m-%d %H:%M')}"
                 if r.locked_until and r.locked_until > now else "限制中 throttled")  # fmt: skip
        print(f"{kind}\t{r.key}\t失败 failures {r.failures}\t拒绝 refused {r.refused}\t{state}")
    print(f"{len(rows)} 个用户名或地址有失败记录 / names or addresses with failures")
    return 0


ACTION_WORDS = {
    "login.ok": "登录成功 signed in", "login.failed": "密码错误 failed", "login.locked": "已锁定 locked",
    "login.unlocked": "已解锁 unlocked",
}  # fmt: skip
REASON_WORDS = {"unknown_user": "无此用户 no such user", "password": "密码不对 wrong password",
                "inactive": "账号已停用 account closed"}  # fmt: skip


def login_audit(args: argparse.Namespace) -> int:
    from xzdesk.server import login

    with _db(args) as db, db.read() as s:
        rows = login.audit_entries(s, limit=args.limit)
    for r in rows:
        reason = REASON_WORDS.get(str(r.detail.get("reason")), "")
        print(f"{r.at.astimezone().strftime('%Y-%m-%d %H:%M:%S')}\t{ACTION_WORDS.get(r.action, r.action)}\t"
              f"{r.username or '-'}\t{r.address or '-'}\t{reason}")  # fmt: skip
    return 0
