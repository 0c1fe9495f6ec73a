"""Camera scanning: Qt Multimedia frames -> zxing-cpp (xzdesk.domain.checkin.qrscan).

Qt Multimedia is optional at run time: on a machine where it cannot load (e.g. libpulse is
missing) or that has no camera, `camera_support()` says why and the panel hides the camera
button with that reason in its tooltip. The frame path (`qimage_to_gray` -> `decode_qr`) needs
no camera and is what the tests exercise with generated QR images.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from xzdesk.domain.checkin.qrscan import FrameDeduper, decode_qr

log = logging.getLogger(__name__)
DECODE_EVERY_S = 0.15  # at most ~7 frames a second go to the decoder


def camera_support() -> tuple[bool, str, str]:
    """(available, reason code, technical detail). Reason codes: "" (available),
    "multimedia_missing" (Qt Multimedia failed to load), "no_camera"."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError as exc:  # e.g. libpulse.so.0 missing
        log.info("Qt Multimedia unavailable: %s", exc)
        return False, "multimedia_missing", str(exc)[:200]
    try:
        inputs = QMediaDevices.videoInputs()
    except Exception as exc:  # a broken backend: treat as no camera
        return False, "no_camera", str(exc)[:200]
    if not inputs:
        return False, "no_camera", ""
    return True, "", ""


def qimage_to_gray(image: QImage) -> np.ndarray:
    """A QImage as an (H, W) uint8 grey array (copied; safe after the frame is gone)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    buffer = np.frombuffer(gray.constBits(), dtype=np.uint8, count=stride * height)
    return buffer.reshape(height, stride)[:, :width].copy()


def decode_image(image: QImage) -> list[str]:
    """QR texts in a QImage (a camera frame or any picture)."""
    if image.isNull():
        return []
    return decode_qr(qimage_to_gray(image))


class FrameDecoder(QObject):
    """Turns a stream of frames into codes: decodes at most every DECODE_EVERY_S, and drops a
    text seen again within 3 s. Feed it QImages with `feed(image)`."""

    sig_code = Signal(str)

    def __init__(self, parent: QObject | None = None, *, clock: Any = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._next = 0.0
        self._dedupe = FrameDeduper()

    def feed(self, image: QImage) -> None:
        now = self._clock()
        if now < self._next:
            return
        self._next = now + DECODE_EVERY_S
        for text in decode_image(image):
            if self._dedupe.accept(text, now):
                self.sig_code.emit(text)


class CameraScanner(QObject):
    """The default camera feeding a FrameDecoder (and an optional preview widget). Created only
    when `camera_support()` said yes."""

    sig_code = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices, QVideoSink

        self.decoder = FrameDecoder(self)
        self.decoder.sig_code.connect(self.sig_code)
        self.camera = QCamera(QMediaDevices.defaultVideoInput(), self)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.sink = QVideoSink(self)
        self.session.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(self._on_frame)
        self.preview: Any = None

    def attach_preview(self, widget: Any) -> None:
        """Show the frames in a QVideoWidget (Qt Multimedia Widgets) as well."""
        self.preview = widget
        self.session.setVideoOutput(widget)
        widget.videoSink().videoFrameChanged.connect(self._on_frame)

    def _on_frame(self, frame: Any) -> None:
        try:
            image = frame.toImage()
        except Exception:  # a frame that cannot be mapped: skip it
            return
        self.decoder.feed(image)

    def start(self) -> None:
        self.camera.start()

    def stop(self) -> None:
        self.camera.stop()
