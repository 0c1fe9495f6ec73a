"""`xzdesk match ...`: the matcher from the command line (masked output only).

    xzdesk match suggest --member XZ1A2B3C4D [--k 10]   best candidates, score and reasons in words
    xzdesk match why --member XZ... --other XZ...       why a pair is not suggested, in words
    xzdesk match fit [--min-per-class 30]               fit the outcome model on the labels (JSON)
    xzdesk match stats                                  pool size, eligible members, pairs, model (JSON)
"""

from __future__ import annotations

import argparse
import json
import time
from typing import TYPE_CHECKING

from xzdesk.commands._common import TerminalProgress, open_context
from xzdesk.commands._messages import factor_words, reason_words
from xzdesk.commands._parser import non_negative_int, subcommands
from xzdesk.domain.errors import NotFound

if TYPE_CHECKING:
    from xzdesk.app_context import AppContext
    from xzdesk.domain.matching.index import MatchIndex


def configure(p: argparse.ArgumentParser) -> None:
    actions = subcommands(p, dest="match_command")
    s = actions.add_parser("suggest", help="一名会员的最佳人选 / best candidates for one member")
    s.add_argument("--member", required=True, metavar="NO", help="会员编号（XZ……）/ member number (XZ...)")
    s.add_argument("--k", type=non_negative_int, default=10, help="列出几位 / how many candidates (default 10)")
    s.set_defaults(func=run_suggest)
    w = actions.add_parser("why", help="两位会员为什么没有互相推荐 / why two members are not suggested to each other")
    w.add_argument("--member", required=True, metavar="NO", help="会员编号 / member number")
    w.add_argument("--other", required=True, metavar="NO", help="另一位会员编号 / the other member's number")
    w.set_defaults(func=run_why)
    f = actions.add_parser("fit", help="用介绍结果训练配对模型并保存 / fit the outcome model on introductions and store it")
    f.add_argument("--min-per-class", type=non_negative_int, default=30,
                   help="每类至少需要的结果数 / outcomes needed per class (default 30)")  # fmt: skip
    f.add_argument("--c", type=float, default=1.0, help="正则化强度的倒数 / inverse regularisation strength")
    f.set_defaults(func=run_fit)
    t = actions.add_parser("stats", help="配对索引的概况（JSON）/ what the matcher holds (JSON)")
    t.set_defaults(func=run_stats)


def _member_id(ctx: AppContext, number: str) -> str:
    from sqlalchemy import select

    from xzdesk.domain.members.models import Member

    number = number.strip().upper()
    with ctx.store.read() as s:
        member_id = s.execute(select(Member.id).where(Member.member_no == number)).scalar()
    if member_id is None:
        raise NotFound("members.not_found", member_no=number)
    return member_id


def _build(ctx: AppContext) -> MatchIndex:
    from xzdesk.domain.matching.index import MatchIndex

    started = time.perf_counter()
    index = MatchIndex.build(ctx.store, progress=TerminalProgress())
    print(f"配对索引 index: {len(index.pool)} 名会员 members，{time.perf_counter() - started:.1f} 秒 s")
    return index


def _why(factors, lang: int) -> str:  # type: ignore[no-untyped-def]
    texts = (factor_words(f.code, f.params, lang) for f in factors)
    return ("；" if lang == 0 else "; ").join(t for t in texts if t)


def run_suggest(args: argparse.Namespace) -> int:
    from xzdesk.domain.introductions.queries import side_rows

    with open_context(args) as ctx:
        member_id = _member_id(ctx, args.member)
        index = _build(ctx)
        reasons = index.ineligibility(member_id)
        if reasons:
            print(f"暂不能配对：{reason_words(reasons, 0)} / not matchable now: {reason_words(reasons, 1)}")
            return 1
        started = time.perf_counter()
        rows = index.rank(member_id, k=args.k)
        took = (time.perf_counter() - started) * 1000
        with ctx.store.read() as s:
            sides = side_rows(s, [r.member_id for r in rows], today=index.day)
        for n, r in enumerate(rows, 1):
            side = sides[r.member_id]
            print(f"{n:3d}. {side.member_no} {side.name_masked} {side.age}岁 得分 score {r.score:.3f}  "
                  f"{_why(r.factors, 0)} / {_why(r.factors, 1)}")  # fmt: skip
        print(f"共 {len(rows)} 位人选，排序用时 {took:.1f} 毫秒 / {len(rows)} candidates ranked in {took:.1f} ms")
    return 0


def run_why(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        a, b = _member_id(ctx, args.member), _member_id(ctx, args.other)
        reasons = _build(ctx).why_not(a, b)
        if reasons:
            print(f"不推荐的原因：{reason_words(reasons, 0)} / not suggested: {reason_words(reasons, 1)}")
        else:
            print("可以互相推荐 / they can be suggested to each other")
    return 0


def run_fit(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        index = _build(ctx)
        report = index.refit_and_store(actor=ctx.actor, c=args.c, min_per_class=args.min_per_class,
                                       progress=TerminalProgress())  # fmt: skip
        print(json.dumps({"labels": report.labels, "used": report.used, "positive": report.positive,
                          "negative": report.negative, "ready": report.ready}))  # fmt: skip
    return 0


def run_stats(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        stats = _build(ctx).stats()
        print(json.dumps({"members": stats.members, "eligible": stats.eligible,
                          "introduced_pairs": stats.introduced_pairs, "blocked_pairs": stats.blocked_pairs,
                          "model_ready": stats.model_ready}))  # fmt: skip
    return 0
