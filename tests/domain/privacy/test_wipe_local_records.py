"""A revoked laptop keeps nothing personal, local-only work records included."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.service import register_member
from xzdesk.domain.privacy.models import RightsRequest
from xzdesk.domain.privacy.rights import receive_request
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.service import create_staff
from xzdesk.domain.store.sync_state import wipe_personal_rows
from xzdesk.domain.uow import ActorInfo, unit_of_work


def _requests(store) -> int:
    with store.read() as s:
        return s.execute(select(func.count()).select_from(RightsRequest)).scalar_one()


def test_rights_requests_go_with_a_revocation_but_stay_on_a_scope_change(store, matchmaker):
    with unit_of_work(store, matchmaker) as uow:
        info = register_member(uow, draft=MemberDraft(name="张三丰", id_number="320302197001010012",
                                                       mobile="13812345678", district_code="320302"))  # fmt: skip
    with unit_of_work(store, ActorInfo("admin", Role.ADMIN)) as uow:
        officer = create_staff(uow, username="po", display_name="个保", role="privacy_officer",
                               district_code=None).actor()  # fmt: skip
    with unit_of_work(store, officer) as uow:
        receive_request(uow, member_no=info.member_no, kind="access", received_on=date(2026, 11, 2), channel="letter")
    with store.write_session() as s, s.begin():
        wipe_personal_rows(s, keep_inbox=True)  # scope change: the office's own work records stay
    assert _requests(store) == 1
    with store.write_session() as s, s.begin():
        wipe_personal_rows(s, keep_inbox=False)  # revoked
    assert _requests(store) == 0
