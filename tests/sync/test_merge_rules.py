"""The merge rules of sync.md, tested directly on the pure functions of xzdesk/sync/merge.py with
the real entity specs (member = a case file, registration = natural key + states, introduction =
a state machine with a validator, checkin_scan, the append-only facts). The same rules over HTTP
and a real database: tests/server/test_merge_classes.py, tests/server/test_push.py."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xzdesk.domain.store.base import MergeClass
from xzdesk.sync.merge import (
    APPEND_ONLY,
    Edit,
    FieldConflict,
    Insert,
    Rejection,
    ServerRow,
    UpdateMerge,
    Write,
    archive_edit,
    insert_rule,
    later,
    mark_duplicate,
    merge_update,
    natural_key_conflict,
    pulled_row,
    update_problem,
    write_rule,
)
from xzdesk.sync.registry import EntitySpec, all_specs, entity_spec

PROPS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _spec(name: str) -> EntitySpec:
    spec = entity_spec(name)
    assert spec is not None
    return spec


MEMBER = _spec("member")  # the case file: CASE_FIELDS, derived and max fields, archive
REGISTRATION = _spec("registration")  # NATURAL_KEY with a state column and a transition table
INTRODUCTION = _spec("introduction")  # STATE_MACHINE with a transition validator
EVENT = _spec("event")  # CASE_FIELDS with a state column
SCAN = _spec("checkin_scan")  # CHECKIN

# ordinary case-file fields of a member: no special merge rule applies to them
PLAIN = sorted(set(MEMBER.columns) - MEMBER.derived - MEMBER.max_fields - {"id"})
VALUES = st.sampled_from(["张三", "李四", "王五", "", None, 0, 1])
STAMPS = st.sampled_from(["2026-01-01T08:00:00+00:00", "2026-01-01T09:30:00+00:00", "2026-03-05T10:00:00+08:00", None])


@st.composite
def plain_rows(draw: st.DrawFn, min_size: int = 1) -> dict[str, Any]:
    names = draw(st.lists(st.sampled_from(PLAIN), min_size=min_size, max_size=8, unique=True))
    return {name: draw(VALUES) for name in names}


def _assert_frozen(result: UpdateMerge) -> None:
    with pytest.raises(TypeError):
        result.values["name"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        result.applied["name"] = "x"  # type: ignore[index]


# --- case-file fields ----------------------------------------------------------------------------
@PROPS
@given(original=plain_rows(min_size=2), data=st.data(), version=st.integers(1, 5), seen=st.integers(1, 5))
def test_edits_of_different_fields_merge_silently(original: dict, data: st.DataObject, version: int, seen: int) -> None:
    names = sorted(original)
    split = data.draw(st.integers(1, len(names) - 1))
    server_side, device_side = names[:split], names[split:]
    current = {**original, **{n: data.draw(VALUES) for n in server_side}}
    fields = {n: data.draw(VALUES) for n in device_side}
    base = {n: original[n] for n in device_side}
    result = merge_update(MEMBER, ServerRow(current, version), Edit(fields, base, base_version=seen))
    assert result.conflicts == ()
    assert dict(result.values) == {**current, **fields}  # the server's changes stay, the device's land
    changed = {n for n in device_side if fields[n] != original[n]}
    assert set(result.applied) == changed
    if changed:
        assert result.status == ("applied" if seen == version else "merged")
        assert result.version == version + 1
    else:
        assert (result.status, result.version) == ("noop", version)
    _assert_frozen(result)


@PROPS
@given(original=plain_rows(), data=st.data())
def test_the_same_field_changed_to_different_values_is_a_conflict_holding_both(original: dict, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(original)))
    theirs = data.draw(VALUES.filter(lambda v: v != original[name]))
    mine = data.draw(VALUES.filter(lambda v: v not in (original[name], theirs)))
    current = {**original, name: theirs}
    result = merge_update(MEMBER, ServerRow(current, 3), Edit({name: mine}, {name: original[name]}, base_version=2))
    assert result.status == "conflict"
    assert result.conflicts == (FieldConflict("field", name, original[name], theirs, mine),)
    assert result.values[name] == theirs  # no silent last-writer-wins: the server value stays
    assert result.applied == {} and result.version == 3


@PROPS
@given(original=plain_rows(), data=st.data())
def test_the_same_value_set_twice_is_not_a_conflict(original: dict, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(original)))
    value = data.draw(VALUES.filter(lambda v: v != original[name]))
    current = {**original, name: value}
    result = merge_update(MEMBER, ServerRow(current, 2), Edit({name: value}, {name: original[name]}, base_version=1))
    assert (result.status, result.conflicts, dict(result.applied)) == ("noop", (), {})
    assert dict(result.values) == current


def test_a_field_without_a_base_value_never_overwrites_silently() -> None:
    result = merge_update(MEMBER, ServerRow({"nickname": "小王"}, 4), Edit({"nickname": "阿王"}, {}, base_version=4))
    assert result.conflicts == (FieldConflict("field", "nickname", None, "小王", "阿王"),)
    assert result.values["nickname"] == "小王"


@PROPS
@given(original=plain_rows(min_size=2), data=st.data())
def test_two_devices_editing_different_fields_converge_in_either_order(original: dict, data: st.DataObject) -> None:
    names = sorted(original)
    split = data.draw(st.integers(1, len(names) - 1))
    edit_a = Edit({n: data.draw(VALUES) for n in names[:split]}, {n: original[n] for n in names[:split]}, 1)
    edit_b = Edit({n: data.draw(VALUES) for n in names[split:]}, {n: original[n] for n in names[split:]}, 1)

    def apply(*edits: Edit) -> dict[str, Any]:
        row = ServerRow(original, 1)
        for edit in edits:
            result = merge_update(MEMBER, row, edit)
            assert result.conflicts == ()
            row = ServerRow(result.values, result.version)
        return dict(row.fields)

    assert apply(edit_a, edit_b) == apply(edit_b, edit_a) == {**original, **edit_a.fields, **edit_b.fields}


@st.composite
def member_updates(draw: st.DrawFn) -> tuple[dict, Edit]:
    """A member row and an edit touching plain, derived and max (timestamp) fields."""
    special = sorted(MEMBER.derived)
    stamps = sorted(MEMBER.max_fields)
    current = draw(plain_rows())
    current.update({n: draw(VALUES) for n in draw(st.lists(st.sampled_from(special), unique=True))})
    current.update({n: draw(STAMPS) for n in stamps})
    names = draw(st.lists(st.sampled_from(PLAIN + special), min_size=1, max_size=8, unique=True))
    fields = {n: draw(VALUES) for n in names}
    fields.update({n: draw(STAMPS) for n in draw(st.lists(st.sampled_from(stamps), unique=True))})
    base = {n: draw(st.one_of(st.just(current.get(n)), VALUES)) for n in fields if draw(st.booleans())}
    return current, Edit(fields, base, base_version=draw(st.integers(1, 3)), force=draw(st.booleans()))


@PROPS
@given(case=member_updates())
def test_applying_the_same_update_twice_changes_nothing_more(case: tuple[dict, Edit]) -> None:
    current, edit = case
    first = merge_update(MEMBER, ServerRow(current, 2), edit)
    again = merge_update(MEMBER, ServerRow(first.values, first.version), edit)
    assert dict(again.applied) == {}
    assert dict(again.values) == dict(first.values) and again.version == first.version
    assert again.conflicts == first.conflicts
    assert again.status == ("conflict" if first.conflicts else "noop")


@PROPS
@given(case=member_updates())
def test_max_fields_take_the_later_time_and_never_conflict(case: tuple[dict, Edit]) -> None:
    current, edit = case
    result = merge_update(MEMBER, ServerRow(current, 2), edit)
    assert not {c.field for c in result.conflicts} & MEMBER.max_fields
    for name in MEMBER.max_fields & set(edit.fields):
        assert result.values[name] == later(current[name], edit.fields[name])


@PROPS
@given(a=STAMPS, b=STAMPS)
def test_later_is_commutative_and_picks_one_of_the_two(a: str | None, b: str | None) -> None:
    assert later(a, b) == later(b, a)
    assert later(a, b) in (a, b)


@PROPS
@given(case=member_updates())
def test_derived_fields_never_conflict_and_follow_their_source(case: tuple[dict, Edit]) -> None:
    current, edit = case
    result = merge_update(MEMBER, ServerRow(current, 2), edit)
    assert not {c.field for c in result.conflicts} & MEMBER.derived
    for name in MEMBER.derived & set(edit.fields):
        if edit.fields[name] == current.get(name):
            continue
        clean = not result.conflicts
        kept_by_server = edit.base.get(name, object()) == current.get(name)
        assert (name in result.applied) == (clean or kept_by_server)


def test_a_derived_field_keeps_the_server_value_when_its_source_conflicted() -> None:
    current = {"mobile": "13800000001", "mobile_last4": "0001", "mobile_hmac": "aa"}
    edit = Edit({"mobile": "13900000002", "mobile_last4": "0002", "mobile_hmac": "bb"},
                {"mobile": "13700000000", "mobile_last4": "0000", "mobile_hmac": "aa"}, base_version=1)  # fmt: skip
    result = merge_update(MEMBER, ServerRow(current, 2), edit)
    assert [c.field for c in result.conflicts] == ["mobile"]
    assert dict(result.applied) == {"mobile_hmac": "bb"}  # unchanged on the server: follows the device
    assert result.values["mobile_last4"] == "0001"  # changed on the server: stays with its source


@PROPS
@given(case=member_updates())
def test_force_applies_every_change_without_a_conflict(case: tuple[dict, Edit]) -> None:
    current, edit = case
    result = merge_update(MEMBER, ServerRow(current, 2), replace(edit, force=True))
    assert result.conflicts == ()
    for name, value in edit.fields.items():
        expected = later(current.get(name), value) if name in MEMBER.max_fields else value
        assert result.values.get(name) == expected  # an absent field is null


def test_a_delete_of_a_case_file_archives_it() -> None:
    assert write_rule(MEMBER, "delete") is Write.ARCHIVE
    edit = archive_edit(MEMBER, {"status": "active"})
    result = merge_update(MEMBER, ServerRow({"status": "active", "name": "张三"}, 7), edit)
    assert (result.status, dict(result.values), result.version) == ("applied", {"status": "archived", "name": "张三"}, 8)


def test_the_id_and_the_duplicate_mark_are_never_taken_from_a_device() -> None:
    result = merge_update(SCAN, ServerRow({"id": "x", "duplicate_of": None}, 1),
                          Edit({"id": "y", "duplicate_of": "z"}, {"id": "x", "duplicate_of": None}, 1))  # fmt: skip
    assert (result.status, dict(result.values)) == ("noop", {"id": "x", "duplicate_of": None})


def test_update_problems_come_before_any_merge() -> None:
    assert update_problem(MEMBER, "m1", {}, {"no_such_column": 1}) == Rejection(
        "sync.invalid", {"field": "no_such_column", "problem": "sync.unknown_field"}
    )
    assert update_problem(MEMBER, "m1", {}, {"id": "m2"}) == Rejection("sync.bad_id")
    assert update_problem(REGISTRATION, "r1", {"member_id": "m1"}, {"member_id": "m2"}) == Rejection(
        "sync.member_immutable", {"field": "member_id"}
    )
    assert update_problem(REGISTRATION, "r1", {"member_id": "m1"}, {"member_id": "m1", "remark": "到场"}) is None


# --- state machines ------------------------------------------------------------------------------
STATEFUL = [REGISTRATION, INTRODUCTION, EVENT]


@st.composite
def state_moves(draw: st.DrawFn) -> tuple[EntitySpec, str, Any, str]:
    spec = draw(st.sampled_from(STATEFUL))
    states = sorted(spec.transitions)
    current = draw(st.sampled_from(states))
    base = draw(st.one_of(st.just(current), st.sampled_from(states), st.none()))
    new = draw(st.sampled_from(states))
    return spec, current, base, new


@PROPS
@given(move=state_moves(), remark=st.sampled_from(["", "到场"]))
def test_a_state_only_moves_along_its_transitions_from_the_current_state(move: tuple, remark: str) -> None:
    spec, current, base, new = move
    state = spec.state_field
    assert state is not None
    row = ServerRow({state: current, "updated_at": None}, 5)
    edit = Edit({state: new, "updated_at": "2026-05-01T00:00:00+00:00"}, {} if base is None else {state: base}, 5)
    result = merge_update(spec, row, edit)
    after = result.values[state]
    assert after == current or after in spec.transitions[current]  # never a silent revert
    if new == current:
        assert state not in result.applied and not result.conflicts
    elif base != current:  # the editor started from another state: a stale move
        assert result.conflicts == (FieldConflict("transition", state, base, current, new),)
        assert after == current
    elif spec.check_transition(row.fields, {state: new}) is None:
        assert result.applied[state] == new and result.status == "applied"
    else:  # rejected as a whole: nothing of the mutation is applied
        assert result.status == "rejected" and isinstance(result.rejection, Rejection)
        assert result.rejection.params == {"field": state}
        assert (dict(result.applied), dict(result.values), result.version) == ({}, row.fields, 5)


def test_a_registration_move_outside_the_table_is_rejected_with_its_code() -> None:
    result = merge_update(REGISTRATION, ServerRow({"status": "attended"}, 2), Edit({"status": "pending"}, {"status": "attended"}, 2))
    assert result.rejection == Rejection("sync.bad_transition", {"field": "status"})


def test_an_archive_changes_the_state_without_the_transition_check() -> None:
    spec = replace(EVENT, archive=("status", "cancelled"))
    result = merge_update(spec, ServerRow({"status": "held"}, 3), archive_edit(spec, {"status": "held"}))
    assert (result.status, result.values["status"]) == ("applied", "cancelled")


# --- append-only, check-in and natural keys -------------------------------------------------------
@pytest.mark.parametrize("spec", all_specs(), ids=lambda s: s.name)
def test_each_merge_class_takes_only_its_writes(spec: EntitySpec) -> None:
    assert write_rule(spec, "insert") is Write.INSERT
    if spec.merge == MergeClass.APPEND_ONLY:  # facts are never changed nor removed by a device
        assert write_rule(spec, "update") == write_rule(spec, "delete") == APPEND_ONLY
        return
    assert write_rule(spec, "update") is Write.UPDATE
    if spec.archive is not None:
        assert write_rule(spec, "delete") is Write.ARCHIVE
    elif spec.merge == MergeClass.CHECKIN:
        assert write_rule(spec, "delete") == APPEND_ONLY
    else:
        assert write_rule(spec, "delete") is Write.DELETE


def test_the_append_only_classes_are_the_facts() -> None:
    facts = {s.name for s in all_specs() if s.merge == MergeClass.APPEND_ONLY}
    assert {"audit_log", "note", "interest_card", "verification"} <= facts


@pytest.mark.parametrize("merge, expected", [
    (MergeClass.NATURAL_KEY, Insert.ALIAS), (MergeClass.STATE_MACHINE, Insert.ALIAS),
    (MergeClass.CHECKIN, Insert.DUPLICATE), (MergeClass.CASE_FIELDS, Insert.ALIAS),  # one person on two laptops is one
    (MergeClass.APPEND_ONLY, Insert.NEW),
])  # fmt: skip
def test_an_insert_whose_natural_key_exists(merge: MergeClass, expected: Insert) -> None:
    spec = replace(REGISTRATION, merge=merge)
    assert insert_rule(spec, "01a00000-0000-7000-8000-000000000001") is expected
    assert insert_rule(spec, None) is Insert.NEW


@PROPS
@given(theirs=st.dictionaries(st.sampled_from(list(REGISTRATION.columns)), VALUES),
       mine=st.dictionaries(st.sampled_from(list(REGISTRATION.columns)), VALUES))  # fmt: skip
def test_a_natural_key_merge_lists_exactly_the_differing_fields_with_both_values(theirs: dict, mine: dict) -> None:
    diff = natural_key_conflict(REGISTRATION, theirs, mine)
    ignored = {"id", "created_at", *REGISTRATION.natural_key, *REGISTRATION.derived, *REGISTRATION.max_fields,
               *REGISTRATION.unique_columns}  # each laptop's own numbering and typing time are no facts to choose
    assert set(diff.fields) == {k for k in mine if k not in ignored and theirs.get(k) != mine[k]}
    assert list(diff.fields) == sorted(diff.fields)
    for name in diff.fields:
        assert (diff.theirs[name], diff.mine[name]) == (theirs.get(name), mine[name])


@PROPS
@given(values=st.dictionaries(st.sampled_from(list(SCAN.columns)), VALUES))
def test_a_duplicate_scan_is_kept_and_names_the_first(values: dict) -> None:
    before = dict(values)
    assert mark_duplicate(SCAN, values, "first") == {**values, "duplicate_of": "first"}
    assert values == before  # the pushed values are not changed in place


def test_two_registrations_of_the_same_member_merge_with_the_differing_remark() -> None:
    first = {"id": "r1", "event_id": "e", "member_id": "m", "remark": "办公室登记", "updated_at": "2026-01-01T00:00:00"}
    second = {**first, "id": "r2", "remark": "电话登记", "updated_at": "2026-01-02T00:00:00"}
    assert insert_rule(REGISTRATION, "r1") is Insert.ALIAS
    diff = natural_key_conflict(REGISTRATION, first, second)
    assert (diff.fields, dict(diff.theirs), dict(diff.mine)) == (("remark",), {"remark": "办公室登记"}, {"remark": "电话登记"})


# --- the laptop ----------------------------------------------------------------------------------
@PROPS
@given(values=st.dictionaries(st.sampled_from(PLAIN), VALUES), pending=st.sets(st.sampled_from(PLAIN)))
def test_a_pulled_row_never_overwrites_a_pending_local_edit(values: dict, pending: set) -> None:
    row = pulled_row(values, pending)
    assert not set(row) & pending
    assert row == {k: v for k, v in values.items() if k not in pending}
