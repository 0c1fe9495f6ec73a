"""xzdesk.collector: the garbage collector pauses while a process loads and runs again after,
with what was loaded kept out of later collections; the window and the commands use it."""

from __future__ import annotations

import gc

import pytest

from xzdesk import collector


@pytest.fixture(autouse=True)
def _collector_as_it_was(monkeypatch):
    enabled = gc.isenabled()
    monkeypatch.setattr(collector, "_froze", False)  # each test is a process's first start
    yield
    gc.unfreeze()  # what a test froze goes back to the collector's oldest generation
    (gc.enable if enabled else gc.disable)()


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector can free it


def _tracked(obj: object) -> bool:
    return any(o is obj for o in gc.get_objects())


def test_loading_pauses_collection_and_freezes_what_it_made():
    gc.enable()
    frozen = gc.get_freeze_count()
    with collector.loading():
        assert not gc.isenabled()
        kept = [Node() for _ in range(2_000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(kept)
    assert not _tracked(kept[0])  # frozen: no collection scans it
    made_after = Node()
    assert _tracked(made_after)  # later objects are collected as usual


def test_loading_resumes_when_the_block_raises():
    gc.enable()
    with pytest.raises(RuntimeError), collector.loading():
        raise RuntimeError("a start that failed")
    assert gc.isenabled()


def test_resume_leaves_collection_off_when_it_was_off_before():
    gc.disable()
    running = collector.pause()
    collector.resume(running)
    assert not running and not gc.isenabled()
    gc.enable()
    running = collector.pause()
    assert running and not gc.isenabled()
    collector.resume(running)
    assert gc.isenabled()


def test_only_the_first_start_is_frozen():
    gc.enable()
    with collector.loading():
        first = Node()
    with collector.loading():
        second = Node()
    assert not _tracked(first) and _tracked(second)


def test_garbage_made_after_loading_is_still_collected():
    gc.enable()
    with collector.loading():
        pass
    gc.collect()
    Node()  # unreachable at once
    assert gc.collect() >= 1
