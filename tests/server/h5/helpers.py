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


def seed_member(app: Any, *, mobile: str, name: str = "李雷", birth: str = "19950505", seq: str = "011",
                district: str = "320302", verified: bool = True, consents: tuple[str, ...] = ("basic",),
                hobbies: tuple[str, ...] = ("读书",), **values: Any) -> str:  # fmt: skip
    """A case file on the server as a laptop would have pushed it (verified and active by
    default) and an online account for its mobile; returns the member id."""
    from datetime import UTC, datetime

    from xzdesk.domain.members.names import name_keys
    from xzdesk.domain.members.service import member_number
    from xzdesk.domain.store.engine import compute_blind_index
    from xzdesk.domain.store.ids import new_id
    from xzdesk.server.h5.records import RecordWriter
    from xzdesk.server.h5.tables import MemberAccount

    h5 = app.state.h5
    now = datetime.now(UTC)
    member_id = new_id()
    id_number = resident_id(birth, seq, "320302")
    pinyin, initials = name_keys(name)
    mobile_hmac = compute_blind_index(h5.blind_key, "mobile", mobile).hex()
    row = dict(
        id=member_id, member_no=member_number(member_id), name=name, name_pinyin=pinyin, name_initials=initials,
        sex=1 if int(seq) % 2 else 2, birth_date=f"{birth[:4]}-{birth[4:6]}-{birth[6:]}", id_number=id_number,
        id_hmac=compute_blind_index(h5.blind_key, "id", id_number).hex(), mobile=mobile, mobile_hmac=mobile_hmac,
        mobile_last4=mobile[-4:], district_code=district, status="active" if verified else "registered",
        verified=verified, hobbies=list(hobbies), created_at=now.isoformat(), updated_at=now.isoformat(),
        last_activity_at=now.isoformat(), **values,
    )  # fmt: skip
    with h5.db.write() as s:
        writer = RecordWriter(s, now)
        writer.insert("member", row, member_id=member_id)
        for ctype in consents:
            writer.insert("consent", {"id": new_id(), "member_id": member_id, "type": ctype, "notice_version": "2026-01",
                                      "granted_at": now.isoformat(), "channel": "paper_form", "collected_by": new_id()},
                          member_id=member_id)  # fmt: skip
        s.add(MemberAccount(id=new_id(), mobile_hmac=mobile_hmac, member_id=member_id, pending_request_id=None,
                            created_at=now, closed_at=None))  # fmt: skip
    return member_id


def seed_event(app: Any, *, capacity: int = 40, status: str = "open", days_ahead: int = 10, district: str = "320302",
               quota_male: int | None = None, quota_female: int | None = None, name: str = "周末读书联谊会",
               **values: Any) -> str:  # fmt: skip
    """An event on the server as the organiser's laptop would have pushed it."""
    import secrets
    from datetime import UTC, datetime, timedelta

    from xzdesk.domain.store.ids import new_id
    from xzdesk.domain.tokens import event_code_from_id
    from xzdesk.server.h5.records import RecordWriter

    now = datetime.now(UTC)
    event_id = new_id()
    row = dict(
        id=event_id, code=event_code_from_id(event_id), name=name, kind="mixer",
        event_date=(now + timedelta(days=days_ahead)).date().isoformat(), start_time="14:00", end_time="17:00",
        venue="云龙湖畔职工之家", capacity=capacity, quota_male=quota_male, quota_female=quota_female,
        district_code=district, status=status, token_key=secrets.token_hex(32), created_at=now.isoformat(),
        updated_at=now.isoformat(), **values,
    )  # fmt: skip
    with app.state.h5.db.write() as s:
        RecordWriter(s, now).insert("event", row, member_id=None)
    return event_id


def seed_held_event(app: Any, people: list[tuple[str, int, str]], *, present: set[str] | None = None,
                    days_ago: int = 1) -> tuple[str, dict[str, str]]:  # fmt: skip
    """A held event with approved registrations, roster rows and check-ins, as the office and
    venue laptops would have pushed them. `people`: (member id, sex, polite name). Returns the
    event id and {member id: registration id}."""
    import secrets
    from datetime import UTC, datetime, timedelta

    from xzdesk.domain.store.ids import new_id
    from xzdesk.domain.tokens import event_code_from_id, mint_token
    from xzdesk.server.h5.records import RecordWriter

    now = datetime.now(UTC)
    event_id = new_id()
    key = secrets.token_bytes(32)
    regs: dict[str, str] = {}
    counters = {1: 0, 2: 0}
    with app.state.h5.db.write() as s:
        w = RecordWriter(s, now)
        w.insert("event", dict(
            id=event_id, code=event_code_from_id(event_id), name="七夕联谊会", kind="mixer",
            event_date=(now - timedelta(days=days_ago)).date().isoformat(), start_time="14:00", venue="职工之家",
            capacity=40, district_code="320302", status="held", token_key=key.hex(), created_at=now.isoformat(),
            updated_at=now.isoformat()), member_id=None)  # fmt: skip
        for member_id, sex, name in people:
            counters[sex] += 1
            reg_id = regs[member_id] = new_id()
            plate = f"{'M' if sex == 1 else 'F'}{counters[sex]:02d}"
            token = mint_token(event_code_from_id(event_id), key)
            w.insert("registration", dict(
                id=reg_id, event_id=event_id, member_id=member_id, source="online", status="approved",
                requested_at=now.isoformat(), plate=plate, token=token, created_at=now.isoformat(),
                updated_at=now.isoformat()), member_id=member_id)  # fmt: skip
            w.insert("checkin_roster", dict(
                id=reg_id, event_id=event_id, office_district="320302", member_id=member_id, plate=plate,
                name_masked=name[0] + "*", display_name=name, sex=sex, status="approved", token=token,
                updated_at=now.isoformat()), member_id=member_id)  # fmt: skip
            if present is None or member_id in present:
                w.insert("checkin_scan", dict(
                    id=new_id(), event_id=event_id, office_district="320302", device_id=new_id(),
                    scanned_at=now.isoformat(), method="scanner", token=token, verdict="checked_in",
                    registration_id=reg_id, member_id=member_id, plate=plate, checkin_key=f"{reg_id}/0"),
                    member_id=member_id)  # fmt: skip
    return event_id, regs


PLANTED_CONSENTS = ("basic", "share_profile", "matching")
N_PLANTED_EVENTS = 10


def seed_planted_union(app: Any, *, seed: int = 7) -> dict[str, Any]:
    """People with hidden tastes (men say yes to women younger than themselves, women to men of
    175 cm or more; 10 % of answers flipped) who met at held events and handed in cards. One
    woman never consented to matching: her cards and the cards about her are not used."""
    from datetime import UTC, datetime

    import numpy as np

    from xzdesk.domain.store.ids import new_id
    from xzdesk.server.h5.records import RecordWriter

    rng = np.random.default_rng(seed)
    men, women = [], []
    for i in range(24):
        age = int(rng.integers(24, 40))
        sex = 1 + i % 2
        height = int(rng.normal(174, 6)) if sex == 1 else int(rng.normal(161, 5))
        refuser = i == 1
        member_id = seed_member(app, mobile=f"1380000{i:04d}", name=f"王{'伟' if sex == 1 else '芳'}{i}",
                                birth=f"{2026 - age}0303", seq=f"{2 * i + sex:03d}",  # odd: a man
                                consents=("basic", "share_profile") if refuser else PLANTED_CONSENTS, height_cm=height)  # fmt: skip
        (men if sex == 1 else women).append((member_id, age, height))
    noisy = lambda x: bool(x) if rng.random() > 0.1 else not x  # noqa: E731
    for _ in range(N_PLANTED_EVENTS):
        m_idx = rng.choice(len(men), 6, replace=False)
        w_idx = rng.choice(len(women), 6, replace=False)
        people = [(men[i][0], 1, "王先生") for i in m_idx] + [(women[j][0], 2, "王女士") for j in w_idx]
        event_id, regs = seed_held_event(app, people, days_ago=int(rng.integers(2, 60)))
        ticks: dict[str, list[str]] = {regs[m[0]]: [] for m in (men[i] for i in m_idx)}
        ticks.update({regs[w[0]]: [] for w in (women[j] for j in w_idx)})
        for i in m_idx:
            for j in w_idx:
                (m, m_age, m_height), (w, w_age, _h) = men[i], women[j]
                if noisy(w_age < m_age):
                    ticks[regs[m]].append(regs[w])
                if noisy(m_height >= 175):
                    ticks[regs[w]].append(regs[m])
        now = datetime.now(UTC)
        with app.state.h5.db.write() as s:
            w = RecordWriter(s, now)
            for owner, ticked in ticks.items():
                member = next(mid for mid, rid in regs.items() if rid == owner)
                w.insert("interest_card", {
                    "id": new_id(), "event_id": event_id, "office_district": "320302",
                    "owner_registration_id": owner, "member_id": member, "ticked": ticked, "supersedes": None,
                    "voided": False, "entered_by": None, "entered_at": now.isoformat(), "device_id": new_id(),
                }, member_id=member)  # fmt: skip
    return {"men": men, "women": women, "refuser": women[0][0]}
