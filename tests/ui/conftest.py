"""The real window under Xvfb, with the committed model and content."""

import pytest

from app.scene.assets import load_model


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path_factory):
    """The app's QSettings (text size …) go to a fresh folder, never the user's own."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("settings")))


@pytest.fixture(autouse=True)
def _data_in_tmp(tmp_path_factory, monkeypatch):
    """The user's data (saved views, study progress) goes to a fresh folder, never the user's own."""
    from app.study.store import DATA_ENV

    monkeypatch.setenv(DATA_ENV, str(tmp_path_factory.mktemp("data")))


@pytest.fixture(scope="module")
def model():
    return load_model()


@pytest.fixture(scope="module")
def knowledge():
    from app.content import load
    from app.resources import content_dir

    return load(content_dir())[0]


@pytest.fixture
def window(qtbot, model, knowledge):
    from app.ui.main_window import MainWindow

    window = MainWindow(model, knowledge)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # Xvfb has no window manager; shortcuts need an active window
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.scene.frames.count > 0 and not window.animating())
    yield window
    window.close()


@pytest.fixture
def spanish(qapp):
    """The interface in Spanish for one test (Qt's translator), English again after it."""
    from app.ui.i18n import Translation

    translation = Translation()
    assert translation.install("es")
    yield translation
    translation.install("en")


@pytest.fixture(autouse=True)
def _no_window_left_open(request):
    """Leak check on every Qt test (pyvistaqt's check_gc in small): after the test and its fixtures,
    no window of the app is still open, and the 3D views it opened are closed."""
    yield
    from PySide6.QtWidgets import QApplication
    from pyvistaqt import QtInteractor

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    QApplication.processEvents()
    left = [w for w in app.topLevelWidgets() if w.isVisible() and w.objectName() in ("kiosk", "desk")]
    views = [v for w in app.topLevelWidgets() for v in w.findChildren(QtInteractor) if not getattr(v, "_closed", True)]
    assert not left, f"{request.node.name} left windows open: {left}"
    assert not views, f"{request.node.name} left 3D views unclosed: {views}"
