"""`xzdesk seed --events N` and `xzdesk print ...`, run in-process on a private XZDESK_HOME."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.accounts import PASSWORD, add_account, cli_as
from xzdesk.app_context import AppContext
from xzdesk.cli import main
from xzdesk.domain.events.models import Event, EventRegistration, EventSeat
from xzdesk.domain.store.models import OutboxRow

PHONE_LIKE = re.compile(r"1[3-9]\d{9}")
ID_LIKE = re.compile(r"\d{17}[\dX]")


def _text(path) -> str:
    return "".join(re.sub(r"\s+", "", p.extract_text() or "") for p in PdfReader(path).pages)


@pytest.fixture
def seeded(capsys, monkeypatch):
    """A small database: 240 members, 4 events; commands sign in as an organiser account."""
    assert main(["seed", "--members", "240", "--events", "4", "--seed", "7"]) == 0
    out = capsys.readouterr().out
    assert "seeded 4 events" in out
    ctx = AppContext.open()
    try:
        with ctx.store.read() as s:
            events = [(e.id, e.code, e.kind) for e in s.execute(select(Event).order_by(Event.event_date)).scalars()]
        add_account(ctx.store, username="org", display_name="活动组", role="matchmaker", password=PASSWORD)
    finally:
        ctx.close()
    cli_as(monkeypatch, "org")
    return events


def _cards(session):
    """{(event name, card plate): plates ticked} of every interest card, and the events' mutual pairs."""
    from xzdesk.domain.checkin import cards, matches

    out = {}
    for event in session.execute(select(Event)).scalars():
        for row in cards.card_rows(session, event_id=event.id):
            out[(event.name, row.owner_plate)] = row.ticked_plates
        out[(event.name, "mutual")] = tuple(sorted((p.a_plate, p.b_plate)
                                                   for p in matches.mutual_matches(session, event_id=event.id)))  # fmt: skip
    return out


def _snapshot():
    ctx = AppContext.open()
    try:
        with ctx.store.read() as s:
            events = s.execute(select(Event).order_by(Event.event_date, Event.name)).scalars().all()
            out = []
            for e in events:
                regs = s.execute(select(EventRegistration).where(EventRegistration.event_id == e.id)).scalars().all()
                out.append((e.name, e.kind, e.event_date, e.capacity, e.status,
                            sorted((r.plate or "", r.status) for r in regs)))
            out.append(("cards", _cards(s)))
            seats = s.execute(select(EventSeat)).scalars().all()
            outbox = s.execute(select(OutboxRow.entity).where(OutboxRow.entity.in_(
                ["event", "registration", "event_table", "event_seat", "event_rotation"]))).first()
            assert outbox is None and ctx.store.meta().get("demo_data") == "1"  # demo rows are never pushed
            return out, sum(1 for seat in seats if seat.table_id)
    finally:
        ctx.close()


def test_seed_events_makes_plans_and_is_deterministic(seeded, tmp_path, monkeypatch):
    first, seated = _snapshot()
    *first_events, (_cards_label, first_cards) = first
    assert len(first_events) == 4 and seated > 0
    held = {name for name, _kind, _day, _cap, status, _regs in first_events if status == "held"}
    assert held, "seed 7 holds a past event"
    for name in held:  # a held event has its interest cards, with mutual matches to show on 活动结束后
        assert any(event == name and plate != "mutual" for event, plate in first_cards), name
        assert first_cards[(name, "mutual")], name
    # a plausible calendar: ordinary events on weekends, festival events on their days
    for name, _kind, day, *_rest in first_events:
        assert day.weekday() >= 5 or any(f in name for f in ("七夕", "5·20")), (name, day)
    assert all(any(status in ("approved", "attended", "no_show") for _p, status in regs)
               for *_e, regs in first_events)
    other = tmp_path / "other-home"
    other.mkdir()
    monkeypatch.setenv("XZDESK_HOME", str(other))
    monkeypatch.delenv("XZDESK_AS")  # seeding needs no account
    assert main(["seed", "--members", "240", "--events", "4", "--seed", "7"]) == 0
    again, seated_again = _snapshot()
    assert again == first and seated_again == seated


def test_print_every_document(seeded, tmp_path, capsys):
    event_id, code, _kind = seeded[0]
    assert main(["print", "events"]) == 0
    listing = capsys.readouterr().out
    assert all(c in listing for _i, c, _k in seeded)
    for document in ("badges", "tents", "seat-chart", "sign-in"):
        out = tmp_path / f"{document}.pdf"
        assert main(["print", document, "--event", code.lower(), "-o", str(out)]) == 0, document
        text = _text(out)
        assert not PHONE_LIKE.search(text) and not ID_LIKE.search(text)
    assert "printed badges" in capsys.readouterr().out
    out = tmp_path / "cal.pdf"
    assert main(["print", "badges", "--event", event_id, "--preset", "cr80", "--calibration-x", "1.5",
                 "--calibration-y", "-0.3", "--only-unprinted", "-o", str(out)]) == 0
    assert main(["print", "calibration", "--preset", "a4-8up", "--calibration-x", "0.2", "-o", str(out)]) == 0
    assert len(PdfReader(out).pages) == 1


def test_cards_for_speed_dating_and_default_file_names(seeded, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    speed = [(i, c) for i, c, k in seeded if k == "speed_dating"]
    other = [(i, c) for i, c, k in seeded if k != "speed_dating"]
    assert speed, "seed 7 makes a speed-dating event"
    assert main(["print", "cards", "--event", speed[0][1]]) == 0
    assert (tmp_path / f"cards-{speed[0][1]}.pdf").exists()
    assert main(["print", "cards", "--event", other[0][1]]) == 1  # no rotation for this event
    assert "还没有轮换表" in capsys.readouterr().err
    assert main(["print", "sign-in", "--event", other[0][1]]) == 0
    assert [p.name for p in tmp_path.glob("sign-in-*.pdf")] == [f"sign-in-{other[0][1]}.pdf"]


def test_print_refuses_without_account_bad_event_or_calibration(tmp_path, capsys, monkeypatch):
    assert main(["seed", "--members", "60", "--events", "1", "--seed", "2"]) == 0
    capsys.readouterr()
    assert main(["print", "badges", "--event", "ZZZZZZ", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "需要登录" in capsys.readouterr().err
    ctx = AppContext.open()
    add_account(ctx.store, username="org", display_name="活动组", role="matchmaker", password=PASSWORD)
    ctx.close()
    cli_as(monkeypatch, "org")
    assert main(["print", "badges", "--event", "ZZZZZZ", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "找不到该活动" in capsys.readouterr().err
    assert main(["print", "calibration", "--calibration-x", "7", "-o", str(tmp_path / "c.pdf")]) == 1
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "c.pdf").exists()
    with pytest.raises(SystemExit) as exit_info:
        main(["print", "badges"])  # --event is required
    assert exit_info.value.code == 2


def test_seed_events_needs_members(capsys):
    assert main(["seed", "--events", "2"]) == 1
    assert "还没有可以邀请的会员" in capsys.readouterr().err
    assert main(["seed", "--events", "-1"]) == 2
