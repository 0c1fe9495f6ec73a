"""`xzdesk sync conflicts` names every conflict kind in Chinese and English, and says what a plate
or cap conflict is about with numbers only."""

from __future__ import annotations

from xzdesk.commands.sync import CONFLICT_KINDS, conflict_detail
from xzdesk.sync.protocol import ConflictOut


def test_every_conflict_kind_the_server_sends_has_words_in_both_languages():
    kinds = ConflictOut.model_fields["kind"].annotation.__args__  # the protocol's Literal
    assert set(kinds) == set(CONFLICT_KINDS)
    for words in CONFLICT_KINDS.values():
        chinese, english = words.split(" ", 1)
        assert chinese and not chinese.isascii() and english.isascii()


def test_plate_and_cap_conflicts_in_words():
    assert conflict_detail("plate", "plate", "M05", "M05") == (
        "号码牌 M05 同时发给了两份报名 / plate M05 was given to two registrations")
    assert conflict_detail("quota", "capacity", 40, 42) == "总名额 40 个，已占 42 个 / places in all: 40, taken: 42"
    assert conflict_detail("quota", "band:0:2", 4, 6) == (
        "第 1 个年龄段女性名额 4 个，已占 6 个 / women's places in age band 1: 4, taken: 6")
    assert conflict_detail("field", "mobile", "139", "138") == "手机号 mobile"
