"""The Qt binding itself: PySide6 6.12.0 drops a reference to True on every Signal.emit() from
Python, so on CPython 3.11 the app aborts ("bool_dealloc") after some thousands of emits (the
ops runner emits for every job and progress step). pyproject.toml keeps that release out."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    sig_plain = Signal()
    sig_value = Signal(object)


def test_emitting_signals_keeps_true_and_false_alive(qapp):
    # 1,000 emits: the faulty binding loses about 1,000 references to True. Other threads of the
    # test process (Qt's, the pool's) free objects that hold True or False meanwhile, which has
    # been seen to move a count by a few dozen; the margin tells the two apart.
    emitter = _Emitter()
    emitter.sig_value.connect(lambda _v: None)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for n in range(500):
        emitter.sig_plain.emit()
        emitter.sig_value.emit(n % 2 == 0)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert after[0] >= before[0] - 200 and after[1] >= before[1] - 200, (before, after)
