"""Choose a place from a list: a body region and a side, as a touch there would (the app without a
pointer). The filter forgives typos and lay words, as the search does."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.knowledge import InLanguage
from app.domain.search import SearchIndex

SIDES = ("right", "left")


@dataclass(frozen=True)
class Spot:
    region: str  # a region territory id (region_heel)
    side: str  # right | left
    add: bool  # add to the places already marked (as Shift+click), or start from this one


class SpotPicker(QDialog):
    def __init__(
        self, index: SearchIndex, words: InLanguage, parent: QWidget | None = None, side: str = "right"
    ) -> None:
        """`side`: the side chosen at first (the side last touched)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose a place"))
        self.index = index
        self.words = words
        self.regions = [t.id for t in words.knowledge.territories.values() if t.kind == "region"]
        self.chosen: Spot | None = None
        layout = QVBoxLayout(self)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Type to narrow the list: heel, shin, buttock …"))
        self.filter.setAccessibleName(self.tr("Narrow the list of places"))
        self.filter.textChanged.connect(self._fill)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Places on the body"))
        self.list.itemActivated.connect(lambda _item: self._choose(add=False))
        prompt = QLabel(self.tr("&Where does it hurt?"))
        prompt.setBuddy(self.filter)
        layout.addWidget(prompt)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)

        sides = QHBoxLayout()
        side_label = QLabel(self.tr("Side:"))
        sides.addWidget(side_label)
        self.side_group = QButtonGroup(self)
        self.side_buttons: dict[str, QRadioButton] = {}
        for each_side, words_for_side in zip(SIDES, (self.tr("&Right"), self.tr("&Left")), strict=False):
            button = QRadioButton(words_for_side)
            self.side_group.addButton(button)
            self.side_buttons[each_side] = button
            sides.addWidget(button)
        self.side_buttons.get(side, self.side_buttons["right"]).setChecked(True)
        sides.addStretch(1)
        layout.addLayout(sides)

        buttons = QDialogButtonBox()
        show = QPushButton(self.tr("Show"))
        show.setDefault(True)
        show.setToolTip(self.tr("Show what could hurt there, as a touch would"))
        show.clicked.connect(lambda: self._choose(add=False))
        add = QPushButton(self.tr("Add to the marked places"))
        add.setToolTip(self.tr("Keep the places already marked and add this one (as Shift+click)"))
        add.clicked.connect(lambda: self._choose(add=True))
        buttons.addButton(show, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(add, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.filter.installEventFilter(self)
        self._fill("")
        self.filter.setFocus()

    def _fill(self, text: str) -> None:
        """Every region top to bottom, or the regions the search finds for the words typed."""
        if text.strip():
            hits = self.index.search(text, 200)  # every kind ranks together: ask for enough
            shown = list(dict.fromkeys(hit.id for hit in hits if hit.kind == "region"))
        else:
            shown = self.regions
        self.list.clear()
        for region in shown:
            item = QListWidgetItem(self.words.title(region))
            item.setData(Qt.ItemDataRole.UserRole, region)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and down in the filter move through the list, so typing and choosing go together."""
        if watched is self.filter and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.list.count():
                self.list.setCurrentRow(max(0, min(self.list.count() - 1, self.list.currentRow() + step)))
                return True
        return super().eventFilter(watched, event)

    def choose(self, region: str, side: str, add: bool = False) -> None:
        """Choose as a person would: the region in the list, the side, then Show or Add."""
        self.filter.clear()
        self.list.setCurrentRow(self.regions.index(region))
        self.side_buttons[side].setChecked(True)
        self._choose(add)

    def _choose(self, add: bool) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        side = next(s for s, button in self.side_buttons.items() if button.isChecked())
        self.chosen = Spot(item.data(Qt.ItemDataRole.UserRole), side, add)
        self.accept()
