"""The kiosk's look: its two colour themes (normal and high contrast, each text pair checked for WCAG
contrast in tests/ui/kiosk/test_kiosk_contrast.py) and the style sheet built from its spec."""

from __future__ import annotations

from app.modes.spec import ModeSpec

BASE_FONT_PX = 16  # times the spec's font scale


# The kiosk's two themes (app/ui/theme.py chooses: `--contrast`, else the platform's preference);
# (text, background) pairs are checked for WCAG contrast in tests/ui/kiosk/test_kiosk_window.py.
KIOSK_COLOURS = {
    "normal": {
        "text": "#1b1b1b",
        "background": "#f4f1ea",
        "accent": "#2c5d8f",
        "muted": "#333333",
        "bar": "#e6e0d4",
        "panel": "#ffffff",
        "button": "#2c5d8f",
        "button_text": "#ffffff",
        "button_border": "#2c5d8f",
        "checked": "#173a5e",
        "checked_text": "#ffffff",
        "disabled": "#9aa7b4",
        "urgent": "#b00020",
        "selected": "#2c5d8f",
        "selected_text": "#ffffff",
        "focus": "#173a5e",
        "border": "3px",
    },
    "high": {
        "text": "#ffffff",
        "background": "#000000",
        "accent": "#ffff00",
        "muted": "#ffffff",
        "bar": "#000000",
        "panel": "#000000",
        "button": "#000000",
        "button_text": "#ffffff",
        "button_border": "#ffffff",
        "checked": "#ffff00",
        "checked_text": "#000000",
        "disabled": "#4d4d4d",
        "urgent": "#8b0000",
        "selected": "#ffff00",
        "selected_text": "#000000",
        "focus": "#ffff00",
        "border": "4px",
    },
}
KIOSK_TEXT_PAIRS = (
    ("text", "background"),
    ("text", "panel"),
    ("accent", "background"),
    ("muted", "background"),
    ("text", "bar"),
    ("button_text", "button"),
    ("checked_text", "checked"),
    ("button_text", "urgent"),
    ("selected_text", "selected"),
)


def kiosk_style(spec: ModeSpec, contrast: str = "normal") -> str:
    """The kiosk's own style sheet: big touch targets and text, in its normal or high-contrast colours."""
    base = round(BASE_FONT_PX * spec.font_scale)
    target = max(spec.touch_target_px, 24)
    c = KIOSK_COLOURS[contrast]
    return f"""
    QWidget {{ color: {c["text"]}; font-size: {base}px; }}
    QWidget#kiosk, QDialog {{ background: {c["background"]}; }}
    QLabel#heading {{ font-size: {round(base * 1.5)}px; font-weight: bold; }}
    QLabel#attract {{ font-size: {round(base * 2.6)}px; font-weight: bold; color: {c["accent"]}; }}
    QLabel#disclaimer {{ font-size: {base}px; color: {c["muted"]}; }}
    QFrame#bar {{ background: {c["bar"]}; }}
    QDialog {{ border: 3px solid {c["accent"]}; border-radius: 16px; }}
    QFrame#prompt {{ background: {c["panel"]}; border: 3px solid {c["accent"]}; border-radius: 16px;
                     padding: 24px; }}
    QPushButton {{ min-height: {target}px; min-width: {target}px; padding: 6px 18px; border-radius: 10px;
                  background: {c["button"]}; color: {c["button_text"]}; font-size: {base}px;
                  border: {c["border"]} solid {c["button_border"]}; }}
    QPushButton:checked {{ background: {c["checked"]}; color: {c["checked_text"]}; }}
    QPushButton:disabled {{ background: {c["disabled"]}; }}
    QPushButton:focus {{ border: {c["border"]} solid {c["focus"]}; }}
    QDialog#pin_pad QPushButton {{ min-height: {target * 2}px; min-width: {target * 2}px; }}
    QComboBox {{ min-height: {target}px; }}
    QComboBox QAbstractItemView::item {{ min-height: {target}px; }}
    QPushButton#urgent {{ background: {c["urgent"]}; font-weight: bold; }}
    QListWidget {{ background: {c["background"]}; border: none; font-size: {base}px; }}
    QListWidget::item {{ min-height: {target}px; padding: 8px; margin: 3px; background: {c["panel"]};
                         border-radius: 8px;
                         border: 2px solid {c["button_border"] if contrast == "high" else c["panel"]}; }}
    QListWidget::item:selected {{ background: {c["selected"]}; color: {c["selected_text"]}; }}
    QListWidget#flags::item:selected {{ background: {c["urgent"]}; color: {c["button_text"]}; }}
    QTextBrowser {{ background: {c["background"]}; border: none; font-size: {base}px; }}
    QScrollBar:vertical {{ width: {target}px; }}
    """
