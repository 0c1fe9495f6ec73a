"""Interest cards, mutual matches (against a brute force), result slips, introductions, labels
for the matching model and the event summary."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import select

from tests.domain.checkin._factory import make_venue
from xzdesk.domain.checkin import cards, matches, service
from xzdesk.domain.checkin.models import InterestCard
from xzdesk.domain.errors import ValidationError, XzError
from xzdesk.domain.introductions.models import Introduction
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.names import polite_name
from xzdesk.domain.members.service import update_member
from xzdesk.domain.uow import unit_of_work


# --- the pure computation ------------------------------------------------------------------------
def brute_force(card_map: dict[str, set[str]]) -> set[tuple[str, str]]:
    people = sorted(set(card_map) | {t for ts in card_map.values() for t in ts})
    return {
        (x, y)
        for x, y in combinations(people, 2)
        if y in card_map.get(x, set()) and x in card_map.get(y, set())
    }


people = st.sampled_from([f"r{i:02d}" for i in range(14)])


@given(st.dictionaries(people, st.sets(people, max_size=10), max_size=14))
def test_mutual_pairs_equal_brute_force(card_map):
    assert matches.mutual_pairs(card_map) == brute_force(card_map)


def test_self_ticks_never_match():
    assert matches.mutual_pairs({"a": {"a", "b"}, "b": {"b"}}) == set()
    assert matches.mutual_pairs({"a": ["b"], "b": ["a", "a"]}) == {("a", "b")}


# --- entry -----------------------------------------------------------------------------------------
@pytest.fixture
def venue(store, matchmaker):
    v = make_venue(store, matchmaker, men=3, women=3)
    with unit_of_work(store, matchmaker) as uow:
        for reg in (*v.men, *v.women[:2]):  # F03 did not come
            service.record_scan(uow, event_id=v.event_id, text=v.tokens[reg])
    return v


def enter(store, actor, venue, card, ticked):
    with unit_of_work(store, actor) as uow:
        return cards.enter_interest_card(uow, event_id=venue.event_id, card_plate=card, ticked=ticked)


def test_enter_with_bare_numbers_and_forgiving_plates(store, matchmaker, venue):
    info = enter(store, matchmaker, venue, "m1", ["2", "F01", "ｆ０２"])
    assert info.owner_plate == "M01" and info.ticked_plates == ("F01", "F02")
    assert info.owner_arrived and not info.replaced and not info.unchanged and info.same_sex_plates == ()
    again = enter(store, matchmaker, venue, "M01", ["f2", "f1"])
    assert again.unchanged and again.card_id == info.card_id
    with store.read() as s:
        assert len(s.execute(select(InterestCard)).all()) == 1


def test_corrections_replace_and_void_withdraws(store, matchmaker, venue):
    first = enter(store, matchmaker, venue, "F01", ["1", "2"])
    corrected = enter(store, matchmaker, venue, "F01", ["3"])
    assert corrected.replaced and corrected.ticked_plates == ("M03",)
    with store.read() as s:
        current = cards.current_cards(s, event_id=venue.event_id)
        assert current == {venue.by_plate("F01"): (venue.by_plate("M03"),)}
        assert cards.card_for(s, event_id=venue.event_id, plate="f1").ticked_plates == ("M03",)
        assert s.get(InterestCard, first.card_id) is not None  # kept: corrections are new rows
    with unit_of_work(store, matchmaker) as uow:
        cards.void_interest_card(uow, event_id=venue.event_id, card_plate="F01")
    with store.read() as s:
        assert cards.current_cards(s, event_id=venue.event_id) == {}
        assert cards.card_for(s, event_id=venue.event_id, plate="F01") is None
    with pytest.raises(XzError) as exc, unit_of_work(store, matchmaker) as uow:
        cards.void_interest_card(uow, event_id=venue.event_id, card_plate="F01")
    assert exc.value.code == "checkin.no_card"
    assert enter(store, matchmaker, venue, "F01", ["M02"]).ticked_plates == ("M02",)


def test_all_problems_reported_at_once(store, matchmaker, venue):
    with pytest.raises(ValidationError) as exc:
        enter(store, matchmaker, venue, "M01", ["F09", "M01", "x?", "F01"])
    problems = sorted((p.field, p.code, p.params.get("plate")) for p in exc.value.problems)
    assert problems == [("ticked", "checkin.card_self", "M01"), ("ticked", "checkin.card_unknown_plate", "F09"),
                        ("ticked", "checkin.card_unknown_plate", "X?")]  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        enter(store, matchmaker, venue, "M09", ["F01"])
    assert [(p.field, p.code) for p in exc.value.problems] == [("card", "checkin.card_unknown_plate")]
    with pytest.raises(ValidationError) as exc:
        enter(store, matchmaker, venue, "1", ["F01"])  # M01 or F01?
    assert exc.value.problems[0].code == "checkin.plate_ambiguous"


def test_warnings_for_absent_owner_and_same_sex_ticks(store, matchmaker, venue):
    info = enter(store, matchmaker, venue, "F03", ["M01", "F01"])
    assert not info.owner_arrived and info.same_sex_plates == ("F01",)
    with store.read() as s:
        progress = cards.card_progress(s, event_id=venue.event_id)
        aside = cards.cards_aside(s, event_id=venue.event_id)
    # F03 has no check-in: the card is saved but kept aside, it does not count
    assert (progress.cards, progress.attendees, progress.aside) == (0, 5, 1)
    assert [(o.plate, o.present, o.card.ticked_plates) for o in aside] == [("F03", False, ("M01", "F01"))]
    with unit_of_work(store, matchmaker) as uow:
        result = service.confirm_attendance(uow, event_id=venue.event_id, registration_id=venue.by_plate("F03"))
    assert (result.verdict, result.method, result.plate) == ("checked_in", "confirmed", "F03")
    with store.read() as s:
        progress = cards.card_progress(s, event_id=venue.event_id)
        assert cards.cards_aside(s, event_id=venue.event_id) == []
    assert (progress.cards, progress.attendees, progress.aside) == (1, 6, 0)


# --- after the event -------------------------------------------------------------------------------
@pytest.fixture
def ticked(store, matchmaker, venue):
    enter(store, matchmaker, venue, "M01", ["1", "2"])
    enter(store, matchmaker, venue, "M02", ["2"])
    enter(store, matchmaker, venue, "M03", [])
    enter(store, matchmaker, venue, "F01", ["1"])
    enter(store, matchmaker, venue, "F02", ["1", "2", "3"])
    return venue


def polite(store, member_id: str) -> str:
    with store.read() as s:
        m = s.get(Member, member_id)
        return polite_name(m.name, m.sex)


def test_mutual_matches_and_result_slips(store, ticked, tmp_path, matchmaker):
    v = ticked
    with unit_of_work(store, matchmaker) as uow:  # a nickname never replaces the badge name on a slip
        update_member(uow, member_id=v.members[v.by_plate("F01")], changes={"nickname": "小雨点"})
    with store.read() as s:
        pairs = matches.mutual_matches(s, event_id=v.event_id)
        slips = matches.result_slips(s, event_id=v.event_id)
    assert [(p.a_plate, p.b_plate) for p in pairs] == [("M01", "F01"), ("M01", "F02"), ("M02", "F02")]
    assert all(p.a_member_id and p.b_member_id for p in pairs)
    by_plate = {slip.number_plate: [m.number_plate for m in slip.matches] for slip in slips}
    assert by_plate == {"M01": ["F01", "F02"], "M02": ["F02"], "M03": [], "F01": ["M01"], "F02": ["M01", "M02"]}
    name = {plate: polite(store, v.members[v.by_plate(plate)]) for plate in ("M01", "M02", "M03", "F01", "F02")}
    # one form everywhere on a slip: the owner and every match by number plate + surname 先生/女士
    assert {slip.number_plate: slip.name for slip in slips} == name
    assert all(m.name == name[m.number_plate] for slip in slips for m in slip.matches)
    out = tmp_path / "slips.pdf"
    with unit_of_work(store, matchmaker) as uow:
        report = matches.print_result_slips_for_event(uow, event_id=v.event_id, out=out)
    assert report.items == 5 and report.pages == 3
    pages = ["".join(page.extract_text().split()) for page in PdfReader(out).pages]
    assert name["M01"] in pages[0] and name["F01"] in pages[0] and name["F02"] in pages[0]
    assert all(name[p] in "".join(pages) for p in name) and "小雨点" not in "".join(pages)


def test_each_mutual_match_becomes_an_introduction(store, matchmaker, ticked):
    v = ticked
    with unit_of_work(store, matchmaker) as uow:
        result = matches.create_event_introductions(uow, event_id=v.event_id)
    assert (result.created, result.existing, result.problems) == (3, 0, ())
    with store.read() as s:
        intros = s.execute(select(Introduction)).scalars().all()
        assert {i.stage for i in intros} == {"mutual_interest"} and {i.event_id for i in intros} == {v.event_id}
        pairs = {frozenset((i.member_a_id, i.member_b_id)) for i in intros}
    assert frozenset((v.members[v.by_plate("M02")], v.members[v.by_plate("F02")])) in pairs
    with unit_of_work(store, matchmaker) as uow:
        again = matches.create_event_introductions(uow, event_id=v.event_id)
    assert (again.created, again.existing) == (0, 3)


def test_introduction_refused_by_the_rules_is_reported(store, matchmaker, ticked):
    from xzdesk.domain.members.service import withdraw_consent

    v = ticked
    with unit_of_work(store, matchmaker) as uow:
        withdraw_consent(uow, member_id=v.members[v.by_plate("F01")], type="share_profile")
    with unit_of_work(store, matchmaker) as uow:
        result = matches.create_event_introductions(uow, event_id=v.event_id)
    assert result.created == 2
    assert [(p.plates, p.code) for p in result.problems] == [(("M01", "F01"), "introductions.consent_missing")]


def test_interest_cards_are_labels_for_the_matching_model(store, ticked):
    v = ticked
    with store.read() as s:
        labels = matches.interest_labels(s, event_id=v.event_id)
        everything = matches.interest_labels(s)
    assert labels == everything
    member = v.members
    got = {(lab.member_a, lab.member_b): lab.label for lab in labels}
    men = [member[v.by_plate(p)] for p in ("M01", "M02", "M03")]
    women = [member[v.by_plate(p)] for p in ("F01", "F02")]  # F03 handed in no card
    assert set(got) == {(m, w) for m in men for w in women}
    assert {k for k, val in got.items() if val} == {(men[0], women[0]), (men[0], women[1]), (men[1], women[1])}
    assert {(lab.source, lab.group) for lab in labels} == {("event", v.event_id)}
    # Each one's own tick, not only the pair's: F02 ticked M03, who ticked nobody.
    answers = {(lab.member_a, lab.member_b): (lab.a_yes, lab.b_yes) for lab in labels}
    assert answers == {
        (men[0], women[0]): (True, True), (men[0], women[1]): (True, True), (men[1], women[0]): (False, False),
        (men[1], women[1]): (True, True), (men[2], women[0]): (False, False), (men[2], women[1]): (False, True),
    }  # fmt: skip
    from xzdesk.domain.matching.queries import collect_labels

    with store.read() as s:  # registered with the matching queries as a label source
        assert sorted(map(tuple, (
            (r.member_a, r.member_b, r.label) for r in collect_labels(s, sources={"event"})
        ))) == sorted((lab.member_a, lab.member_b, lab.label) for lab in labels)


def test_event_summary(store, ticked):
    v = ticked
    with store.read() as s:
        summary = matches.event_summary(s, event_id=v.event_id)
    t = summary.total
    assert (t.expected, t.arrived, t.no_shows, t.cards, t.matched) == (6, 5, 1, 5, 4)
    assert t.attendance_rate == pytest.approx(5 / 6)
    men, women = summary.by_sex
    assert (men.group, men.arrived, men.no_shows, men.matched) == ("sex:1", 3, 0, 2)
    assert (women.group, women.arrived, women.no_shows, women.matched) == ("sex:2", 2, 1, 2)
    assert summary.mutual_pairs == 3
    assert [b.group for b in summary.by_age_band] == ["band:25-29"]  # everyone is 28
    assert summary.by_age_band[0].expected == 6


def test_attendance_agrees_everywhere(store, matchmaker, ticked):
    """Marked attended at the office (no scan) counts as present for the live counts, the cards,
    the matches, the slips and the summary alike; nobody absent is ever matched."""
    from xzdesk.domain.checkin import queries
    from xzdesk.domain.events import service as ev

    v = ticked
    enter(store, matchmaker, v, "F03", ["M03"])
    enter(store, matchmaker, v, "M03", ["F03"])
    with store.read() as s:
        before = matches.event_summary(s, event_id=v.event_id)
        assert ("M03", "F03") not in {(p.a_plate, p.b_plate) for p in matches.mutual_matches(s, event_id=v.event_id)}
    assert (before.total.arrived, before.total.matched, before.cards_aside) == (5, 4, 1)
    with unit_of_work(store, matchmaker) as uow:
        ev.mark_attended(uow, registration_id=v.by_plate("F03"))
    with store.read() as s:
        summary = matches.event_summary(s, event_id=v.event_id)
        counts = queries.counts(s, event_id=v.event_id)
        slips = {slip.number_plate for slip in matches.result_slips(s, event_id=v.event_id)}
        pairs = {(p.a_plate, p.b_plate) for p in matches.mutual_matches(s, event_id=v.event_id)}
    assert counts.total.arrived == summary.total.arrived == 6 and summary.cards_aside == 0
    assert ("M03", "F03") in pairs and "F03" in slips and summary.total.matched == 6
    for row in (summary.total, *summary.by_sex, *summary.by_age_band):
        assert row.matched <= row.cards <= row.arrived


def test_card_owner_says_whether_attendance_can_be_confirmed(store, matchmaker, venue):
    from xzdesk.domain.events import service as ev

    with unit_of_work(store, matchmaker) as uow:
        ev.cancel_registration(uow, registration_id=venue.by_plate("F03"))
    with store.read() as s:
        owner = cards.card_owner(s, event_id=venue.event_id, plate="f3")
        present = cards.card_owner(s, event_id=venue.event_id, plate="M1")
    assert (owner.plate, owner.present, owner.status, owner.confirmable) == ("F03", False, "cancelled", False)
    assert owner.display_name.endswith("女士") and owner.card is None
    assert (present.present, present.confirmable) == (True, True)
    with pytest.raises(ValidationError) as exc, store.read() as s:
        cards.card_owner(s, event_id=venue.event_id, plate="F9")
    assert [(p.field, p.code) for p in exc.value.problems] == [("card", "checkin.card_unknown_plate")]
