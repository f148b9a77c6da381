"""The real window under Xvfb, with the committed model and content."""

import pytest

from app.scene.assets import load_model


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path_factory):
    """The app's QSettings (text size …) go to a fresh folder, never the user's own."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("settings")))


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
