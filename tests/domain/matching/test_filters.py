"""Hard filters, eligibility and pool maintenance (upsert/remove/slot reuse)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.domain.matching._factory import person
from xzdesk.domain.errors import NotFound, ValidationError
from xzdesk.domain.matching import MatchPool, MatchWeights, PairSet, pair_problems, rank


def ids(rows) -> list[str]:
    return [r.member_id for r in rows]


def test_opposite_sex_only_and_self_excluded():
    pool = MatchPool.from_profiles([person("m1", 1), person("m2", 1), person("w1", 2)])
    assert ids(rank(pool, "m1")) == ["w1"]
    assert sorted(ids(rank(pool, "w1"))) == ["m1", "m2"]


@pytest.mark.parametrize(
    ("a_kw", "b_kw", "code"),
    [
        ({"req_age_min": 31}, {"age": 30}, "age"),
        ({"req_age_max": 29}, {"age": 30}, "age"),
        ({"req_height_min": 175}, {"height_cm": 170}, "height"),
        ({"req_height_max": 165}, {"height_cm": 170}, "height"),
        ({"req_height_min": 150}, {"height_cm": None}, "height"),  # unknown never meets a requirement
        ({"req_education_min": 14}, {"education": 21}, "education"),  # master required, bachelor
        ({"req_education_min": 21}, {"education": None}, "education"),
        ({"req_marital": ("10",)}, {"marital_status": 40}, "marital"),
        ({"req_children_ok": False}, {"marital_status": 40, "children": "living_with"}, "children"),
        ({"req_districts": ("320302",)}, {"district_code": "320311"}, "district"),
    ],
)
def test_one_sided_requirement_excludes_from_both_rankings(a_kw, b_kw, code):
    # A (woman) requires something B (man) lacks; B would accept A. Neither sees the other.
    a = person("a", 2, **a_kw)
    b = person("b", 1, **b_kw)
    pool = MatchPool.from_profiles([a, b, person("other-m", 1), person("other-w", 2)])
    assert "b" not in ids(rank(pool, "a"))
    assert "a" not in ids(rank(pool, "b"))
    assert pair_problems(a, b) == (f"a_requires.{code}",)
    assert pair_problems(b, a) == (f"b_requires.{code}",)
    # Relaxing the requirement makes them visible to each other again, at once.
    pool.upsert(person("a", 2))
    assert "b" in ids(rank(pool, "a"))
    assert "a" in ids(rank(pool, "b"))


def test_requirements_met_on_both_sides_pass():
    a = person("a", 2, age=28, req_age_min=28, req_age_max=35, req_height_min=170, req_education_min=21,
               req_marital=(10, 40), req_children_ok=False, req_districts=("320311", "320302"))
    b = person("b", 1, age=35, height_cm=170, education=14, marital_status=40, children="none",
               district_code="320302", req_age_max=28, req_districts=("320311",))
    pool = MatchPool.from_profiles([a, b])
    assert pair_problems(a, b) == ()
    assert ids(rank(pool, "a")) == ["b"]
    assert ids(rank(pool, "b")) == ["a"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"consent_matching": False}, "no_matching_consent"),
        ({"fraud_flag": True}, "fraud_flag"),
        ({"status": "paused"}, "paused"),
        ({"status": "in_relationship"}, "not_active"),
        ({"verified": False}, "not_verified"),
    ],
)
def test_ineligible_member_leaves_every_list_at_once(change, reason):
    w = person("w", 2)
    pool = MatchPool.from_profiles([w, person("m1", 1), person("m2", 1)])
    assert "w" in ids(rank(pool, "m1"))
    pool.upsert(replace(w, **change))
    assert "w" not in ids(rank(pool, "m1"))
    assert "w" not in ids(rank(pool, "m2"))
    assert rank(pool, "w") == []  # an ineligible member gets no candidates either
    assert f"b.{reason}" in pair_problems(person("m1", 1), pool.get("w"))
    pool.upsert(w)  # consent granted again / flag cleared / resumed
    assert "w" in ids(rank(pool, "m1"))


def test_already_introduced_and_blocked_pairs_are_excluded_both_ways():
    pool = MatchPool.from_profiles([person("m", 1), person("w1", 2), person("w2", 2), person("w3", 2)])
    introduced = PairSet([("m", "w1")])
    blocked = [("w2", "m")]  # a plain iterable works too
    assert ids(rank(pool, "m", exclude_pairs=introduced, blocked=blocked)) == ["w3"]
    assert rank(pool, "w1", exclude_pairs=introduced) == []
    assert rank(pool, "w2", blocked=blocked) == []
    assert ids(rank(pool, "w3", exclude_pairs=introduced, blocked=blocked)) == ["m"]


def test_pair_set_is_unordered():
    s = PairSet([("a", "b"), ("b", "a"), ("a", "c")])
    assert len(s) == 2 and ("b", "a") in s and ("c", "b") not in s
    assert s.partners("a") == {"b", "c"}
    s.discard("c", "a")
    assert s.partners("a") == {"b"} and sorted(s) == [("a", "b")]


def test_remove_and_slot_reuse():
    pool = MatchPool(capacity=16)
    for i in range(16):
        pool.upsert(person(f"w{i}", 2))
    pool.upsert(person("m", 1))  # 17th member: arrays doubled
    assert pool.capacity == 32 and len(pool) == 17
    assert len(rank(pool, "m", k=100)) == 16
    slot = pool.slot_of("w3")
    assert pool.remove("w3") is True
    assert pool.remove("w3") is False
    assert "w3" not in pool and "w3" not in ids(rank(pool, "m", k=100))
    with pytest.raises(NotFound):
        rank(pool, "w3")
    size = pool.size
    pool.upsert(person("new", 2, hobbies=("读书",)))
    assert pool.slot_of("new") == slot  # the freed slot is reused, nothing grows
    assert pool.size == size
    assert "new" in ids(rank(pool, "m", k=100))
    # The reused slot carries only the new member's data (no hobbies left over from w3).
    row = next(r for r in rank(pool, "m", k=100) if r.member_id == "new")
    assert row.tag_similarity == 0.0


def test_upsert_replaces_in_place():
    pool = MatchPool.from_profiles([person("m", 1), person("w", 2, age=30)])
    slot = pool.slot_of("w")
    version = pool.version
    pool.upsert(person("w", 2, age=55))
    assert pool.slot_of("w") == slot and len(pool) == 2 and pool.version > version
    assert pool.get("w").age == 55
    pool.upsert(person("m", 1, req_age_max=40))
    assert rank(pool, "m") == []


def test_many_hobbies_and_districts_grow_the_bitsets():
    tags = tuple(f"爱好{i}" for i in range(150))
    districts = tuple(f"9{i:05d}" for i in range(70))
    pool = MatchPool.from_profiles([person("m", 1, hobbies=tags[:3])])
    pool.upsert(person("w", 2, hobbies=tags[140:] + tags[:1], district_code=districts[69],
                       req_districts=(districts[69], "320311")))
    row = rank(pool, "m")[0]
    assert row.tag_similarity == pytest.approx(1 / 13)
    pool.upsert(person("m", 1, req_districts=(districts[68],)))
    assert rank(pool, "m") == []
    pool.upsert(person("m", 1, district_code=districts[5], req_districts=(districts[69],)))
    assert rank(pool, "m") == []  # she lists only her own district and 320311
    pool.upsert(person("m", 1, district_code="320311", req_districts=(districts[69],)))
    assert ids(rank(pool, "m")) == ["w"]


def test_open_proposals_update():
    pool = MatchPool.from_profiles([person("m", 1), person("w", 2)])
    before = rank(pool, "m")[0].score
    pool.set_open_proposals("w", 4)
    row = rank(pool, "m")[0]
    assert row.open_proposals == 4
    assert row.score == pytest.approx(before / (1 + 0.2 * 4))


def test_weights_are_validated():
    with pytest.raises(ValidationError) as err:
        MatchWeights(mean="median", w_tags=1.5, w_age=-1)
    assert {p.field for p in err.value.problems} == {"mean", "w_tags", "w_age"}
    w = MatchWeights(mean="harmonic", w_tags=0.4)
    assert MatchWeights.from_dict(w.to_dict()) == w


def test_empty_pool_and_lonely_member():
    pool = MatchPool.from_profiles([])
    assert len(pool) == 0 and pool.ids() == []
    pool.upsert(person("m", 1))
    assert rank(pool, "m") == [] and rank(pool, "m", k=0) == []


def test_concurrent_writer_and_readers():
    import threading

    pool = MatchPool(capacity=16)
    pool.upsert(person("m", 1))
    errors: list[BaseException] = []
    done = threading.Event()

    def writer():
        try:
            for i in range(400):  # grows the arrays several times while readers rank
                pool.upsert(person(f"w{i}", 2, hobbies=(f"爱好{i}",)))
                if i % 3 == 0:
                    pool.remove(f"w{i // 2}")
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)
        finally:
            done.set()

    def reader():
        try:
            while not done.is_set():
                rows = rank(pool, "m", k=1000)
                assert all(r.member_id.startswith("w") for r in rows)
        except BaseException as e:  # pragma: no cover
            errors.append(e)

    threads = [threading.Thread(target=writer), threading.Thread(target=reader), threading.Thread(target=reader)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    expected = {f"w{i}" for i in range(400)} - {f"w{i // 2}" for i in range(0, 400, 3)}
    assert {r.member_id for r in rank(pool, "m", k=1000)} == expected
