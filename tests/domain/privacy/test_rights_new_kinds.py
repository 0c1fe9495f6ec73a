"""The PIPL rights beyond a copy and erasure: correction and supplement (Art. 46), an explanation
of the rules applied (Art. 48) and withdrawal of consent (Art. 15). Same due dates as the others;
each done through the area's own service (case-file edit, consent service), audited by field
names only, refusable with a reason."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.domain.events._factory import People
from tests.domain.privacy._world import add_staff
from xzdesk.domain.errors import PermissionDenied, ValidationError, XzError
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.privacy.codes import RequestKind, RequestStatus
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.privacy.rights import (
    complete_correction,
    complete_explanation,
    complete_withdrawal,
    receive_request,
    refuse_request,
)
from xzdesk.domain.privacy.workdays import add_working_days
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.uow import unit_of_work

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


@pytest.fixture
def member(store, matchmaker):
    mid = People().make(store, matchmaker, sex=1, age=30, consents=("basic", "matching", "share_profile"))
    with store.read() as s:
        return mid, s.get(Member, mid).member_no


@pytest.fixture
def officer(store, matchmaker):
    return add_staff(store, username="po", name="周隐私", role=Role.PRIVACY_OFFICER)


def receive(store, officer, number, kind):
    with unit_of_work(store, officer, clock=lambda: NOW) as uow:
        return receive_request(uow, member_no=number, kind=kind, received_on=NOW.date(), channel="in_person")


@pytest.mark.parametrize("kind", ["correction", "explanation", "withdrawal"])
def test_the_new_kinds_have_the_same_due_date_and_can_be_refused(store, officer, member, kind):
    _mid, number = member
    req = receive(store, officer, number, kind)
    assert req.kind == kind and req.due_on == add_working_days(NOW.date()).due
    with unit_of_work(store, officer, clock=lambda: NOW) as uow:
        refused = refuse_request(uow, request_id=req.id, reason="资料经核对无误")
    assert refused.status == RequestStatus.REFUSED and refused.reason == "资料经核对无误"
    with store.read() as s:
        assert s.execute(select(AuditEntry.action).where(AuditEntry.action == f"rights.{kind}.refused")).scalar_one()
    assert set(RequestKind) == {"access", "correction", "explanation", "withdrawal", "erasure"}


def test_a_correction_goes_through_the_case_file_edit_and_records_the_fields(store, officer, member):
    mid, number = member
    req = receive(store, officer, number, "correction")
    with unit_of_work(store, officer, clock=lambda: NOW) as uow:
        done = complete_correction(uow, request_id=req.id, changes={"height_cm": 178, "employer": "徐州地铁集团"})
    assert done.status == RequestStatus.DONE and done.outcome_fields == ("employer", "height_cm")
    with store.read() as s:
        m = s.get(Member, mid)
        assert m.height_cm == 178 and m.employer == "徐州地铁集团"
        entries = {e.action: e for e in s.execute(select(AuditEntry).where(AuditEntry.member_id == mid)).scalars()}
        assert sorted(entries["member.edit"].fields) == ["employer", "height_cm"]  # the case-file edit's own entry
        assert sorted(entries["rights.correction.done"].fields) == ["employer", "height_cm"]
        assert "徐州地铁" not in str(entries["rights.correction.done"].fields)


def test_a_correction_is_validated_like_any_edit_and_nothing_is_half_written(store, officer, member):
    mid, number = member
    req = receive(store, officer, number, "correction")
    with pytest.raises(ValidationError), unit_of_work(store, officer, clock=lambda: NOW) as uow:
        complete_correction(uow, request_id=req.id, changes={"mobile": "12345", "height_cm": 178})
    with store.read() as s:
        same = {"district_code": s.get(Member, mid).district_code}
    for changes in ({}, same):  # nothing asked, or the value is already right: refuse with a reason instead
        with pytest.raises(XzError) as exc, unit_of_work(store, officer, clock=lambda: NOW) as uow:
            complete_correction(uow, request_id=req.id, changes=changes)
        assert exc.value.code == "rights.nothing_to_correct"
    with store.read() as s:
        assert s.get(Member, mid).height_cm != 178
    # a matchmaker cannot close a rights request, even with members.edit
    matchmaker_actor = add_staff(store, username="mm2", name="钱红娘", role=Role.MATCHMAKER)
    with pytest.raises(PermissionDenied), unit_of_work(store, matchmaker_actor) as uow:
        complete_correction(uow, request_id=req.id, changes={"height_cm": 178})


def test_a_withdrawal_withdraws_the_chosen_consents_through_the_consent_service(store, officer, member):
    mid, number = member
    req = receive(store, officer, number, "withdrawal")
    with unit_of_work(store, officer, clock=lambda: NOW) as uow:
        done = complete_withdrawal(uow, request_id=req.id, types=["matching", "share_profile"])
    assert done.outcome_fields == ("matching", "share_profile")
    with store.read() as s:
        live = set(s.execute(select(Consent.type).where(Consent.member_id == mid, Consent.withdrawn_at.is_(None))).scalars())
        assert live == {"basic"}
        actions = list(s.execute(select(AuditEntry.action).where(AuditEntry.member_id == mid)).scalars())
        assert actions.count("consent.withdraw") == 2 and "rights.withdrawal.done" in actions
    # a consent not in force: the whole request stays open, nothing withdrawn
    again = receive(store, officer, number, "withdrawal")
    with pytest.raises(XzError) as exc, unit_of_work(store, officer, clock=lambda: NOW) as uow:
        complete_withdrawal(uow, request_id=again.id, types=["basic", "matching"])
    assert exc.value.code == "members.consent_not_active"
    with store.read() as s:
        assert s.execute(select(Consent.id).where(Consent.member_id == mid, Consent.type == "basic",
                                                  Consent.withdrawn_at.is_(None))).first()  # fmt: skip


def test_the_explanation_is_a_plain_language_pdf_for_that_member(store, officer, member, tmp_path):
    mid, number = member
    req = receive(store, officer, number, "explanation")
    with unit_of_work(store, officer, clock=lambda: NOW) as uow:
        info = complete_explanation(uow, request_id=req.id, directory=tmp_path)
    assert info.path.exists() and info.path.name == f"explanation-{number}-20261125.pdf" and info.pages >= 1
    reader = PdfReader(str(info.path))
    text = "".join(page.extract_text() for page in reader.pages).replace(" ", "").replace("\n", "")
    for heading in ("我们保存了您的哪些信息", "您目前的同意情况", "配对推荐怎样使用您的信息", "统计报表怎样使用您的信息",
                    "保存多久", "您的权利"):  # fmt: skip
        assert heading in text, heading
    assert number in text and "<5" in text
    # worded after this member's own consents: matching yes, sensitive data no
    assert "您同意了算法匹配" in text and "您没有同意处理敏感信息" in text
    with store.read() as s:
        m = s.get(Member, mid)
        for secret in (m.name, m.id_number, m.mobile):
            assert secret not in text
        assert s.execute(select(AuditEntry.fields).where(AuditEntry.action == "rights.explanation.done")).scalar_one()
    assert reader.metadata.title and number not in reader.metadata.title

    with unit_of_work(store, officer, clock=lambda: NOW) as uow:
        assert receive_request(uow, member_no=number, kind="explanation", received_on=date(2026, 11, 25),
                               channel="letter").status == RequestStatus.OPEN  # a new one may come later
