"""Members for introduction and matching-wiring tests, made through the real services:
registered, verified (all four facts), active, with the consents asked for."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from xzdesk.domain.members import service
from xzdesk.domain.members.codes import ConsentType, Evidence, MemberStatus, VerificationKind
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.identity import check_char
from xzdesk.domain.uow import unit_of_work

ALL_CONSENTS = (ConsentType.BASIC, ConsentType.SENSITIVE, ConsentType.SHARE_PROFILE, ConsentType.MATCHING)
_serial = itertools.count(1)
MEN = "伟强磊军洋勇杰涛斌超"
WOMEN = "芳娜敏静丽艳娟霞秀玲"


def resident_id(birth: date, sex: int, n: int) -> str:
    seq = (n % 450) * 2 + (1 if sex == 1 else 2)
    body = f"320302{birth:%Y%m%d}{seq:03d}"
    return body + check_char(body)


def draft(*, sex: int, age: int = 30, n: int | None = None, **fields: Any) -> MemberDraft:
    n = next(_serial) if n is None else n
    birth = date(date.today().year - age - 1, 1 + n % 12, 1 + n % 28)
    chars = MEN if sex == 1 else WOMEN
    values: dict[str, Any] = {
        "name": ("张" if sex == 1 else "李") + chars[n % 10] + chars[(n // 10) % 10],
        "id_number": resident_id(birth, sex, n),
        "mobile": f"139{n:08d}",
        "district_code": "320311",
        "employer": "徐工集团工程机械股份有限公司",
        "occupation": "工程师" if sex == 1 else "教师",
        "education": 21,
        "height_cm": 175 if sex == 1 else 162,
        "hobbies": ["羽毛球", "旅行"],
        "wechat": f"wx_{n}",
    }
    values.update(fields)
    return MemberDraft(**values)


def make_member(
    store: Any,
    actor: Any,
    *,
    sex: int,
    age: int = 30,
    consents: tuple[str, ...] = ALL_CONSENTS,
    status: MemberStatus = MemberStatus.ACTIVE,
    **fields: Any,
) -> str:
    """A member id; active and verified unless `status` says otherwise."""
    with unit_of_work(store, actor) as uow:
        info = service.register_member(uow, draft=draft(sex=sex, age=age, **fields), consents=consents)
        if status == MemberStatus.REGISTERED:
            return info.id
        for kind, evidence in (
            (VerificationKind.REAL_NAME, Evidence.ID_CARD_SEEN),
            (VerificationKind.UNION_MEMBERSHIP, Evidence.UNION_ROSTER),
            (VerificationKind.EMPLOYMENT, Evidence.UNION_ROSTER),
            (VerificationKind.DECLARATION, Evidence.SIGNED_FORM),
        ):
            service.record_verification(uow, member_id=info.id, kind=kind, evidence=evidence)
        if status != MemberStatus.VERIFIED:
            service.change_status(uow, member_id=info.id, status=MemberStatus.ACTIVE)
        if status not in (MemberStatus.VERIFIED, MemberStatus.ACTIVE):
            service.change_status(uow, member_id=info.id, status=status)
    return info.id
