"""A consent withdrawn in the member web app has the consequences a withdrawal on a laptop has:
the introductions it makes impossible end (withdrawn, reason consent_withdrawn), the member
leaves matching, all exactly once however many laptops sync and however often, audited as the
member's own act in a hash chain every laptop can check. Real server on 127.0.0.1, two
matchmakers' laptops of the district syncing over HTTP."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from tests.server.h5.conftest import Browser
from tests.server.h5.helpers import register
from tests.server.h5.laptops import verify_all
from tests.sync.harness import FAST, add_user, server_db
from xzdesk.domain.introductions import service as introductions
from xzdesk.domain.introductions.models import Introduction
from xzdesk.domain.matching.queries import load_profiles
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.privacy.audit import online_device_id, verify_chain
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.privacy.queries import audit_rows
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.store.models import OutboxRow
from xzdesk.domain.store.sync_state import SyncConflict
from xzdesk.domain.uow import ActorInfo
from xzdesk.server.h5.sms import FileSmsGateway
from xzdesk.server.runner import ServerThread

AUDITOR = ActorInfo("00000000-0000-7000-8000-0000000a0d17", Role.AUDITOR, None, "审计")


def _laptop_state(laptop: Any, woman: str, intro_id: str) -> dict[str, Any]:
    with laptop.store.read() as s:
        intro = s.get(Introduction, intro_id)
        entries = s.execute(select(AuditEntry).where(AuditEntry.device_id == online_device_id("320302"))
                            .order_by(AuditEntry.seq)).scalars().all()  # fmt: skip
        return {
            "consent": s.execute(select(Consent.withdrawn_at).where(Consent.member_id == woman,
                                                                    Consent.type == "share_profile")).scalar_one(),  # fmt: skip
            "intro": (intro.stage, intro.withdraw_reason),
            "online": sorted((e.action, e.member_id) for e in entries),
            "seqs": [e.seq for e in entries],
            "chain": verify_chain(s).intact,
            "outbox": s.execute(select(func.count()).select_from(OutboxRow)).scalar(),
            "conflicts": s.execute(select(func.count()).select_from(SyncConflict)).scalar(),
        }


def test_online_withdrawal_reaches_two_laptops_with_its_consequences_exactly_once(tmp_path: Any, laptops: Any) -> None:
    with server_db("sqlite", tmp_path / "srv") as url, ServerThread(url, settings=FAST, max_lifetime_s=300) as srv:
        srv.app.state.h5.gateway = FileSmsGateway(tmp_path / "sms.txt")
        add_user(srv, "mm", district="320302")
        add_user(srv, "mm2", district="320302")
        him, her = (Browser(srv.app, srv.app.state.h5.gateway) for _ in range(2))
        assert register(him, name="张伟", mobile="13800000041", seq="011").status_code == 200
        assert register(her, name="李娜", mobile="13800000042", seq="022").status_code == 200
        first, second = laptops.make(srv.url, "mm"), laptops.make(srv.url, "mm2")
        try:
            first.engine.sync_once()
            with first.store.read() as s:
                ids = dict(s.execute(select(Member.sex, Member.id)).all())
            man, woman = ids[1], ids[2]
            verify_all(first, [man, woman])
            with first.uow() as uow:
                intro = introductions.propose_introduction(uow, member_a=man, member_b=woman)
            first.engine.sync_once()
            second.engine.sync_once()
            with second.store.read() as s:
                assert s.get(Introduction, intro.id).stage == "proposed"

            her.get("/m/me")
            r = her.post("/m/me/consents/share_profile/withdraw", {})
            assert r.status_code == 200 and "已撤回，立即生效" in r.text

            for laptop in (second, first, second, first):  # in any order, and again: nothing more happens
                laptop.engine.sync_once()
            states = [_laptop_state(lp, woman, intro.id) for lp in (first, second)]
            for state in states:
                assert state["consent"] is not None
                assert state["intro"] == ("withdrawn", "consent_withdrawn")
                assert state["online"] == sorted([("consent.withdraw.online", woman), ("introduction.withdrawn", man),
                                                  ("introduction.withdrawn", woman)])  # fmt: skip
                assert state["chain"] and state["outbox"] == 0 and state["conflicts"] == 0
            with second.uow() as uow:
                check = introductions.check_pair(uow, member_a=man, member_b=woman)
                assert "introductions.consent_missing" in {p.code for p in check.blocking}
            with second.store.read() as s:
                rows = audit_rows(s, states[1]["seqs"], actor=AUDITOR)
                assert rows and all(r.by_member and r.staff_id is None for r in rows)
                pool = {p.member_id: p.consent_matching for p in load_profiles(s, today=date.today())}
                assert pool == {man: True, woman: False}  # she left the matching pool on every laptop

            # A second withdrawal online (matching) audits once more in the same chain, still intact.
            assert her.post("/m/me/consents/matching/withdraw", {}).status_code == 200
            first.engine.sync_once()
            again = _laptop_state(first, woman, intro.id)
            assert again["chain"] and ("consent.withdraw.online", woman) in again["online"]
            assert len(again["online"]) == 4 and again["intro"] == ("withdrawn", "consent_withdrawn")
        finally:
            first.close()
            second.close()
