"""The rows of seeded members, made batch by batch as the database stores them (see seed.py).

`member_batches(plan)` continues the seed's random stream from `plan` and yields, per batch, the
rows of the five tables as plain tuples in `COLUMNS` order, every value already converted by its
column's bind processor (dates and timestamps as SQLite text, flags as integers, lists as JSON):
the writer hands them to the driver unchanged. Repeated values (a timestamp so many days before
now, a birth date, a list of hobbies) are converted once. Members leave out their two blind
indexes (`id_hmac`, `mobile_hmac`, the last two columns): the writer adds them under the
organisation's key, which never leaves the writing process.

Nothing here reads the database or the clock, so the batches can be made in another process
(seed.py streams them from one for big seeds) or in the writer's own.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import uuid_utils
from sqlalchemy import Table

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
OCCUPATIONS = (
    "工程师",
    "教师",
    "护士",
    "医生",
    "技术员",
    "会计",
    "公务员",
    "司机",
    "销售",
    "设计师",
    "研究员",
    "客服",
)
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

# The columns of each table's tuples, in tuple order (every column of the table; a member's two
# blind indexes last, added by the writer).
MEMBER_BLIND = ("id_hmac", "mobile_hmac")
COLUMNS: dict[Table, tuple[str, ...]] = {
    Member.__table__: (
        "id", "version", "member_no", "name", "name_pinyin", "name_initials", "nickname", "sex", "birth_date",
        "id_number", "mobile", "mobile_last4", "wechat", "district_code", "hukou_place", "employer", "base_union",
        "union_no", "sector", "occupation", "education", "height_cm", "weight_kg", "marital_status", "children",
        "income_band", "housing", "has_car", "hobbies", "self_description", "req_age_min", "req_age_max",
        "req_height_min", "req_height_max", "req_education_min", "req_districts", "req_marital", "req_children_ok",
        "req_other", "req_importance", "matchmaker_id", "status", "referral_source", "fraud_flag",
        "fraud_flag_reason", "verified", "created_at", "updated_at", "last_activity_at", *MEMBER_BLIND,
    ),
    Consent.__table__: ("id", "version", "member_id", "type", "notice_version", "granted_at", "channel",
                        "collected_by", "withdrawn_at", "withdrawn_by"),
    Verification.__table__: ("id", "version", "member_id", "kind", "evidence", "checked_by", "checked_at", "remark"),
    Note.__table__: ("id", "version", "member_id", "author_id", "created_at", "body"),
    FollowUp.__table__: ("id", "version", "member_id", "kind", "due_date", "assigned_to", "title", "created_at",
                         "done_at", "done_by", "outcome"),
}  # fmt: skip
TABLES: tuple[Table, ...] = tuple(COLUMNS)  # members, consents, verifications, notes, follow-ups

Rows = list[tuple[Any, ...]]
Batch = tuple[Rows, Rows, Rows, Rows, Rows]  # in TABLES order


class Ids:
    """Deterministic UUIDv7 strings from the seed's random stream."""

    def __init__(self, rng: random.Random, start_ms: int) -> None:
        self.rng = rng
        self.ms = start_ms

    def __call__(self) -> str:
        self.ms += 1
        rand = self.rng.getrandbits(74)
        value = (self.ms << 80) | (0x7 << 76) | ((rand >> 62) << 64) | (0b10 << 62) | (rand & ((1 << 62) - 1))
        return str(uuid_utils.UUID(int=value))


class Weighted:
    """One weighted draw from (item, weight) pairs (`random.choices` with its cumulative weights
    worked out once: the same draws as passing the weights)."""

    def __init__(self, pairs: tuple[tuple[Any, int], ...]) -> None:
        self.items = [item for item, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))

    def __call__(self, rng: random.Random) -> Any:
        return rng.choices(self.items, cum_weights=self.cumulative)[0]


_STATUS = Weighted(STATUS_WEIGHTS)
_EDUCATION = Weighted(EDUCATION_WEIGHTS)
_MARITAL = Weighted(
    ((Marital.NEVER_MARRIED, 85), (Marital.DIVORCED, 12), (Marital.WIDOWED, 1), (Marital.UNSPECIFIED, 2))
)
_WITH_CHILDREN = (Marital.DIVORCED, Marital.WIDOWED)
_REFERRALS = [r.value for r in codes.ReferralSource]
_VERIFIED_BY = [(kind.value, evidence.value) for kind, evidence in (
    (VerificationKind.REAL_NAME, Evidence.ID_CARD_SEEN),
    (VerificationKind.UNION_MEMBERSHIP, Evidence.UNION_ROSTER),
    (VerificationKind.EMPLOYMENT, Evidence.UNION_ROSTER),
    (VerificationKind.DECLARATION, Evidence.SIGNED_FORM),
)]  # fmt: skip
_ODD, _EVEN = (1, 3, 5, 7, 9), (0, 2, 4, 6, 8)
_INCOMES = ("lt50k", "50k_100k", "100k_200k", "200k_300k")
_HOUSING = ("own", "own_mortgage", "rent", "with_family", "dormitory")
_NOTE = "电话回访：本人对近期活动感兴趣。"


@dataclass(frozen=True)
class Plan:
    """Everything the rows depend on, picklable: where the seed's random stream and ids stand
    after the matchmakers were made, the action's day and time, who is already taken."""

    rng_state: Any
    ids_ms: int
    count: int
    batch: int
    today: date
    now: datetime  # UTC
    matchmakers: dict[str, list[str]]  # district -> staff ids
    fallback_collector: str  # collects consents where a district has no matchmaker
    used_ids: frozenset[str]
    used_mobiles: frozenset[str]
    used_numbers: frozenset[str]
    dialect: type[Any]  # the store's SQLAlchemy dialect class: its bind processors convert the values


class _Cells:
    """Values converted as the store's column types convert them, each distinct one once."""

    def __init__(self, plan: Plan) -> None:
        dialect = plan.dialect()
        member = Member.__table__.c

        def processor(column: Any) -> Callable[[Any], Any]:
            return column.type.dialect_impl(dialect).bind_processor(dialect) or (lambda v: v)

        self._stamp, self._date, self._json = (
            processor(member.created_at),
            processor(member.birth_date),
            processor(member.hobbies),
        )
        flag = processor(member.verified)
        self.true, self.false = flag(True), flag(False)
        self.no_importance = self._json({})
        self.now, self.today = plan.now, plan.today
        self.stamps: dict[int, Any] = {}
        self.births: dict[int, tuple[str, Any]] = {}
        self.days: dict[int, Any] = {}
        self.lists: dict[tuple[str, ...], Any] = {}

    def stamp(self, days_ago: int) -> Any:
        """`now` minus whole days."""
        out = self.stamps.get(days_ago)
        if out is None:
            out = self.stamps[days_ago] = self._stamp(self.now - timedelta(days=days_ago))
        return out

    def birth(self, days_ago: int) -> tuple[str, Any]:
        """(YYYYMMDD for the ID number, the stored date) of `today` minus days."""
        out = self.births.get(days_ago)
        if out is None:
            born = self.today - timedelta(days=days_ago)
            out = self.births[days_ago] = (f"{born:%Y%m%d}", self._date(born))
        return out

    def day(self, days_ahead: int) -> Any:
        out = self.days.get(days_ahead)
        if out is None:
            out = self.days[days_ahead] = self._date(self.today + timedelta(days=days_ahead))
        return out

    def json_list(self, values: list[str]) -> Any:
        key = tuple(values)
        out = self.lists.get(key)
        if out is None:
            out = self.lists[key] = self._json(values)
        return out


class _Maker:
    """The seed's draws, member by member, in the order the seed has always made them (the same
    random stream gives the same people)."""

    def __init__(self, plan: Plan) -> None:
        self.rng = random.Random()
        self.rng.setstate(plan.rng_state)
        self.ids = Ids(self.rng, plan.ids_ms)
        self.plan = plan
        self.cells = _Cells(plan)
        self.districts = list(codes.DISTRICTS)
        self.used_ids, self.used_mobiles = set(plan.used_ids), set(plan.used_mobiles)
        self.used_numbers = set(plan.used_numbers)
        self.names: dict[str, tuple[str, str]] = {}

    def _member_id(self) -> tuple[str, str]:
        while True:  # 40-bit numbers: a repeat is rare, but possible
            member_id = self.ids()
            number = member_number(member_id)
            if number not in self.used_numbers:
                self.used_numbers.add(number)
                return member_id, number

    def _name(self, sex: int) -> str:
        rng = self.rng
        surname = rng.choice(COMPOUND) if rng.random() < 0.01 else rng.choice(SURNAMES)
        chars = MALE_CHARS if sex == 1 else FEMALE_CHARS
        given = "".join(rng.choice(chars) for _ in range(1 if rng.random() < 0.3 else 2))
        return surname + given

    def _keys(self, name: str) -> tuple[str, str]:
        keys = self.names.get(name)
        if keys is None:
            keys = self.names[name] = name_keys(name)
        return keys

    def _id_number(self, ymd: str, sex: int) -> str:
        rng, used = self.rng, self.used_ids
        while True:
            region = rng.choice(codes.XUZHOU_ID_REGIONS)
            seq = rng.randrange(0, 100) * 10 + rng.choice(_ODD if sex == 1 else _EVEN)
            first17 = f"{region}{ymd}{seq:03d}"
            number = first17 + check_char(first17)
            if number not in used:
                used.add(number)
                return number

    def _mobile(self) -> str:
        rng, used = self.rng, self.used_mobiles
        while True:
            number = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
            if number not in used:
                used.add(number)
                return number

    def member(self, out: Batch) -> None:
        rng, cells = self.rng, self.cells
        member_id, number = self._member_id()
        sex = 1 if rng.random() < 0.5 else 2
        age = int(rng.triangular(22, 45, 29))
        ymd, birth = cells.birth(age * 365 + rng.randrange(0, 364))
        name = self._name(sex)
        pinyin, initials = self._keys(name)
        id_number = self._id_number(ymd, sex)
        mobile = self._mobile()
        district = rng.choice(self.districts)
        employer, sector = rng.choice(EMPLOYERS)
        status = _STATUS(rng)
        marital = _MARITAL(rng)
        children = "none"
        if marital in _WITH_CHILDREN and rng.random() < 0.5:
            children = rng.choice(("living_with", "not_living_with"))
        height = int(rng.gauss(173 if sex == 1 else 161, 6))
        education = _EDUCATION(rng)
        if sex == 1:
            age_min, age_max, h_min, h_max = max(20, age - 8), age + 1, 150, 175
        else:
            age_min, age_max, h_min, h_max = max(22, age - 2), age + 7, min(height + 3, 180), 195
        verified = status is not MemberStatus.REGISTERED
        created_ago = rng.randrange(1, 900)
        active_ago = created_ago - rng.randrange(0, created_ago)
        created, last_activity = cells.stamp(created_ago), cells.stamp(active_ago)
        mms = self.plan.matchmakers.get(district)
        mm = rng.choice(mms) if mms else None
        yes, no = cells.true, cells.false
        nickname = None if rng.random() < 0.7 else rng.choice(("小", "阿")) + name[-1]
        union_no = f"{rng.randrange(10**9):09d}" if rng.random() < 0.8 else None
        occupation = rng.choice(OCCUPATIONS)
        income, housing = rng.choice(_INCOMES), rng.choice(_HOUSING)
        has_car = yes if rng.random() < 0.45 else no
        hobbies = cells.json_list(rng.sample(HOBBIES, rng.randint(1, 5)))
        req_education = int(Education.JUNIOR_COLLEGE) if rng.random() < 0.4 else None
        req_districts = cells.json_list(rng.sample(self.districts, 3) if rng.random() < 0.2 else [])
        req_marital = cells.json_list(["10"] if rng.random() < 0.3 else [])
        children_ok = yes if rng.random() < 0.6 else no
        referral = rng.choice(_REFERRALS)
        fraud = rng.random() < 0.003
        out[0].append((
            member_id, 0, number, name, pinyin, initials, nickname, sex, birth, id_number, mobile, mobile[-4:],
            None, district, "江苏省徐州市", employer, employer + "工会", union_no, sector, occupation, int(education),
            max(145, min(205, height)), None, int(marital), children, income, housing, has_car, hobbies, None,
            age_min, age_max, h_min, h_max, req_education, req_districts, req_marital, children_ok, None,
            cells.no_importance, mm, status.value, referral, yes if fraud else no, "demo" if fraud else None,
            yes if verified else no, created, last_activity, last_activity,
        ))  # fmt: skip
        self._facts(out, member_id, mm or self.plan.fallback_collector, status, created, last_activity)

    def _facts(
        self, out: Batch, member_id: str, collector: str, status: MemberStatus, created: Any, last: Any
    ) -> None:
        """The member's consents, verification facts, note and follow-up."""
        rng, ids = self.rng, self.ids
        types = [ConsentType.BASIC.value, ConsentType.SENSITIVE.value]
        if status is not MemberStatus.REGISTERED:
            types.append(ConsentType.SHARE_PROFILE.value)
            if rng.random() < 0.92:
                types.append(ConsentType.MATCHING.value)
        notice = codes.CURRENT_NOTICE_VERSION
        out[1].extend(
            (ids(), 0, member_id, t, notice, created, "paper_form", collector, None, None) for t in types
        )
        if status is not MemberStatus.REGISTERED:
            out[2].extend(
                (ids(), 0, member_id, kind, evidence, collector, created, None)
                for kind, evidence in _VERIFIED_BY
            )
        if rng.random() < 0.1:
            out[3].append((ids(), 0, member_id, collector, last, _NOTE))
        if rng.random() < 0.05:
            follow_up_id = ids()
            due = self.cells.day(rng.randrange(-3, 10))
            out[4].append((follow_up_id, 0, member_id, "general", due, collector, "回访", self.cells.stamp(0),
                           None, None, None))  # fmt: skip


def member_batches(plan: Plan) -> Iterator[Batch]:
    """The plan's members in batches of `plan.batch` (the last one shorter)."""
    maker = _Maker(plan)
    left = plan.count
    while left > 0:
        out: Batch = ([], [], [], [], [])
        for _ in range(min(plan.batch, left)):
            maker.member(out)
        left -= len(out[0])
        yield out
