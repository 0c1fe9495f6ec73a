"""National and local codes for member fields. Labels for display live in the UI (translated);
the Chinese names here are reference data (district names are proper nouns, not UI text)."""

from __future__ import annotations

import enum


class Sex(enum.IntEnum):  # GB/T 2261.1
    MALE = 1
    FEMALE = 2


class Marital(enum.IntEnum):  # GB/T 2261.2
    NEVER_MARRIED = 10
    WIDOWED = 30
    DIVORCED = 40
    UNSPECIFIED = 90


class Education(enum.IntEnum):
    """GB/T 4658 top-level codes, ordered so that a larger code is a lower level."""

    DOCTORATE = 11  # 博士研究生
    MASTER = 14  # 硕士研究生
    BACHELOR = 21  # 大学本科
    JUNIOR_COLLEGE = 31  # 大学专科
    TECHNICAL_SECONDARY = 41  # 中等专科 / 中专 / 技校
    HIGH_SCHOOL = 61  # 普通高中
    JUNIOR_HIGH = 71  # 初中
    PRIMARY = 81  # 小学
    OTHER = 90  # 其他


# Higher is more education: rank 0 for the largest code (other), up to doctorate.
_EDUCATION_RANK = {e.value: n for n, e in enumerate(sorted(Education, key=lambda e: e.value, reverse=True))}


def education_rank(code: int) -> int:
    """Higher is more education, for 'minimum education' requirements (-1 when unknown)."""
    return _EDUCATION_RANK.get(code, -1)


class MemberStatus(enum.StrEnum):
    REGISTERED = "registered"
    VERIFIED = "verified"
    ACTIVE = "active"
    PAUSED = "paused"
    IN_RELATIONSHIP = "in_relationship"
    MARRIED = "married"
    WITHDRAWN = "withdrawn"
    ARCHIVED = "archived"  # "delete" of a case file; physical removal only through erasure


# Allowed lifecycle transitions (domain.md): registered -> verified -> active <-> paused ->
# in_relationship -> married | withdrawn. A relationship can end and the member return to active;
# anyone can withdraw; archive is the delete state.
STATUS_TRANSITIONS: dict[MemberStatus, frozenset[MemberStatus]] = {
    MemberStatus.REGISTERED: frozenset({MemberStatus.VERIFIED, MemberStatus.WITHDRAWN, MemberStatus.ARCHIVED}),
    MemberStatus.VERIFIED: frozenset({MemberStatus.ACTIVE, MemberStatus.WITHDRAWN, MemberStatus.ARCHIVED}),
    MemberStatus.ACTIVE: frozenset(
        {MemberStatus.PAUSED, MemberStatus.IN_RELATIONSHIP, MemberStatus.WITHDRAWN, MemberStatus.ARCHIVED}
    ),
    MemberStatus.PAUSED: frozenset(
        {MemberStatus.ACTIVE, MemberStatus.IN_RELATIONSHIP, MemberStatus.WITHDRAWN, MemberStatus.ARCHIVED}
    ),
    MemberStatus.IN_RELATIONSHIP: frozenset(
        {MemberStatus.ACTIVE, MemberStatus.MARRIED, MemberStatus.WITHDRAWN, MemberStatus.ARCHIVED}
    ),
    MemberStatus.MARRIED: frozenset({MemberStatus.ARCHIVED}),
    MemberStatus.WITHDRAWN: frozenset({MemberStatus.ACTIVE, MemberStatus.ARCHIVED}),
    MemberStatus.ARCHIVED: frozenset(),
}


class Children(enum.StrEnum):
    NONE = "none"
    LIVING_WITH = "living_with"  # 有子女, 随本人生活
    NOT_LIVING_WITH = "not_living_with"  # 有子女, 不随本人生活


class Importance(enum.IntEnum):
    """How much a partner requirement matters to the member (asked as OkCupid asks). A requirement
    whose importance is not recorded is "not said": the case file's `req_importance` simply has
    no entry for it (never a zero)."""

    IRRELEVANT = 0  # 无所谓
    A_LITTLE = 1  # 有点在意
    SOMEWHAT = 2  # 比较在意
    VERY = 3  # 非常在意


# The requirements an importance can be recorded for (keys of Member.req_importance).
IMPORTANCE_KEYS: tuple[str, ...] = ("age", "height", "education", "district", "marital", "children")


class IncomeBand(enum.StrEnum):  # yearly income, CNY
    UNDER_50K = "lt50k"
    FROM_50K = "50k_100k"
    FROM_100K = "100k_200k"
    FROM_200K = "200k_300k"
    OVER_300K = "gt300k"
    UNSPECIFIED = "unspecified"


class Housing(enum.StrEnum):
    OWN = "own"
    OWN_MORTGAGE = "own_mortgage"
    RENT = "rent"
    WITH_FAMILY = "with_family"
    DORMITORY = "dormitory"
    UNSPECIFIED = "unspecified"


class ReferralSource(enum.StrEnum):
    MINI_PROGRAM = "mini_program"
    OFFICE_WALK_IN = "office_walk_in"
    EMPLOYER_UNION_LIST = "employer_union_list"
    EVENT_WALK_IN = "event_walk_in"


class VerificationKind(enum.StrEnum):
    REAL_NAME = "real_name"  # name against the ID card: seen, not stored
    UNION_MEMBERSHIP = "union_membership"
    EMPLOYMENT = "employment"
    DECLARATION = "declaration"  # signed singlehood / truthfulness declaration


class Evidence(enum.StrEnum):
    ID_CARD_SEEN = "id_card_seen"
    UNION_CARD_SEEN = "union_card_seen"
    UNION_ROSTER = "union_roster"
    EMPLOYER_LETTER = "employer_letter"
    LABOUR_CONTRACT_SEEN = "labour_contract_seen"
    SIGNED_FORM = "signed_form"


# Which evidence fits which verification.
EVIDENCE_FOR: dict[VerificationKind, frozenset[Evidence]] = {
    VerificationKind.REAL_NAME: frozenset({Evidence.ID_CARD_SEEN}),
    VerificationKind.UNION_MEMBERSHIP: frozenset({Evidence.UNION_CARD_SEEN, Evidence.UNION_ROSTER}),
    VerificationKind.EMPLOYMENT: frozenset({Evidence.EMPLOYER_LETTER, Evidence.LABOUR_CONTRACT_SEEN, Evidence.UNION_ROSTER}),
    VerificationKind.DECLARATION: frozenset({Evidence.SIGNED_FORM}),
}


class ConsentType(enum.StrEnum):
    BASIC = "basic"  # basic processing of the case file
    SENSITIVE = "sensitive"  # marital history and children, income and property, health, photo
    SHARE_PROFILE = "share_profile"  # show the profile card to a candidate
    PUBLIC_DISPLAY = "public_display"
    MATCHING = "matching"  # algorithmic matching


class ConsentChannel(enum.StrEnum):
    PAPER_FORM = "paper_form"
    MINI_PROGRAM = "mini_program"
    IN_PERSON = "in_person"


CURRENT_NOTICE_VERSION = "2026-01"


class LinkStatus(enum.StrEnum):
    """A link request from the member web app (someone already on file registered online)."""

    PENDING = "pending"  # 待核验: the matchmaker compares and decides
    CONFIRMED = "confirmed"  # the online account is tied to the case file
    REJECTED = "rejected"  # not tied; the member sees the reason and what to do


LINK_TRANSITIONS: dict[str, tuple[str, ...]] = {LinkStatus.PENDING.value: (LinkStatus.CONFIRMED.value, LinkStatus.REJECTED.value)}
LINK_REASON_MIN, LINK_REASON_MAX = 2, 200  # characters of a rejection reason (the member reads it)
# What the online registration shows of itself on a link request, compared with the case file
# side by side; identifiers masked as everywhere (the full values never leave the server).
LINK_COMPARED = ("name", "id_number", "mobile", "sex", "birth_year", "district_code", "base_union", "employer")


class FollowUpKind(enum.StrEnum):
    INTAKE = "intake"
    INTRODUCTION = "introduction"
    GENERAL = "general"


class Sector(enum.StrEnum):
    EDUCATION = "education"
    HEALTH = "health"
    MANUFACTURING = "manufacturing"
    TRANSPORT = "transport"
    PUBLIC_SERVICE = "public_service"
    FINANCE = "finance"
    IT = "it"
    CONSTRUCTION = "construction"
    RETAIL = "retail"
    ENERGY = "energy"
    OTHER = "other"


# Xuzhou districts and counties with their administrative codes (GB/T 2260).
DISTRICTS: dict[str, str] = {
    "320302": "鼓楼区",
    "320303": "云龙区",
    "320305": "贾汪区",
    "320311": "泉山区",
    "320312": "铜山区",
    "320321": "丰县",
    "320322": "沛县",
    "320324": "睢宁县",
    "320381": "新沂市",
    "320382": "邳州市",
    "320371": "徐州经济技术开发区",
}

# Resident-ID region prefixes that belong to Xuzhou, including codes of older divisions still
# printed on valid cards (九里区, 铜山县, 市辖区).
XUZHOU_ID_REGIONS: tuple[str, ...] = (
    "320301", "320302", "320303", "320304", "320305", "320311", "320312",
    "320321", "320322", "320323", "320324", "320381", "320382",
)  # fmt: skip

LEGAL_MARRIAGE_AGE = {Sex.MALE: 22, Sex.FEMALE: 20}
ADULT_AGE = 18


class SortKey(enum.StrEnum):
    NAME = "name"
    MEMBER_NO = "member_no"
    UPDATED = "updated"
    DISTRICT = "district"
    STATUS = "status"


# Interest tags offered to members (online registration and the case editor's suggestions); a
# member may add words of their own (members.validation: at most HOBBY_MAX tags of HOBBY_LEN).
INTEREST_TAGS: tuple[str, ...] = (
    "徒步", "骑行", "跑步", "羽毛球", "乒乓球", "篮球", "游泳", "健身", "登山", "露营",
    "读书", "书法", "摄影", "电影", "音乐", "唱歌", "绘画", "话剧", "写作", "博物馆",
    "烹饪", "美食", "旅行", "宠物", "园艺", "手工", "桌游", "茶艺", "钓鱼", "志愿服务",
)  # fmt: skip
