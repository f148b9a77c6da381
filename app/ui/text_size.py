"""Presenter size: Ctrl+= / Ctrl+- / Ctrl+0 make all the window's text larger, smaller or normal,
remembered between starts (QSettings, an INI file in the user's settings folder).

The scale is applied to the application font, which every widget without a font of its own follows
(lists, cards, buttons, the toolbar); the card HTML sizes its headings relative to it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow

from app.ui.qt_env import widget_app

SCALES = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)  # steps the keys walk through
# A window this tall (a full-HD screen turned toward a patient, read from further away) starts
# with larger text; the presenter's own scale multiplies it.
LARGE_WINDOW_PX, LARGE_WINDOW_SCALE = 1000, 1.2
SETTINGS_KEY = "text/scale"
_BASE_PROPERTY = "referral_atlas_base_font"  # the font before any scaling, kept on the QApplication


def settings() -> QSettings:
    """The app's own settings file (tests point the INI user path at a temporary folder)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "referral-atlas", "referral-atlas")


def _keys(*keys: str | QKeySequence.StandardKey) -> list[QKeySequence]:
    return [QKeySequence(key) for key in keys]


class TextSize(QObject):
    """The window's text scale and its three actions (added to the window, so the keys work anywhere)."""

    changed = Signal(float)  # the scale the text is drawn at: the presenter's times a tall window's

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        app = widget_app()
        base = app.property(_BASE_PROPERTY)
        if not isinstance(base, QFont):
            base = QFont(app.font())
            app.setProperty(_BASE_PROPERTY, base)
        self.base: QFont = base
        self.actions: dict[str, QAction] = {}
        for name, label, keys, slot in (
            ("larger", self.tr("Larger text"), _keys("Ctrl+=", "Ctrl++", QKeySequence.StandardKey.ZoomIn), self.larger),
            ("smaller", self.tr("Smaller text"), _keys("Ctrl+-", QKeySequence.StandardKey.ZoomOut), self.smaller),
            ("normal", self.tr("Normal text size"), _keys("Ctrl+0"), self.normal),
        ):
            action = QAction(label, window)
            unique = {k.toString(): k for k in keys}  # the standard key may repeat one
            action.setShortcuts(list(unique.values()))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            window.addAction(action)
            self.actions[name] = action
        self.scale = self._saved()
        self.window_factor = 1.0  # LARGE_WINDOW_SCALE in a tall window (fit_window)
        self._apply()

    def fit_window(self, height: int) -> None:
        """Larger text in a tall window; called as the window resizes, applied only on a change."""
        factor = LARGE_WINDOW_SCALE if height >= LARGE_WINDOW_PX else 1.0
        if factor != self.window_factor:
            self.window_factor = factor
            self._apply()

    def larger(self) -> None:
        self.set_scale(next((s for s in SCALES if s > self.scale + 1e-6), SCALES[-1]))

    def smaller(self) -> None:
        self.set_scale(next((s for s in reversed(SCALES) if s < self.scale - 1e-6), SCALES[0]))

    def normal(self) -> None:
        self.set_scale(1.0)

    def set_scale(self, scale: float) -> None:
        self.scale = min(max(scale, SCALES[0]), SCALES[-1])
        settings().setValue(SETTINGS_KEY, self.scale)
        self._apply()
        self.window.statusBar().showMessage(self.tr("Text size {0}%").format(round(self.scale * 100)))

    def close(self) -> None:
        """Give the application its own font back (the window is going)."""
        if QApplication.font() != self.base:
            QApplication.setFont(self.base)

    def _saved(self) -> float:
        saved = settings().value(SETTINGS_KEY, 1.0)
        try:
            value = float(saved) if isinstance(saved, (str, int, float)) else 1.0
        except ValueError:  # a hand-edited file: fall back, never crash
            return 1.0
        return min(max(value, SCALES[0]), SCALES[-1])

    def _apply(self) -> None:
        font = QFont(self.base)
        size, scale = self.base.pointSizeF(), self.drawn_scale
        if size > 0:
            font.setPointSizeF(size * scale)
        else:  # a font sized in pixels
            font.setPixelSize(max(1, round(self.base.pixelSize() * scale)))
        if font != QApplication.font():  # every widget re-lays out on a change: none at a normal start
            QApplication.setFont(font)
        self.changed.emit(self.drawn_scale)

    @property
    def drawn_scale(self) -> float:
        return self.scale * self.window_factor
