"""`xzdesk sync ...`: this laptop's side of sync, scripted.

    xzdesk sync enrol --server URL --username U [--label NAME] [--events ID,...]
    xzdesk sync now          push the outbox, pull changes (prints a summary)
    xzdesk sync status       server, last success, pending, conflicts, rejected, last error
    xzdesk sync conflicts    open conflicts (field names and ids; values are not printed)
    xzdesk sync rejected     mutations the server refused for good

The password is read from the terminal, or from XZDESK_SYNC_PASSWORD when not attached to one.
Nothing printed here contains personal data.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from xzdesk.commands._common import TerminalProgress, open_context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", help="enrol this laptop and sync with the central server")
    cmds = p.add_subparsers(dest="sync_command", metavar="action", required=True)
    e = cmds.add_parser("enrol", help="enrol this laptop (once)")
    e.add_argument("--server", required=True, metavar="URL")
    e.add_argument("--username", required=True)
    e.add_argument("--label", default="", help="a name for this laptop, shown to administrators")
    e.add_argument("--events", default="", help="comma-separated event ids (event staff)")
    e.set_defaults(func=enrol)
    cmds.add_parser("now", help="sync once").set_defaults(func=now)
    cmds.add_parser("status").set_defaults(func=status)
    cmds.add_parser("conflicts").set_defaults(func=conflicts)
    cmds.add_parser("rejected").set_defaults(func=rejected)


def _engine(ctx):  # type: ignore[no-untyped-def]
    return ctx.sync_engine()


def enrol(args: argparse.Namespace) -> int:
    password = os.environ.get("XZDESK_SYNC_PASSWORD") if not sys.stdin.isatty() else getpass.getpass(
        "密码 / password: "
    )
    if not password:
        print("xzdesk sync: a password is needed (terminal or XZDESK_SYNC_PASSWORD)", file=sys.stderr)
        return 1
    ctx = open_context(args)
    try:
        info = _engine(ctx).enrol(args.server, args.username, password, label=args.label,
                                  events=[e for e in args.events.split(",") if e])  # fmt: skip
        ctx.act_as(info.staff_id)
        ctx.settings.server_url = args.server
        ctx.settings.save(ctx.home)
    finally:
        ctx.close()
    scope = "all districts" if info.districts is None else ",".join(info.districts) or "-"
    print(f"enrolled as device {info.device_id} ({info.username}, {info.role}; scope {scope})")
    return 0


def now(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        report = _engine(ctx).sync_once(progress=TerminalProgress())
    finally:
        ctx.close()
    print(f"pushed {report.acked}/{report.pushed}, rejected {report.rejected}, conflicts {report.conflicts}, "
          f"pulled {report.pulled} in {report.pages} page(s), purged {len(report.purged)}"
          + (", wiped and re-bootstrapped" if report.wiped else ""))  # fmt: skip
    if report.error:
        print(f"xzdesk sync: {report.error}", file=sys.stderr)
        return 1
    return 0


def status(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        st = _engine(ctx).status()
    finally:
        ctx.close()
    rows = [
        ("server", st.server_url or "-"), ("enrolled", str(st.enrolled)), ("device", st.device_id),
        ("user", st.username or "-"), ("last success", st.last_success_at.isoformat() if st.last_success_at else "-"),
        ("pending", str(st.pending)), ("conflicts", str(st.conflicts)), ("rejected", str(st.rejected)),
        ("last error", st.last_error or "-"), ("locked", str(st.locked)), ("revoked", str(st.revoked)),
    ]  # fmt: skip
    for key, value in rows:
        print(f"{key:13}{value}")
    return 0


def conflicts(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        rows = _engine(ctx).conflicts()
    finally:
        ctx.close()
    for c in rows:
        print(f"{c.id}\t{c.kind}\t{c.entity}\t{c.entity_id}\t{c.field or '-'}{'  (resolved here)' if c.resolved_here else ''}")
    return 0


def rejected(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        rows = _engine(ctx).rejected()
    finally:
        ctx.close()
    for r in rows:
        print(f"{r.id}\t{r.code}\t{r.op} {r.entity} {r.entity_id}\t{','.join(r.field_names)}")
    return 0
