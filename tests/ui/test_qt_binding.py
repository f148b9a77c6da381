"""The Qt binding itself: a release that corrupts Python's reference counts would crash the app."""

import sys

import pytest
from PySide6.QtWidgets import QApplication


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12: its count shows nothing")
def test_processing_events_keeps_the_reference_count_of_none(qapp: QApplication) -> None:
    # PySide6 6.12.0 decremented None's count on every processEvents(): after enough calls
    # (any wait loop) Python aborts with "none_dealloc".
    before = sys.getrefcount(None)
    for _ in range(500):
        qapp.processEvents()
    assert sys.getrefcount(None) > before - 100
