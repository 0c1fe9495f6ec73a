"""Statuses and other code-valued parameters the check-in and event commands print read as
words in both languages: no raw status code (pending, other_event...) reaches the terminal."""

from __future__ import annotations

import pytest

from xzdesk.commands._messages import describe_code
from xzdesk.domain.events.codes import RegistrationStatus


@pytest.mark.parametrize("status", [s.value for s in RegistrationStatus])
def test_attended_but_not_approved_names_the_status_in_words(status):
    chinese, _sep, english = describe_code("checkin.attended_not_approved", {"status": status}).partition(" / ")
    assert status not in chinese and "此人已到场" in chinese, chinese
    assert english and "_" not in english, english


def test_a_guest_of_another_event_is_said_in_words():
    text = describe_code("events.not_a_guest", {"status": "other_event"})
    assert "other_event" not in text
    assert "另一场活动" in text and "another event" in text
