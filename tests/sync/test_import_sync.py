"""A roster imported on one laptop (the import's bulk commit writes its own outbox rows, issue 15)
is pushed, accepted and pulled by another laptop of the district, row for row."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from tests.domain.spreadsheets.helpers import person, roster_rows, write_xlsx
from tests.sync.harness import LaptopFactory, add_user
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.spreadsheets import ImportOptions, analyse_import, commit_import
from xzdesk.server.runner import ServerThread

SKIP = {"version"}


def _rows(laptop, model, **where):
    with laptop.store.read() as s:
        query = select(model).where(*(getattr(model, k) == v for k, v in where.items()))
        return sorted(({c.key: getattr(r, c.key) for c in model.__table__.columns if c.key not in SKIP | {"seq"}}
                       for r in s.execute(query).scalars()), key=lambda r: r["id"])  # fmt: skip


def test_an_imported_roster_reaches_the_other_laptop(server: ServerThread, laptops: LaptopFactory,
                                                     tmp_path: Path) -> None:  # fmt: skip
    add_user(server, "one")
    add_user(server, "two")
    a, b = laptops.make(server.url, "one"), laptops.make(server.url, "two")
    path = write_xlsx(tmp_path / "roster.xlsx", roster_rows([person(n, 姓名=f"单{'甲乙丙丁戊己庚辛'[n]}")
                                                             for n in range(8)]))  # fmt: skip
    preview = analyse_import(a.store, path, actor=a.actor, options=ImportOptions(consents=("basic", "sensitive")))
    with a.uow() as uow:
        assert commit_import(uow, preview).created == 8
    report = a.engine.sync_once()
    assert report.error is None and report.rejected == 0 and report.acked == report.pushed > 0
    assert a.engine.status().pending == 0
    assert b.engine.sync_once().error is None
    members = _rows(a, Member)
    assert len(members) == 8 and _rows(b, Member) == members
    assert members[0]["name_pinyin"].startswith("shan ") and members[0]["hobbies"] == ["羽毛球", "旅行"]
    consents = _rows(a, Consent)
    assert len(consents) == 16 and _rows(b, Consent) == consents
    created = _rows(a, AuditEntry, action="member.create")
    assert len(created) == 8 and _rows(b, AuditEntry, action="member.create") == created
    a.close()
    b.close()
