"""An erasure decided by the privacy officer on one laptop reaches the server and every other
laptop (real server over HTTP, SQLCipher laptops)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tests.sync.conftest import _template, laptops, server  # noqa: F401 - fixtures
from tests.sync.harness import LaptopFactory, add_user
from tests.sync.helpers import find_text, member_value, register
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.service import add_note
from xzdesk.domain.privacy.rights import erase_member_data, receive_request
from xzdesk.server.models import Erasure, ErasureAck, Record
from xzdesk.server.runner import ServerThread


def test_an_erasure_request_carried_out_here_reaches_the_server_and_the_other_laptops(
    server: ServerThread, laptops: LaptopFactory  # noqa: F811
) -> None:
    add_user(server, "mm", role="matchmaker", district="320302")
    add_user(server, "po", role="privacy_officer", district=None)
    office, privacy = laptops.make(server.url, "mm"), laptops.make(server.url, "po")
    try:
        member = register(office, name="欧阳修远", seq=7)
        keep = register(office, name="李四", seq=8)
        id_number, mobile = member_value(office, member, "id_number"), member_value(office, member, "mobile")
        with office.uow() as uow:
            add_note(uow, member_id=member, body="欧阳修远 周末有空")
        assert office.engine.sync_once().error is None
        assert privacy.engine.sync_once().error is None
        number = member_value(privacy, member, "member_no")
        with privacy.uow() as uow:
            request = receive_request(uow, member_no=number, kind="erasure", received_on=date.today(), channel="letter")
        result = erase_member_data(privacy.store, privacy.actor, request_id=request.id, clock=privacy.now)
        assert result.wal_bytes == 0 and privacy.engine.status().erasures_unreported == 1
        assert find_text(privacy, "欧阳修远", id_number, mobile) == []
        assert privacy.engine.sync_once().error is None
        assert privacy.engine.status().erasures_unreported == 0
        with server.app.state.db.read() as s:
            assert s.get(Erasure, member) is not None
            assert s.execute(select(Record.id).where(Record.member_id == member, Record.entity != "audit_log")).first() is None
        report = office.engine.sync_once()
        assert report.error is None and report.purged == [member] and report.wal_bytes_after_purge == 0
        assert find_text(office, "欧阳修远", id_number, mobile) == []
        assert member_value(office, keep, "name") == "李四"
        with office.store.read() as s:
            assert s.get(Member, member) is None
        with server.app.state.db.read() as s:
            acks = set(s.execute(select(ErasureAck.device_id).where(ErasureAck.member_id == member)).scalars())
            assert office.store.device_id in acks
    finally:
        office.close()
        privacy.close()
