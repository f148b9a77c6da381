"""Two sources side by side: what tells them apart on top, then their cards next to each other.

The 3D view draws both paths in their colours while the comparison lasts (ExplorerView follows
`Explorer.comparison`); closing this window ends it. It follows the host's explorer and lets go
when the host closes; its HTML is app/content/card_html.py's.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSplitter, QTextBrowser, QVBoxLayout

from app.content.card_html import candidate_html, card_body_html
from app.domain.explorer import Comparison
from app.scene.highlight import MECHANISM_COLOURS
from app.ui.card_words import card_words

if TYPE_CHECKING:
    from app.ui.host import Host


class CompareView(QDialog):
    def __init__(
        self,
        host: Host,
        first_section: str | None = None,
    ) -> None:
        super().__init__(host.dialog_parent())
        self.setWindowTitle(self.tr("Compare two possible sources"))
        self.setModal(False)
        self.host = host
        self.explorer = explorer = host.explorer
        self.first_section = first_section  # a card heading shown first (the mode's spec)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("<b>What tells them apart</b>"))
        layout.addWidget(heading)
        self.checks = QTextBrowser()
        self.checks.setOpenLinks(False)
        self.checks.setAccessibleName(self.tr("What tells them apart"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.checks)
        sides = QSplitter(Qt.Orientation.Horizontal)
        self.cards = (QTextBrowser(), QTextBrowser())
        for view, name in zip(self.cards, (self.tr("First source"), self.tr("Second source")), strict=False):
            view.setOpenLinks(False)
            view.setAccessibleName(name)
            sides.addWidget(view)
        splitter.addWidget(sides)
        splitter.setSizes([220, 480])
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)  # closing ends the comparison (closeEvent)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout.addWidget(buttons)
        self.resize(900, 700)
        explorer.comparison_changed.connect(self._on_comparison_change)
        host.events.closing.connect(self.close_connections)

    def _on_comparison_change(self, comparison: Comparison | None) -> None:
        if comparison is None:
            self.hide()
            return
        words = self.host.words
        references = self.explorer.knowledge.references

        def body(card_id: str) -> str:
            return card_body_html(words, card_id, references, self.first_section)

        checks = [words.card(card_id) for card_id in comparison.differentiators]
        self.checks.setHtml(
            "".join(f"<h3>{html.escape(c.title)}</h3>{body(c.id)}" for c in checks if c is not None)
            or self.tr("No bedside check in the atlas tells these two apart: compare their cards.")
        )
        for view, candidate in zip(self.cards, (comparison.first, comparison.second), strict=False):
            view.setHtml(candidate_html(candidate, words, body(candidate.card), card_words(), MECHANISM_COLOURS))
        self.show()
        self.raise_()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.explorer.stop_comparing()
        super().closeEvent(event)

    def close_connections(self) -> None:
        self.host.events.closing.disconnect(self.close_connections)
        self.explorer.comparison_changed.disconnect(self._on_comparison_change)
