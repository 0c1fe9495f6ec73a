"""The explanation of the rules applied to one member's data (解释说明, PIPL Art. 48), as an A4 PDF
in plain Chinese: what the union holds about them (kinds of records and which profile fields are
filled, never the values), their consents, and how matching, introductions, statistics and
retention use their data, worded after their own consents.

Drawn on the printing area's canvas (embedded CJK font, glyphs checked, fixed metadata without a
person). Reads only; the caller (`rights.complete_explanation`) owns the transaction and audits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from reportlab.lib.units import mm
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from xzdesk.domain.errors import NotFound
from xzdesk.domain.members.codes import ConsentType
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.printing._pdf import PdfJob
from xzdesk.domain.printing.fonts import ASCENT, wrap_text
from xzdesk.domain.privacy import explanation_text as T
from xzdesk.domain.privacy import labels as L
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken
from xzdesk.domain.store.sync_state import member_row_ids
from xzdesk.domain.uow import CHINA_TZ

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 20.0
BODY = 10.5  # pt
HEADING = 13.0
LEADING = 1.55
# Profile fields not counted as "filled" in the explanation (always present, or bookkeeping).
NOT_COUNTED = frozenset({"member_no", "status", "verified", "fraud_flag", "created_at", "updated_at", "last_activity_at"})
RECORD_ORDER = ("consent", "verification", "note", "follow_up", "introduction", "pair_block", "registration",
                "event_seat", "checkin_roster", "checkin_scan", "checkin_annulment", "checkin_walk_in", "interest_card")  # fmt: skip

Block = tuple[str, str]  # ("h" | "p", text)


def _day(at: datetime | None) -> str:
    if at is None:
        return ""
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(CHINA_TZ).strftime("%Y-%m-%d")


def _filled(member: Member) -> list[str]:
    out = []
    for key, label in L.PROFILE_FIELDS.items():
        value = getattr(member, key, None)
        if key not in NOT_COUNTED and value not in (None, "", [], (), {}):
            out.append(label)
    return out


def _holdings(session: Session, member: Member) -> list[Block]:
    filled = _filled(member)
    blocks: list[Block] = [("h", T.HOLD_TITLE)]
    blocks.append(("p", T.HOLD_PROFILE.format(n=len(filled), fields="、".join(filled)) if filled else T.HOLD_PROFILE_NONE))
    ids = member_row_ids(session, member.id)
    records = [T.HOLD_RECORD.format(kind=L.TABLE_WORDS[name], n=len(ids[name])) for name in RECORD_ORDER if ids.get(name)]
    blocks.append(("p", T.HOLD_RECORDS.format(records="；".join(records)) if records else T.HOLD_NO_RECORDS))
    accesses = session.execute(select(func.count()).select_from(AuditEntry).where(AuditEntry.member_id == member.id))
    blocks.append(("p", T.HOLD_ACCESS.format(n=accesses.scalar_one())))
    blocks.append(("p", T.HOLD_NOT_KEPT))
    return blocks


def _consents_in_force(session: Session, member_id: str) -> dict[str, datetime]:
    rows = session.execute(
        select(Consent.type, Consent.granted_at).where(Consent.member_id == member_id, Consent.withdrawn_at.is_(None))
    ).all()  # fmt: skip
    return {ctype: granted for ctype, granted in rows}


def explanation_blocks(session: Session, member_id: str) -> tuple[str, list[Block]]:
    """(member number, the document's headings and paragraphs) for one member. Read-only."""
    member = session.get(Member, member_id)
    if member is None:
        raise NotFound("rights.member_not_found", member_no="")
    consents = _consents_in_force(session, member_id)
    given = set(consents)
    blocks: list[Block] = [("p", T.INTRO), *_holdings(session, member), ("h", T.CONSENT_TITLE)]
    for ctype in ConsentType:
        word = L.CONSENT_WORDS.get(ctype.value, "")
        blocks.append(("p", T.CONSENT_GIVEN.format(consent=word, date=_day(consents[ctype.value]))
                       if ctype.value in given else T.CONSENT_NOT_GIVEN.format(consent=word)))  # fmt: skip
    blocks.append(("p", T.CONSENT_NOTE))
    blocks += [
        ("h", T.MATCHING_TITLE), ("p", T.MATCHING_ON if ConsentType.MATCHING in given else T.MATCHING_OFF),
        ("p", T.MATCHING_STATUS), ("p", T.MATCHING_NOT_USED),
        ("h", T.INTRO_TITLE), ("p", T.SHARE_ON if ConsentType.SHARE_PROFILE in given else T.SHARE_OFF),
        ("p", T.SENSITIVE_ON if ConsentType.SENSITIVE in given else T.SENSITIVE_OFF), ("p", T.INTRO_DECLINE),
        ("h", T.STATS_TITLE), ("p", T.STATS), ("h", T.KEEP_TITLE), ("p", T.KEEP),
        ("h", T.RIGHTS_TITLE), ("p", T.RIGHTS), ("p", T.FOOTER),
    ]  # fmt: skip
    return member.member_no, blocks


class _Flow:
    """Paragraphs flowing down A4 pages."""

    def __init__(self, job: PdfJob) -> None:
        self.job = job
        self.y = PAGE_H  # forces a first page

    def _room(self, height: float) -> None:
        if self.y + height > PAGE_H - MARGIN:
            self.job.end_page()
            self.job.begin_page()
            self.y = MARGIN

    def lines(self, text: str, *, size: float, bold: bool = False, gap_before: float = 0.0, gray: float = 0.0) -> None:
        line_h = size * LEADING / mm
        self._room(gap_before + line_h)
        self.y += gap_before
        for line in wrap_text(text, width=(PAGE_W - 2 * MARGIN) * mm, size=size):
            self._room(line_h)
            self.job.text(line, MARGIN, self.y + ASCENT * size / mm, size=size, bold=bold, gray=gray)
            self.y += line_h


def draw_explanation(job: PdfJob, member_no: str, blocks: Sequence[Block], *, today: str,
                     cancel: CancelToken = NEVER_CANCELLED) -> None:  # fmt: skip
    flow = _Flow(job)
    flow.lines(T.TITLE, size=18, bold=True)
    flow.lines(T.SUBTITLE.format(member_no=member_no, date=today), size=BODY, gap_before=2, gray=0.3)
    for kind, text in blocks:
        cancel.check()
        if kind == "h":
            flow.lines(text, size=HEADING, bold=True, gap_before=5)
        else:
            flow.lines(text, size=BODY, gap_before=1.5)


def write_explanation(session: Session, member_id: str, path: Path | str, *, now: datetime,
                      cancel: CancelToken = NEVER_CANCELLED) -> int:  # fmt: skip
    """Write the member's explanation to `path` (PDF; the file appears only when complete).
    Returns the page count."""
    member_no, blocks = explanation_blocks(session, member_id)
    today = _day(now)
    with PdfJob(str(path), title=T.DOC_TITLE, page_w=PAGE_W, page_h=PAGE_H) as job:
        draw_explanation(job, member_no, blocks, today=today, cancel=cancel)
        return job.finish(items=len(blocks)).pages
