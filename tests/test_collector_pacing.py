"""collector.fewer_collections: the garbage collector's first threshold raised for a bulk phase and
put back afterwards, whatever happens in the block (it changes when objects are collected, never
which objects exist or what the phase writes)."""

from __future__ import annotations

import gc
import threading

import pytest

from xzdesk.collector import YOUNG_THRESHOLD, fewer_collections


@pytest.fixture
def default_threshold():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield (700, 10, 10)
    gc.set_threshold(*before)


def test_raised_inside_and_restored_after(default_threshold):
    with fewer_collections():
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
        with fewer_collections():
            assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)  # the outer block still runs
    assert gc.get_threshold() == default_threshold


def test_restored_after_an_error(default_threshold):
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == default_threshold


def test_collection_off_or_higher_is_left_alone(default_threshold):
    for setting in ((0, 10, 10), (YOUNG_THRESHOLD * 2, 10, 10)):
        gc.set_threshold(*setting)
        with fewer_collections():
            assert gc.get_threshold() == setting
        assert gc.get_threshold() == setting


def test_a_threshold_set_inside_the_block_stays(default_threshold):
    with fewer_collections():
        gc.set_threshold(1234, 5, 5)
    assert gc.get_threshold() == (1234, 5, 5)


def test_overlapping_blocks_on_two_threads_restore_once_both_leave(default_threshold):
    entered, release = threading.Event(), threading.Event()
    seen = []

    def other():
        with fewer_collections():
            entered.set()
            release.wait(5)
        seen.append(gc.get_threshold())

    thread = threading.Thread(target=other)
    with fewer_collections():
        thread.start()
        assert entered.wait(5)
    # This thread left first: the other thread's block still runs with the raised threshold.
    assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
    release.set()
    thread.join(5)
    assert seen == [default_threshold]
    assert gc.get_threshold() == default_threshold


def test_cycles_are_still_collected_inside(default_threshold):
    class Node:
        pass

    with fewer_collections():
        before = gc.get_stats()[0]["collections"]
        for _ in range(YOUNG_THRESHOLD * 3):
            a, b = Node(), Node()
            a.other, b.other = b, a  # garbage cycles, freed only by the collector
        assert gc.get_stats()[0]["collections"] > before
