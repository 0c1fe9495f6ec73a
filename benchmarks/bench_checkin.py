"""Check-in benchmarks on a venue laptop (encrypted SQLite file on disk, as in the field).

- checkin.scan_to_verdict: `record_scan` as the panel runs it, one unit of work per scan
  (parse, HMAC under the event key, roster lookup by the (event, token) index, check-in in force
  by the (event, registration) index, insert, commit), at 1,000 registrations with a mix of
  first check-ins, repeats and garbage; p50/p95 against the 30 ms target. Baseline in the same
  run: the naive way, which reads every registration and every scan of the event and searches them
  in Python (then records the scan the same way).
- checkin.verdict_only: the judging part alone, in a read session (no write, no commit).
- checkin.pack_export / checkin.pack_import: an event pack with 1,000 roster rows and the scans
  above (scrypt key derivation included), and its import on a second laptop.
"""

from __future__ import annotations

import random
import secrets
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from _common import percentile, report, scale
from sqlalchemy import select

import xzdesk.domain.events.service  # noqa: F401  (loaded once by the app; kept out of the timed export)
from xzdesk.domain.checkin import packs, service
from xzdesk.domain.checkin.codes import ScanMethod, Verdict
from xzdesk.domain.checkin.models import CheckinRoster, CheckinScan
from xzdesk.domain.events.models import Event
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.store.engine import Store
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.tokens import event_code_from_id, mint_token, new_event_key, parse_token, verify_token
from xzdesk.domain.uow import ActorInfo, unit_of_work

SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
TARGET_MS = 30.0


def make_laptop(folder: Path, name: str) -> tuple[Store, ActorInfo]:
    store = Store.open(folder / f"{name}.db", key=secrets.token_bytes(32))
    with unit_of_work(store, None) as uow:
        staff = Staff(username=name, display_name=name, role=Role.MATCHMAKER.value, district_code=None, active=True,
                      created_at=uow.now)  # fmt: skip
        uow.session.add(staff)
        uow.session.flush()
        actor = ActorInfo(staff.id, Role.MATCHMAKER, None, name)
    return store, actor


def make_event(store: Store, n: int) -> tuple[str, list[str]]:
    """An open event and `n` approved registrations on the roster; returns the tokens."""
    event_id = new_id()
    key = new_event_key()
    code = event_code_from_id(event_id)
    tokens = []
    with unit_of_work(store, None) as uow:
        uow.session.add(Event(id=event_id, version=0, code=code, name="五月花青年联谊会", kind="mixer",
                              event_date=date(2026, 6, 20), start_time="14:30", venue="工人文化宫", capacity=n,
                              age_bands=[], sectors=[], districts=[], marital=[], verified_only=False,
                              district_code="320302", status="open", token_key=key, created_at=uow.now,
                              updated_at=uow.now))  # fmt: skip
        for i in range(n):
            sex = 1 + i % 2
            token = mint_token(code, key)
            tokens.append(token)
            surname = SURNAMES[i % len(SURNAMES)]
            uow.session.add(CheckinRoster(
                id=new_id(), version=0, event_id=event_id, office_district="320302", member_id=new_id(),
                plate=f"{'MF'[sex - 1]}{i // 2 + 1:02d}", name_masked=surname + "*",
                display_name=surname + ("先生" if sex == 1 else "女士"), nickname=None, sex=sex,
                table_label=str(i // 10 + 1), mobile_last4=f"{i:04d}", status="approved", token=token,
                walk_in=False, updated_at=uow.now,
            ))  # fmt: skip
    return event_id, tokens


def scan_texts(tokens: list[str], count: int, rng: random.Random) -> list[str]:
    """First check-ins in random order, with repeats and garbage mixed in (lower case as a
    Caps-Lock scanner types)."""
    order = rng.sample(tokens, min(count, len(tokens)))
    out = []
    for i, token in enumerate(order):
        out.append(token.lower() if i % 3 == 0 else token)
        if i % 10 == 5:
            out.append(rng.choice(order[: i + 1]))  # already checked in
        if i % 10 == 8:
            out.append("HTTPS://WEIXIN.QQ.COM/R/" + secrets.token_hex(6))  # not a badge
    return out[:count]


def naive_scan(uow, *, event_id: str, text: str) -> str:  # type: ignore[no-untyped-def]
    """The baseline: read every registration and every scan of the event, search in Python."""
    event = uow.session.get(Event, event_id)
    rows = list(uow.session.execute(select(CheckinRoster).where(CheckinRoster.event_id == event_id)).scalars())
    scans = list(uow.session.execute(select(CheckinScan).where(CheckinScan.event_id == event_id)).scalars())
    verdict, row = Verdict.UNKNOWN, None
    try:
        parsed = parse_token(text)
    except Exception:
        parsed = None
    if parsed is not None and verify_token(parsed, event.token_key):
        row = next((r for r in rows if r.token == parsed.text), None)
        if row is not None:
            done = any(s.registration_id == row.id and s.verdict == Verdict.CHECKED_IN for s in scans)
            verdict = Verdict.ALREADY if done else Verdict.CHECKED_IN
    uow.session.add(CheckinScan(
        id=new_id(), version=0, event_id=event_id, office_district="320302", device_id=uow.device_id,
        staff_id=None, scanned_at=datetime.now(UTC), method=ScanMethod.SCANNER.value, token=text[:64].upper(),
        verdict=verdict.value, detail=None, registration_id=row.id if row else None, member_id=None,
        plate=row.plate if row else None, checkin_key=None, earlier_scan_id=None, duplicate_of=None,
    ))  # fmt: skip
    return verdict.value


def timed(fn, texts):  # type: ignore[no-untyped-def]
    samples, verdicts = [], []
    for text in texts:
        t0 = time.perf_counter()
        verdicts.append(fn(text))
        samples.append((time.perf_counter() - t0) * 1000)
    return samples, verdicts


def main() -> None:
    n = scale(1000)
    count = scale(400)
    rng = random.Random(6)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store, actor = make_laptop(folder, "office")
        event_id, tokens = make_event(store, n)
        half = len(tokens) // 2

        def ours(text: str) -> str:
            with unit_of_work(store, actor) as uow:
                return service.record_scan(uow, event_id=event_id, text=text).verdict

        def baseline(text: str) -> str:
            with unit_of_work(store, actor) as uow:
                return naive_scan(uow, event_id=event_id, text=text)

        # each method checks in its own half of the roster, so both see the same mix
        ours_ms, ours_v = timed(ours, scan_texts(tokens[:half], count, rng))
        base_ms, _ = timed(baseline, scan_texts(tokens[half:], count, rng))
        report("checkin.scan_to_verdict", n=n, samples_ms=ours_ms, target_ms=TARGET_MS,
               baseline_ms=percentile(base_ms, 95), baseline="read all registrations and scans, search in Python",
               scans=len(ours_ms), checked_in=ours_v.count("checked_in"), already=ours_v.count("already"),
               unknown=ours_v.count("unknown"))  # fmt: skip

        event = None
        with store.read() as s:
            event = s.get(Event, event_id)
            texts = scan_texts(tokens, count, rng)
            judge_ms, _ = timed(lambda t: service._judge_token(s, event, t, now=datetime.now(UTC))[0].verdict, texts)
        report("checkin.verdict_only", n=n, samples_ms=judge_ms, target_ms=TARGET_MS)

        t0 = time.perf_counter()
        with unit_of_work(store, actor) as uow:
            pack = packs.export_event_pack(uow, event_id=event_id, passphrase="K7Q2-9FHM-4TZD-8WXA-R3PN")
        export_ms = (time.perf_counter() - t0) * 1000
        report("checkin.pack_export", n=n, value_ms=export_ms, bytes=len(pack.data),
               scans=pack.counts["checkin_scan"])  # fmt: skip
        venue, door = make_laptop(folder, "venue")
        t0 = time.perf_counter()
        with unit_of_work(venue, door) as uow:
            result = packs.import_pack(uow, data=pack.data, passphrase="k7q2 9fhm 4tzd 8wxa r3pn")
        import_ms = (time.perf_counter() - t0) * 1000
        report("checkin.pack_import", n=n, value_ms=import_ms, rows=sum(result.added.values()))
        t0 = time.perf_counter()
        with unit_of_work(venue, door) as uow:
            again = packs.import_pack(uow, data=pack.data, passphrase="k7q2 9fhm 4tzd 8wxa r3pn")
        report("checkin.pack_reimport", n=n, value_ms=(time.perf_counter() - t0) * 1000, changed=again.changed)
        venue.close()
        store.close()


if __name__ == "__main__":
    main()
