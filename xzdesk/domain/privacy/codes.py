"""The privacy area's codes: data-subject requests (kind, status, channel), retention review
decisions and reasons, and what the masking function masks."""

from __future__ import annotations

import enum


class RequestKind(enum.StrEnum):
    ACCESS = "access"  # a copy of one's data (PIPL Art. 45): xlsx for people, JSON for machines
    CORRECTION = "correction"  # correction and supplement (更正、补充, PIPL Art. 46): through the case-file edit
    EXPLANATION = "explanation"  # the rules applied to one's data explained (解释说明, PIPL Art. 48)
    WITHDRAWAL = "withdrawal"  # withdrawal of consent (撤回同意, PIPL Art. 15): the chosen consents
    ERASURE = "erasure"  # deletion (PIPL Art. 47)


class RequestStatus(enum.StrEnum):
    OPEN = "open"  # received, not answered yet
    DONE = "done"  # data handed over (access) or erased everywhere (erasure)
    REFUSED = "refused"  # refused, with the reason on record
    PARTIAL = "partial"  # erasure: processing stopped, storage kept (Art. 47 para. 2), reason on record


class RequestChannel(enum.StrEnum):
    IN_PERSON = "in_person"
    LETTER = "letter"
    EMAIL = "email"
    PHONE = "phone"
    MINI_PROGRAM = "mini_program"
    RETENTION_REVIEW = "retention_review"  # raised by a matchmaker from the retention review queue


class RetentionDecision(enum.StrEnum):
    KEEP = "keep"  # with a reason; restarts the 24-month clock
    ARCHIVE = "archive"  # the case file is archived (no more processing; sync keeps it)
    ERASE = "erase"  # an erasure request goes to the privacy officer


class RetentionReason(enum.StrEnum):
    INACTIVE = "inactive"  # no activity for 24 months (member.last_activity_at)
    MARRIED = "married"  # status married: the purpose of processing is achieved



class MaskKind(enum.StrEnum):
    ID = "id"
    PHONE = "phone"
    NAME = "name"
    TEXT = "text"
