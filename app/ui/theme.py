"""The window's theme: normal, or high contrast (white and yellow on black, thick focus rings).

Chosen by the "High contrast" action (Ctrl+Shift+H, remembered in QSettings), for one run by
`--contrast high|normal`, else by the platform's contrast preference (Qt 6.10's accessibility
hints). The colours are data here; `style.qss` is the template they fill, and the test checks the
contrast of every text/background pair the sheet draws (WCAG: 4.5:1, 7:1 in high contrast).
Font sizes stay with the presenter text size (app/ui/text_size.py): the sheet sizes text in em.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QColor, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QToolBar

from app.scene.highlight import MECHANISM_COLOURS
from app.ui.text_size import settings
from app.ui.window_fit import show_overflow

if TYPE_CHECKING:
    from app.ui.host import Host

CONTRASTS = ("normal", "high")
SETTINGS_KEY = "display/contrast"
SHORTCUT = "Ctrl+Shift+H"
_ASKED_PROPERTY = "referral_atlas_contrast"  # `--contrast` of this run, kept on the QApplication
_TEMPLATE = Path(__file__).with_name("style.qss")
_HIGH_TEMPLATE = Path(__file__).with_name("style_high.qss")  # added in high contrast only
ICONS = Path(__file__).with_name("icons")


@dataclass(frozen=True)
class ThemeColours:
    window: str
    text: str
    muted_text: str
    disabled_text: str  # WCAG exempts disabled controls; still kept readable
    panel: str
    title: str  # dock titles, tabs, the status line
    border: str
    control_border: str
    group_title: str
    toolbar: str
    toolbar_text: str
    toolbar_rule: str
    toolbar_hover: str
    toolbar_checked: str
    toolbar_checked_text: str
    toolbar_focus: str
    urgent: str
    urgent_text: str
    selected: str  # a checked button, a chosen list entry
    selected_text: str
    selected_card: str  # the chosen source card (its words keep the card's colours)
    selected_tab: str
    selected_tab_text: str
    status_text: str
    note: str
    note_border: str
    note_text: str
    right: str  # a quiz answer that was right, and its words
    right_text: str
    wrong: str
    wrong_text: str
    accent: str
    focus: str
    link: str
    focus_width: str  # focus rings where a control has a border anyway (2 px at least, WCAG 2.4.13)
    view_ring: str  # the 3D view's focus ring (its frame's edge)
    check: str  # a ticked check box's fill (its tick is `tick`)
    tick: str  # icons/<tick>.svg: a tick that stands out on `check`
    check_size: str  # a check box's inside: with its border (rule_width) 15 px in both themes
    rule_width: str
    hc_ring: str  # focus rings on checkboxes, sliders, lists; rules under titles (none in normal: same layout as ever)
    hc_rule: str
    toolbar_padding: str  # narrower with the thicker rings, so the toolbar still fits 1280 px
    group_padding: str  # and the layers panel 800 px
    scene_high_contrast: bool  # the 3D view: black background, thicker map boundaries


THEMES = {
    "normal": ThemeColours(
        window="#f3f5f8",
        text="#1d232b",
        muted_text="#4a5566",
        disabled_text="#6b7480",
        panel="#ffffff",
        title="#e3e7ec",
        border="#d6dbe1",
        control_border="#b9c1cc",
        group_title="#3b4552",
        toolbar="#2b323c",
        toolbar_text="#eef1f4",
        toolbar_rule="#5b6778",
        toolbar_hover="#3b4552",
        toolbar_checked="#4a5566",
        toolbar_checked_text="#eef1f4",
        toolbar_focus="#88ccee",
        urgent=MECHANISM_COLOURS["urgent"],
        urgent_text="#ffffff",
        selected="#dde6f3",
        selected_text="#1d232b",
        selected_card="#dde6f3",
        selected_tab="#ffffff",
        selected_tab_text="#1d232b",
        status_text="#2b323c",
        note="#fff4d6",
        note_border="#e0c060",
        note_text="#5c4300",
        right="#d7efe9",
        right_text="#1b5e52",
        wrong="#fadde1",
        wrong_text="#8a1c2b",
        accent=MECHANISM_COLOURS["referred"],
        focus=MECHANISM_COLOURS["referred"],
        link="#1f5a96",
        focus_width="2px",
        view_ring="3px",
        check=MECHANISM_COLOURS["referred"],
        tick="tick_light",
        check_size="13px",
        rule_width="1px",
        hc_ring="0px",
        hc_rule="0px",
        toolbar_padding="4px 6px",
        group_padding="6px",
        scene_high_contrast=False,
    ),
    "high": ThemeColours(
        window="#000000",
        text="#ffffff",
        muted_text="#ffffff",
        disabled_text="#b0b0b0",
        panel="#000000",
        title="#000000",
        border="#ffffff",
        control_border="#ffffff",
        group_title="#ffffff",
        toolbar="#000000",
        toolbar_text="#ffffff",
        toolbar_rule="#ffffff",
        toolbar_hover="#000000",
        toolbar_checked="#ffff00",
        toolbar_checked_text="#000000",
        toolbar_focus="#ffff00",
        urgent="#7a1f55",
        urgent_text="#ffffff",
        selected="#ffff00",
        selected_text="#000000",
        selected_card="#000000",
        selected_tab="#ffff00",
        selected_tab_text="#000000",
        status_text="#ffffff",
        note="#000000",
        note_border="#ffff00",
        note_text="#ffffff",
        right="#000000",
        right_text="#ffffff",
        wrong="#000000",
        wrong_text="#ffffff",
        accent="#ffff00",
        focus="#ffff00",
        link="#ffff00",
        focus_width="3px",
        view_ring="4px",
        check="#ffff00",
        tick="tick_dark",
        check_size="11px",
        rule_width="2px",
        hc_ring="2px",
        hc_rule="2px",
        toolbar_padding="2px 3px",
        group_padding="2px",
        scene_high_contrast=True,
    ),
}
# (foreground, background) fields of every text the sheet draws, for the contrast test
TEXT_PAIRS = (
    ("text", "window"),
    ("text", "panel"),
    ("text", "title"),
    ("muted_text", "panel"),
    ("muted_text", "window"),
    ("group_title", "panel"),
    ("toolbar_text", "toolbar"),
    ("toolbar_text", "toolbar_hover"),
    ("toolbar_checked_text", "toolbar_checked"),
    ("urgent_text", "urgent"),
    ("selected_text", "selected"),
    ("text", "selected_card"),
    ("muted_text", "selected_card"),
    ("selected_tab_text", "selected_tab"),
    ("status_text", "title"),
    ("text", "note"),
    ("note_text", "note"),
    ("right_text", "right"),
    ("wrong_text", "wrong"),
    ("link", "panel"),
)
# focus rings and the chosen card's edge against what they are drawn on (WCAG 1.4.11: 3:1)
OUTLINE_PAIRS = (("focus", "panel"), ("focus", "window"), ("toolbar_focus", "toolbar"), ("accent", "panel"))


def style_sheet(contrast: str) -> str:
    """The window's style sheet in one theme."""
    colours = THEMES[contrast]
    edges = "\n".join(
        f'#sourceCard[mechanism="{mechanism}"] {{ border-left: 6px solid {colour}; }}'
        for mechanism, colour in MECHANISM_COLOURS.items()
    )
    values = {name: str(value) for name, value in asdict(colours).items()}
    values["tick_icon"] = (ICONS / f"{colours.tick}.svg").as_posix()
    templates = [_TEMPLATE] + ([_HIGH_TEMPLATE] if contrast == "high" else [])
    text = "\n".join(path.read_text(encoding="utf-8") for path in templates)
    return Template(text).substitute(values, mechanism_edges=edges)


def ask(contrast: str | None) -> None:
    """The command line's choice (`--contrast`) for this run; None leaves it to the saved one."""
    QApplication.instance().setProperty(_ASKED_PROPERTY, contrast or "")


def platform_contrast() -> str:
    """'high' when the platform asks for high contrast (Qt 6.10+), else 'normal'."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)  # Qt before 6.10 has no contrast hint
    if accessibility is None:
        return "normal"
    return "high" if accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast else "normal"


def chosen_contrast() -> str:
    """This run's `--contrast`, else the one chosen last time, else the platform's."""
    asked = QApplication.instance().property(_ASKED_PROPERTY)
    if asked in CONTRASTS:
        return str(asked)
    saved = settings().value(SETTINGS_KEY, "")
    return str(saved) if saved in CONTRASTS else platform_contrast()


class Theme(QObject):
    """The host window's theme and its checkable action (added to the window, so the key works
    anywhere). It writes the scene's contrast to the host's view state and announces `applied`:
    what shows HTML listens, to parse it again with the new link colour."""

    applied = Signal()

    def __init__(self, host: Host) -> None:
        window = host.dialog_parent()
        super().__init__(window)
        self.host = host
        self.window = window
        self.action = QAction(self.tr("Contrast"), window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.setToolTip(
            self.tr("High contrast: white and yellow on black, thick focus rings ({0})").format(SHORTCUT)
        )
        self.action.toggled.connect(self._on_toggled)
        window.addAction(self.action)
        self.contrast = ""
        hints = QGuiApplication.styleHints()
        self._accessibility = hints.accessibility() if hasattr(hints, "accessibility") else None
        if self._accessibility is not None:
            self._accessibility.contrastPreferenceChanged.connect(self._on_platform_change)
        self.set_contrast(chosen_contrast(), remember=False)
        host.events.closing.connect(self.close)

    def set_contrast(self, contrast: str, remember: bool = True) -> None:
        if remember:
            settings().setValue(SETTINGS_KEY, contrast)
            ask(None)  # a choice in the window outlasts the command line's for this run
        changed = contrast != self.contrast
        self.contrast = contrast
        self.action.blockSignals(True)
        self.action.setChecked(contrast == "high")
        self.action.blockSignals(False)
        if changed:
            self.apply()

    def apply(self) -> None:
        """Set the sheet again (after a theme or font change: the same sheet again would be a no-op)."""
        colours = THEMES[self.contrast]
        # Qt colours a link when it parses the HTML, from the application's palette (a widget's
        # or the sheet's colour is not used): cards shown from now on get the theme's links.
        palette = QApplication.palette()
        for role in (QPalette.ColorRole.Link, QPalette.ColorRole.LinkVisited):
            palette.setColor(role, QColor(colours.link))
        QApplication.setPalette(palette)
        self.window.setStyleSheet("")
        self.window.setStyleSheet(style_sheet(self.contrast))
        for toolbar in self.window.findChildren(QToolBar):
            self.show_overflow(toolbar)
        self.host.state.high_contrast = colours.scene_high_contrast
        self.applied.emit()

    def show_overflow(self, toolbar: QToolBar) -> None:
        """The toolbar's overflow button in the theme's colours (app/ui/window_fit.py)."""
        show_overflow(toolbar, THEMES[self.contrast].toolbar_text)

    def close(self) -> None:
        """Stop following the platform (the window is going; it may close twice). The link
        colours stay: a window opened next (another language) sets its own."""
        if self.close in self.host.events.closing:
            self.host.events.closing.disconnect(self.close)
        if self._accessibility is not None:
            self._accessibility.contrastPreferenceChanged.disconnect(self._on_platform_change)
            self._accessibility = None

    def _on_toggled(self, on: bool) -> None:
        self.set_contrast("high" if on else "normal")
        self.host.show_status(self.tr("High contrast on") if on else self.tr("High contrast off"))

    def _on_platform_change(self, _preference: object) -> None:
        """Follow the platform while the person has chosen nothing here."""
        if settings().value(SETTINGS_KEY, "") not in CONTRASTS:
            self.set_contrast(chosen_contrast(), remember=False)
