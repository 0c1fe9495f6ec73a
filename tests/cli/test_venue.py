"""`xzdesk venue ...` in-process: office and venue laptop as two data folders, a pack passing on
a "USB stick" folder both ways; refusals exit 1 with a message and no personal data."""

from __future__ import annotations

import re

import pytest

from tests.accounts import PASSWORD, cli_as, first_run
from tests.domain.checkin._factory import make_venue
from tests.domain.checkin.test_walk_ins import walk_in_draft
from xzdesk.app_context import AppContext
from xzdesk.cli import main
from xzdesk.domain.checkin import queries, service
from xzdesk.domain.staff.codes import Role


def _open(home, *, role: Role, username: str):
    ctx = AppContext.open(home=home)
    if ctx.needs_first_account:
        first_run(ctx, username=username, role=role)
    else:
        ctx.sign_in(username, PASSWORD)
    return ctx


def test_export_import_return_and_back(tmp_path, monkeypatch, capsys):
    office_home, venue_home, stick = tmp_path / "office", tmp_path / "venue", tmp_path / "stick"
    stick.mkdir()
    ctx = _open(office_home, role=Role.MATCHMAKER, username="mm")
    try:
        venue = make_venue(ctx.store, ctx.actor, men=2, women=2)
        with ctx.store.read() as s:
            code = queries.venue_events(s, device_id=ctx.store.device_id)[0].code
    finally:
        ctx.close()
    _open(venue_home, role=Role.EVENT_STAFF, username="door").close()

    monkeypatch.setenv("XZDESK_HOME", str(office_home))
    cli_as(monkeypatch, "mm")
    assert main(["venue", "export-pack", "--event", code, "-o", str(stick)]) == 0
    out = capsys.readouterr().out
    passphrase = re.search(r"pack passphrase: (\S+)", out).group(1)
    (pack,) = stick.glob("xzdesk-event-*.xzpack")
    assert code in pack.name and "王" not in out

    monkeypatch.setenv("XZDESK_HOME", str(venue_home))
    cli_as(monkeypatch, "door")
    assert main(["venue", "import-pack", str(pack)]) == 1  # no passphrase, no terminal
    assert "passphrase" in capsys.readouterr().err
    monkeypatch.setenv("XZDESK_PACK_PASSPHRASE", "WRONG-WRONG-WRONG-WRONG")
    assert main(["venue", "import-pack", str(pack)]) == 1
    assert "活动包口令不对" in capsys.readouterr().err
    monkeypatch.setenv("XZDESK_PACK_PASSPHRASE", passphrase.lower())
    assert main(["venue", "import-pack", str(pack)]) == 0
    assert "签到名单 check-in list +4" in capsys.readouterr().out
    ctx = AppContext.open(home=venue_home)
    ctx.sign_in("door", PASSWORD)
    try:
        with ctx.uow() as uow:
            service.record_scan(uow, event_id=venue.event_id, text=venue.tokens[venue.women[0]])
            service.register_walk_in(uow, event_id=venue.event_id, draft=walk_in_draft(sex=1))
    finally:
        ctx.close()
    monkeypatch.delenv("XZDESK_PACK_PASSPHRASE")
    assert main(["venue", "export-return", "--event", code, "-o", str(stick)]) == 0
    (back,) = stick.glob("xzdesk-return-*.xzpack")
    assert "scans 2" in capsys.readouterr().out

    monkeypatch.setenv("XZDESK_HOME", str(office_home))
    cli_as(monkeypatch, "mm")
    assert main(["venue", "import-pack", str(back)]) == 0
    out = capsys.readouterr().out
    assert "case files created 1" in out and "attended 2" in out
    assert main(["venue", "import-pack", str(back)]) == 0
    assert "imported before" in capsys.readouterr().out

    tampered = stick / "tampered.xzpack"
    data = bytearray(back.read_bytes())
    data[-40] ^= 1
    tampered.write_bytes(bytes(data))
    assert main(["venue", "import-pack", str(tampered)]) == 1
    assert "refused" in capsys.readouterr().err
    assert main(["venue", "import-pack", str(stick / "missing.xzpack")]) == 1


def test_an_older_pack_changes_nothing_and_the_passphrase_file_is_for_sync_prepared_laptops(tmp_path, monkeypatch,
                                                                                             capsys):  # fmt: skip
    office_home, venue_home, stick = tmp_path / "office", tmp_path / "venue", tmp_path / "stick"
    stick.mkdir()
    ctx = _open(office_home, role=Role.MATCHMAKER, username="mm")
    try:
        make_venue(ctx.store, ctx.actor, men=1, women=1)
        with ctx.store.read() as s:
            code = queries.venue_events(s, device_id=ctx.store.device_id)[0].code
    finally:
        ctx.close()
    _open(venue_home, role=Role.EVENT_STAFF, username="door").close()
    monkeypatch.setenv("XZDESK_PACK_PASSPHRASE", "K7Q2-9FHM-4TZD-8WXA-R3PN")
    monkeypatch.setenv("XZDESK_HOME", str(office_home))
    cli_as(monkeypatch, "mm")
    first, second = stick / "first.xzpack", stick / "second.xzpack"
    assert main(["venue", "export-pack", "--event", code, "-o", str(first)]) == 0
    assert main(["venue", "export-pack", "--event", code, "-o", str(second)]) == 0
    capsys.readouterr()

    monkeypatch.setenv("XZDESK_HOME", str(venue_home))
    cli_as(monkeypatch, "door")
    assert main(["venue", "import-pack", str(second)]) == 0
    capsys.readouterr()
    assert main(["venue", "import-pack", str(first)]) == 1  # the older pack arrives later: refused
    err = capsys.readouterr().err
    assert "第 1 号" in err and "number 2 was imported here already" in err and "changes nothing" in err
    assert main(["venue", "import-pack", str(second)]) == 0  # the same pack again: harmless, said so
    assert "imported before" in capsys.readouterr().out

    secret = tmp_path / "secret.txt"
    secret.write_text("MY-OWN-RETURN-PASSPHRASE", "utf-8")
    assert main(["venue", "export-return", "--event", code, "-o", str(stick), "--passphrase-file", str(secret)]) == 1
    assert "leave out --passphrase-file" in capsys.readouterr().err
    assert not list(stick.glob("xzdesk-return-*"))
    assert main(["venue", "export-return", "--event", code, "-o", str(stick)]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["venue", "export-return", "--help"])
    assert "only on a laptop prepared by sync" in " ".join(capsys.readouterr().out.split())
