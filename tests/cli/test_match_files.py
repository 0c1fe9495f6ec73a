"""`xzdesk match fit / evaluate / score` on analysts' files, end to end: synthetic people and
event answers written as the README documents them (BOM, 男/女, empty cells, a missing
column), the evaluation printed in words, the model file, and scores that equal the library's."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

from tests.cli.test_messages import codes_in
from xzdesk.cli import main
from xzdesk.domain.matching import (
    MatchPool,
    ReciprocalModel,
    rule_scores,
    signals_from_labels,
    synthetic_dataset,
)
from xzdesk.domain.matching.tables import read_pairs, read_people

PEOPLE_COLUMNS = ("id", "sex", "age", "height_cm", "education", "sector", "occupation", "income_band", "district",
                  "marital_status", "children", "hobbies", "req_age_min", "req_age_max", "req_height_min",
                  "req_education_min", "req_children_ok", "imp_age", "imp_height")  # fmt: skip  (no employer column)


def _cell(p, column):
    value = {
        "id": p.member_id, "sex": "男" if p.sex == 1 else "女", "age": p.age, "height_cm": p.height_cm,
        "education": p.education, "sector": p.sector, "occupation": p.occupation,
        "income_band": "" if p.income_band == "unspecified" else p.income_band, "district": p.district_code,
        "marital_status": p.marital_status, "children": p.children, "hobbies": ";".join(p.hobbies),
        "req_age_min": p.req_age_min, "req_age_max": p.req_age_max, "req_height_min": p.req_height_min,
        "req_education_min": p.req_education_min, "req_children_ok": "" if p.req_children_ok else "0",
        "imp_age": p.importance("age"), "imp_height": p.importance("height"),
    }[column]  # fmt: skip
    return "" if value is None else value


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    data = synthetic_dataset(n_members=900, n_events=40, n_introductions=0, seed=3)
    folder = tmp_path_factory.mktemp("analyst")
    people, pairs = folder / "people.csv", folder / "pairs.csv"
    with people.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(PEOPLE_COLUMNS)
        out.writerows([_cell(p, c) for c in PEOPLE_COLUMNS] for p in data.profiles)
    with pairs.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(("a_id", "b_id", "group", "a_yes", "b_yes", "match"))
        out.writerows((p.member_a, p.member_b, p.group, int(p.a_yes), int(p.b_yes), "") for p in data.pairs)
    return folder, people, pairs


def run(capsys, *argv):
    assert main(["match", *map(str, argv)]) == 0
    text = capsys.readouterr().out
    if "--json" not in argv:  # JSON is for programs: it carries the verdict's code (and its words)
        assert not codes_in(text), codes_in(text)
    return text


def test_evaluate_prints_model_rule_and_random(files, capsys):
    _, people, pairs = files
    text = run(capsys, "evaluate", "--people", people, "--pairs", pairs, "--folds", "4")
    assert "people.csv: 900 行 rows" in text and "employer" in text  # the missing column is named
    for words in ("模型 model", "规则 rule", "随机 random", "前10 top-10", "每人自己的“心动”", "校准 calibration",
                  "结论 verdict"):  # fmt: skip
        assert words in text, words
    summary = json.loads(run(capsys, "evaluate", "--people", people, "--pairs", pairs, "--folds", "4", "--json")
                         .splitlines()[-1])  # fmt: skip
    assert summary["n_splits"] == 4 and summary["n_groups"] == 40 and summary["random"]["auc"] == 0.5
    assert set(summary["model"]["top_k"]) == {"1", "3", "5", "10"}
    assert summary["verdict"]["words"] in text  # the same verdict, in the same words
    assert f"{summary['model']['auc']:.3f}" in text and f"{summary['rule']['auc']:.3f}" in text


def test_fit_then_score_equals_the_library(files, capsys):
    folder, people, pairs = files
    model_path, scores_path, rule_path = folder / "model.json", folder / "scores.csv", folder / "rule.csv"
    text = run(capsys, "fit", "--people", people, "--pairs", pairs, "-o", model_path, "--folds", "4")
    model = ReciprocalModel.from_dict(json.loads(model_path.read_text("utf-8")))
    assert model.version_id in text and model.evaluation["n_splits"] == 4 and "结论 verdict" in text
    run(capsys, "score", "--people", people, "--pairs", pairs, "--model", model_path, "-o", scores_path)
    rows = list(csv.DictReader(scores_path.read_text("utf-8-sig").splitlines()))
    assert list(rows[0]) == ["a_id", "b_id", "score", "a_yes_p", "b_yes_p"]
    info = read_people(people)
    table = read_pairs(pairs, info)
    pool = MatchPool.from_profiles(info.profiles)
    ids = [(p.member_a, p.member_b) for p in table.pairs]
    expected = model.score_pairs(pool, ids)
    assert [(r["a_id"], r["b_id"]) for r in rows] == ids
    assert np.allclose([float(r["score"]) for r in rows], expected.score, atol=1e-6)
    assert np.allclose([float(r["a_yes_p"]) for r in rows], expected.a_yes_p, atol=1e-6)
    # With past answers the collaborative signals take part.
    run(capsys, "score", "--people", people, "--pairs", pairs, "--model", model_path, "--history", pairs, "-o",
        scores_path)  # fmt: skip
    with_history = model.score_pairs(pool, ids, signals=signals_from_labels(table.labelled))
    rows = list(csv.DictReader(scores_path.read_text("utf-8-sig").splitlines()))
    assert np.allclose([float(r["score"]) for r in rows], with_history.score, atol=1e-6)
    run(capsys, "score", "--people", people, "--pairs", pairs, "--rule", "-o", rule_path)
    rule = list(csv.DictReader(rule_path.read_text("utf-8-sig").splitlines()))
    assert np.allclose([float(r["score"]) for r in rule], rule_scores(pool, ids), atol=1e-6)
    assert {r["a_yes_p"] for r in rule} == {""}
