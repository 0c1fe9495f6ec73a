"""The audit viewer has words for every action the domain writes: no raw code (matching.model_fit,
event.seat.swap, introduction.proposed...) reaches the Action column, in Chinese or English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

import xzdesk
from xzdesk.domain.events.codes import EventStatus, RegistrationStatus
from xzdesk.domain.introductions.codes import Stage
from xzdesk.domain.members.codes import MemberStatus
from xzdesk.domain.privacy.codes import RequestKind
from xzdesk.ui.app import install_translators
from xzdesk.ui.reports import messages as words

LITERAL = re.compile(r"""\.audit\(\s*"([a-z_]+(?:\.[a-z_]+)+)\"""")
# f-string actions and what they expand to
EXPANDED = (
    [f"member.status.{s.value}" for s in MemberStatus]
    + [f"event.status.{s.value}" for s in EventStatus]
    + [f"event.registration.{s.value}" for s in (RegistrationStatus.APPROVED, RegistrationStatus.WAITLISTED)]
    + [f"event.print.{d}" for d in ("badges", "sign-in", "tents", "seat_chart", "cards")]
    + [f"introduction.{s.value}" for s in Stage]
    + [f"rights.request.{k.value}" for k in RequestKind if k.value != "erasure"]
)
FALLBACKS = ("Event: other step",)


def written_actions() -> set[str]:
    root = Path(xzdesk.__file__).parent / "domain"
    found: set[str] = set()
    for path in root.rglob("*.py"):
        found.update(LITERAL.findall(path.read_text(encoding="utf-8")))
    return found | set(EXPANDED)


def test_the_scan_finds_the_actions_of_every_area():
    actions = written_actions()
    for code in ("matching.model_fit", "matching.model_adopt", "matching.model_withdraw", "matching.weights",
                 "member.create", "event.seat.swap", "checkin.reconcile", "member.link_confirm"):  # fmt: skip
        assert code in actions, code


@pytest.mark.parametrize("code", sorted(written_actions()))
def test_every_audit_action_has_words(qapp, code):
    text = words.action(code)
    assert text and text != code and code not in text, code
    assert text not in FALLBACKS, code
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), (code, text)  # no code fragment such as mutual_interest


@pytest.fixture
def chinese(qapp):
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def test_the_matching_actions_read_in_chinese(chinese):
    assert words.action("matching.model_adopt") == "采用配对模型"
    assert words.action("matching.model_withdraw") == "停用配对模型（恢复规则排序）"
    assert words.action("introduction.mutual_interest") == "介绍：互选有意"
    assert QCoreApplication.translate("Reports", "Seats swapped") == "交换座位"


def test_the_members_own_acts_online_say_who_did_them(qapp, ctx):
    from datetime import UTC, datetime

    from xzdesk.domain.privacy.dto import AuditRow
    from xzdesk.ui.ops import Ops
    from xzdesk.ui.reports.models import AuditTableModel

    ops = Ops(ctx)
    model = AuditTableModel(ctx, ops)
    row = AuditRow(seq=1, at=datetime.now(UTC), action="consent.withdraw.online", staff_id=None, staff_name=None,
                   member_no="XZ00000001", fields=("share_profile",), reason=None, device_id="x", by_member=True)  # fmt: skip
    assert model._who(row) == "The member, online"
    assert words.action(row.action) == "Consent withdrawn by the member online"
    ops.wait_idle()
