"""Which score ranks candidates and why, in words: the matcher's verdict codes
(matching.evaluation.VERDICT_CODES, queries.NO_MODEL / NOT_EVALUATED) with their parameters.

    text = ranking_reason(choice.code, choice.params)   # queries.RankingChoiceInfo, a model's verdict

AUCs are shown with two decimals, the lower end of the difference's interval with a sign.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from xzdesk.domain.matching.evaluation import display_params


def _sentences() -> dict[str, str]:
    return {
        "matching.ranking.model_better": QCoreApplication.translate(
            "MatchingRanking", "The model beat the rule score on held-out events (AUC {auc_model} against "
            "{auc_rule}): the model ranks."),
        "matching.ranking.model_worse": QCoreApplication.translate(
            "MatchingRanking", "The model did worse than the rule score on held-out events (AUC {auc_model} "
            "against {auc_rule}): the rule score still ranks."),
        "matching.ranking.model_not_clearly_better": QCoreApplication.translate(
            "MatchingRanking", "The model did not clearly beat the rule score on held-out events (AUC {auc_model} "
            "against {auc_rule}; lower end of the difference {diff_low}): the rule score still ranks."),
        "matching.ranking.model_not_ready": QCoreApplication.translate(
            "MatchingRanking", "Too few answers ({positive} yes, {negative} no; {needed} of each are needed): "
            "the rule score still ranks."),
        "matching.ranking.no_model": QCoreApplication.translate(
            "MatchingRanking", "No model is adopted: the rule score ranks."),
        "matching.ranking.not_evaluated": QCoreApplication.translate(
            "MatchingRanking", "The model was not evaluated on held-out events: the rule score still ranks."),
    }  # fmt: skip


def ranking_reason(code: str, params: Mapping[str, Any]) -> str:
    """The sentence for a verdict code, its numbers filled in (a general sentence for a code
    this version does not know)."""
    sentence = _sentences().get(code)
    if sentence is None:
        return QCoreApplication.translate("MatchingRanking", "The rule score ranks.")
    values = display_params(dict(params))
    try:
        return sentence.format(**values)
    except (KeyError, IndexError):
        return sentence
