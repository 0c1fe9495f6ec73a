"""Real-name registration (实名登记): the case editor's rules, consents one by one with their
notice text and version, and a case file awaiting verification that the district's laptops
receive by sync. Someone already on file (same ID number or mobile, by blind index) is never
linked by the web app itself: a link request reaches the district's matchmaker, who compares and
confirms or rejects it on the laptop (links.py); after a rejection the member may register
again."""

from __future__ import annotations

from dataclasses import fields as dc_fields
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from xzdesk.domain.errors import FieldProblem, ValidationError
from xzdesk.domain.members import codes
from xzdesk.domain.members.codes import LinkStatus
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.validation import HOBBY_LEN, HOBBY_MAX, split_tags
from xzdesk.domain.privacy.labels import (
    CHILDREN_WORDS,
    CONSENT_WORDS,
    EDUCATION_WORDS,
    MARITAL_WORDS,
    SECTOR_WORDS,
)
from xzdesk.domain.privacy.notices import CONSENT_NOTICES, REQUIRED_CONSENTS, SAFETY_NOTICE
from xzdesk.server.h5 import links
from xzdesk.server.h5.auth_routes import mobile_index
from xzdesk.server.h5.records import RecordWriter
from xzdesk.server.h5.tables import MemberAccount
from xzdesk.server.h5.web import Form, PageError, Posted, SignedIn, h5_of, page, problems_by_field, redirect
from xzdesk.server.intake import IntakeError, create_member_online, existing_member, validate_online_draft

router = APIRouter()

TEXT_FIELDS = ("name", "nickname", "id_number", "mobile", "district_code", "base_union", "union_no", "employer",
               "occupation", "sector", "education", "height_cm", "marital_status", "children", "self_description",
               "req_age_min", "req_age_max", "req_height_min", "req_height_max", "req_education_min", "req_other")  # fmt: skip
SENSITIVE_FIELDS = ("marital_status", "children")  # kept only with the sensitive-data consent
IMPORTANCE_WORDS = {0: "无所谓", 1: "有点在意", 2: "比较在意", 3: "非常在意"}
IMPORTANCE_KEYS: tuple[str, ...] = tuple(getattr(codes, "IMPORTANCE_KEYS", ()))  # once the case file records it
REQUIREMENT_WORDS = {"age": "年龄", "height": "身高", "education": "学历", "district": "所在区", "marital": "婚姻状况",
                     "children": "子女情况"}  # fmt: skip
CONSENT_ORDER = ("basic", "sensitive", "share_profile", "public_display", "matching")


def choices() -> dict[str, Any]:
    """Option lists of the form (codes from the domain, words from its document labels)."""
    return {
        "district": codes.DISTRICTS, "education": EDUCATION_WORDS, "marital": MARITAL_WORDS,
        "children": CHILDREN_WORDS, "sector": SECTOR_WORDS, "tags": codes.INTEREST_TAGS,
        "consents": [(c, CONSENT_WORDS[c], CONSENT_NOTICES[c], c in REQUIRED_CONSENTS) for c in CONSENT_ORDER],
        "notice_version": codes.CURRENT_NOTICE_VERSION, "safety": SAFETY_NOTICE, "importance": IMPORTANCE_WORDS,
        "importance_keys": [(k, REQUIREMENT_WORDS.get(k, k)) for k in IMPORTANCE_KEYS],
        "hobby_max": HOBBY_MAX, "hobby_len": HOBBY_LEN,
    }


def draft_from(form: Form, consents: list[str]) -> MemberDraft:
    raw: dict[str, Any] = {f: (form.get(f).strip() or None) for f in TEXT_FIELDS}
    if "sensitive" not in consents:
        raw.update({f: None for f in SENSITIVE_FIELDS})
        raw["marital_status"] = codes.Marital.UNSPECIFIED.value
    raw["hobbies"] = [*form.all("tag"), *split_tags(form.get("own_tags"))]
    raw["req_districts"] = form.all("req_districts")
    raw["req_marital"] = form.all("req_marital")
    raw["req_children_ok"] = form.get("req_children_ok", "1") != "0"
    names = {f.name for f in dc_fields(MemberDraft)}
    if "req_importance" in names:
        raw["req_importance"] = {k: form.get(f"imp_{k}") or None for k in IMPORTANCE_KEYS}
    return MemberDraft(**{k: v for k, v in raw.items() if k in names})


def _form_page(request: Request, v: Any, form: Form | None, problems: Any = (), *, status: int = 200) -> Response:
    values = {k: vals for k, vals in _values(form).items()}
    return page(request, v, "register.html", status=status, title="实名登记", back="/", c=choices(), f=values,
                errors=problems_by_field(problems))  # fmt: skip


def _values(form: Form | None) -> dict[str, Any]:
    if form is None:
        return {"tag": [], "req_districts": [], "req_marital": [], "consent": [], "req_children_ok": "1"}  # nothing ticked for the member
    out: dict[str, Any] = {k: v for k, v in form.pairs if k not in ("csrf",)}
    for multi in ("tag", "req_districts", "req_marital", "consent"):
        out[multi] = form.all(multi)
    return out


@router.get("/register")
def register_form(request: Request, v: SignedIn) -> Response:
    waiting = v.account is not None and v.account.pending_request_id and v.account.link_status != LinkStatus.REJECTED
    if v.member_id is not None or waiting:
        return redirect(request, v, "/")
    return _form_page(request, v, None)


@router.post("/register")
def register(request: Request, v: SignedIn, form: Posted) -> Response:
    h5 = h5_of(request)
    assert v.account is not None
    if v.member_id is not None or (v.account.pending_request_id and v.account.link_status != LinkStatus.REJECTED):
        raise PageError(409, "h5.already_registered")
    consents = [c for c in form.all("consent") if c in CONSENT_NOTICES]
    draft = draft_from(form, consents)
    now = h5.now()
    try:
        values = validate_online_draft(draft, consents, now=now)
    except ValidationError as exc:
        return _form_page(request, v, form, exc.problems, status=422)
    if mobile_index(h5, values["mobile"]) != _account_mobile(h5, v.account.id):
        return _form_page(request, v, form, [FieldProblem("mobile", "h5.mobile_mismatch")], status=422)
    with h5.db.write() as s:
        account = s.get(MemberAccount, v.account.id, with_for_update=True)
        assert account is not None
        if account.member_id or (account.pending_request_id and not links.may_register_again(s, account)):
            raise PageError(409, "h5.already_registered")  # a second submit raced the first
        known = existing_member(s, values=values, blind_key=h5.blind_key)
        if known is not None:
            account.pending_request_id = links.ask_to_link(RecordWriter(s, now), known, values=values,
                                                           account_id=account.id, blind_key=h5.blind_key)  # fmt: skip
        else:
            try:
                row = create_member_online(s, draft=draft, consents=consents, notice_version=codes.CURRENT_NOTICE_VERSION,
                                           collected_by=account.id, blind_key=h5.blind_key, now=now)  # fmt: skip
            except IntakeError as exc:  # registered meanwhile by the office: link instead
                raise PageError(409, "h5.link_pending") from exc
            account.member_id, account.pending_request_id = row["id"], None
    return redirect(request, v, "/")


def _account_mobile(h5: Any, account_id: str) -> str:
    with h5.db.read() as s:
        acc = s.get(MemberAccount, account_id)
        return acc.mobile_hmac if acc else ""

