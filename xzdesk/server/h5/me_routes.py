"""我的: my data (see, download), consents (withdraw), erasure, sign-out, closing the account."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from xzdesk.domain.members.codes import DISTRICTS
from xzdesk.domain.privacy.labels import (
    CONSENT_WORDS,
    EDUCATION_WORDS,
    MARITAL_WORDS,
    PROFILE_FIELDS,
    SEX_WORDS,
    TABLE_WORDS,
)
from xzdesk.domain.privacy.masking import mask
from xzdesk.domain.privacy.notices import CONSENT_NOTICES
from xzdesk.server.h5 import own_data, records
from xzdesk.server.h5.home_routes import member_card
from xzdesk.server.h5.web import SECURITY_HEADERS, MemberV, Posted, SignedIn, h5_of, page, redirect

router = APIRouter()
SHOWN = ("name", "sex", "birth_date", "id_number", "mobile", "district_code", "base_union", "union_no", "employer",
         "occupation", "education", "height_cm", "marital_status", "hobbies", "self_description")  # fmt: skip
WORDS = {"sex": SEX_WORDS, "education": EDUCATION_WORDS, "marital_status": MARITAL_WORDS, "district_code": DISTRICTS}
MASKED = {"id_number": "id", "mobile": "phone"}
# What a withdrawal does besides stopping the use it covered (member_acts.withdrawal_consequences).
WITHDRAWAL_EFFECTS = {
    "share_profile": "撤回后，红娘不再把您的资料介绍给别人；还没有交换联系方式的介绍会随之终止。",
    "matching": "撤回后，您不再出现在推荐名单里，也看不到“可能合适的人”。",
    "public_display": "撤回后，其他会员的“可能合适的人”里不再显示您。",
}
KIND_WORDS = {**TABLE_WORDS, "online_rights_request": "线上申请", "chat_message": "聊天消息", "chat_block": "屏蔽",
              "online_account": "线上账号"}  # fmt: skip


def _shown(member: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for field in SHOWN:
        value = member.get(field)
        if value in (None, "", []):
            continue
        if field in MASKED:
            text = mask(str(value), MASKED[field])
        elif field in WORDS:
            text = WORDS[field].get(value, str(value))  # type: ignore[attr-defined]
        elif isinstance(value, list):
            text = "、".join(map(str, value))
        else:
            text = str(value)
        out.append((PROFILE_FIELDS.get(field, field), text))
    return out


@router.get("/me")
def me(request: Request, v: SignedIn, done: str = "") -> Response:
    h5 = h5_of(request)
    ctx: dict[str, Any] = {"card": None}
    if v.member_id:
        with h5.db.read() as s:
            member = records.read(s, "member", v.member_id) or {}
            held = own_data.everything(s, v.member_id, v.account.id if v.account else "")
            consents = [c for c in records.member_rows(s, "consent", v.member_id) if not c.get("withdrawn_at")]
            erasure = own_data.open_erasure(s, v.member_id)
        ctx = {"card": member_card(member), "profile": _shown(member), "erasure": erasure,
               "counts": [(KIND_WORDS.get(k, k), len(rows)) for k, rows in sorted(held.items()) if rows],
               "consents": [(c["type"], CONSENT_WORDS.get(c["type"], c["type"]), CONSENT_NOTICES.get(c["type"], ""),
                             c["notice_version"], c["granted_at"][:10], WITHDRAWAL_EFFECTS.get(c["type"], ""))
                            for c in consents]}  # fmt: skip
    notice = {"withdrawn": "已撤回，立即生效。", "erasure": "删除申请已提交。"}.get(done)
    return page(request, v, "me.html", title="我的", tab="me", notice=notice, **ctx)


@router.get("/me/data.json")
def download(request: Request, v: MemberV) -> Response:
    h5 = h5_of(request)
    with h5.db.read() as s:
        held = own_data.everything(s, v.member_id or "", v.account.id if v.account else "")
    body = json.dumps({"exported_at": h5.now().isoformat(), "records": held}, ensure_ascii=False, indent=1)
    headers = {**SECURITY_HEADERS, "Content-Disposition": 'attachment; filename="xzdesk-my-data.json"'}
    return Response(body.encode("utf-8"), media_type="application/json; charset=utf-8", headers=headers)


@router.post("/me/consents/{ctype}/withdraw")
def withdraw(request: Request, v: MemberV, form: Posted, ctype: str) -> Response:
    h5 = h5_of(request)
    with h5.db.write() as s:
        own_data.withdraw_consent(s, member_id=v.member_id or "", ctype=ctype[:24], account_id=v.account.id if v.account else "",
                                  now=h5.now())  # fmt: skip
    pool = getattr(h5, "suggestion_pool", None)
    if pool is not None:
        pool.invalidate()  # effective at once: the member leaves everyone's suggestions now
    return redirect(request, v, "/me?done=withdrawn")


@router.post("/me/erasure")
def erasure(request: Request, v: MemberV, form: Posted) -> Response:
    h5 = h5_of(request)
    with h5.db.write() as s:
        own_data.request_erasure(s, member_id=v.member_id or "", now=h5.now())
    return redirect(request, v, "/me?done=erasure")


@router.post("/me/close")
def close(request: Request, v: SignedIn, form: Posted) -> Response:
    h5 = h5_of(request)
    with h5.db.write() as s:
        own_data.close_account(s, account_id=v.account.id if v.account else "", now=h5.now())
    return redirect(request, v, "/login", clear=True)
