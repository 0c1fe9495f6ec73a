"""Attacks on venue packs (issue 11, "Venue packs and QR"), each through the real services:

- replaying an older event pack after a newer one, or importing the newest one again, must not
  roll the venue roster back (a cancelled registration approved again, a promoted person
  waitlisted again): event packs are numbered and rows compare real versions;
- a header asking for expensive key-derivation settings is refused before anything is derived;
- a return pack sealed with a passphrase is only for a venue laptop prepared by sync: refused on a
  laptop that opened an event pack, and on either side when not connected to a server.
"""

from __future__ import annotations

import json
import struct

import pytest
from sqlalchemy import delete, select

from tests.domain.checkin._factory import make_venue
from xzdesk.domain.checkin import packs, service
from xzdesk.domain.checkin.codes import Verdict
from xzdesk.domain.checkin.models import CheckinRoster, CheckinScan, VenuePack
from xzdesk.domain.errors import XzError
from xzdesk.domain.events import service as ev
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.store.models import SYNC_SERVER_URL, LocalMeta
from xzdesk.domain.uow import unit_of_work

PASS = "K7Q2-9FHM-4TZD-8WXA-R3PN"


def export(store, actor, event_id):
    with unit_of_work(store, actor) as uow:
        return packs.export_event_pack(uow, event_id=event_id, passphrase=PASS)


def import_(store, actor, data, passphrase=PASS):
    with unit_of_work(store, actor) as uow:
        return packs.import_pack(uow, data=data, passphrase=passphrase)


def status(store, registration_id) -> str:
    with store.read() as s:
        return s.get(CheckinRoster, registration_id).status


def scan(store, actor, office, registration_id):
    with unit_of_work(store, actor) as uow:
        return service.record_scan(uow, event_id=office.event_id, text=office.tokens[registration_id])


def audit_actions(store) -> list[str]:
    with store.read() as s:
        return list(s.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars())


def enrol(store) -> None:
    """Mark a database as connected to a union server (what the sync engine's enrolment writes)."""
    with store.write_session() as s, s.begin():
        s.merge(LocalMeta(key=SYNC_SERVER_URL, value="https://union.example"))


# --- replay -------------------------------------------------------------------------------------
def test_event_packs_are_numbered_per_event(store, matchmaker, office):
    first, second = export(store, matchmaker, office.event_id), export(store, matchmaker, office.event_id)
    assert (first.header.sequence, second.header.sequence) == (1, 2)
    assert packs.read_pack_header(second.data).sequence == 2  # readable before opening
    other = make_venue(store, matchmaker, men=1, women=1)
    assert export(store, matchmaker, other.event_id).header.sequence == 1


def test_replaying_an_older_pack_after_a_newer_one_changes_nothing(store, matchmaker, office, laptop, door):
    with unit_of_work(store, matchmaker) as uow:  # on the waiting list when the first pack is made
        ev.cancel_registration(uow, registration_id=office.women[2])
        ev.reopen_registration(uow, registration_id=office.women[2])
        ev.waitlist_registration(uow, registration_id=office.women[2])
    old = export(store, matchmaker, office.event_id)
    with unit_of_work(store, matchmaker) as uow:
        ev.cancel_registration(uow, registration_id=office.men[2])  # a place frees: the waiting list moves up
    assert status(store, office.women[2]) == "approved"
    new = export(store, matchmaker, office.event_id)

    import_(laptop, door, old.data)
    assert (status(laptop, office.men[2]), status(laptop, office.women[2])) == ("approved", "waitlisted")
    assert import_(laptop, door, new.data).updated["checkin_roster"] == 2
    replay = import_(laptop, door, old.data)
    assert replay.stale and replay.already_imported and not replay.changed
    assert (replay.header.sequence, replay.latest_sequence) == (1, 2)
    assert (status(laptop, office.men[2]), status(laptop, office.women[2])) == ("cancelled", "approved")
    assert scan(laptop, door, office, office.men[2]).verdict == Verdict.CANCELLED
    assert scan(laptop, door, office, office.women[2]).accepted
    assert audit_actions(laptop).count("checkin.pack_stale") == 1


def test_an_older_pack_never_seen_here_is_refused_too(store, matchmaker, office, laptop, door):
    old = export(store, matchmaker, office.event_id)
    with unit_of_work(store, matchmaker) as uow:
        ev.cancel_registration(uow, registration_id=office.men[1])
    new = export(store, matchmaker, office.event_id)
    import_(laptop, door, new.data)
    late = import_(laptop, door, old.data)  # the first pack arrives after the second
    assert late.stale and not late.already_imported and late.added == {} and late.updated == {}
    assert status(laptop, office.men[1]) == "cancelled"
    with laptop.read() as s:  # not recorded as imported: the history shows only what was applied
        assert s.execute(select(VenuePack.id).where(VenuePack.id == old.header.pack_id)).first() is None


def test_importing_the_newest_pack_again_changes_nothing(store, matchmaker, office, laptop, door):
    pack = export(store, matchmaker, office.event_id)
    import_(laptop, door, pack.data)
    before = audit_actions(laptop)
    again = import_(laptop, door, pack.data)
    assert again.stale and again.already_imported and not again.changed
    assert audit_actions(laptop) == before  # the same pack twice is harmless: nothing to record


def test_roster_rows_compare_real_versions_not_zero(store, matchmaker, office, laptop, door):
    """Without the pack numbers (here: the venue's record of them dropped), the rows themselves
    still refuse to go back: every row of an office that never synced has version 0, so the
    time of the office's last change to the row decides."""
    old = export(store, matchmaker, office.event_id)
    with unit_of_work(store, matchmaker) as uow:
        ev.cancel_registration(uow, registration_id=office.men[0])
    new = export(store, matchmaker, office.event_id)
    import_(laptop, door, new.data)
    with laptop.write_session() as s, s.begin():
        s.execute(delete(VenuePack))
    with laptop.read() as s:
        assert {r.version for r in s.execute(select(CheckinRoster)).scalars()} == {0}
    result = import_(laptop, door, old.data)
    assert not result.stale and result.updated["checkin_roster"] == 0 and result.updated["event"] == 0
    assert status(laptop, office.men[0]) == "cancelled"


# --- key derivation -----------------------------------------------------------------------------
def _with_header(data: bytes, **changes) -> bytes:
    """The pack with its header's key settings rewritten (the MAC no longer matches: the check
    must come first)."""
    start = len(packs.MAGIC) + 4
    (size,) = struct.unpack(">I", data[len(packs.MAGIC) : start])
    header = json.loads(data[start : start + size])
    header["key"].update(changes)
    head = json.dumps(header, separators=(",", ":")).encode("ascii")
    return packs.MAGIC + struct.pack(">I", len(head)) + head + data[start + size :]


@pytest.mark.parametrize("changes", [
    {"n": 2**20, "r": 32},  # 4 GiB of memory
    {"n": 2**20},
    {"r": 9},
    {"p": 4},
    {"n": 2**14},  # cheaper than what we write: a downgrade, refused as well
    {"n": "32768"},
    {"p": True},  # equal to 1 in Python, still not what we write
])  # fmt: skip
def test_key_settings_other_than_ours_are_refused_before_deriving(store, matchmaker, office, laptop, door,
                                                                   monkeypatch, changes):  # fmt: skip
    data = _with_header(export(store, matchmaker, office.event_id).data, **changes)

    def never(*_a, **_k):
        raise AssertionError("scrypt ran on a header this version never writes")

    monkeypatch.setattr(packs, "_passphrase_master", never)
    with pytest.raises(XzError) as exc:
        import_(laptop, door, data)
    assert exc.value.code == "checkin.pack_kdf_unsupported"
    with laptop.read() as s:
        assert s.execute(select(CheckinRoster.id)).first() is None


# --- passphrase-sealed return packs ---------------------------------------------------------------
def test_laptop_that_opened_an_event_pack_must_use_its_return_key(store, matchmaker, office, laptop, door):
    enrol(laptop)  # even connected to a server: it holds the return key, so it uses it
    import_(laptop, door, export(store, matchmaker, office.event_id).data)
    with pytest.raises(XzError) as exc, unit_of_work(laptop, door) as uow:
        packs.export_return_pack(uow, event_id=office.event_id, passphrase=PASS)
    assert exc.value.code == "checkin.pack_has_return_key"
    with unit_of_work(laptop, door) as uow:
        assert packs.export_return_pack(uow, event_id=office.event_id).header.key_source == "pack"


def _prepared_by_sync(laptop, store, matchmaker, door, office) -> None:
    """The event and roster on the venue laptop without an event pack (as a pull brings them)."""
    import_(laptop, door, export(store, matchmaker, office.event_id).data)
    with laptop.write_session() as s, s.begin():
        s.execute(delete(VenuePack))


def test_passphrase_return_pack_only_on_a_laptop_connected_to_a_server(store, matchmaker, office, laptop, door):
    _prepared_by_sync(laptop, store, matchmaker, door, office)
    for passphrase in (PASS, None):  # not connected: neither sealing path exists
        with pytest.raises(XzError) as exc, unit_of_work(laptop, door) as uow:
            packs.export_return_pack(uow, event_id=office.event_id, passphrase=passphrase)
        assert exc.value.code == "checkin.pack_passphrase_sync_only"


def test_office_not_connected_to_a_server_refuses_a_passphrase_return_pack(store, matchmaker, office, laptop, door):
    _prepared_by_sync(laptop, store, matchmaker, door, office)
    enrol(laptop)
    with unit_of_work(laptop, door) as uow:
        service.record_scan(uow, event_id=office.event_id, text=office.tokens[office.men[1]])
        back = packs.export_return_pack(uow, event_id=office.event_id, passphrase=PASS)
    assert back.header.key_source == "passphrase"
    with pytest.raises(XzError) as exc:
        import_(store, matchmaker, back.data)
    assert exc.value.code == "checkin.pack_passphrase_sync_only"
    with store.read() as s:
        assert s.execute(select(CheckinScan.id).where(CheckinScan.device_id == laptop.device_id)).first() is None
    enrol(store)  # an office connected to the server may have venue laptops prepared by sync
    assert import_(store, matchmaker, back.data).added["checkin_scan"] == 1
