"""What an operation changed, as a typed value (Anki's OpChanges): which areas, and which
members' case files vanished.

    uow.mark(Area.MEMBERS, Area.MATCHING)      # a service says what it touched
    changes = uow.changes                       # Changes(areas={MEMBERS, MATCHING})
    if changes.touches(Area.EVENTS, Area.SEATING): ...   # a screen decides what to refresh
    changes.gone                                # member ids erased (here or through sync)

Services mark areas on their unit of work through `uow.mark(...)` (an `Area`, never a string:
a typo is an AttributeError, not a screen that silently stops refreshing). The unit of work
hands the union back as a frozen `Changes`; the UI's ops runner carries it to every screen's
`on_changed(changes)`. Vanished members (`gone`) are told for every committed transaction on
the store, whoever committed it (an erasure here, one arriving through sync): see
`domain/store/gone.py`. Only ids travel, never personal data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Area(Enum):
    """What a screen may show, as far as refreshing goes."""

    MEMBERS = "members"  # case files, consents, verification, status
    FOLLOW_UPS = "follow_ups"  # 回访 tasks
    MATCHING = "matching"  # what the matching index reads: weights, the outcome model, blocked pairs
    INTRODUCTIONS = "introductions"
    EVENTS = "events"  # events and their registrations
    SEATING = "seating"  # tables, seat plans, rotations
    CHECKIN = "checkin"  # scans, interest cards, venue packs, the venue roster
    RIGHTS = "rights"  # members' rights requests, the retention review
    REPORTS = "reports"  # figures the statistics are drawn from
    AUDIT = "audit"  # the audit log itself (e.g. a backup was made)
    STAFF = "staff"  # staff accounts and roles
    ACTOR = "actor"  # the person working on this computer changed (not a table: a session)
    SYNC = "sync"  # sync state: a pull, a conflict resolved, an enrolment


@dataclass(frozen=True)
class Changes:
    """The areas an operation touched and the members whose case files vanished."""

    areas: frozenset[Area] = frozenset()
    gone: frozenset[str] = frozenset()

    @classmethod
    def of(cls, *areas: Area, gone: Iterable[str] = ()) -> Changes:
        for area in areas:
            if not isinstance(area, Area):
                raise TypeError(f"not an Area: {area!r}")
        return cls(frozenset(areas), frozenset(gone))

    def touches(self, *areas: Area) -> bool:
        """Whether any of `areas` changed."""
        return not self.areas.isdisjoint(areas)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.areas | other.areas, self.gone | other.gone)

    def __bool__(self) -> bool:
        return bool(self.areas or self.gone)


NOTHING = Changes()
