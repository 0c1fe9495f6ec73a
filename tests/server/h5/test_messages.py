"""Nobody sees a raw code: every refusal the member app raises, and every field problem code of
the case editor's validation, has a Chinese sentence."""

from __future__ import annotations

import re
from pathlib import Path

from xzdesk.server.h5.messages import FALLBACK, INELIGIBLE_WORDS, MESSAGES, message

H5 = Path(__file__).resolve().parents[3] / "xzdesk" / "server" / "h5"
DOMAIN = Path(__file__).resolve().parents[3] / "xzdesk" / "domain"


def test_every_page_error_code_has_words() -> None:
    raised = set()
    for path in H5.rglob("*.py"):
        raised |= set(re.findall(r'PageError\(\d+, "([a-z0-9_.]+)"', path.read_text(encoding="utf-8")))
    for path in (H5 / "templates").glob("*.html"):
        raised |= set(re.findall(r'message\("([a-z0-9_.]+)"', path.read_text(encoding="utf-8")))
    raised |= set(re.findall(r'"(h5\.[a-z_]+)"', (H5 / "auth_routes.py").read_text(encoding="utf-8")))
    assert raised, "the scan found nothing"
    assert sorted(raised - set(MESSAGES)) == []


def test_every_validation_code_of_a_registration_has_words() -> None:
    codes = set()
    for name in ("members/validation.py", "members/identity.py"):
        codes |= set(re.findall(r'"((?:members|identity)\.[a-z_]+)"', (DOMAIN / name).read_text(encoding="utf-8")))
    codes.discard("members.duplicate")  # online: a link request, never this message
    assert sorted(codes - set(MESSAGES)) == []


def test_every_ineligibility_has_words() -> None:
    from xzdesk.domain.events.codes import Ineligibility

    assert {i.value for i in Ineligibility} <= set(INELIGIBLE_WORDS)
    assert message("h5.not_eligible", {"reasons": ["age", "sector"]}).count("；") == 1
    assert message("no.such.code") == FALLBACK
