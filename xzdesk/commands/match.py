"""`xzdesk match ...`: the matcher from the command line (masked output only).

    xzdesk match suggest --member XZ1A2B3C4D [--k 10]   best candidates with score and factor codes
    xzdesk match why --member XZ... --other XZ...       why a pair is not suggested (codes)
    xzdesk match fit [--min-per-class 30]               fit the outcome model on the labels, store it
    xzdesk match stats                                  pool size, eligible members, pairs, model
"""

from __future__ import annotations

import argparse
import json
import time

from sqlalchemy import select

from xzdesk.app_context import AppContext
from xzdesk.commands._common import TerminalProgress, open_context
from xzdesk.domain.errors import NotFound
from xzdesk.domain.introductions.queries import side_rows
from xzdesk.domain.matching.index import MatchIndex
from xzdesk.domain.members.models import Member


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("match", help="rank candidates, explain a pair, fit the outcome model")
    p.add_argument("--demo", action="store_true", help="use the demo database")
    actions = p.add_subparsers(dest="match_command", metavar="action", required=True)
    s = actions.add_parser("suggest", help="best candidates for one member")
    s.add_argument("--member", required=True, metavar="NO", help="member number (XZ...)")
    s.add_argument("--k", type=int, default=10, help="how many candidates")
    s.set_defaults(func=run_suggest)
    w = actions.add_parser("why", help="why two members are not suggested to each other")
    w.add_argument("--member", required=True, metavar="NO")
    w.add_argument("--other", required=True, metavar="NO")
    w.set_defaults(func=run_why)
    f = actions.add_parser("fit", help="fit the outcome model on introductions and store it")
    f.add_argument("--min-per-class", type=int, default=30)
    f.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    f.set_defaults(func=run_fit)
    t = actions.add_parser("stats", help="what the matcher holds")
    t.set_defaults(func=run_stats)


def _member_id(ctx: AppContext, number: str) -> str:
    with ctx.store.read() as s:
        member_id = s.execute(select(Member.id).where(Member.member_no == number.strip().upper())).scalar()
    if member_id is None:
        raise NotFound("members.not_found")
    return member_id


def _build(ctx: AppContext) -> MatchIndex:
    started = time.perf_counter()
    index = MatchIndex.build(ctx.store, progress=TerminalProgress())
    print(f"index: {len(index.pool)} members in {time.perf_counter() - started:.1f}s")
    return index


def run_suggest(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        member_id = _member_id(ctx, args.member)
        index = _build(ctx)
        reasons = index.ineligibility(member_id)
        if reasons:
            print("not matchable now: " + ", ".join(reasons))
            return 1
        started = time.perf_counter()
        rows = index.rank(member_id, k=args.k)
        took = (time.perf_counter() - started) * 1000
        with ctx.store.read() as s:
            sides = side_rows(s, [r.member_id for r in rows], today=index.day)
        for n, r in enumerate(rows, 1):
            side = sides[r.member_id]
            factors = ", ".join(f.code for f in r.factors)
            print(f"{n:3d}. {side.member_no} {side.name_masked} {side.age}岁 score={r.score:.3f} [{factors}]")
        print(f"{len(rows)} candidates ranked in {took:.1f} ms")
    finally:
        ctx.close()
    return 0


def run_why(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        a, b = _member_id(ctx, args.member), _member_id(ctx, args.other)
        reasons = _build(ctx).why_not(a, b)
        print(", ".join(reasons) if reasons else "suggestable")
    finally:
        ctx.close()
    return 0


def run_fit(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        index = _build(ctx)
        report = index.refit_and_store(actor=ctx.actor, c=args.c, min_per_class=args.min_per_class,
                                       progress=TerminalProgress())  # fmt: skip
        print(json.dumps({"labels": report.labels, "used": report.used, "positive": report.positive,
                          "negative": report.negative, "ready": report.ready}))  # fmt: skip
    finally:
        ctx.close()
    return 0


def run_stats(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        stats = _build(ctx).stats()
        print(json.dumps({"members": stats.members, "eligible": stats.eligible,
                          "introduced_pairs": stats.introduced_pairs, "blocked_pairs": stats.blocked_pairs,
                          "model_ready": stats.model_ready}))  # fmt: skip
    finally:
        ctx.close()
    return 0
