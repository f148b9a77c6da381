import os

# Mesa's software renderer everywhere, so pixels are the same on every machine and in CI.
os.environ.setdefault("LIBGL_ALWAYS_SOFTWARE", "1")
os.environ.setdefault("QT_API", "pyside6")
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _close_plotters():
    yield
    import sys

    if "pyvista" in sys.modules:
        sys.modules["pyvista"].close_all()
