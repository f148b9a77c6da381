"""The panel's reverse view: pick a source, see every place it can send pain or strain."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, QUrl, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from app.content.card_html import reach_html
from app.domain.effects import Effects
from app.domain.explorer import Explorer
from app.domain.knowledge import InLanguage
from app.ui.card_words import card_words
from app.ui.widgets import narrow_combo


class FromSourceTab(QWidget):
    card_requested = Signal(str)  # a card link in the view
    shown = Signal()  # a source is shown (from this list or from the model)

    def __init__(self, explorer: Explorer, words: InLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explorer = explorer
        self.words = words
        knowledge = explorer.knowledge
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr("Pick a source here, or Ctrl+click it on the body, to see every place it can send pain or strain:")
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.source_box = QComboBox()
        hint.setBuddy(self.source_box)
        self.source_box.setAccessibleName(self.tr("Start from a source"))
        narrow_combo(self.source_box)
        self.source_box.addItem("—", None)
        self.headings: list[int] = []  # the rows that head a group (not a source)
        groups = ((self.tr("Conditions"), True), (self.tr("Body parts: nerves, joints, discs …"), False))
        for heading, conditions in groups:
            self.source_box.insertSeparator(self.source_box.count())
            self._add_heading(heading)
            for source_id, title in sorted(
                ((i, words.title(i)) for i, _ in knowledge.sources() if (i in knowledge.conditions) == conditions),
                key=lambda pair: pair[1].lower(),
            ):
                self.source_box.addItem(title, source_id)
        self.source_box.currentIndexChanged.connect(lambda _i: explorer.show_source(self.source_box.currentData()))
        layout.addWidget(self.source_box)
        self.reach_view = QTextBrowser()
        self.reach_view.setAccessibleName(self.tr("Where this source can send pain or strain"))
        self.reach_view.setOpenLinks(False)
        self.reach_view.anchorClicked.connect(self._on_link)
        layout.addWidget(self.reach_view, 1)
        explorer.source_changed.connect(self._on_source_change)

    def _add_heading(self, text: str) -> None:
        """A group's heading in the list: bold, and not a choice."""
        self.source_box.addItem(text, None)
        row = self.source_box.count() - 1
        item = self.source_box.model().item(row)  # type: ignore[attr-defined]
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.headings.append(row)

    def add_pose_control(self, control: QWidget) -> None:
        """The pose of the source shown (app/ui/pose_control.py), above what it reaches."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.reach_view), control)

    def close_connections(self) -> None:
        self.explorer.source_changed.disconnect(self._on_source_change)

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "card":
            self.card_requested.emit(url.path())

    def show_again(self) -> None:
        """The view made again (Qt colours its links as it parses them)."""
        if self.explorer.source is not None:
            self._on_source_change(self.explorer.source)

    def _on_source_change(self, shown: Effects | None) -> None:
        if shown is None:
            with QSignalBlocker(self.source_box):
                self.source_box.setCurrentIndex(0)
            self.reach_view.clear()
            return
        with QSignalBlocker(self.source_box):  # shown from the model, or from this list
            self.source_box.setCurrentIndex(max(0, self.source_box.findData(shown.source)))
        self.shown.emit()
        self.reach_view.setHtml(reach_html(shown, self.words, card_words()))
