"""A registration's status has one wording everywhere (ui/events/labels.py): the 活动 screen's
table, the venue's manual search, the scan banner and the office's after-event problems say the
same words, and no sentence ever shows the raw code."""

from __future__ import annotations

import pytest

from xzdesk.domain.errors import XzError
from xzdesk.domain.events.codes import RegistrationStatus
from xzdesk.ui.app import install_translators
from xzdesk.ui.checkin import messages as checkin_words
from xzdesk.ui.events.labels import registration_status
from xzdesk.ui.messages import describe


@pytest.fixture
def chinese(qapp):
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def test_every_status_has_its_words_and_the_venue_uses_them(chinese):
    words = {s.value: registration_status(s.value) for s in RegistrationStatus}
    assert words["pending"] == "待审核" and words["waitlisted"] == "候补" and words["attended"] == "已签到"
    assert all(w and w != code for code, w in words.items())
    # no second wording in the venue's words: where they name it, it is this one
    assert getattr(checkin_words, "registration_status", registration_status) is registration_status


@pytest.mark.parametrize("status", ["pending", "waitlisted", "cancelled"])
def test_an_unapproved_arrival_names_the_status_in_words(chinese, status):
    text = describe(XzError("checkin.attended_not_approved", status=status))
    assert registration_status(status) in text and status not in text


def test_in_english_too(qapp):
    install_translators(qapp, "en")
    text = describe(XzError("checkin.attended_not_approved", status="waitlisted"))
    assert "(status: Waiting list)" in text and "waitlisted" not in text
