"""The panel's questions: answers that re-rank the sources, with the best fits kept in sight."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.content.answer_text import best_fits_html
from app.domain.explorer import Explorer
from app.domain.knowledge import ANSWER_KINDS, InLanguage
from app.scene.highlight import MECHANISM_COLOURS
from app.ui.card_words import answer_words
from app.ui.i18n import tr
from app.ui.widgets import WrappedCheckBox

# QT_TRANSLATE_NOOP marks the words for pyside6-lupdate; tr() shows them
ANSWER_TITLES = {
    "features": QT_TRANSLATE_NOOP("QuestionsTab", "What does it feel like?"),
    "triggers": QT_TRANSLATE_NOOP("QuestionsTab", "What makes it worse?"),
    "checks": QT_TRANSLATE_NOOP("QuestionsTab", "Can you …? (weakness)"),
    "red_flags": QT_TRANSLATE_NOOP("QuestionsTab", "Urgent signs"),
}


class QuestionsTab(QWidget):
    def __init__(self, explorer: Explorer, words: InLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explorer = explorer
        self.words = words
        questions = QWidget()
        questions_layout = QVBoxLayout(questions)
        self.top_now = QLabel()  # the ranking stays in sight while answering
        self.top_now.setWordWrap(True)
        self.top_now.setObjectName("top_now")
        self.top_now.setTextFormat(Qt.TextFormat.RichText)
        self.answer_boxes: dict[tuple[str, str], QCheckBox] = {}
        for kind in sorted(ANSWER_KINDS, key=lambda k: k != "red_flags"):  # urgent signs on top
            group = QGroupBox(tr(ANSWER_TITLES[kind], "QuestionsTab"))
            group_layout = QVBoxLayout(group)
            for answer_id, _label in explorer.knowledge.answers(kind):
                row = WrappedCheckBox(words.title(answer_id))
                row.box.toggled.connect(lambda on, k=kind, a=answer_id: explorer.set_answer(k, a, on))
                group_layout.addWidget(row)
                self.answer_boxes[(kind, answer_id)] = row.box
            questions_layout.addWidget(group)
        questions_layout.addStretch(1)
        scroller = QScrollArea()  # two dozen questions must not make the window taller than the screen
        scroller.setWidget(questions)
        scroller.setWidgetResizable(True)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # answers wrap instead
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller = scroller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.top_now)  # outside the scroll: answering low down keeps it in sight
        layout.addWidget(scroller, 1)
        explorer.changed.connect(self._on_explorer_change)

    def close_connections(self) -> None:
        self.explorer.changed.disconnect(self._on_explorer_change)

    def _on_explorer_change(self) -> None:
        explorer = self.explorer
        for (kind, answer_id), box in self.answer_boxes.items():
            with QSignalBlocker(box):
                box.setChecked(answer_id in getattr(explorer.answers, kind))
        self.top_now.setText(best_fits_html(explorer, self.words, answer_words(), MECHANISM_COLOURS))
