"""Labelled pairs: what happened between two people, each side's own answer where known.

Where labels come from (queries.collect_labels gathers them):
- an event's interest cards (source "event", group = the event): everyone present who handed in a
  card gives a yes or a no for everyone of the other sex they met, so both `a_yes` and `b_yes`
  are known and `label` (mutual) is their "and";
- an introduction's answers (source "introduction", group = the introduction): each side's accept
  or decline as recorded by the matchmaker; an answer still pending is None;
- an introduction's outcome (source "outcome", same group): dating or better means both said yes;
  "no interest" after contacts were exchanged is a pair label whose direction is unknown.

`LabelledPairRow` completes what its facts imply (mutual true: both said yes; one yes and not
mutual: the other said no; both answers known: mutual is their "and") and refuses facts that
contradict each other. `merge_labels` folds rows about the same pair, group and source into one.
`directed_answers` lists the known directional answers (chooser, chosen, yes).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from xzdesk.domain.errors import XzError

LABEL_SOURCES = ("introduction", "event", "outcome")


def _opt_bool(value: bool | None) -> bool | None:
    return None if value is None else bool(value)


@dataclass(frozen=True)
class LabelledPairRow:
    """A pair with a known outcome.

    `label`: both said yes (mutual), None when not known; `a_yes` / `b_yes`: A's own answer about
    B and B's about A, None when not known. `source` is one of LABEL_SOURCES (or an analyst's own
    word); `group` the event or introduction the label came from (the unit of validation splits).
    Raises XzError("matching.labels.contradict") when the facts contradict each other.
    """

    member_a: str
    member_b: str
    label: bool | None
    source: str = "introduction"
    group: str = ""
    a_yes: bool | None = None
    b_yes: bool | None = None

    def __post_init__(self) -> None:
        label, a, b = _opt_bool(self.label), _opt_bool(self.a_yes), _opt_bool(self.b_yes)
        if label is True and False in (a, b):
            raise XzError("matching.labels.contradict", group=self.group)
        if label is True:
            a = b = True
        elif a is not None and b is not None:
            if label is False and a and b:
                raise XzError("matching.labels.contradict", group=self.group)
            label = a and b
        elif label is False and True in (a, b):
            a, b = (True, False) if a else (False, True)
        elif False in (a, b):
            label = False
        put = object.__setattr__
        put(self, "member_a", str(self.member_a))
        put(self, "member_b", str(self.member_b))
        put(self, "label", label)
        put(self, "a_yes", a)
        put(self, "b_yes", b)

    @property
    def directional(self) -> bool:
        """Whether at least one side's own answer is known."""
        return self.a_yes is not None or self.b_yes is not None


def _merge_two(old: LabelledPairRow, new: LabelledPairRow) -> LabelledPairRow:
    """Facts of two rows about the same pair and group (new is oriented like old)."""
    def pick(x: bool | None, y: bool | None) -> bool | None:
        return x if y is None else y

    try:
        return LabelledPairRow(
            old.member_a, old.member_b, pick(old.label, new.label), old.source, old.group,
            a_yes=pick(old.a_yes, new.a_yes), b_yes=pick(old.b_yes, new.b_yes),
        )  # fmt: skip
    except XzError:  # the newer facts contradict the older ones: the newer row stands
        return new


def _oriented(row: LabelledPairRow, first: str) -> LabelledPairRow:
    if row.member_a == first:
        return row
    return replace(row, member_a=row.member_b, member_b=row.member_a, a_yes=row.b_yes, b_yes=row.a_yes)


def merge_labels(rows: Iterable[LabelledPairRow]) -> list[LabelledPairRow]:
    """One row per (pair, group, source), the facts of every row about it combined (later rows
    win on a conflict). An introduction's answers and its outcome stay two rows: they answer
    different questions (willing to meet; interested after meeting). Order of first sight."""
    merged: dict[tuple[str, str, str, str], LabelledPairRow] = {}
    for row in rows:
        x, y = sorted((row.member_a, row.member_b))
        key = (x, y, row.group, row.source)
        old = merged.get(key)
        merged[key] = row if old is None else _merge_two(old, _oriented(row, old.member_a))
    return list(merged.values())


def directed_answers(rows: Sequence[LabelledPairRow]) -> list[tuple[str, str, bool]]:
    """(chooser, chosen, yes) for every known directional answer."""
    out = []
    for r in rows:
        if r.a_yes is not None:
            out.append((r.member_a, r.member_b, r.a_yes))
        if r.b_yes is not None:
            out.append((r.member_b, r.member_a, r.b_yes))
    return out
