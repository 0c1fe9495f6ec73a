"""`xzdesk match ...`: the matcher from the command line (masked output only).

    xzdesk match suggest --member XZ1A2B3C4D [--k 10]   best candidates, score and reasons in words
    xzdesk match why --member XZ... --other XZ...       why a pair is not suggested, in words
    xzdesk match fit [--min-per-class 30]               fit and evaluate the model on this database's
                                                        outcomes and keep it (not adopted) (JSON)
    xzdesk match models                                 the kept models and their verdicts
    xzdesk match adopt --model ID | --latest | --withdraw [--reason TEXT]   which model ranks (administrators)
    xzdesk match stats                                  pool size, eligible members, pairs, model (JSON)

For analysts, on files (no database; columns in matching/tables.py and the README):

    xzdesk match fit --people PEOPLE.csv --pairs PAIRS.csv -o MODEL.json
    xzdesk match score --people PEOPLE.csv --pairs PAIRS.csv (--model MODEL.json | --rule) -o SCORES.csv
    xzdesk match evaluate --people PEOPLE.csv --pairs PAIRS.csv [--folds 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xzdesk.commands._common import TerminalProgress, open_context
from xzdesk.commands._match_report import evaluation_lines, reason_line, table_lines
from xzdesk.commands._messages import factor_words, reason_words
from xzdesk.commands._parser import non_negative_int, subcommands
from xzdesk.domain.errors import NotFound, XzError

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
    f = actions.add_parser("fit", help="训练并评估配对模型 / fit and evaluate the matching model",
                           description="不带文件：用本数据库的介绍和心动卡结果训练、评估并保存（不自动采用）。\n"
                                       "带 --people/--pairs：用分析文件训练，模型写入 -o。\n"
                                       "Without files: this database's outcomes, kept (not adopted). With --people/--pairs:\n"
                                       "the analyst's files, the model written to -o.")  # fmt: skip
    _files(f, model=False, out="MODEL.json")
    f.add_argument("--min-per-class", type=non_negative_int, default=30,
                   help="每类至少需要的回答数 / answers needed per class (default 30)")  # fmt: skip
    f.add_argument("--c", type=float, default=1.0, help="正则化强度的倒数 / inverse regularisation strength")
    f.add_argument("--folds", type=non_negative_int, default=5, help="留出验证的折数 / validation folds (default 5)")
    f.set_defaults(func=run_fit)
    e = actions.add_parser("evaluate", help="按活动留出评估模型、规则和随机 / evaluate model, rule and random by leaving groups out")
    _files(e, model=False, out=None, required=True)
    e.add_argument("--folds", type=non_negative_int, default=5, help="折数 / folds (default 5)")
    e.add_argument("--min-per-class", type=non_negative_int, default=30, help="每类至少需要的回答数 / answers per class")
    e.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    e.set_defaults(func=run_evaluate)
    c = actions.add_parser("score", help="给文件中的配对打分 / score the pairs of a file")
    _files(c, model=True, out="SCORES.csv", required=True)
    c.set_defaults(func=run_score)
    m = actions.add_parser("models", help="保存的模型及其评估结论 / kept models and their verdicts")
    m.set_defaults(func=run_models)
    a = actions.add_parser("adopt", help="采用一个模型用于排序（管理员）/ adopt a model for ranking (administrators)")
    which = a.add_mutually_exclusive_group(required=True)
    which.add_argument("--model", metavar="ID", help="xzdesk match models 列出的编号 / an id from xzdesk match models")
    which.add_argument("--latest", action="store_true", help="最近训练的模型 / the model fitted last")
    which.add_argument("--withdraw", action="store_true", help="不用模型，改回规则排序 / rank by the rule again")
    a.add_argument("--reason", default=None, help="理由，记入审计日志（勿写个人信息）/ the reason, kept in the audit log")
    a.set_defaults(func=run_adopt)
    t = actions.add_parser("stats", help="配对索引的概况（JSON）/ what the matcher holds (JSON)")
    t.set_defaults(func=run_stats)


def _files(p: argparse.ArgumentParser, *, model: bool, out: str | None, required: bool = False) -> None:
    p.add_argument("--people", metavar="PEOPLE.csv", required=required, help="每人一行 / one row per person")
    p.add_argument("--pairs", metavar="PAIRS.csv", required=required, help="每对一行 / one row per pair")
    if model:
        which = p.add_mutually_exclusive_group(required=True)
        which.add_argument("--model", metavar="MODEL.json", help="xzdesk match fit -o 写出的模型 / a model from match fit -o")
        which.add_argument("--rule", action="store_true", help="用规则评分 / the rule score")
        p.add_argument("--history", metavar="PAIRS.csv",
                       help="已知回答（用于人气和协同信号）/ past answers (popularity, collaborative signal)")  # fmt: skip
    if out:
        p.add_argument("-o", "--output", metavar=out, required=required, help="写入的文件 / file to write")


def _member_id(ctx: AppContext, number: str) -> str:
    from sqlalchemy import select

    from xzdesk.domain.members.models import Member

    number = number.strip().upper()
    with ctx.store.read() as s:
        member_id = s.execute(select(Member.id).where(Member.member_no == number)).scalar()
    if member_id is None:
        raise NotFound("members.not_found", member_no=number)
    return member_id


def _build(ctx: AppContext, *, for_member: str | None = None) -> MatchIndex:
    """The matching index; `for_member`: only what ranking that member needs (MatchIndex.for_member)."""
    from xzdesk import collector

    with collector.loading():  # numpy and the matching modules
        from xzdesk.domain.matching.index import MatchIndex

    started = time.perf_counter()
    if for_member is None:
        index = MatchIndex.build(ctx.store, progress=TerminalProgress())
    else:
        index = MatchIndex.for_member(ctx.store, for_member)
    took = time.perf_counter() - started
    if for_member is None or index.model is not None:
        print(f"配对索引 index: {len(index.pool)} 名会员 members，{took:.1f} 秒 s")
    else:  # the member and the other sex's members who can take part (MatchIndex.for_member)
        print(f"配对索引 index: {len(index.pool) - 1} 名可参与配对的异性会员 members of the other sex who can be "
              f"matched，{took:.1f} 秒 s")  # fmt: skip
    return index


def _why(factors, lang: int) -> str:  # type: ignore[no-untyped-def]
    texts = (factor_words(f.code, f.params, lang) for f in factors)
    return ("；" if lang == 0 else "; ").join(t for t in texts if t)


def run_suggest(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        from xzdesk.domain.introductions.queries import side_rows

        member_id = _member_id(ctx, args.member)
        index = _build(ctx, for_member=member_id)  # the member and the other sex: all a ranking reads
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


def _read(args: argparse.Namespace) -> tuple[Any, Any]:
    from xzdesk.domain.matching.tables import read_pairs, read_people

    people = read_people(args.people)
    pairs = read_pairs(args.pairs, people)
    for line in table_lines(Path(args.people).name, people.counts) + table_lines(Path(args.pairs).name, pairs.counts):
        print(line)
    return people, pairs


def _fit_files(args: argparse.Namespace) -> int:
    from xzdesk.domain.matching import ReciprocalModel, fit_with_evaluation

    if not args.pairs or not args.output:
        raise XzError("matching.cli.files_incomplete")
    people, pairs = _read(args)
    try:
        model, info = fit_with_evaluation(people.profiles, pairs.labelled, n_splits=args.folds, c=args.c,
                                          min_per_class=args.min_per_class, progress=TerminalProgress())  # fmt: skip
        lines = evaluation_lines(info.to_dict())
    except XzError as exc:
        if exc.code not in ("matching.eval.too_few_groups", "matching.eval.one_class"):
            raise
        model = ReciprocalModel(c=args.c, min_per_class=args.min_per_class).fit(people.profiles, pairs.labelled)
        lines = [reason_line(exc.code, exc.params), reason_line("matching.ranking.not_evaluated", {})]
    Path(args.output).write_text(json.dumps(model.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    print("\n".join(lines))
    print(f"模型 model {model.version_id} → {args.output}")
    return 0


def run_fit(args: argparse.Namespace) -> int:
    if args.people:
        return _fit_files(args)
    with open_context(args) as ctx:
        index = _build(ctx)
        report = index.refit_and_store(actor=ctx.actor, c=args.c, min_per_class=args.min_per_class,
                                       n_splits=args.folds, progress=TerminalProgress())  # fmt: skip
        record = report.record
        print(json.dumps({"labels": report.labels, "used": report.used, "positive": report.positive,
                          "negative": report.negative, "ready": report.ready,
                          "model": record.id if record else None, "version": record.version_id if record else None,
                          "may_rank": bool(record and record.uses_model)}))  # fmt: skip
        if report.evaluation is not None:
            print("\n".join(evaluation_lines(report.evaluation.to_dict())))
        elif report.not_evaluated is not None:
            print(reason_line(*report.not_evaluated))
            print(reason_line("matching.ranking.not_evaluated", {}))
        if not report.ready:
            print(reason_line("matching.ranking.model_not_ready", {"positive": report.positive,
                                                                   "negative": report.negative,
                                                                   "needed": args.min_per_class}))  # fmt: skip
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    from xzdesk.domain.matching import evaluate_matching

    people, pairs = _read(args)
    info = evaluate_matching(people.profiles, pairs.labelled, n_splits=args.folds, min_per_class=args.min_per_class,
                             progress=TerminalProgress())  # fmt: skip
    summary = info.to_dict()
    if args.json:  # for programs: the verdict's code and, for people, its words
        summary["verdict"]["words"] = reason_line(summary["verdict"]["code"], summary["verdict"]["params"])
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print("\n".join(evaluation_lines(summary)))
    return 0


def run_score(args: argparse.Namespace) -> int:
    from xzdesk.domain.matching import MatchPool, ReciprocalModel, rule_scores, signals_from_labels
    from xzdesk.domain.matching.tables import read_pairs, write_scores

    people, pairs = _read(args)
    pool = MatchPool.from_profiles(people.profiles)
    ids = [(p.member_a, p.member_b) for p in pairs.pairs]
    if args.rule:
        path = write_scores(args.output, ids, rule_scores(pool, ids))
    else:
        try:
            model = ReciprocalModel.from_dict(json.loads(Path(args.model).read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise XzError("matching.model.unreadable") from exc
        history = read_pairs(args.history, people).labelled if args.history else None
        scores = model.score_pairs(pool, ids, signals=signals_from_labels(history) if history else None)
        path = write_scores(args.output, ids, scores.score, scores.a_yes_p, scores.b_yes_p)
        if not model.may_rank:
            print(reason_line(*_model_reason(model)))
    print(f"{len(ids)} 对已打分 pairs scored → {path}")
    return 0


def _model_reason(model: Any) -> tuple[str, dict[str, Any]]:
    verdict = (model.evaluation or {}).get("verdict") or {}
    return verdict.get("code", "matching.ranking.not_evaluated"), verdict.get("params") or {}


def run_models(args: argparse.Namespace) -> int:
    from xzdesk.domain.matching.queries import ranking_choice, stored_models

    with open_context(args) as ctx:
        with ctx.store.read() as s:
            models, choice = stored_models(s), ranking_choice(s)
        for m in models:
            mark = "*" if m.version_id == choice.model_version else " "
            print(f"{mark} {m.id}  {m.fitted_at:%Y-%m-%d %H:%M}  {m.version_id}  {m.n_answers} 个回答 answers  "
                  f"{reason_line(m.verdict_code, m.verdict_params)}")  # fmt: skip
        print("现在 now: " + reason_line(choice.code, choice.params))
    return 0


def run_adopt(args: argparse.Namespace) -> int:
    from xzdesk.domain.matching.queries import stored_models
    from xzdesk.domain.matching.service import adopt_matching_model, withdraw_matching_model

    with open_context(args) as ctx:
        with ctx.store.read() as s:
            models = stored_models(s)
        model_id = args.model or (models[0].id if models else "")
        with ctx.uow() as uow:  # the service checks the permission first, then the model
            if args.withdraw:
                choice = withdraw_matching_model(uow, reason=args.reason)
            else:
                choice = adopt_matching_model(uow, model_id=model_id, reason=args.reason)
        print("现在 now: " + reason_line(choice.code, choice.params))
    return 0


def run_stats(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        stats = _build(ctx).stats()
        print(json.dumps({"members": stats.members, "eligible": stats.eligible,
                          "introduced_pairs": stats.introduced_pairs, "blocked_pairs": stats.blocked_pairs,
                          "model_ready": stats.model_ready}))  # fmt: skip
    return 0
