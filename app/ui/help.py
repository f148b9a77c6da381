"""F1: how to use the app, in a few plain steps, beside the list of every key."""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

STEPS = (  # what a first-time user needs, in the order they need it; no patient in it
    QT_TRANSLATE_NOOP("HelpDialog", "Click the body where it hurts. Or press P to choose the place from a list."),
    QT_TRANSLATE_NOOP(
        "HelpDialog",
        "The list on the right shows what could send pain there, the best fit first. Click one to see its path"
        " on the body and its card.",
    ),
    QT_TRANSLATE_NOOP(
        "HelpDialog", "Answer the Questions (what it feels like, what makes it worse) to sort the list again."
    ),
    QT_TRANSLATE_NOOP(
        "HelpDialog", "Mark an area (M) to touch several spots. Start again (Ctrl+N) clears it all for the next person."
    ),
    QT_TRANSLATE_NOOP(
        "HelpDialog",
        "From a source: pick a disc, a nerve or a condition to see every place it can send pain or strain.",
    ),
    QT_TRANSLATE_NOOP("HelpDialog", "Urgent signs (U) lists the signs that need care now."),
    QT_TRANSLATE_NOOP(
        "HelpDialog",
        "Drag to turn the body and scroll to zoom. The buttons at the top show the front, the back, the sides"
        " and the soles.",
    ),
    QT_TRANSLATE_NOOP(
        "HelpDialog",
        "Handout (Ctrl+P) makes a sheet to print or save. File, Save image saves a picture of the view. File,"
        " Save this view keeps the view under a name, to open again later.",
    ),
    QT_TRANSLATE_NOOP("HelpDialog", "Larger text: Ctrl and =. Smaller text: Ctrl and −."),
)
NOT_A_DIAGNOSIS = QT_TRANSLATE_NOOP(
    "HelpDialog", "The app explains possible causes. It is not a diagnosis: a clinician can examine and tell."
)


def how_to_html() -> str:
    """The steps in the interface's language."""
    steps = "".join(f"<li>{html.escape(QCoreApplication.translate('HelpDialog', str(step)))}</li>" for step in STEPS)
    note = html.escape(QCoreApplication.translate("HelpDialog", str(NOT_A_DIAGNOSIS)))
    return f"<ol>{steps}</ol><p><i>{note}</i></p>"


class HelpDialog(QDialog):
    """How to use, on the left; every key of the window, on the right."""

    def __init__(self, keys_table: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("How to use Referral Atlas"))
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        views: dict[str, QTextBrowser] = {}
        for title, text, name in (
            (self.tr("How to use"), how_to_html(), "how_to"),
            (self.tr("Keyboard keys"), keys_table, "keys"),
        ):
            column = QWidget()
            column_layout = QVBoxLayout(column)
            column_layout.setContentsMargins(0, 0, 0, 0)
            heading = QLabel(f"<b>{html.escape(title)}</b>")
            view = QTextBrowser()
            view.setObjectName(name)
            view.setAccessibleName(title)
            view.setHtml(text)
            heading.setBuddy(view)
            views[name] = view
            column_layout.addWidget(heading)
            column_layout.addWidget(view)
            splitter.addWidget(column)
        self.how_to, self.keys = views["how_to"], views["keys"]
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        screen = parent.screen().availableGeometry() if parent is not None else None
        width, height = 860, 560
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 80)
        self.resize(width, height)

    def text(self) -> str:
        """Both columns as plain text."""
        return f"{self.how_to.toPlainText()}\n{self.keys.toPlainText()}"
