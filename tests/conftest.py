import os

# Mesa's software renderer everywhere, so pixels are the same on every machine and in CI.
os.environ.setdefault("LIBGL_ALWAYS_SOFTWARE", "1")
os.environ.setdefault("QT_API", "pyside6")
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

import pytest


@pytest.fixture(autouse=True)
def _close_plotters():
    yield
    import sys

    if "pyvista" in sys.modules:
        sys.modules["pyvista"].close_all()


@pytest.fixture(scope="session")
def question_bank():
    """One question bank for the whole run: its spine-or-hip cases (~1,500 rankings) are made once."""
    from app.content import load
    from app.resources import content_dir
    from app.study.questions import QuestionBank

    bank = QuestionBank(load(content_dir())[0])
    for _step in bank.preparing():  # made here, not in the first window's 20 s (slow on a loaded machine)
        pass
    return bank
