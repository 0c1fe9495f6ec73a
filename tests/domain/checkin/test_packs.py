"""Venue packs: office -> venue laptop -> office round trip without network; replay changes
nothing; tampered, foreign, own and wrong-passphrase packs are refused with their codes."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.domain.checkin._factory import open_laptop, staff_actor
from tests.domain.checkin.test_walk_ins import walk_in_draft
from xzdesk.domain.checkin import cards, packs, queries, service
from xzdesk.domain.checkin.codes import Verdict
from xzdesk.domain.checkin.models import (
    CheckinAnnulment,
    CheckinRoster,
    CheckinScan,
    CheckinWalkIn,
    InterestCard,
)
from xzdesk.domain.errors import XzError
from xzdesk.domain.events.models import Event, EventRegistration
from xzdesk.domain.members.models import Member
from xzdesk.domain.store.models import OutboxRow
from xzdesk.domain.uow import unit_of_work

PASS = "K7Q2-9FHM-4TZD-8WXA-R3PN"


def export(store, actor, event_id, passphrase=PASS, **kw):
    with unit_of_work(store, actor) as uow:
        return packs.export_event_pack(uow, event_id=event_id, passphrase=passphrase, **kw)


def import_(store, actor, data, passphrase=None):
    with unit_of_work(store, actor) as uow:
        return packs.import_pack(uow, data=data, passphrase=passphrase)


def free_letters(store, event_id: str) -> list[str]:
    """Station letters a venue pack may get, in order: never the office laptop's own."""
    with store.read() as s:
        own = queries.station_of(s, event_id=event_id, device_id=store.device_id)
    return [letter for letter in queries.STATION_LETTERS if letter != own]


def test_a_venue_pack_never_gets_the_office_laptops_own_station(store, matchmaker, office):
    """The office checks people in too (the walk found both laptops on 工位 A): a venue laptop
    gets another letter, so their walk-in plates cannot collide."""
    with unit_of_work(store, matchmaker) as uow:
        service.set_station(uow, event_id=office.event_id, letter="A")
    assert export(store, matchmaker, office.event_id).header.station == "B"
    with unit_of_work(store, matchmaker) as uow:
        service.set_station(uow, event_id=office.event_id, letter="C")
    assert export(store, matchmaker, office.event_id).header.station == "A"


def test_pack_file_names_carry_the_date_and_time_in_xuzhou():
    """A pack written at 01:16 on 7 December in Xuzhou (17:16 UTC the day before) is named for the
    7th, as the walk expected when it looked for the day's files."""
    from datetime import UTC, datetime

    from xzdesk.domain.checkin.dto import PackHeaderInfo

    at = datetime(2026, 12, 6, 17, 16, tzinfo=UTC)
    event = PackHeaderInfo(1, "event", "p1", "e1", "BCC5N9", at, "d1", "passphrase", None, "A")
    back = PackHeaderInfo(1, "return", "p2", "e1", "BCC5N9", at, "d2", "pack", "p1", "A")
    assert packs.suggested_name(event) == "xzdesk-event-BCC5N9-20261207-A.xzpack"
    assert packs.suggested_name(back) == "xzdesk-return-BCC5N9-A-202612070116.xzpack"


def count(store, model) -> int:
    with store.read() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_round_trip_office_venue_office(store, matchmaker, office, laptop, door, tmp_path):
    pack = export(store, matchmaker, office.event_id)
    letter = pack.header.station
    assert pack.header.kind == "event" and letter == free_letters(store, office.event_id)[0]
    assert pack.counts["checkin_roster"] == 6
    assert re.fullmatch(rf"xzdesk-event-[0-9A-Z]{{6}}-\d{{8}}-{letter}\.xzpack", pack.suggested_name)
    path = packs.write_pack(pack.data, tmp_path / pack.suggested_name)
    assert b"token_key" not in path.read_bytes() and "女士".encode() not in path.read_bytes()

    # --- the venue laptop: nothing but the pack ---
    result = import_(laptop, door, packs.read_pack_file(path), PASS.lower().replace("-", " "))
    assert result.header.event_id == office.event_id and not result.already_imported
    assert result.added == {"event": 1, "checkin_roster": 6, "checkin_scan": 0, "checkin_annulment": 0,
                            "interest_card": 0}  # fmt: skip
    assert count(laptop, Member) == 0 and count(laptop, EventRegistration) == 0
    with laptop.read() as s:  # office data is not pushed again from here
        assert not set(s.execute(select(OutboxRow.entity)).scalars()) & {"event", "checkin_roster"}
    with laptop.read() as s:
        assert queries.station_of(s, event_id=office.event_id, device_id=laptop.device_id) == letter
    with unit_of_work(laptop, door) as uow:
        ok = service.record_scan(uow, event_id=office.event_id, text=office.tokens[office.men[0]].lower())
        refused = service.record_scan(uow, event_id=office.event_id, text="not a badge")
        service.record_scan(uow, event_id=office.event_id, text=office.tokens[office.women[0]])
    with unit_of_work(laptop, door) as uow:
        walk = service.register_walk_in(uow, event_id=office.event_id, draft=walk_in_draft(sex=2))
        last = queries.last_undoable(uow.session, event_id=office.event_id, device_id=laptop.device_id)
    with unit_of_work(laptop, door) as uow:
        service.annul_scan(uow, scan_id=ok.scan_id)
        service.record_scan(uow, event_id=office.event_id, text=office.tokens[office.men[0]])
        cards.enter_interest_card(uow, event_id=office.event_id, card_plate="M01", ticked=["F01", walk.plate])
        cards.enter_interest_card(uow, event_id=office.event_id, card_plate=walk.plate, ticked=["M01"])
    assert ok.accepted and refused.verdict == Verdict.UNKNOWN and walk.plate == f"F{letter}01"
    assert last.scan_id == walk.scan_id

    back = None
    with unit_of_work(laptop, door) as uow:
        back = packs.export_return_pack(uow, event_id=office.event_id)
    assert back.header.kind == "return" and back.header.key_source == "pack"
    assert back.counts == {"checkin_walk_in": 1, "checkin_roster": 1, "checkin_scan": 5, "checkin_annulment": 1,
                           "interest_card": 2}  # fmt: skip
    assert walk.plate.encode() not in back.data  # encrypted

    # --- back at the office ---
    got = import_(store, matchmaker, back.data)
    assert got.added == {"checkin_walk_in": 1, "checkin_roster": 1, "checkin_scan": 5, "checkin_annulment": 1,
                         "interest_card": 2}  # fmt: skip
    with store.read() as s:
        arrived = queries.arrivals(s, event_id=office.event_id)
        assert set(arrived) == {office.men[0], office.women[0], walk.registration_id}
        pending = set(s.execute(select(OutboxRow.entity).where(OutboxRow.entity.like("checkin_%"))).scalars())
    assert {"checkin_scan", "checkin_walk_in", "checkin_annulment"} <= pending  # goes on to the server
    with unit_of_work(store, matchmaker) as uow:
        rec = service.reconcile_event(uow, event_id=office.event_id)
    assert (rec.created, rec.attended) == (1, 3)
    with store.read() as s:
        from xzdesk.domain.checkin.matches import mutual_matches

        assert [(p.a_plate, p.b_plate) for p in mutual_matches(s, event_id=office.event_id)] == [("M01", walk.plate)]  # the station letter the pack got


def test_importing_the_same_pack_twice_changes_nothing(store, matchmaker, office, laptop, door):
    pack = export(store, matchmaker, office.event_id)
    import_(laptop, door, pack.data, PASS)
    with unit_of_work(laptop, door) as uow:
        service.record_scan(uow, event_id=office.event_id, text=office.tokens[office.women[1]])
    again = import_(laptop, door, pack.data, PASS)
    assert again.already_imported and not again.changed
    with unit_of_work(laptop, door) as uow:
        back = packs.export_return_pack(uow, event_id=office.event_id)
    first = import_(store, matchmaker, back.data)
    snapshot = {m: count(store, m) for m in (CheckinScan, CheckinAnnulment, CheckinWalkIn, InterestCard, CheckinRoster)}
    outbox = count(store, OutboxRow)
    second = import_(store, matchmaker, back.data)
    assert first.changed and not first.already_imported
    assert second.already_imported and not second.changed
    assert {m: count(store, m) for m in snapshot} == snapshot and count(store, OutboxRow) == outbox


def test_refreshed_event_pack_updates_the_venue_roster(store, matchmaker, office, laptop, door):
    from xzdesk.domain.events import service as ev

    import_(laptop, door, export(store, matchmaker, office.event_id).data, PASS)
    with unit_of_work(store, matchmaker) as uow:
        ev.cancel_registration(uow, registration_id=office.men[2])
    second = export(store, matchmaker, office.event_id)
    assert second.header.station == free_letters(store, office.event_id)[1]  # each venue laptop: its own letter
    result = import_(laptop, door, second.data, PASS)
    assert result.updated["checkin_roster"] == 1 and result.added["checkin_roster"] == 0
    with unit_of_work(laptop, door) as uow:
        verdict = service.record_scan(uow, event_id=office.event_id, text=office.tokens[office.men[2]])
    assert verdict.verdict == Verdict.CANCELLED


@pytest.mark.parametrize("where", ["header", "body", "mac", "truncated"])
def test_tampered_pack_is_refused(store, matchmaker, office, laptop, door, where):
    data = bytearray(export(store, matchmaker, office.event_id).data)
    head_end = len(packs.MAGIC) + 4 + int.from_bytes(data[len(packs.MAGIC) : len(packs.MAGIC) + 4], "big")
    if where == "header":
        i = data.index(b'"event_code":"') + len('"event_code":"')
        data[i] = ord("Z") if data[i] != ord("Z") else ord("Y")
    elif where == "body":
        data[head_end + 40] ^= 0x01
    elif where == "mac":
        data[-1] ^= 0x80
    else:
        data = data[: head_end + 10]
    with pytest.raises(XzError) as exc:
        import_(laptop, door, bytes(data), PASS)
    assert exc.value.code in {"checkin.pack_tampered", "checkin.pack_not_a_pack"}
    assert exc.value.code == ("checkin.pack_not_a_pack" if where == "truncated" else "checkin.pack_tampered")
    assert count(laptop, Event) == 0 and count(laptop, CheckinRoster) == 0


def test_wrong_or_missing_passphrase(store, matchmaker, office, laptop, door):
    data = export(store, matchmaker, office.event_id).data
    for passphrase, code in (("0000-0000-0000-0000-0000", "checkin.pack_wrong_passphrase"),
                             (None, "checkin.pack_passphrase_required"),
                             ("short", "checkin.pack_passphrase_short")):  # fmt: skip
        with pytest.raises(XzError) as exc:
            import_(laptop, door, data, passphrase)
        assert exc.value.code == code
    assert count(laptop, Event) == 0


def test_not_a_pack_and_unknown_version(laptop, door):
    for data in (b"", b"PK\x03\x04 a zip file", packs.MAGIC + b"\x00\x00\x00\x02{}" + b"\x00" * 40):
        with pytest.raises(XzError) as exc:
            import_(laptop, door, data, PASS)
        assert exc.value.code in {"checkin.pack_not_a_pack", "checkin.pack_version"}
    head = b'{"format":9}'
    with pytest.raises(XzError) as exc:
        import_(laptop, door, packs.MAGIC + len(head).to_bytes(4, "big") + head + b"\x00" * 40, PASS)
    assert (exc.value.code, exc.value.params) == ("checkin.pack_version", {"version": "9"})


def test_foreign_return_pack_and_own_pack_are_refused(store, matchmaker, office, laptop, door, store_template, tmp_path):
    # another office prepared this laptop for its own copy of the event: its return key is not ours
    other = open_laptop(store_template, tmp_path / "other", "other-office")
    try:
        with unit_of_work(other, None) as uow:
            uow.session.add(Event(**_event_values(store, office.event_id)))
        boss = staff_actor(other, username="boss", role="matchmaker")
        with unit_of_work(other, boss) as uow:
            foreign = packs.export_event_pack(uow, event_id=office.event_id, passphrase=PASS)
    finally:
        other.close()
    import_(laptop, door, foreign.data, PASS)
    with unit_of_work(laptop, door) as uow:
        back = packs.export_return_pack(uow, event_id=office.event_id)
    with pytest.raises(XzError) as exc:
        import_(store, matchmaker, back.data)
    assert exc.value.code == "checkin.pack_foreign"
    own = export(store, matchmaker, office.event_id)
    with pytest.raises(XzError) as exc:
        import_(store, matchmaker, own.data, PASS)
    assert exc.value.code == "checkin.pack_own"


def test_return_pack_with_passphrase_for_a_laptop_prepared_by_sync(store, matchmaker, office, laptop, door):
    # the laptop got the event by other means (here: an event pack whose record we drop); it and
    # the office are connected to a server (a passphrase return pack exists only then)
    import_(laptop, door, export(store, matchmaker, office.event_id).data, PASS)
    from tests.domain.checkin.test_pack_attacks import enrol

    for each in (laptop, store):
        enrol(each)
    with laptop.write_session() as s, s.begin():
        from sqlalchemy import delete

        from xzdesk.domain.checkin.models import VenuePack

        s.execute(delete(VenuePack))
    with pytest.raises(XzError) as exc, unit_of_work(laptop, door) as uow:
        packs.export_return_pack(uow, event_id=office.event_id)
    assert exc.value.code == "checkin.pack_passphrase_required"
    with unit_of_work(laptop, door) as uow:
        service.record_scan(uow, event_id=office.event_id, text=office.tokens[office.men[1]])
        back = packs.export_return_pack(uow, event_id=office.event_id, passphrase=PASS)
    assert back.header.key_source == "passphrase"
    with pytest.raises(XzError) as exc:
        import_(store, matchmaker, back.data)
    assert exc.value.code == "checkin.pack_passphrase_required"
    assert import_(store, matchmaker, back.data, PASS).added["checkin_scan"] == 1


def test_duplicates_from_two_venue_laptops_are_kept_and_marked(store, matchmaker, office, store_template, tmp_path):
    laptops = [open_laptop(store_template, tmp_path / f"v{i}", f"v{i}") for i in range(2)]
    try:
        backs = []
        for i, lap in enumerate(laptops):
            actor = staff_actor(lap, username=f"door{i}")
            import_(lap, actor, export(store, matchmaker, office.event_id).data, PASS)
            with unit_of_work(lap, actor) as uow:  # both check M01 in, offline
                assert service.record_scan(uow, event_id=office.event_id, text=office.tokens[office.men[0]]).accepted
                backs.append(packs.export_return_pack(uow, event_id=office.event_id).data)
    finally:
        for lap in laptops:
            lap.close()
    for data in backs:
        import_(store, matchmaker, data)
    with store.read() as s:
        rows = s.execute(select(CheckinScan).where(CheckinScan.registration_id == office.men[0])).scalars().all()
        assert len(rows) == 2
        canonical = [r for r in rows if r.duplicate_of is None]
        assert len(canonical) == 1 and [r.duplicate_of for r in rows if r.duplicate_of] == [canonical[0].id]
        assert queries.counts(s, event_id=office.event_id).duplicates == 1
        assert queries.counts(s, event_id=office.event_id).total.arrived == 1


def _event_values(store, event_id):
    from xzdesk.domain.checkin.packs import _row_values, row_to_json

    with store.read() as s:
        return _row_values(Event, row_to_json(s.get(Event, event_id)))
