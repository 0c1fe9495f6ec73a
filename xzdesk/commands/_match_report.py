"""How `xzdesk match` prints a table's contents, an evaluation and which score ranks: Chinese
and English on each line, numbers as analysts read them. No personal data (ids stay in files)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from xzdesk.commands._messages import describe_code

COLUMN_LIST_SEP = ", "
METHODS = (("model", "模型", "model"), ("rule", "规则", "rule"), ("random", "随机", "random"))


def _counts(counts: Mapping[str, int]) -> str:
    return COLUMN_LIST_SEP.join(f"{k} {v}" for k, v in sorted(counts.items()))


def table_lines(name: str, counts: Any) -> list[str]:
    """What a file held: rows, missing and unrecognised columns, empty and unreadable cells."""
    lines = [f"{name}: {counts.rows} 行 rows"]
    if counts.missing_columns:
        lines.append(f"  没有这些列（当作未知）/ columns not in the file (unknown): {', '.join(counts.missing_columns)}")
    if counts.ignored_columns:
        lines.append(f"  未识别、未使用的列 / columns not recognised, not used: {', '.join(counts.ignored_columns)}")
    if counts.empty:
        lines.append(f"  空格子（未知）/ empty cells (unknown): {_counts(counts.empty)}")
    if counts.unreadable:
        lines.append(f"  读不懂、按未知处理 / cells not understood, taken as unknown: {_counts(counts.unreadable)}")
    return lines


def _width(text: str) -> int:
    """Terminal columns (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    """Left-aligned in `width` terminal columns."""
    return text + " " * max(0, width - _width(text))


def _f(x: Any, digits: int = 3) -> str:
    return "—" if x is None else f"{float(x):.{digits}f}"


def reason_line(code: str, params: Mapping[str, Any]) -> str:
    """Which score ranks and why (a verdict code), numbers as sentences show them."""
    from xzdesk.domain.matching.evaluation import display_params

    return describe_code(code, display_params(dict(params)))


def evaluation_lines(ev: Mapping[str, Any]) -> list[str]:
    """An evaluation summary (EvaluationInfo.to_dict) in words and a small table."""
    ks = list(ev["model"]["top_k"])
    lines = [
        f"按活动留出交叉验证 leave-groups-out validation: {ev['n_splits']} 折 folds, {ev['n_groups']} 组 groups, "
        f"{ev['n_pairs']} 对 pairs（已知是否双向心动 outcome known: {ev['n_judged']}，"
        f"双向心动 mutual {100 * float(ev['positive_rate']):.1f}%）",
        _pad("", 14) + _pad("AUC (95% 区间 interval)", 28) + "  ".join(f"前{k} top-{k}" for k in ks),
    ]
    for key, zh, en in METHODS:
        m = ev[key]
        interval = f"({_f(m['auc_low'])}–{_f(m['auc_high'])})" if key != "random" else "(期望 expected)"
        lines.append(f"{zh} {en:<9}{_f(m['auc'])} {_pad(interval, 22)}" + "  ".join(
            f"{_f(m['top_k'][k]):>{_width(f'前{k} top-{k}')}}" for k in ks))  # fmt: skip
    lines.append(
        f"模型 − 规则 model − rule: AUC {ev['diff']:+.3f} ({_f(ev['diff_low'])}–{_f(ev['diff_high'])}), "
        f"模型不优于规则的重抽样 resamples where the model is not better: {100 * float(ev['p_not_better']):.1f}% "
        f"(共 of {ev['n_resamples']})"
        if ev.get("diff") is not None else "模型未能在每一折训练 the model could not be fitted in every fold"
    )  # fmt: skip
    lines.append(f"每人自己的“心动” each person's own yes ({ev['n_answers']} 个回答 answers): "
                 f"模型 model AUC {_f(ev['answers_auc_model'])}, 规则 rule {_f(ev['answers_auc_rule'])}")  # fmt: skip
    if ev.get("brier_model") is not None:
        bins = "; ".join(f"{_f(p)}→{_f(o)}" for p, o, _n in ev["calibration"])
        lines.append(f"校准 calibration: Brier {_f(ev['brier_model'], 4)}（只报基础比例 base rate only "
                     f"{_f(ev['brier_base'], 4)}）；预测→实际 predicted→observed: {bins}")  # fmt: skip
    verdict = ev["verdict"]
    lines.append("结论 verdict: " + reason_line(verdict["code"], verdict["params"]))
    return lines
