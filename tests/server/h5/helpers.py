"""Shared steps of the member web app tests: a member registered through the real pages."""

from __future__ import annotations

from typing import Any

from tests.server.api import resident_id
from tests.server.h5.conftest import Browser

FORM_DEFAULTS: dict[str, Any] = {
    "district_code": "320302", "base_union": "徐工集团工会", "employer": "徐工集团", "education": "21",
    "height_cm": "172", "consent": ["basic", "share_profile", "public_display", "matching"],
    "tag": ["读书", "徒步"], "own_tags": "跳舞", "req_age_min": "24", "req_age_max": "36",
}  # fmt: skip


def register(browser: Browser, *, name: str, mobile: str, birth: str = "19950505", seq: str = "011",
             sign_in: bool = True, **extra: Any) -> Any:  # fmt: skip
    """Sign in (unless already) and register; odd `seq` = man, even = woman."""
    if sign_in:
        browser.sign_in(mobile)
    browser.get("/m/register")
    form = {**FORM_DEFAULTS, "name": name, "mobile": mobile, "id_number": resident_id(birth, seq, "320302"), **extra}
    return browser.post("/m/register", form)
