"""Choose a place from a list: a body region and a side, as a touch there would (the app without a
pointer). The filter forgives typos and lay words, as the search does, and also finds a place whose
name a word is close to ("heal", "hel" for the heel) where the search takes the word as another one."""

from __future__ import annotations

import difflib
import re
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
NAME_CLOSENESS = 0.7  # a typed word this close to a word of a place's name (difflib ratio) finds it


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
        self.list.setObjectName("places")  # its chosen row stays lit while Side has the focus
        self.list.setAccessibleName(self.tr("Places on the body"))
        self.nothing = QLabel()  # says so when no place matches the words typed
        self.nothing.setWordWrap(True)
        self.nothing.hide()
        self.list.itemActivated.connect(lambda _item: self._choose(add=False))
        prompt = QLabel(self.tr("&Where does it hurt?"))
        prompt.setBuddy(self.filter)
        layout.addWidget(prompt)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.nothing)

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
        self.list.installEventFilter(self)
        self._fill("")
        self.filter.setFocus()

    def _fill(self, text: str) -> None:
        """Every region top to bottom, or the regions the search finds for the words typed."""
        if text.strip():
            hits = self.index.search(text, 200)  # every kind ranks together: ask for enough
            shown = list(dict.fromkeys([*(hit.id for hit in hits if hit.kind == "region"), *self._named_like(text)]))
        else:
            shown = self.regions
        self.list.clear()
        for region in shown:
            item = QListWidgetItem(self.words.title(region))
            item.setData(Qt.ItemDataRole.UserRole, region)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.nothing.setText(
            self.tr("No place matches “{0}”. Try another word, or clear the box to see every place.").format(
                text.strip()
            )
        )
        self.nothing.setVisible(not self.list.count())

    def _named_like(self, text: str) -> list[str]:
        """Regions whose name has, for every word typed, a word it begins or is close to, closest first."""
        typed = [w for w in re.findall(r"\w+", text.lower()) if len(w) > 1]
        found: list[tuple[float, str]] = []
        for region in self.regions:
            names = [w for w in re.findall(r"\w+", self.words.title(region).lower()) if len(w) > 2]
            closeness = [
                max(
                    (1.0 if name.startswith(word) else difflib.SequenceMatcher(None, word, name).ratio())
                    for name in names
                )
                for word in typed
            ]
            if names and closeness and min(closeness) >= NAME_CLOSENESS:
                found.append((-min(closeness), region))
        return [region for _, region in sorted(found)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the filter goes into the list (at the place it shows first), Up on the list's first
        row back to the filter, so typing and choosing go together."""
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = Qt.Key(event.key())
            if watched is self.filter and key == Qt.Key.Key_Down and self.list.count():
                self.list.setCurrentRow(max(0, self.list.currentRow()))
                self.list.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if watched is self.list and key == Qt.Key.Key_Up and self.list.currentRow() <= 0:
                self.filter.setFocus(Qt.FocusReason.BacktabFocusReason)
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
