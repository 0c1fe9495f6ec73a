"""Which score ranks, and why, in words for the screens: every verdict code the matcher gives
has a sentence in both languages, with its numbers, and the brief's own example reads as given."""

from __future__ import annotations

import pytest

from xzdesk.domain.matching.evaluation import VERDICT_CODES
from xzdesk.domain.matching.queries import NO_MODEL, NOT_EVALUATED
from xzdesk.ui.app import install_translators
from xzdesk.ui.matching.ranking_words import ranking_reason

PARAMS = {"auc_model": 0.5333, "auc_rule": 0.5581, "diff_low": -0.0412, "positive": 12, "negative": 40, "needed": 30}


@pytest.fixture
def chinese(qapp):
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def test_every_verdict_in_english(qapp):
    for code in (*VERDICT_CODES, NO_MODEL, NOT_EVALUATED):
        text = ranking_reason(code, PARAMS)
        assert "{" not in text and "matching." not in text, text
    assert ranking_reason("matching.ranking.model_worse", PARAMS) == (
        "The model did worse than the rule score on held-out events (AUC 0.53 against 0.56): "
        "the rule score still ranks.")  # fmt: skip
    assert "-0.041" in ranking_reason("matching.ranking.model_not_clearly_better", PARAMS)
    assert ranking_reason("matching.ranking.from_the_future", {}) == "The rule score ranks."


def test_every_verdict_in_chinese(chinese):
    for code in (*VERDICT_CODES, NO_MODEL, NOT_EVALUATED):
        text = ranking_reason(code, PARAMS)
        assert "{" not in text and "rule" not in text and "排序" in text, text
    assert ranking_reason("matching.ranking.model_worse", PARAMS) == "模型在留出的活动上不如规则评分（AUC 0.53 对 0.56），仍用规则排序。"
    assert "心动 12 个、未心动 40 个，每类至少要 30 个" in ranking_reason("matching.ranking.model_not_ready", PARAMS)
