"""The student window under Xvfb, its progress file in a temporary folder."""

import pytest


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    from app.study.store import DATA_ENV

    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    return tmp_path


@pytest.fixture
def open_student(qtbot, model, knowledge, data_dir, question_bank):
    """Open a student window (again, for a restart); the quiz has started when it returns."""
    from app.modes.spec import STUDENT
    from app.ui.main_window import MainWindow

    opened = []

    def open_window(size=(1280, 800), seed=1):
        window = MainWindow(model, knowledge, spec=STUDENT, question_bank=question_bank)
        window.study.quiz.seed = seed
        window.resize(*size)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.waitUntil(lambda: window.study.quiz.session is not None, timeout=20000)
        qtbot.waitUntil(lambda: not window.animating())
        opened.append(window)
        return window

    yield open_window
    for window in opened:
        window.close()


@pytest.fixture
def student(open_student):
    return open_student()
