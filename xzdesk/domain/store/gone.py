"""Which members vanished in a committed transaction, for whoever shows them.

A member's case file vanishes when it is erased here (a rights request) or when an erasure
arrives through sync. The code that deletes the rows notes the member in its session
(`note_member_gone`); when that session's transaction commits, the store tells its listeners
the ids (`Store.on_members_gone`), on the committing thread; a rolled-back transaction tells
nothing. Screens use it to clear every view of those members at once (ids only: no personal
data travels).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

GONE_KEY = "xz_members_gone"


def note_member_gone(session: Session, member_id: str) -> None:
    """Record that `member_id`'s rows are deleted in this session's current transaction."""
    session.info.setdefault(GONE_KEY, set()).add(member_id)


def take_members_gone(session: Session) -> frozenset[str]:
    """The members noted since the last commit or rollback (and forget them)."""
    return frozenset(session.info.pop(GONE_KEY, ()))
