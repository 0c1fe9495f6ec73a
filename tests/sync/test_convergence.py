"""The sync property test (sync.md "How we know it works").

A Hypothesis state machine drives 2-5 real laptops (SQLCipher files, the real client engine)
against the real server over HTTP on 127.0.0.1 with random offline edits (register, edit
fields, notes, consents, resolving conflicts, erasures), partial syncs and faults: dropped
responses, duplicated requests, a server restart while a batch is in flight, a laptop crash
before it applied an answer, clocks skewed by days or years. After a final full sync:

1. convergence: every laptop holds exactly the server's rows for its scope (one laptop sits in
   another district and must hold only that district's rows);
2. no acknowledged write lost, and every same-field concurrent edit produced a visible
   conflict: the server's results are replayed in server order through the three-way rule
   (base == current -> applied; new == current -> nothing; else -> a conflict record for that
   row, field and device), and the final values must match the server's;
3. exactly one record per insert, every outbox row acknowledged, no unexpected rejection;
4. no value of an erased member (name, ID number, mobile) in any table of any laptop, the WAL
   truncated right after each purge, and not a byte of it in the server's (plaintext) SQLite
   file or WAL.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import select

from tests.server.api import Api, resident_id
from tests.sync.harness import FAST, Laptop, LaptopFactory, add_user
from tests.sync.helpers import find_text, pull_only
from xzdesk.domain.errors import XzError
from xzdesk.domain.members.codes import ConsentType
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.service import (
    add_note,
    grant_consent,
    register_member,
    update_member,
    withdraw_consent,
)
from xzdesk.domain.store.base import to_jsonable
from xzdesk.domain.store.models import OutboxRow
from xzdesk.domain.store.sync_state import KEEP_ON_ERASURE, SyncErasure, erase_member
from xzdesk.server import auth
from xzdesk.server.models import AppliedMutation, Conflict, Device, Erasure, Record
from xzdesk.server.runner import ServerThread
from xzdesk.sync.conflicts import resolve_conflict
from xzdesk.sync.registry import all_specs, entity_spec

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
EDITS: dict[str, list[Any]] = {
    "employer": ["徐工集团", "中国矿业大学", "徐州地铁", "徐州市第一人民医院"],
    "occupation": ["工程师", "教师", "护士", "司机"],
    "height_cm": [158, 165, 172, 180],
    "union_no": ["1001", "1002", "1003"],
    "self_description": ["爱运动", "喜欢读书", "性格开朗"],
    "hobbies": [["羽毛球"], ["阅读", "旅行"], []],
}
OPTIONAL_CONSENTS = [ConsentType.MATCHING.value, ConsentType.SHARE_PROFILE.value, ConsentType.PUBLIC_DISPLAY.value]
EXPECTED_REJECTIONS = {"sync.member_erased"}
BASE = Path(tempfile.gettempdir()) / "xzdesk-sync-machine"


def unique_name(i: int) -> str:
    """Distinct names for one run (valid: CJK only, 3 characters)."""
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)] + GIVEN[
        (i // (len(SURNAMES) * len(GIVEN))) % len(GIVEN)
    ]


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        BASE.mkdir(exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(dir=BASE))
        self.server = ServerThread(f"sqlite:///{self.tmp / 'server.db'}", settings=FAST, max_lifetime_s=300).start()
        self.factory = LaptopFactory(self.tmp / "laptops", template=_template())
        self.laptops: list[Laptop] = []
        self.counter = 0
        self.people: dict[str, tuple[str, str, str]] = {}  # member id -> (name, id number, mobile)
        self.erased: set[str] = set()
        self.log: dict[tuple[str, int], dict[str, Any]] = {}  # (device, seq) -> outbox row as pushed
        self.officer: Api | None = None

    # --- set-up and helpers -------------------------------------------------------------------
    @initialize(n=st.integers(min_value=2, max_value=5), other_district=st.booleans())
    def setup(self, n: int, other_district: bool) -> None:
        for i in range(n):
            district = "320303" if other_district and i == n - 1 and n > 2 else "320302"
            add_user(self.server, f"mm{i}", district=district)
            self.laptops.append(self.factory.make(self.server.url, f"mm{i}", batch_size=3, page_size=7))
        add_user(self.server, "officer", role="privacy_officer", district=None)
        self.officer = Api(self.server.url, "officer")
        for laptop in self.laptops[:2]:
            self._register(laptop)
            self._sync(laptop)

    def teardown(self) -> None:
        try:
            if self.laptops:
                self._final_checks()
        finally:
            for laptop in self.laptops:
                laptop.close()
            if self.officer is not None:
                self.officer.close()
            self.server.dispose()
            shutil.rmtree(self.tmp, ignore_errors=True)

    def _pick(self, data: st.DataObject) -> Laptop:
        return self.laptops[data.draw(st.integers(0, len(self.laptops) - 1), label="laptop")]

    def _local_members(self, laptop: Laptop) -> list[str]:
        with laptop.store.read() as s:
            return sorted(s.execute(select(Member.id).where(Member.status != "archived")).scalars())

    def _register(self, laptop: Laptop) -> str | None:
        self.counter += 1
        i = self.counter
        name = unique_name(i)
        birth = f"{1980 + i % 20}{(i % 12) + 1:02d}{(i % 27) + 1:02d}"
        id_number = resident_id(birth=birth, seq=f"{(i * 2) % 1000:03d}", region="320302")
        mobile = f"13{i:09d}"
        draft = MemberDraft(name=name, id_number=id_number, mobile=mobile,
                            district_code=laptop.actor.district_code or "320302")  # fmt: skip
        with laptop.uow() as uow:
            member_id = register_member(uow, draft=draft).id
        self.people[member_id] = (name, id_number, mobile)
        return member_id

    def _capture(self, laptop: Laptop) -> None:
        """Remember every outbox row as it is before a push (seqs are never reused)."""
        with laptop.store.read() as s:
            for row in s.execute(select(OutboxRow)).scalars():
                key = (laptop.store.device_id, row.seq)
                data = {"entity": row.entity, "entity_id": row.entity_id, "op": row.op, "fields": row.fields,
                        "base": row.base, "idempotency_key": row.idempotency_key}  # fmt: skip
                assert self.log.setdefault(key, data) == data, "an outbox seq was reused with another payload"

    def _sync(self, laptop: Laptop) -> str | None:
        self._capture(laptop)
        report = laptop.engine.sync_once()
        if report.purged:
            assert report.wal_bytes_after_purge == 0, "WAL not truncated after a purge"
        return report.error

    # --- offline work -------------------------------------------------------------------------
    @rule(data=st.data())
    def register(self, data: st.DataObject) -> None:
        self._register(self._pick(data))

    @rule(data=st.data(), field=st.sampled_from(sorted(EDITS)))
    def edit(self, data: st.DataObject, field: str) -> None:
        laptop = self._pick(data)
        members = self._local_members(laptop)
        if not members:
            return
        member_id = data.draw(st.sampled_from(members), label="member")
        value = data.draw(st.sampled_from(EDITS[field]), label="value")
        with laptop.uow() as uow:
            update_member(uow, member_id=member_id, changes={field: value})

    @rule(data=st.data())
    def note(self, data: st.DataObject) -> None:
        laptop = self._pick(data)
        members = self._local_members(laptop)
        if members:
            with laptop.uow() as uow:
                add_note(uow, member_id=data.draw(st.sampled_from(members)), body="回访记录")

    @rule(data=st.data(), ctype=st.sampled_from(OPTIONAL_CONSENTS), grant=st.booleans())
    def consent(self, data: st.DataObject, ctype: str, grant: bool) -> None:
        laptop = self._pick(data)
        members = self._local_members(laptop)
        if not members:
            return
        member_id = data.draw(st.sampled_from(members))
        try:
            with laptop.uow() as uow:
                if grant:
                    grant_consent(uow, member_id=member_id, type=ctype, channel="paper_form")
                else:
                    withdraw_consent(uow, member_id=member_id, type=ctype)
        except XzError as exc:
            assert exc.code == "members.consent_not_active"

    @rule(data=st.data(), choice=st.sampled_from(["mine", "theirs"]))
    def resolve(self, data: st.DataObject, choice: str) -> None:
        laptop = self._pick(data)
        open_ = [c for c in laptop.engine.conflicts() if not c.resolved_here]
        if not open_:
            return
        conflict = data.draw(st.sampled_from(open_), label="conflict")
        try:
            with laptop.uow() as uow:
                resolve_conflict(uow, conflict_id=conflict.id, choice=choice)  # type: ignore[arg-type]
        except XzError as exc:  # the member may have gone (erased) meanwhile
            assert exc.code in ("members.not_found", "sync.conflict_not_found"), exc

    @rule(data=st.data(), on_server=st.booleans())
    def erase(self, data: st.DataObject, on_server: bool) -> None:
        laptop = self._pick(data)
        members = [m for m in self._local_members(laptop) if m not in self.erased]
        if not members:
            return
        member_id = data.draw(st.sampled_from(members), label="erased")
        self.erased.add(member_id)
        if on_server:
            assert self.officer is not None
            r = self.officer.http.post("/sync/v1/erasures", json={"member_id": member_id})
            if r.status_code == 404 and r.json()["code"] == "erasure.unknown_member":
                self.erased.discard(member_id)  # not on the server yet: nothing erased, no laptop told
                return
            assert r.status_code == 200, r.text
        else:
            info = erase_member(laptop.store, member_id)
            assert info.wal_bytes == 0

    # --- syncs and faults ---------------------------------------------------------------------
    @rule(data=st.data())
    def sync(self, data: st.DataObject) -> None:
        assert self._sync(self._pick(data)) is None

    @rule(data=st.data())
    def pull_without_push(self, data: st.DataObject) -> None:
        laptop = self._pick(data)
        report = pull_only(laptop)
        if report.purged:
            assert report.wal_bytes_after_purge == 0

    @rule(data=st.data(), drops=st.integers(1, 3))
    def dropped_responses(self, data: st.DataObject, drops: int) -> None:
        laptop = self._pick(data)
        laptop.transport.drop_next(drops)
        error = self._sync(laptop)
        assert error in (None, "sync.offline")
        laptop.transport.drop_next(0)

    @rule(data=st.data())
    def duplicated_requests(self, data: st.DataObject) -> None:
        laptop = self._pick(data)
        laptop.transport.duplicate_next(2)
        assert self._sync(laptop) is None
        laptop.transport.duplicate_next(0)

    @rule(data=st.data())
    def server_restart_mid_batch(self, data: st.DataObject) -> None:
        laptop = self._pick(data)
        laptop.transport.drop_next(1)
        laptop.transport.before_raise = self.server.restart
        assert self._sync(laptop) == "sync.offline"
        laptop.transport.before_raise = None

    @rule(data=st.data())
    def crash_before_acknowledging(self, data: st.DataObject) -> None:
        laptop = self._pick(data)
        laptop.transport.drop_next(1)  # the answer never gets applied ...
        assert self._sync(laptop) == "sync.offline"
        laptop.reopen()  # ... and the process dies

    @rule(data=st.data(), days=st.sampled_from([-3, 2, 9, 365 * 70]))
    def clock_skew(self, data: st.DataObject, days: int) -> None:
        self._pick(data).set_skew(timedelta(days=days))

    # --- cheap invariant after every step ----------------------------------------------------
    @invariant()
    def purged_members_leave_no_outbox_rows(self) -> None:
        for laptop in self.laptops:
            with laptop.store.read() as s:
                gone = set(s.execute(select(SyncErasure.member_id)).scalars())
                if gone:
                    rows = s.execute(select(OutboxRow.seq).where(
                        OutboxRow.member_id.in_(sorted(gone)), OutboxRow.entity.not_in(sorted(KEEP_ON_ERASURE))
                    )).all()  # fmt: skip
                    assert rows == [], "outbox rows of a purged member survived"

    # --- the final checks ---------------------------------------------------------------------
    def _final_sync(self) -> None:
        for laptop in self.laptops:
            laptop.transport.drop_next(0)
            laptop.transport.duplicate_next(0)
        for _ in range(4):
            for laptop in self.laptops:
                assert self._sync(laptop) is None
        quiet = all(laptop.engine.status().pending == 0 for laptop in self.laptops)
        assert quiet, "outboxes not empty after the final sync"
        for laptop in self.laptops:  # one more pull each: nothing new may arrive
            report = laptop.engine.sync_once()
            assert report.error is None and report.pushed == 0

    def _server_rows(self, device_id: str) -> dict[str, dict[str, dict[str, Any]]]:
        out: dict[str, dict[str, dict[str, Any]]] = {}
        with self.server.app.state.db.read() as s:
            device = s.get(Device, device_id)
            assert device is not None
            query = select(Record).where(Record.deleted.is_(False), auth.scope_filter(Record, device))
            for rec in s.execute(query).scalars():
                out.setdefault(rec.entity, {})[rec.id] = {**json.loads(rec.fields), "version": rec.version}
        return out

    def _laptop_rows(self, laptop: Laptop) -> dict[str, dict[str, dict[str, Any]]]:
        out: dict[str, dict[str, dict[str, Any]]] = {}
        with laptop.store.read() as s:
            for spec in all_specs():
                table = spec.model.__table__  # type: ignore[attr-defined]
                for row in s.execute(select(table)).mappings():
                    values = {k: to_jsonable(row[k]) for k in spec.columns}
                    values["version"] = row["version"]
                    out.setdefault(spec.name, {})[row["id"]] = values
        return out

    def _final_checks(self) -> None:
        self._final_sync()
        with self.server.app.state.db.read() as s:
            for row in s.execute(select(AppliedMutation)).scalars():
                result = json.loads(row.result)
                assert result["status"] != "rejected" or result["code"] in EXPECTED_REJECTIONS, (row.entity, result)
        with self.server.app.state.db.read() as s:
            never_held = self.erased - set(s.execute(select(Erasure.member_id)).scalars())
        # 1. convergence (the audit trail of a member erased here before the server ever held it
        # stays on its laptop only: nothing of that member goes out)
        for laptop in self.laptops:
            server_rows = self._server_rows(laptop.store.device_id)
            local_rows = self._laptop_rows(laptop)
            for spec in all_specs():
                theirs, mine = server_rows.get(spec.name, {}), local_rows.get(spec.name, {})
                if spec.keep_on_erasure:
                    mine = {k: v for k, v in mine.items() if v.get("member_id") not in never_held}
                extra = {k: mine[k] for k in set(mine) - set(theirs)}
                missing = {k: theirs[k] for k in set(theirs) - set(mine)}
                assert not extra and not missing, f"{laptop.name}: {spec.name} rows differ: {extra=} {missing=}"
                for rid, values in theirs.items():
                    local = dict(mine[rid])
                    if spec.local_append_only:  # immutable locally: the version stays as inserted
                        local["version"] = values["version"]
                    diff = {k: (local.get(k), values.get(k)) for k in {*local, *values} if local.get(k) != values.get(k)}
                    assert not diff, f"{laptop.name}: {spec.name} {rid} differs (local, server): {diff}"
        # 2. and 3. replay the server's results in server order
        with self.server.app.state.db.read() as s:
            applied = s.execute(select(AppliedMutation).order_by(AppliedMutation.server_seq,
                                                                 AppliedMutation.seq)).scalars().all()  # fmt: skip
            conflicts = {(c.entity, c.entity_id, c.field, c.device_id) for c in s.execute(select(Conflict)).scalars()}
            records = {(r.entity, r.id): json.loads(r.fields) for r in s.execute(select(Record)).scalars()}
            erased = set(s.execute(select(Erasure.member_id)).scalars())
        # a member erased on its laptop before the server ever held it is not registered (no
        # tombstone goes out for an id the server never held): nothing of it is on the server
        assert erased <= self.erased
        never_held = self.erased - erased
        assert not any(row.member_id in never_held or row.entity_id in never_held for row in applied)
        assert not any(rid in never_held or fields.get("member_id") in never_held for (_e, rid), fields in records.items())
        state: dict[tuple[str, str], dict[str, Any]] = {}
        owner: dict[tuple[str, str], str | None] = {}  # record -> its member, from the insert
        for row in applied:
            mutation = self.log.get((row.device_id, row.seq))
            assert mutation is not None, "the server applied something no laptop sent"
            result = json.loads(row.result)
            assert result["status"] != "rejected" or result["code"] in EXPECTED_REJECTIONS, result
            key = (mutation["entity"], mutation["entity_id"])
            spec = entity_spec(key[0])
            assert spec is not None
            if result["status"] == "rejected":
                continue
            tracked = set(spec.columns) - spec.derived - spec.max_fields - {"id"}
            if mutation["op"] == "insert":
                if result["status"] == "applied":
                    assert key not in state, "one insert, two records"
                    state[key] = {f: mutation["fields"].get(f) for f in tracked}
                    owner[key] = key[1] if spec.is_member_root else (
                        mutation["fields"].get(spec.member_column) if spec.member_column else None
                    )
                continue
            current = state[key]
            for field, new in mutation["fields"].items():
                if field not in tracked or new == current.get(field):
                    continue
                if mutation["base"].get(field) == current.get(field):
                    assert field in result["applied_fields"], (mutation, result)
                    current[field] = new
                elif owner[key] not in erased:  # (an erasure deletes the conflict records too)
                    # a concurrent edit of the same field: it must be visible as a conflict
                    assert field in result["conflict_fields"], (mutation, result)
                    assert (key[0], key[1], field, row.device_id) in conflicts, "conflict not recorded"
        for key, expected in state.items():
            if owner[key] in erased and not (entity_spec(key[0]) or all_specs()[0]).keep_on_erasure:
                assert key not in records, f"erased member's record survived: {key}"
                continue
            assert key in records, f"acknowledged insert missing: {key}"
            stored = records[key]
            for field, value in expected.items():
                assert stored.get(field) == value, f"acknowledged write lost: {key} {field}"
        # 4. erased members leave no trace
        for member_id in self.erased:
            secrets = self.people.get(member_id)
            if secrets is None:
                continue
            for laptop in self.laptops:
                assert find_text(laptop, *secrets) == [], f"{laptop.name} still holds an erased member"
            for file in (self.tmp / "server.db", self.tmp / "server.db-wal"):
                if file.exists():
                    raw = file.read_bytes()
                    for secret in secrets[1:]:  # ID number and mobile are unique in this run
                        assert secret.encode() not in raw, f"erased value on the server's disk ({file.name})"


_TEMPLATE: list[LaptopFactory] = []


def _template() -> LaptopFactory:
    """One migrated laptop template per process (removed at exit)."""
    if not _TEMPLATE:
        BASE.mkdir(exist_ok=True)
        folder = Path(tempfile.mkdtemp(dir=BASE))
        atexit.register(shutil.rmtree, folder, True)
        _TEMPLATE.append(LaptopFactory(folder))
    return _TEMPLATE[0]


SUPPRESS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


class TestSyncConvergence(SyncMachine.TestCase):  # type: ignore[misc,valid-type]
    settings = settings(max_examples=6, stateful_step_count=25, deadline=None, suppress_health_check=SUPPRESS,
                        database=None)  # fmt: skip


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("XZDESK_SLOW") and os.environ.get("HYPOTHESIS_PROFILE") != "slow",
                    reason="long run: set XZDESK_SLOW=1 or HYPOTHESIS_PROFILE=slow")  # fmt: skip
class TestSyncConvergenceLong(SyncMachine.TestCase):  # type: ignore[misc,valid-type]
    settings = settings(max_examples=150, stateful_step_count=60, deadline=None, suppress_health_check=SUPPRESS,
                        database=None)  # fmt: skip
