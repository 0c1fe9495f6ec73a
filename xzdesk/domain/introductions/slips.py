"""Introduction slips (牵线介绍单): one page per side showing the other's profile card.

Until both sides accepted, the card carries no name, phone, WeChat, ID or employer; once both
accepted it adds name, mobile, WeChat and employer (never the ID number). Sensitive categories
(marital history and children, income and property) appear only when the profile's owner
consented to their processing. Every slip carries the printing engine's anti-fraud notice.

`SLIP_VALUES` is printed document text (how a stored code reads on paper), kept in one place for
review like `printing.labels`; it is not UI text.

Contract: `build_introduction_slips` needs a unit of work (reads, checks, audits the print per
member); `print_introduction_slips_for` also draws the PDF through
`printing.print_introduction_slips` and may run on a worker thread (the caller owns the
transaction). Errors: those of the contact rules (`introductions.consent_missing`,
`introductions.fraud_flag`), `introductions.closed` for a declined or withdrawn introduction,
Cancelled.
"""

from __future__ import annotations

from collections.abc import Sequence

from xzdesk.domain.errors import XzError
from xzdesk.domain.introductions.codes import CONTACT_STAGES, Stage
from xzdesk.domain.introductions.dto import ContactRow, ProfileCardInfo
from xzdesk.domain.introductions.models import Introduction
from xzdesk.domain.introductions.queries import active_consent_types, profile_cards
from xzdesk.domain.introductions.service import (
    contacts_of,
    load_introduction,
    load_member,
    sharing_problems,
    staff_name,
)
from xzdesk.domain.members import codes
from xzdesk.domain.members.names import polite_name
from xzdesk.domain.printing import (
    IntroductionSlipInfo,
    PrintReportInfo,
    ProfileFieldRow,
    print_introduction_slips,
)
from xzdesk.domain.printing._pdf import Output
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.store.ids import short_code
from xzdesk.domain.uow import UnitOfWork

SLIP_VALUES: dict[str, dict[object, str]] = {
    "sex": {1: "男", 2: "女"},
    "education": {
        11: "博士研究生", 14: "硕士研究生", 21: "大学本科", 31: "大学专科", 41: "中专/技校",
        61: "普通高中", 71: "初中", 81: "小学", 90: "其他",
    },
    "marital": {10: "未婚", 30: "丧偶", 40: "离异", 90: "未说明"},
    "children": {"none": "无子女", "living_with": "有子女，随本人生活", "not_living_with": "有子女，不随本人生活"},
    "income": {
        "lt50k": "年收入5万元以下", "50k_100k": "年收入5万–10万元", "100k_200k": "年收入10万–20万元",
        "200k_300k": "年收入20万–30万元", "gt300k": "年收入30万元以上",
    },
    "housing": {
        "own": "自有住房", "own_mortgage": "自有住房（按揭）", "rent": "租房", "with_family": "与家人同住",
        "dormitory": "单位宿舍",
    },
    "car": {True: "有车", False: "无车"},
    "sector": {
        "education": "教育", "health": "医疗卫生", "manufacturing": "制造业", "transport": "交通运输",
        "public_service": "公共服务", "finance": "金融", "it": "信息技术", "construction": "建筑",
        "retail": "商贸零售", "energy": "能源", "other": "其他",
    },
    "format": {
        "age": "{age}岁", "height": "{cm} cm", "list_sep": "、", "part_sep": "；",
        "req_age": "年龄{lo}–{hi}岁", "req_age_min": "年龄{lo}岁以上", "req_age_max": "年龄{hi}岁以下",
        "req_height": "身高{lo}–{hi} cm", "req_height_min": "身高{lo} cm以上", "req_height_max": "身高{hi} cm以下",
        "req_education": "学历{edu}及以上", "req_districts": "居住在{districts}", "req_marital": "婚史：{marital}",
        "req_no_children": "不接受对方有子女",
    },
}  # fmt: skip


def _fmt(key: str, **values: object) -> str:
    return SLIP_VALUES["format"][key].format(**values)


def _requirements(card: ProfileCardInfo) -> str:
    parts = []
    lo, hi = card.req_age_min, card.req_age_max
    if lo is not None or hi is not None:
        parts.append(_fmt("req_age", lo=lo, hi=hi) if lo is not None and hi is not None
                     else _fmt("req_age_min", lo=lo) if lo is not None else _fmt("req_age_max", hi=hi))  # fmt: skip
    lo, hi = card.req_height_min, card.req_height_max
    if lo is not None or hi is not None:
        parts.append(_fmt("req_height", lo=lo, hi=hi) if lo is not None and hi is not None
                     else _fmt("req_height_min", lo=lo) if lo is not None else _fmt("req_height_max", hi=hi))  # fmt: skip
    if card.req_education_min is not None and card.req_education_min in SLIP_VALUES["education"]:
        parts.append(_fmt("req_education", edu=SLIP_VALUES["education"][card.req_education_min]))
    sep = SLIP_VALUES["format"]["list_sep"]
    if card.req_districts:
        names = sep.join(codes.DISTRICTS.get(d, d) for d in card.req_districts)
        parts.append(_fmt("req_districts", districts=names))
    if card.req_marital:
        names = sep.join(SLIP_VALUES["marital"].get(int(c), str(c)) for c in card.req_marital)
        parts.append(_fmt("req_marital", marital=names))
    if not card.req_children_ok:
        parts.append(_fmt("req_no_children"))
    return SLIP_VALUES["format"]["part_sep"].join(parts)


def card_fields(
    card: ProfileCardInfo, *, contact: ContactRow | None = None, employer: str | None = None
) -> tuple[ProfileFieldRow, ...]:
    """The printed rows of a profile card; contact rows (and employer) only when given."""
    v = SLIP_VALUES
    rows: list[tuple[str, object]] = []
    if contact is not None:
        rows += [("name", contact.name), ("phone", contact.mobile), ("wechat", contact.wechat)]
    rows += [
        ("nickname", card.nickname),
        ("sex", v["sex"].get(card.sex)),
        ("age", _fmt("age", age=card.age)),
        ("height", _fmt("height", cm=card.height_cm) if card.height_cm else None),
        ("education", v["education"].get(card.education) if card.education is not None else None),
        ("occupation", card.occupation),
        ("sector", v["sector"].get(card.sector or "")),
        ("employer", employer if contact is not None else None),
        ("district", codes.DISTRICTS.get(card.district_code, card.district_code)),
        ("hukou", card.hukou_place),
        ("marital_status", v["marital"].get(card.marital_status) if card.marital_status is not None else None),
        ("children", v["children"].get(card.children or "")),
        ("income", v["income"].get(card.income_band or "")),
        ("housing", v["housing"].get(card.housing or "")),
        ("car", v["car"].get(card.has_car) if card.has_car is not None else None),
        ("hobbies", v["format"]["list_sep"].join(card.hobbies)),
        ("requirements", _requirements(card)),
    ]
    return tuple(ProfileFieldRow(key, str(value)) for key, value in rows if value not in (None, ""))


def _slip_for(
    uow: UnitOfWork, intro: Introduction, *, reader_id: str, card: ProfileCardInfo, contact: ContactRow | None
) -> IntroductionSlipInfo:
    reader = load_member(uow, reader_id)
    other = load_member(uow, card.member_id)
    return IntroductionSlipInfo(
        reference="IN" + short_code(intro.id, 8),
        recipient=polite_name(reader.name, reader.sex),
        fields=card_fields(card, contact=contact, employer=other.employer),
        about=card.self_description or "",
        matchmaker=staff_name(uow, reader.matchmaker_id) or staff_name(uow, intro.matchmaker_id) or "",
        issued_on=uow.today(),
    )


def build_introduction_slips(uow: UnitOfWork, *, introduction_id: str) -> tuple[IntroductionSlipInfo, ...]:
    """The two slips of an introduction: (for side a, for side b). The print is audited for the
    member whose data each slip shows (field names only)."""
    uow.require(Permission.MEMBERS_EDIT)
    intro = load_introduction(uow, introduction_id)
    if intro.stage in (Stage.DECLINED, Stage.WITHDRAWN):
        raise XzError("introductions.closed", stage=intro.stage)
    ids = (intro.member_a_id, intro.member_b_id)
    members = [load_member(uow, m) for m in ids]
    consents = active_consent_types(uow.session, list(ids))
    problems = [p for m in members for p in sharing_problems(m, consents.get(m.id, set()))]
    if problems:
        raise XzError(problems[0].code, **problems[0].params)
    with_contacts = intro.stage in CONTACT_STAGES
    contacts = contacts_of(uow, intro) if with_contacts else None
    cards = profile_cards(uow.session, ids, today=uow.today())
    slips = []
    for reader, other, contact in (
        (ids[0], ids[1], contacts.b if contacts else None),
        (ids[1], ids[0], contacts.a if contacts else None),
    ):
        slip = _slip_for(uow, intro, reader_id=reader, card=cards[other], contact=contact)
        slips.append(slip)
        uow.audit("introduction.print", member_id=other, fields=sorted(f.key for f in slip.fields))
    return tuple(slips)


def print_introduction_slips_for(
    uow: UnitOfWork,
    *,
    introduction_ids: Sequence[str],
    out: Output,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> PrintReportInfo:
    """Print both slips of each introduction into one PDF (a, b, a, b, ...)."""
    slips: list[IntroductionSlipInfo] = []
    for introduction_id in introduction_ids:
        cancel.check()
        slips.extend(build_introduction_slips(uow, introduction_id=introduction_id))
    return print_introduction_slips(slips, out, progress=progress, cancel=cancel)
