"""`xzdesk seed --members N [--events E] [--seed S]`: fill the current database with synthetic members
(and demo events with registrations and seat plans, made from the members in the database)."""

from __future__ import annotations

import argparse
import time

from xzdesk.commands._common import TerminalProgress, open_context
from xzdesk.domain.events.seed import seed_events
from xzdesk.domain.members.seed import seed_members


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("seed", help="fill the database with synthetic demo members")
    p.add_argument("--members", type=int, default=0, metavar="N", help="number of members to add")
    p.add_argument("--events", type=int, default=0, metavar="E",
                   help="demo events to add (with registrations and seat plans, from existing members)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (same seed, same people)")
    p.add_argument("--demo", action="store_true", help="seed the demo database instead")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.members < 0:
        print("xzdesk seed: --members must be 0 or more")
        return 2
    if args.events < 0:
        print("xzdesk seed: --events must be 0 or more")
        return 2
    ctx = open_context(args)
    try:
        started = time.perf_counter()
        if args.members or not args.events:
            with ctx.uow() as uow:
                report = seed_members(uow, count=args.members, seed=args.seed, progress=TerminalProgress())
            print(f"seeded {report.members} members ({report.staff} matchmakers) in {time.perf_counter() - started:.1f}s")
        if args.events:
            started = time.perf_counter()
            with ctx.uow() as uow:
                events = seed_events(uow, count=args.events, seed=args.seed, progress=TerminalProgress())
            print(f"seeded {events.events} events ({events.registrations} registrations, {events.tables} tables) "
                  f"in {time.perf_counter() - started:.1f}s")
    finally:
        ctx.close()
    return 0
