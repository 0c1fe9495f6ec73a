"""Synthetic Xuzhou members for demos, tests and benchmarks (`xzdesk seed --members N`).

Deterministic: the same seed on a database with the same number of members gives the same people with
the same ids; seeding again adds different people.
Plausible, not real: names from common surnames and given-name characters, resident IDs with
Xuzhou region codes and valid check digits, mobiles in real number ranges, employers and base
unions of Xuzhou, hobbies, partner requirements, statuses, consents and verification facts.

Seeded rows are bulk-inserted without sync outbox rows, and the database is marked as holding
demo data (`local_meta.demo_data`), so it is never pushed to a real server. Runs in batches with
progress and cancel; the caller owns the transaction (a cancel rolls everything back).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import uuid_utils
from sqlalchemy import func, insert, select

from xzdesk.domain.changes import Area
from xzdesk.domain.members import codes
from xzdesk.domain.members.codes import (
    ConsentType,
    Education,
    Evidence,
    Marital,
    MemberStatus,
    VerificationKind,
)
from xzdesk.domain.members.identity import check_char
from xzdesk.domain.members.models import Consent, FollowUp, Member, Note, Verification
from xzdesk.domain.members.names import name_keys
from xzdesk.domain.members.service import member_number
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.store.indexes import indexes_built_after
from xzdesk.domain.store.models import DEMO_DATA, LocalMeta
from xzdesk.domain.store.outbox import insert_unsynced
from xzdesk.domain.uow import UnitOfWork

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任"
    "卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严"
)
COMPOUND = ("欧阳", "司马", "上官", "诸葛", "尉迟")
MALE_CHARS = "伟强磊军洋勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳文博峰志毅"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀玲桂英慧巧美倩雪琳晶婷颖露瑶怡佳梦欣悦雯蕾薇璐嘉月"
EMPLOYERS: tuple[tuple[str, str], ...] = (
    ("徐工集团工程机械股份有限公司", "manufacturing"),
    ("徐州矿务集团有限公司", "energy"),
    ("徐州地铁集团有限公司", "transport"),
    ("徐州市公共交通有限责任公司", "transport"),
    ("徐州市第一人民医院", "health"),
    ("徐州医科大学附属医院", "health"),
    ("徐州市中心医院", "health"),
    ("徐州市妇幼保健院", "health"),
    ("中国矿业大学", "education"),
    ("江苏师范大学", "education"),
    ("徐州工程学院", "education"),
    ("徐州市第一中学", "education"),
    ("徐州市鼓楼区实验小学", "education"),
    ("国网徐州供电公司", "energy"),
    ("中国移动徐州分公司", "it"),
    ("中国邮政集团徐州市分公司", "public_service"),
    ("徐州市人民政府政务服务中心", "public_service"),
    ("江苏银行徐州分行", "finance"),
    ("徐州农村商业银行", "finance"),
    ("维维食品饮料股份有限公司", "manufacturing"),
    ("徐州重型机械有限公司", "manufacturing"),
    ("徐州港务集团有限公司", "transport"),
    ("徐州市建筑设计研究院", "construction"),
    ("徐州苏宁广场", "retail"),
    ("徐州市消防救援支队", "public_service"),
)
HOBBIES = (
    "羽毛球 旅行 阅读 跑步 摄影 烹饪 电影 音乐 健身 游泳 篮球 足球 爬山 书法 绘画 瑜伽 钓鱼 唱歌 "
    "跳舞 桌游 园艺 宠物 手工 茶艺 骑行 乒乓球 网球 象棋 围棋 露营"
).split()
OCCUPATIONS = ("工程师", "教师", "护士", "医生", "技术员", "会计", "公务员", "司机", "销售", "设计师", "研究员", "客服")
MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                   "157", "158", "159", "166", "177", "180", "181", "182", "183", "187", "188", "189", "199")  # fmt: skip
STATUS_WEIGHTS = (
    (MemberStatus.ACTIVE, 70), (MemberStatus.REGISTERED, 9), (MemberStatus.VERIFIED, 8), (MemberStatus.PAUSED, 5),
    (MemberStatus.IN_RELATIONSHIP, 4), (MemberStatus.MARRIED, 2), (MemberStatus.WITHDRAWN, 2),
)  # fmt: skip
EDUCATION_WEIGHTS = (
    (Education.DOCTORATE, 2), (Education.MASTER, 10), (Education.BACHELOR, 45), (Education.JUNIOR_COLLEGE, 25),
    (Education.TECHNICAL_SECONDARY, 10), (Education.HIGH_SCHOOL, 8),
)  # fmt: skip
BATCH = 2000
BULK_INDEX_AFTER = 20_000  # members seeded into an empty list: indexes built at the end (store.indexes)
SEED_EPOCH_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z: seeded ids are ordered from here


@dataclass(frozen=True)
class SeedReport:
    members: int
    staff: int
    consents: int
    verifications: int
    notes: int
    follow_ups: int


class _Ids:
    """Deterministic UUIDv7 strings from the seed's random stream."""

    def __init__(self, rng: random.Random, start_ms: int) -> None:
        self.rng = rng
        self.ms = start_ms

    def __call__(self) -> str:
        self.ms += 1
        rand = self.rng.getrandbits(74)
        value = (self.ms << 80) | (0x7 << 76) | ((rand >> 62) << 64) | (0b10 << 62) | (rand & ((1 << 62) - 1))
        return str(uuid_utils.UUID(int=value))


class _Weighted:
    """One weighted draw from (item, weight) pairs (`random.choices` with its cumulative weights
    worked out once: the same draws as passing the weights)."""

    def __init__(self, pairs: tuple[tuple[Any, int], ...]) -> None:
        self.items = [item for item, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))

    def __call__(self, rng: random.Random) -> Any:
        return rng.choices(self.items, cum_weights=self.cumulative)[0]


_STATUS = _Weighted(STATUS_WEIGHTS)
_EDUCATION = _Weighted(EDUCATION_WEIGHTS)
_MARITAL = _Weighted(((Marital.NEVER_MARRIED, 85), (Marital.DIVORCED, 12), (Marital.WIDOWED, 1), (Marital.UNSPECIFIED, 2)))
_REFERRALS = [r.value for r in codes.ReferralSource]
_VERIFIED_BY = [(kind.value, evidence.value) for kind, evidence in (
    (VerificationKind.REAL_NAME, Evidence.ID_CARD_SEEN),
    (VerificationKind.UNION_MEMBERSHIP, Evidence.UNION_ROSTER),
    (VerificationKind.EMPLOYMENT, Evidence.UNION_ROSTER),
    (VerificationKind.DECLARATION, Evidence.SIGNED_FORM),
)]  # fmt: skip


def _id_number(rng: random.Random, birth: date, sex: int, used: set[str]) -> str:
    while True:
        region = rng.choice(codes.XUZHOU_ID_REGIONS)
        seq = rng.randrange(0, 100) * 10 + (rng.choice((1, 3, 5, 7, 9)) if sex == 1 else rng.choice((0, 2, 4, 6, 8)))
        first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
        number = first17 + check_char(first17)
        if number not in used:
            used.add(number)
            return number


def _mobile(rng: random.Random, used: set[str]) -> str:
    while True:
        number = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        if number not in used:
            used.add(number)
            return number


def _name(rng: random.Random, sex: int) -> str:
    surname = rng.choice(COMPOUND) if rng.random() < 0.01 else rng.choice(SURNAMES)
    chars = MALE_CHARS if sex == 1 else FEMALE_CHARS
    given = "".join(rng.choice(chars) for _ in range(1 if rng.random() < 0.3 else 2))
    return surname + given


def _staff(uow: UnitOfWork, ids: _Ids, per_district: int) -> list[tuple[str, str]]:
    """Matchmakers per district (created once; reused by later seeds). Returns (id, district)."""
    existing = uow.session.execute(
        select(Staff.id, Staff.district_code).where(Staff.role == Role.MATCHMAKER.value, Staff.district_code.is_not(None))
    ).all()
    if existing:
        return [(sid, d) for sid, d in existing if d]
    rows = []
    rng = ids.rng
    for n, code in enumerate(codes.DISTRICTS):
        for k in range(per_district):
            sid = ids()
            display = rng.choice(SURNAMES) + rng.choice(FEMALE_CHARS + MALE_CHARS) + "红娘"
            rows.append({
                "id": sid, "version": 0, "username": f"mm{n:02d}{k}", "display_name": display,
                "role": Role.MATCHMAKER.value, "district_code": code, "active": True, "created_at": uow.now,
            })  # fmt: skip
    uow.session.execute(insert(Staff), rows)
    return [(r["id"], r["district_code"]) for r in rows]


def _member_rows(
    rng: random.Random, ids: _Ids, count: int, *, today: date, now: datetime, uow: UnitOfWork,
    matchmakers: dict[str, list[str]], used_ids: set[str], used_mobiles: set[str],
) -> Iterator[tuple[list[dict[str, Any]], ...]]:  # fmt: skip
    districts = list(codes.DISTRICTS)
    used_numbers: set[str] = set(uow.session.execute(select(Member.member_no)).scalars())
    for _ in range(count):
        member_id = ids()
        while member_number(member_id) in used_numbers:  # 40-bit numbers: rare, but possible
            member_id = ids()
        used_numbers.add(member_number(member_id))
        sex = 1 if rng.random() < 0.5 else 2
        age = int(rng.triangular(22, 45, 29))
        birth = today - timedelta(days=age * 365 + rng.randrange(0, 364))
        name = _name(rng, sex)
        pinyin, initials = name_keys(name)
        id_number = _id_number(rng, birth, sex, used_ids)
        mobile = _mobile(rng, used_mobiles)
        district = rng.choice(districts)
        employer, sector = rng.choice(EMPLOYERS)
        status = _STATUS(rng)
        marital = _MARITAL(rng)
        children = "none"
        if marital in (Marital.DIVORCED, Marital.WIDOWED) and rng.random() < 0.5:
            children = rng.choice(("living_with", "not_living_with"))
        height = int(rng.gauss(173 if sex == 1 else 161, 6))
        education = _EDUCATION(rng)
        if sex == 1:
            age_min, age_max = max(20, age - 8), age + 1
            h_min, h_max = (150, 175)
        else:
            age_min, age_max = max(22, age - 2), age + 7
            h_min, h_max = (min(height + 3, 180), 195)
        verified = status not in (MemberStatus.REGISTERED,)
        created = now - timedelta(days=rng.randrange(1, 900))
        last_activity = created + timedelta(days=rng.randrange(0, max(1, (now - created).days)))
        mm = rng.choice(matchmakers[district]) if matchmakers.get(district) else None
        member = {
            "id": member_id, "version": 0, "member_no": member_number(member_id), "name": name,
            "name_pinyin": pinyin, "name_initials": initials,
            "nickname": None if rng.random() < 0.7 else rng.choice(("小", "阿")) + name[-1],
            "sex": sex, "birth_date": birth, "id_number": id_number, "id_hmac": uow.blind_index("id", id_number),
            "mobile": mobile, "mobile_hmac": uow.blind_index("mobile", mobile), "mobile_last4": mobile[-4:],
            "wechat": None, "district_code": district, "hukou_place": "江苏省徐州市", "employer": employer,
            "base_union": employer + "工会", "union_no": f"{rng.randrange(10**9):09d}" if rng.random() < 0.8 else None,
            "sector": sector, "occupation": rng.choice(OCCUPATIONS), "education": int(education),
            "height_cm": max(145, min(205, height)), "weight_kg": None, "marital_status": int(marital),
            "children": children, "income_band": rng.choice(("lt50k", "50k_100k", "100k_200k", "200k_300k")),
            "housing": rng.choice(("own", "own_mortgage", "rent", "with_family", "dormitory")),
            "has_car": rng.random() < 0.45, "hobbies": rng.sample(HOBBIES, rng.randint(1, 5)),
            "self_description": None, "req_age_min": age_min, "req_age_max": age_max,
            "req_height_min": h_min, "req_height_max": h_max,
            "req_education_min": int(Education.JUNIOR_COLLEGE) if rng.random() < 0.4 else None,
            "req_districts": rng.sample(districts, 3) if rng.random() < 0.2 else [],
            "req_marital": ["10"] if rng.random() < 0.3 else [],
            "req_children_ok": rng.random() < 0.6, "req_other": None, "req_importance": {},
            "matchmaker_id": mm, "status": status.value,
            "referral_source": rng.choice(_REFERRALS),
            "fraud_flag": rng.random() < 0.003, "fraud_flag_reason": None, "verified": verified,
            "created_at": created, "updated_at": last_activity, "last_activity_at": last_activity,
        }  # fmt: skip
        if member["fraud_flag"]:
            member["fraud_flag_reason"] = "demo"
        collector = mm or next(iter(matchmakers.values()))[0]
        consent_types = [ConsentType.BASIC.value, ConsentType.SENSITIVE.value]
        if status != MemberStatus.REGISTERED:
            consent_types.append(ConsentType.SHARE_PROFILE.value)
            if rng.random() < 0.92:
                consent_types.append(ConsentType.MATCHING.value)
        consents = [
            {"id": ids(), "version": 0, "member_id": member_id, "type": t,
             "notice_version": codes.CURRENT_NOTICE_VERSION, "granted_at": created, "channel": "paper_form",
             "collected_by": collector, "withdrawn_at": None, "withdrawn_by": None}
            for t in consent_types
        ]  # fmt: skip
        verifications = []
        if verified:
            for kind, evidence in _VERIFIED_BY:
                verifications.append({
                    "id": ids(), "version": 0, "member_id": member_id, "kind": kind,
                    "evidence": evidence, "checked_by": collector, "checked_at": created, "remark": None,
                })  # fmt: skip
        notes = []
        if rng.random() < 0.1:
            notes.append({"id": ids(), "version": 0, "member_id": member_id, "author_id": collector,
                          "created_at": last_activity, "body": "电话回访：本人对近期活动感兴趣。"})  # fmt: skip
        follow_ups = []
        if rng.random() < 0.05:
            follow_ups.append({
                "id": ids(), "version": 0, "member_id": member_id, "kind": "general",
                "due_date": today + timedelta(days=rng.randrange(-3, 10)), "assigned_to": collector,
                "title": "回访", "created_at": now, "done_at": None, "done_by": None, "outcome": None,
            })  # fmt: skip
        yield [member], consents, verifications, notes, follow_ups


def seed_members(
    uow: UnitOfWork,
    *,
    count: int,
    seed: int = 0,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> SeedReport:
    """Insert `count` synthetic members (and matchmakers if none exist). Caller commits."""
    # Deterministic for (seed, members already present): seeding twice adds different people.
    existing = uow.session.execute(select(func.count()).select_from(Member)).scalar_one()
    rng = random.Random(f"xzdesk-seed-{seed}-{existing}")
    ids = _Ids(rng, SEED_EPOCH_MS + seed * 10**9 + existing * 100)
    today = uow.today()
    now = uow.now.astimezone(UTC)
    staff = _staff(uow, ids, per_district=3)
    matchmakers: dict[str, list[str]] = {}
    for sid, district in staff:
        matchmakers.setdefault(district, []).append(sid)
    used_ids = set(uow.session.execute(select(Member.id_number)).scalars())
    used_mobiles = set(uow.session.execute(select(Member.mobile)).scalars())
    totals = [0, 0, 0, 0, 0]
    buffers: list[list[dict[str, Any]]] = [[], [], [], [], []]
    tables = (Member, Consent, Verification, Note, FollowUp)

    def flush() -> None:
        for table, rows in zip(tables, buffers, strict=True):
            if rows:
                insert_unsynced(uow.session, table, rows)  # one executemany of plain tuples per table
                rows.clear()

    produced = 0
    # A big fill of an empty list (a demo or benchmark database) builds its indexes at the end.
    fill = indexes_built_after(uow.session, tables) if existing == 0 and count >= BULK_INDEX_AFTER else nullcontext()
    rows = _member_rows(rng, ids, count, today=today, now=now, uow=uow, matchmakers=matchmakers,
                        used_ids=used_ids, used_mobiles=used_mobiles)  # fmt: skip
    with fill:
        for member_parts in rows:
            for i, part in enumerate(member_parts):
                buffers[i].extend(part)
                totals[i] += len(part)
            produced += 1
            if produced % BATCH == 0:
                cancel.check()
                flush()
                progress(produced / max(1, count), "seed.members")
        flush()
    uow.session.merge(LocalMeta(key=DEMO_DATA, value="1"))
    uow.audit("seed.members", fields=[f"count:{count}"])
    uow.mark(Area.MEMBERS)
    progress(1.0, "seed.members")
    return SeedReport(
        members=totals[0], staff=len(staff), consents=totals[1], verifications=totals[2],
        notes=totals[3], follow_ups=totals[4],
    )  # fmt: skip
