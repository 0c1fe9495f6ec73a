"""`xzdesk seed --members N [--events E] [--seed S]`: fill a database with synthetic members (and
demo events with registrations and seat plans, made from the members in the database).

Demo rows are written without sync outbox rows and the database is marked as holding demo data,
so they never reach a server: a database with demo data cannot be enrolled, and an enrolled
laptop refuses to be seeded (`seed.enrolled`: its demo rows would stay on that laptop only,
mixed in with real case files). `xzdesk --demo seed …` seeds the demo database.
"""

from __future__ import annotations

import argparse
import sys
import time

from xzdesk.commands._common import TerminalProgress, open_context
from xzdesk.domain.errors import XzError


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--members", type=int, default=0, metavar="N", help="要生成的会员数 / number of members to add")
    p.add_argument("--events", type=int, default=0, metavar="E",
                   help="要生成的演示活动数（含报名和座位图，用库中已有会员）/ demo events to add, from existing members")  # fmt: skip
    p.add_argument("--seed", type=int, default=0, metavar="S", help="随机种子（同一种子生成同样的人）/ random seed")
    p.set_defaults(func=run)


def _refuse_enrolled(ctx) -> None:  # type: ignore[no-untyped-def]
    if ctx.sync_engine().status().enrolled:
        raise XzError("seed.enrolled")


def run(args: argparse.Namespace) -> int:
    for option, value in (("--members", args.members), ("--events", args.events)):
        if value < 0:
            print(f"xzdesk seed: {option} 必须是 0 或更大的整数 / {option} must be 0 or more", file=sys.stderr)
            return 2
    from xzdesk.domain.events.seed import seed_events
    from xzdesk.domain.members.seed import seed_members

    with open_context(args) as ctx:
        _refuse_enrolled(ctx)
        if args.members or not args.events:
            started = time.perf_counter()
            with ctx.uow() as uow:
                report = seed_members(uow, count=args.members, seed=args.seed, progress=TerminalProgress())
            took = time.perf_counter() - started
            print(f"已生成 {report.members} 名会员（{report.staff} 名红娘），{took:.1f} 秒 / "
                  f"seeded {report.members} members ({report.staff} matchmakers) in {took:.1f}s")  # fmt: skip
        if args.events:
            started = time.perf_counter()
            with ctx.uow() as uow:
                events = seed_events(uow, count=args.events, seed=args.seed, progress=TerminalProgress())
            took = time.perf_counter() - started
            print(f"已生成 {events.events} 场活动（{events.registrations} 个报名，{events.tables} 张桌），{took:.1f} 秒 / "
                  f"seeded {events.events} events ({events.registrations} registrations, {events.tables} tables) "
                  f"in {took:.1f}s")  # fmt: skip
    print("演示数据只保存在本机，永远不会同步到服务器 / demo rows stay on this computer and are never synced")
    return 0
